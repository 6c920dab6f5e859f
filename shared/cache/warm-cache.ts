// A warm function's read-through cache (docs/operations.md "Warm caches"): values a function reads
// on every request but that change rarely (the agency-system registry, a procedure) are kept in
// module scope for at most `ttlMs`, so their staleness is bounded; a cold burst of concurrent
// misses on one key makes ONE read (single flight); at most `maxEntries` keys are kept (least
// recently used dropped first). The function that writes such a value invalidates it here at once;
// other functions see the write within the TTL.
//
// A TTL of 0 turns caching off: every get reads (no single flight either, so a read never joins one
// started before a write it must see). The local runtime runs with 0 (WARM_CACHE_SECONDS).
import { readEnv, type EnvSource } from '../config';

export interface WarmCacheOptions {
  /** How long a value is served after it was read, ms; a function so a setting is read when used. */
  ttlMs: number | (() => number);
  maxEntries?: number;
  now?: () => number;
}

interface Entry<V> { value: Promise<V>; readAt: number }

/** The declared staleness bound of warm caches, ms (WARM_CACHE_SECONDS; 0 or invalid: no caching). */
export const warmCacheTtlMs = (env?: EnvSource): number => {
  const seconds = Number(readEnv('WARM_CACHE_SECONDS', env));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
};

export class WarmCache<V, K = string> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly now: () => number;
  private readonly ttl: () => number;
  private readonly maxEntries: number;
  /** Reads made (misses), for tests and logs. */
  loads = 0;

  constructor(options: WarmCacheOptions) {
    const { ttlMs } = options;
    this.ttl = typeof ttlMs === 'function' ? ttlMs : () => ttlMs;
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** The value of `key`: the cached one while younger than the TTL, else `load()`'s (shared by concurrent callers). */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const ttl = this.ttl();
    if (ttl <= 0) {
      this.loads++;
      return load();
    }
    const hit = this.entries.get(key);
    const at = this.now();
    if (hit && at - hit.readAt < ttl) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    this.loads++;
    const entry: Entry<V> = { value: load(), readAt: at };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed read is not kept: the next caller reads again.
    entry.value.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    return entry.value;
  }

  /** Forgets `key` (or everything): the writer's own next read sees its write. */
  invalidate(key?: K): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
