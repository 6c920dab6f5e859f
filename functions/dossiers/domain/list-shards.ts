// Write shards of an agency's work-queue lists (docs/capacity.md "Design: the work-queue lists"):
// the busiest agencies' list keys `QUEUE#<agency>#open|closed` and `STATUS#<agency>#<status>` are
// spread over `…#s<shard>` keys, the shard a hash of the dossier id; shard 0 is the unsharded key,
// so nothing moves when an agency is first sharded, and a dossier's entries in both lists share one
// shard (shared/shards/key-shards.ts). Readers query every shard and merge them by sort key
// (shared/pagination/k-way-merge.ts).
//
// The counts come from the one declaration of per-agency shards (shared/platform/agency-shards.ts):
// a list entry is about a sixteenth of the load the index counters put on an agency's items
// (bench/capacity, docs/capacity.md), so an agency's lists take a sixteenth of its shards, at
// least one. Raising a declared count only ever raises this one (see agency-shards.ts).
import { agencyShardCount } from '../../../shared/platform/agency-shards';
import { shardKey, shardOf } from '../../../shared/shards/key-shards';

/** Agency shards per list shard. */
export const AGENCY_SHARDS_PER_LIST_SHARD = 16;

/** How many shards an agency's list keys are spread over (a power of two, 1 for most agencies). */
export const listShardCount = (agencyCode: string): number =>
  Math.max(1, Math.floor(agencyShardCount(agencyCode) / AGENCY_SHARDS_PER_LIST_SHARD));

/** The list shard of a dossier of that agency. */
export const listShardOf = (dossierId: string, agencyCode: string): number => shardOf(dossierId, listShardCount(agencyCode));

/** The partition key of one shard of a list key; shard 0 is the list key itself. */
export const listShardPk = shardKey;
