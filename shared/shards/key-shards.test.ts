import { describe, expect, it } from 'vitest';
import { shardKey, shardKeys, shardOf } from './key-shards';

describe('key shards', () => {
  it('keeps shard 0 as the unsharded key and places an id on one stable shard', () => {
    expect(shardKeys('OUT#hcm', 3)).toEqual(['OUT#hcm', 'OUT#hcm#s1', 'OUT#hcm#s2']);
    expect(shardKey('PAID#vnpay#2026-03-02', 0)).toBe('PAID#vnpay#2026-03-02');
    expect(shardOf('dossier-1', 8)).toBe(shardOf('dossier-1', 8));
    expect(shardOf('anything', 1)).toBe(0);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`d-${i}`, 8)));
    expect(spread.size).toBe(8);
    expect(() => shardOf('x', 0)).toThrow();
  });

  it('is the hash every sharded key family used before it was shared: sha256, first 4 bytes, mod count', () => {
    // Keys written by the counters, lists and sync-ratio shards before stay where their readers look.
    expect(shardOf('dossier-1', 2 ** 31)).toBe(1557708163);
    expect(shardOf('dossier-1', 64)).toBe(3);
  });
});
