import { describe, expect, it } from 'vitest';
import { isErrorKind } from '../errors/domain-error';
import { createOnce, fingerprintOf, replayTarget, type CreateOnceSteps, type KeyRecord } from './create-once';

const noSleep = async () => {};

/** A key store as the transaction would leave it: the record and the item appear together. */
const world = () => {
  const keys = new Map<string, KeyRecord>();
  const items = new Map<string, string>();
  let next = 0;
  const steps = (key: string, request: unknown, hooks: { beforeWrite?: () => void } = {}): CreateOnceSteps<string> => ({
    fingerprint: fingerprintOf(request),
    readKey: async () => keys.get(key),
    replay: async (id) => items.get(id),
    create: async () => {
      hooks.beforeWrite?.();
      if (keys.has(key)) return { keyTaken: true };
      const id = `item-${++next}`;
      keys.set(key, { resultId: id, fingerprint: fingerprintOf(request) });
      items.set(id, `${id} made for ${JSON.stringify(request)}`);
      return { created: items.get(id)! };
    },
  });
  return { keys, items, steps };
};

describe('fingerprintOf', () => {
  it('is the same for equal JSON values whatever their key order, and differs for another request', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(fingerprintOf({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf({ list: [1, 2] })).not.toBe(fingerprintOf({ list: [2, 1] }));
    expect(fingerprintOf({ dossierId: 'd-1' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('replayTarget', () => {
  it('nothing for a new key, the first result for the same request, 422 IDEMPOTENCY_KEY_REUSED for another', () => {
    const seen = { resultId: 'r-1', fingerprint: fingerprintOf({ x: 1 }) };
    expect(replayTarget(undefined, fingerprintOf({ x: 1 }))).toBeUndefined();
    expect(replayTarget(seen, fingerprintOf({ x: 1 }))).toBe('r-1');
    let error: unknown;
    try {
      replayTarget(seen, fingerprintOf({ x: 2 }));
    } catch (e) {
      error = e;
    }
    expect(isErrorKind(error, 'unprocessable') && error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('createOnce', () => {
  it('creates once; a replay of the same request returns the first result without creating', async () => {
    const w = world();
    const first = await createOnce(w.steps('k', { a: 1 }), { sleep: noSleep });
    const again = await createOnce(w.steps('k', { a: 1 }), { sleep: noSleep });
    expect(again).toBe(first);
    expect(w.items.size).toBe(1);
  });

  it('refuses the key with another request (422), creating nothing', async () => {
    const w = world();
    await createOnce(w.steps('k', { a: 1 }), { sleep: noSleep });
    await expect(createOnce(w.steps('k', { a: 2 }), { sleep: noSleep })).rejects.toMatchObject({ kind: 'unprocessable', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(w.items.size).toBe(1);
  });

  it('a twin that lost the write answers with the winner’s result once it is visible', async () => {
    const w = world();
    let readsBeforeWinner = 2;
    const twin: CreateOnceSteps<string> = {
      ...w.steps('k', { a: 1 }),
      // The winner's transaction commits while this twin waits.
      readKey: async () => (readsBeforeWinner-- > 0 ? undefined : w.keys.get('k')),
      create: async () => {
        await createOnce(w.steps('k', { a: 1 }), { sleep: noSleep });
        return { keyTaken: true };
      },
    };
    const pauses: number[] = [];
    const result = await createOnce(twin, { sleep: async (ms) => { pauses.push(ms); } });
    expect(result).toBe('item-1 made for {"a":1}');
    expect(w.items.size).toBe(1);
    expect(pauses).toHaveLength(1);
  });

  it('a twin whose winner never shows gives up with 409 IDEMPOTENCY_IN_PROGRESS after the policy’s attempts', async () => {
    let reads = 0;
    const steps: CreateOnceSteps<string> = {
      fingerprint: fingerprintOf({ a: 1 }),
      readKey: async () => { reads++; return undefined; },
      replay: async () => 'never',
      create: async () => ({ keyTaken: true }),
    };
    await expect(createOnce(steps, { wait: { attempts: 3, baseMs: 1 }, sleep: noSleep }))
      .rejects.toMatchObject({ kind: 'conflict', code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(reads).toBe(1 + 3);
  });

  it('a twin that lost to another request with the same key is refused as a reuse, not kept waiting', async () => {
    const w = world();
    const loser: CreateOnceSteps<string> = {
      ...w.steps('k', { a: 2 }),
      create: async () => {
        await createOnce(w.steps('k', { a: 1 }), { sleep: noSleep });
        return { keyTaken: true };
      },
    };
    await expect(createOnce(loser, { sleep: noSleep })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('an error of the checks (before any write) reaches the caller and writes nothing', async () => {
    const w = world();
    const steps = { ...w.steps('k', { a: 1 }), create: async () => { throw new Error('no such procedure'); } };
    await expect(createOnce(steps, { sleep: noSleep })).rejects.toThrow('no such procedure');
    expect(w.keys.size).toBe(0);
  });
});
