import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardKey, shardKeys, shardOf } from '../shards/key-shards';
import { mergeShardPages, type ShardPage } from './k-way-merge';

const id = (s: string) => s;

/** Shards in memory, read as DynamoDB would: items after the cursor, at most `perQuery`, `more` when some are left. */
const pull = (shards: string[][], after: string | undefined, limit: number, perQuery: number) => {
  const pages: ShardPage<string>[] = shards.map((items) => {
    const rest = items.filter((k) => after === undefined || k > after).sort();
    return { items: rest.slice(0, perQuery), more: rest.length > perQuery };
  });
  return mergeShardPages(pages, id, limit);
};

describe('mergeShardPages', () => {
  it('merges by sort key and cuts at the limit', () => {
    const page = mergeShardPages([{ items: ['a', 'd'], more: false }, { items: ['b', 'c', 'e'], more: false }], id, 3);
    expect(page).toEqual({ items: ['a', 'b', 'c'], more: true });
    expect(mergeShardPages([{ items: ['a'], more: false }, { items: [], more: false }], id, 3)).toEqual({ items: ['a'], more: false });
  });

  it('never returns past the last item of a shard that has more', () => {
    // Shard 1 stopped at 'b' (its page was full): its next item could be 'c', before shard 0's 'd'.
    const page = mergeShardPages([{ items: ['a', 'd', 'e'], more: false }, { items: ['b'], more: true }], id, 10);
    expect(page).toEqual({ items: ['a', 'b'], more: true });
  });

  it('refuses a shard that has more but returned nothing (no progress possible)', () => {
    expect(() => mergeShardPages([{ items: [], more: true }], id, 10)).toThrow(/returned nothing/);
  });

  it('pulled with its cursor, returns every item once, in order, items added meanwhile included (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 5 }),
      fc.uniqueArray(fc.string({ minLength: 5, maxLength: 6 }), { maxLength: 20 }),
      (count, keys, limit, perQuery, later) => {
        const shards: string[][] = Array.from({ length: count }, () => []);
        for (const k of keys) shards[shardOf(k, count)]!.push(k);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pending = [...later].sort();
        for (let guard = 0; guard < 1000; guard++) {
          const page = pull(shards, cursor, limit, perQuery);
          seen.push(...page.items);
          cursor = page.items.at(-1) ?? cursor;
          // Written between pulls, after the cursor (as a newer event is).
          const next = pending.filter((k) => cursor === undefined || k > cursor).slice(0, 2);
          pending = pending.filter((k) => !next.includes(k));
          for (const k of next) if (!keys.includes(k)) shards[shardOf(k, count)]!.push(k);
          if (!page.more && next.length === 0) break;
        }
        const all = shards.flat().sort();
        expect(seen).toEqual(all);
      },
    ), { numRuns: 300 });
  });
});

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
});
