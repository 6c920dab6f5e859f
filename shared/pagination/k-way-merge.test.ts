import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../shards/key-shards';
import { mergeShards, type ShardReader } from './k-way-merge';

/**
 * Shards as DynamoDB serves a Query: ascending keys after `after`, `limit` entries examined, the
 * filter applied after the limit, the last examined key returned when the limit was reached.
 */
const shardsOf = (keys: readonly string[][], keep: (key: string) => boolean = () => true) => {
  const calls: { shard: number; limit: number }[] = [];
  const read: ShardReader<string> = async (shard, after, limit) => {
    calls.push({ shard, limit });
    const sorted = [...keys[shard]!].sort();
    const examined = sorted.filter((k) => after === undefined || k > after).slice(0, limit);
    return { items: examined.filter(keep), next: examined.length === limit ? examined.at(-1)! : null };
  };
  return { read, calls };
};

/** Every page from the start, following cursors. */
const allPages = async (shards: string[][], limit: number, keep?: (key: string) => boolean, maxReads?: number) => {
  const { read } = shardsOf(shards, keep);
  const pages: string[][] = [];
  let after: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = await mergeShards({ shards: shards.length, limit, after, sortKey: (k) => k, read, maxReads });
    pages.push(page.items);
    if (page.next === null) return pages;
    after = page.next;
  }
  throw new Error('no last page');
};

const keySets = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 80 });

describe('mergeShards', () => {
  it('pages through every shard as one sorted list (M1, M2)', async () => {
    await fc.assert(fc.asyncProperty(keySets, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1000 }),
      async (keys, shards, limit, salt) => {
        const spread: string[][] = Array.from({ length: shards }, () => []);
        keys.forEach((k, i) => { spread[(i * 7 + salt) % shards]!.push(k); });
        const pages = await allPages(spread, limit);
        expect(pages.flat()).toEqual([...keys].sort());
        for (const page of pages.slice(0, -1)) expect(page.length).toBe(limit);
      }));
  });

  it('gives the same sequence with a filter, even when the read budget ends a page early (M3)', async () => {
    await fc.assert(fc.asyncProperty(keySets, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 4 }),
      async (keys, shards, limit, budget) => {
        const spread: string[][] = Array.from({ length: shards }, () => []);
        keys.forEach((k, i) => { spread[i % shards]!.push(k); });
        const keep = (k: string) => k.endsWith('0') || k.endsWith('5');
        const pages = await allPages(spread, limit, keep, shards + budget);
        expect(pages.flat()).toEqual(keys.filter(keep).sort());
      }));
  });

  it('returns no entry twice and skips none while entries are inserted between pages (M2)', async () => {
    await fc.assert(fc.asyncProperty(keySets, fc.array(keySets, { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }),
      async (initial, inserts, shards, limit) => {
        const spread: string[][] = Array.from({ length: shards }, () => []);
        const place = (k: string) => spread[k.charCodeAt(0) % shards]!;
        const present = new Set<string>();
        for (const k of initial) { place(k).push(k); present.add(k); }
        const { read } = shardsOf(spread);
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 10_000; page++) {
          const out = await mergeShards({ shards, limit, after, sortKey: (k) => k, read });
          seen.push(...out.items);
          for (const k of inserts[page] ?? []) if (!present.has(k)) { place(k).push(k); present.add(k); }
          if (out.next === null) break;
          after = out.next;
        }
        // Strictly ascending: nothing repeated, in order; every entry there from the start is seen.
        for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!).toBe(true);
        for (const k of initial) expect(seen).toContain(k);
        // An inserted entry is seen exactly when it sorts after the cursor it was inserted behind.
        expect(seen.every((k) => present.has(k))).toBe(true);
      }));
  });

  it('reads each shard for about its share of the page, and only the shards it needs (M3)', async () => {
    const shards = [['a1', 'a2', 'a3', 'a4', 'a5'], ['b1', 'b2', 'b3', 'b4', 'b5'], ['c1', 'c2', 'c3', 'c4', 'c5'], ['d1', 'd2', 'd3', 'd4', 'd5']];
    const { read, calls } = shardsOf(shards);
    const page = await mergeShards({ shards: 4, limit: 6, sortKey: (k) => k, read });
    expect(page.items).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1']);
    expect(page.next).toBe('b1');
    // Four reads of ceil(6 / 4) + 1 = 3, then one more of shard a (its head was the smallest): never a full page per shard.
    expect(calls).toEqual([{ shard: 0, limit: 3 }, { shard: 1, limit: 3 }, { shard: 2, limit: 3 }, { shard: 3, limit: 3 }, { shard: 0, limit: 2 }, { shard: 0, limit: 1 }]);
  });

  it('one shard reads like a plain Query page', async () => {
    const { read, calls } = shardsOf([['k1', 'k2', 'k3']]);
    expect(await mergeShards({ shards: 1, limit: 2, sortKey: (k) => k, read })).toEqual({ items: ['k1', 'k2'], next: 'k2' });
    expect(await mergeShards({ shards: 1, limit: 2, after: 'k2', sortKey: (k) => k, read })).toEqual({ items: ['k3'], next: null });
    expect(calls).toEqual([{ shard: 0, limit: 2 }, { shard: 0, limit: 2 }]);
  });

  it('sees every item added after the cursor between pages, each once, in order (M2: an outbox pulled while events arrive)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 6 }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 7 }),
      fc.uniqueArray(fc.string({ minLength: 5, maxLength: 6 }), { maxLength: 20 }),
      async (count, keys, limit, later) => {
        const shards: string[][] = Array.from({ length: count }, () => []);
        for (const k of keys) shards[shardOf(k, count)]!.push(k);
        const { read } = shardsOf(shards);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pending = [...later].sort();
        for (let guard = 0; guard < 1000; guard++) {
          const page = await mergeShards({ shards: count, limit, after: cursor, sortKey: (k) => k, read });
          seen.push(...page.items);
          cursor = page.next ?? page.items.at(-1) ?? cursor;
          // Written between pulls, after the cursor (as a newer event is).
          const next = pending.filter((k) => cursor === undefined || k > cursor).slice(0, 2);
          pending = pending.filter((k) => !next.includes(k));
          for (const k of next) if (!keys.includes(k)) shards[shardOf(k, count)]!.push(k);
          if (page.next === null && next.length === 0) break;
        }
        expect(seen).toEqual(shards.flat().sort());
      }));
  });

  it('reads each shard once to its end when the reader says so (a paid day: every shard whole, merged)', async () => {
    const calls: number[] = [];
    const read: ShardReader<string> = async (shard) => {
      calls.push(shard);
      return { items: [['a', 'd'], ['b', 'c', 'e'], []][shard]!, next: null };
    };
    expect(await mergeShards({ shards: 3, limit: Number.POSITIVE_INFINITY, sortKey: (k) => k, read })).toEqual({ items: ['a', 'b', 'c', 'd', 'e'], next: null });
    expect(calls.sort()).toEqual([0, 1, 2]);
  });
});
