// The registry as warm functions read it (docs/identity.md "The registry in warm functions"): the
// outbound path lists it once per TTL, not once per message; the function's own writes clear it.
// Over a small in-memory document client (no emulator).
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { WarmCache } from '../../../shared/cache/warm-cache';
import { agencySystemsFor } from '../outbound';
import { AgencySystemRegistry, type AgencySystemRecord } from './registry';
import { AesGcmSecretSealer } from './secret-sealer';

const memoryTable = () => {
  const items = new Map<string, Record<string, unknown>>();
  const counts = { query: 0 };
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const input = command.input;
      switch (command.constructor.name) {
        case 'PutCommand': {
          const item = input.Item as Record<string, unknown>;
          items.set(String(item.pk), structuredClone(item));
          return {};
        }
        case 'GetCommand': return { Item: items.get(String((input.Key as Record<string, unknown>).pk)) };
        case 'QueryCommand': {
          counts.query++;
          const listed = [...items.values()].filter((i) => i.gsi1pk === 'SYSTEM').sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)));
          return { Items: listed.map((i) => structuredClone(i)) };
        }
        default: throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, counts };
};

const setup = (ttlMs: number) => {
  let t = 0;
  const table = memoryTable();
  const cache = new WarmCache<AgencySystemRecord[]>({ ttlMs, now: () => t });
  const registry = new AgencySystemRegistry(table.client, 'identity', new AesGcmSecretSealer(randomBytes(32)), cache);
  return { registry, table, advance: (ms: number) => { t += ms; } };
};

const system = (keyId: string, agencyCodes: string[]) =>
  ({ keyId, name: `Hệ thống ${keyId}`, agencyCodes, endpointUrl: `https://${keyId}.example.vn/events` });
const NOW = { now: new Date('2026-03-02T02:00:00Z') };

describe('the registry in a warm function', () => {
  it('lists the registry once per TTL for the outbound messages in between', async () => {
    const { registry, table, advance } = setup(60_000);
    await registry.register(system('hcm', ['000.00.00.H29']), NOW);
    const agency = { code: '000.00.00.H29', parentCode: null };
    const burst = await Promise.all(Array.from({ length: 20 }, () => agencySystemsFor(agency, registry)));
    expect(burst.every((s) => s.length === 1 && s[0]!.keyId === 'hcm' && typeof s[0]!.secret === 'string')).toBe(true);
    advance(59_000);
    await agencySystemsFor(agency, registry);
    expect(table.counts.query).toBe(1);
    advance(1_000);
    await agencySystemsFor(agency, registry);
    expect(table.counts.query).toBe(2);
  });

  it('serves a system registered elsewhere within the TTL, and at once after this function\'s own write', async () => {
    const { registry, table, advance } = setup(60_000);
    const agency = { code: '000.00.00.H26', parentCode: null };
    expect(await agencySystemsFor(agency, registry)).toEqual([]);
    // Another function (another registry, another cache) registers: this one still serves its list.
    const elsewhere = new AgencySystemRegistry(table.client, 'identity', new AesGcmSecretSealer(randomBytes(32)), new WarmCache({ ttlMs: 60_000 }));
    await elsewhere.register(system('hn', ['000.00.00.H26']), NOW);
    expect(await agencySystemsFor(agency, registry)).toEqual([]);
    advance(60_000);
    expect((await agencySystemsFor(agency, registry)).map((s) => s.keyId)).toEqual(['hn']);
    // Its own write (rotate, revoke, register) clears its list.
    const { record } = await registry.register(system('hn-2', ['000.00.00.H26']), NOW);
    expect((await agencySystemsFor(agency, registry)).map((s) => s.keyId)).toEqual(['hn', 'hn-2']);
    await registry.revoke('hn-2', record.secrets[0]!.id, NOW);
    expect((await agencySystemsFor(agency, registry)).map((s) => s.keyId)).toEqual(['hn']);
  });

  it('reads the registry for every message with a TTL of 0 (the local runtime)', async () => {
    const { registry, table } = setup(0);
    await agencySystemsFor({ code: 'x', parentCode: null }, registry);
    await agencySystemsFor({ code: 'x', parentCode: null }, registry);
    expect(table.counts.query).toBe(2);
  });
});
