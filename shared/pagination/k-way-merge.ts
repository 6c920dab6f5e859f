// One page of a key family spread over write shards (shared/shards/key-shards.ts: a dossier's work-
// queue lists, an agency system's outbox, a provider's paid day), in one order: a k-way merge by sort
// key. Pure: the shards are read through `read` (the adapter's Query of one shard's key).
//
// M1  Order. Items come out in ascending sort key, as one sorted list of every shard would give
//     them. Sort keys are unique across shards (they end with the item's id).
// M2  Cursor. A page resumes after one sort key, the same for every shard: the last item
//     returned, or a key every shard has been read past. Every item at or before it has been
//     returned, none after it: following cursors returns each item once, in order, while items
//     are inserted (those inserted after the cursor are seen, those behind it not, as with one
//     partition), and a cursor stays valid when a shard count is raised.
// M3  Reads. A shard is read only when its next item could be the page's next one: its head is
//     the smallest, or it is unread past a smaller key than every head in hand. Each read asks for
//     about the shard's share of what the page still needs. A page makes at most `maxReads` reads
//     (a filter may drop most of what a read finds); then it ends early with a cursor (M2).

/** What one read of a shard returns: entries after `after`, and the key it stopped at (null: the shard has no more). */
export interface ShardChunk<T> {
  items: T[];
  /** The sort key of the last entry the read examined, returned or filtered out; null when the shard is exhausted. */
  next: string | null;
}

export type ShardReader<T> = (shard: number, after: string | undefined, limit: number) => Promise<ShardChunk<T>>;

export interface MergeOptions<T> {
  shards: number;
  limit: number;
  /** Resume after this sort key (a previous page's `next`). */
  after?: string;
  sortKey: (item: T) => string;
  read: ShardReader<T>;
  /** Reads allowed for one page; at least one per shard. */
  maxReads?: number;
}

export interface MergedPage<T> {
  items: T[];
  /** Where the next page starts (M2); null when every shard is exhausted. */
  next: string | null;
}

interface ShardState<T> {
  shard: number;
  buffer: T[];
  /** Read past this key (undefined: not read yet, before every key). */
  readTo: string | undefined;
  exhausted: boolean;
}

/** The page of `limit` entries after `after`, merged from every shard (M1–M3). */
export const mergeShards = async <T>(options: MergeOptions<T>): Promise<MergedPage<T>> => {
  const { shards, limit, sortKey, read } = options;
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`k-way merge: ${shards} shards`);
  // At least one read per shard, so a page always gets past every shard's start (its cursor moves on).
  const maxReads = Math.max(shards, options.maxReads ?? 10 * shards);
  const state: ShardState<T>[] = Array.from({ length: shards }, (_, shard) => ({ shard, buffer: [], readTo: options.after, exhausted: false }));
  const out: T[] = [];
  let reads = 0;
  const head = (s: ShardState<T>) => (s.buffer.length ? sortKey(s.buffer[0]!) : (s.readTo ?? ''));

  while (out.length < limit) {
    const live = state.filter((s) => s.buffer.length > 0 || !s.exhausted);
    if (!live.length) return { items: out, next: null };
    const held = live.filter((s) => s.buffer.length);
    const smallestHeld = held.length ? held.map(head).sort()[0] : undefined;
    // Shards with nothing in hand whose unread part may hold an entry before every head in hand.
    const due = live.filter((s) => !s.buffer.length && (smallestHeld === undefined || head(s) < smallestHeld));
    if (due.length) {
      if (reads + due.length > maxReads) {
        // M3: out of reads. Every entry up to the lowest unread point has been returned (M2).
        return { items: out, next: due.map(head).sort()[0]! };
      }
      const want = Math.min(limit - out.length, Math.ceil((limit - out.length) / shards) + 1);
      reads += due.length;
      await Promise.all(due.map(async (s) => {
        const chunk = await read(s.shard, s.readTo, want);
        s.buffer.push(...chunk.items);
        s.exhausted = chunk.next === null;
        if (chunk.next !== null) s.readTo = chunk.next;
      }));
      continue;
    }
    const next = held.reduce((a, b) => (head(b) < head(a) ? b : a));
    out.push(next.buffer.shift()!);
  }
  const more = state.some((s) => s.buffer.length > 0 || !s.exhausted);
  return { items: out, next: more ? sortKey(out.at(-1)!) : null };
};
