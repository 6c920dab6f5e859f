// Write-sharded partition keys (docs/capacity.md "Design: warm caches and sharded keys"): a key family too hot for
// one partition key is spread over `count` keys, an item's shard a hash of its id, so every write
// of one item (and a redelivered copy of it) lands on the same shard. Shard 0 is the unsharded key:
// nothing written before moves, and raising a count later only adds keys. Readers read every shard
// of the declared count and merge (shared/pagination/k-way-merge.ts), so a count is only ever raised.
import { createHash } from 'node:crypto';

/** The shard in [0, count) of an id: stable for a given id and count. */
export const shardOf = (id: string, count: number): number => {
  if (!Number.isInteger(count) || count < 1) throw new Error(`key shards: ${count} is not a shard count`);
  return createHash('sha256').update(id).digest().readUInt32BE(0) % count;
};

/** The partition key of a shard: shard 0 is `base` itself, shard n `base#s<n>`. */
export const shardKey = (base: string, shard: number): string => (shard === 0 ? base : `${base}#s${shard}`);

/** Every shard's partition key, shard 0 first. */
export const shardKeys = (base: string, count: number): string[] => Array.from({ length: count }, (_, shard) => shardKey(base, shard));
