// Pages of several sorted partitions (the shards of one key family: shared/shards/key-shards.ts) as one
// sorted page. Pure. Each shard's page holds its items after the cursor in sort-key order, and says
// whether that shard has more. Items are returned in sort-key order, at most `limit`, and never
// past the last item of a shard that has more (an item it has not returned yet could sort before
// it). So a cursor that is the last sort key returned is stable: the next page (every shard read
// after it) continues exactly there, each item once, items written since included when they sort
// after it — as for one partition.

export interface ShardPage<T> {
  /** In ascending sort-key order. */
  items: readonly T[];
  /** The shard has items after the last of `items` (DynamoDB: a LastEvaluatedKey). */
  more: boolean;
}

export interface MergedPage<T> {
  items: T[];
  /** Items may follow the last one returned (some shard has more, or the limit cut). */
  more: boolean;
}

export const mergeShardPages = <T>(pages: readonly ShardPage<T>[], sortKey: (item: T) => string, limit: number): MergedPage<T> => {
  let bound: string | undefined;
  for (const page of pages) {
    if (!page.more) continue;
    const last = page.items.at(-1);
    // A Query without a filter returns at least one item when it has more: no progress otherwise.
    if (last === undefined) throw new Error('k-way merge: a shard has more but returned nothing');
    const key = sortKey(last);
    if (bound === undefined || key < bound) bound = key;
  }
  const merged = pages.flatMap((p) => p.items).sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const safe = bound === undefined ? merged : merged.filter((item) => sortKey(item) <= bound);
  const items = safe.slice(0, limit);
  return { items, more: bound !== undefined || items.length < merged.length };
};
