import { describe, expect, it } from 'vitest';
import { AGENCY_SHARDS, agencyShardCount } from './agency-shards';

describe('the per-agency shard declaration', () => {
  it('declares powers of two only (a raised count keeps every dossier on a shard its readers read), one shard for undeclared agencies', () => {
    for (const count of Object.values(AGENCY_SHARDS)) expect(Math.log2(count) % 1).toBe(0);
    expect(Object.values(AGENCY_SHARDS).filter((n) => n > 1)).toHaveLength(129);
    expect(Object.values(AGENCY_SHARDS).reduce((a, b) => a + b, 0)).toBe(628);
    expect(agencyShardCount('no-such-agency')).toBe(1);
    expect(agencyShardCount('000.00.00.H17')).toBe(64);
  });
});
