import { describe, expect, it } from 'vitest';
import { AGENCY_SHARDS } from '../../../shared/platform/agency-shards';
import { listShardCount, listShardOf, listShardPk } from './list-shards';

const ids = Array.from({ length: 400 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('list shards', () => {
  it('shards only the busiest agencies, a sixteenth of their declared shards, powers of two', () => {
    expect(listShardCount('000.00.00.H17')).toBe(4); // 64 agency shards
    expect(listShardCount('000.00.00.H20')).toBe(2); // 32
    expect(listShardCount('000.00.00.H37')).toBe(1); // 16
    expect(listShardCount('000.00.00.H26')).toBe(1); // 8
    expect(listShardCount('no-such-agency')).toBe(1);
    const sharded = Object.keys(AGENCY_SHARDS).filter((code) => listShardCount(code) > 1);
    expect(sharded.sort()).toEqual(['000.00.00.H12', '000.00.00.H17', '000.00.00.H20', '000.00.00.H53']);
    for (const code of Object.keys(AGENCY_SHARDS)) expect(Math.log2(listShardCount(code)) % 1).toBe(0);
  });

  it('keeps today\'s key for shard 0 (every dossier of an unsharded agency) and spreads the others', () => {
    expect(listShardPk('QUEUE#A#open', 0)).toBe('QUEUE#A#open');
    expect(listShardPk('QUEUE#A#open', 3)).toBe('QUEUE#A#open#s3');
    for (const id of ids) expect(listShardOf(id, '000.00.00.H26')).toBe(0);
    const used = new Set(ids.map((id) => listShardOf(id, '000.00.00.H17')));
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
  });

  it('leaves a dossier on a shard a raised count still reads (a power of two divides the next)', () => {
    for (const id of ids) {
      const before = listShardOf(id, '000.00.00.H20'); // 2 shards
      const after = listShardOf(id, '000.00.00.H17'); // 4 shards
      expect(after % 2).toBe(before);
    }
  });
});
