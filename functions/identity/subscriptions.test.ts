// The warm view of the registry outbound sync asks for every dossier event: cached a minute, but a
// "no" only from a listing made after the event, and only systems with an active secret count.
import { describe, expect, it } from 'vitest';
import type { AgencySystemRecord } from './domain/agency-system';
import { subscriptionView } from './subscriptions';

type Listed = Pick<AgencySystemRecord, 'keyId' | 'agencyCodes' | 'secrets'>;
const system = (keyId: string, agencyCodes: string[], active = true): Listed => ({
  keyId, agencyCodes, secrets: [{ id: 's1', createdAt: '2026-01-01T00:00:00Z', status: active ? 'active' : 'revoked', ...(active ? { sealed: 'x' } : {}) }],
});
const setup = (initial: Listed[]) => {
  let clock = 1_000_000;
  let registry = initial;
  let listings = 0;
  const view = subscriptionView(async () => { listings += 1; return registry; }, { ttlMs: 60_000, now: () => clock });
  return {
    view, listings: () => listings,
    tick: (ms: number) => { clock += ms; }, at: (offset = 0) => new Date(clock + offset),
    register: (s: Listed) => { registry = [...registry, s]; },
  };
};
const PROVINCE = '000.00.00.H26';
const COMMUNE = { code: '000.00.00004.H26', parentCode: PROVINCE };

describe('subscriptionView', () => {
  it('covers an agency through its own code or its province\'s; revoked systems do not count', async () => {
    const t = setup([system('hn', [PROVINCE]), system('old', ['000.00.00.H01'], false)]);
    expect(await t.view(COMMUNE, t.at(-1))).toBe(true);
    expect(await t.view({ code: PROVINCE, parentCode: null }, t.at(-1))).toBe(true);
    expect(await t.view({ code: '000.00.00.H01', parentCode: null }, t.at(-1))).toBe(false);
  });

  it('answers from one listing for a minute', async () => {
    const t = setup([system('hn', [PROVINCE])]);
    for (let i = 0; i < 5; i++) {
      expect(await t.view(COMMUNE, t.at(-1))).toBe(true);
      t.tick(10_000);
    }
    expect(t.listings()).toBe(1);
    t.tick(20_000);
    await t.view(COMMUNE, t.at(-1));
    expect(t.listings()).toBe(2);
  });

  it('never misses a system registered before the event: a "no" from an older listing is asked again', async () => {
    const t = setup([]);
    expect(await t.view(COMMUNE, t.at(-1))).toBe(false);
    expect(t.listings()).toBe(1);
    t.tick(5_000);
    t.register(system('hn', [PROVINCE]));
    // The event after the registration, the view from before it: listed again.
    expect(await t.view(COMMUNE, t.at(-1))).toBe(true);
    expect(t.listings()).toBe(2);
    // An event older than the listing is answered from it.
    expect(await t.view({ code: 'X', parentCode: null }, t.at(-1))).toBe(false);
    expect(t.listings()).toBe(2);
  });

  it('does not keep a failed listing', async () => {
    let fail = true;
    const view = subscriptionView(async () => { if (fail) throw new Error('down'); return [system('hn', [PROVINCE])]; });
    await expect(view(COMMUNE, new Date(0))).rejects.toThrow('down');
    fail = false;
    expect(await view(COMMUNE, new Date(0))).toBe(true);
  });
});
