import { describe, expect, it } from 'vitest';
import { counterPk, counterShardOf } from './counter-shards';

const ids = Array.from({ length: 2000 }, (_, i) => `dossier-${i}`);

describe('counter shards', () => {
  it('puts a dossier on the same shard every time, within [0, count)', () => {
    for (const count of [1, 2, 8, 64]) {
      for (const id of ids) {
        const shard = counterShardOf(id, count);
        expect(shard).toBe(counterShardOf(id, count));
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(count);
      }
    }
  });

  it('spreads dossiers over every shard', () => {
    const used = new Map<number, number>();
    for (const id of ids) used.set(counterShardOf(id, 8), (used.get(counterShardOf(id, 8)) ?? 0) + 1);
    expect(used.size).toBe(8);
    for (const n of used.values()) expect(n).toBeGreaterThan(ids.length / 8 / 2);
  });

  it('keeps the unsharded key for shard 0 and for every dossier of a one-shard agency', () => {
    expect(counterPk('000.00.00.H01', 0)).toBe('AGG#000.00.00.H01');
    expect(counterPk('000.00.00.H01', 3)).toBe('AGG#000.00.00.H01#3');
    for (const id of ids.slice(0, 50)) expect(counterShardOf(id, 1)).toBe(0);
  });

  it('refuses a count that is not a power of two', () => {
    for (const count of [0, 3, 6, 1.5, -2]) expect(() => counterShardOf('d', count)).toThrow(/power of two/);
  });
});
