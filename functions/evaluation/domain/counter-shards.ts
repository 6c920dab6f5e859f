// Write shards of the index counters (docs/capacity.md "Design: the index counters"): an
// agency-month's counters are spread over `AGG#<agency>#<shard>` items, the shard a hash of the
// dossier id, so the busiest agencies' counter transactions do not all meet on one item. Shard 0 is
// today's key `AGG#<agency>`: nothing moves when an agency is first sharded.
//
// The counts are declared once (shared/platform/agency-shards.ts `AGENCY_SHARDS`: 129 agencies, 628
// items; every other agency has one shard), read by the projection's writer, by `counters()` (which sums
// every shard) and by the capacity model. A count is a power of two and is only ever RAISED: a
// reader reads the declared count, so lowering it would drop shards from the sum. Raising it is
// safe: a dossier whose shard changes subtracts its old contribution on its new shard, and the sum
// over all shards stays exact (a shard may hold negative values, never the sum).
import { shardOf } from '../../../shared/shards/key-shards';

/** The shard in [0, count) a dossier's counter deltas land on: stable for a given id and count. */
export const counterShardOf = (dossierId: string, count: number): number => {
  if (!Number.isInteger(count) || count < 1 || (count & (count - 1)) !== 0) throw new Error(`counter shards: ${count} is not a power of two`);
  return shardOf(dossierId, count);
};

/** The counters item's partition key of an agency's shard; shard 0 is the unsharded key. */
export const counterPk = (agencyCode: string, shard: number): string => (shard === 0 ? `AGG#${agencyCode}` : `AGG#${agencyCode}#${shard}`);
