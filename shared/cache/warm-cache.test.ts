import { describe, expect, it } from 'vitest';
import { WarmCache, warmCacheTtlMs } from './warm-cache';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
};

/** A loader returning `value-<n>` for its n-th call, resolved when `release` is called. */
const loader = () => {
  let calls = 0;
  const waiting: (() => void)[] = [];
  return {
    get calls() { return calls; },
    load: () => { calls++; const n = calls; return new Promise<string>((resolve) => waiting.push(() => resolve(`value-${n}`))); },
    release: () => { for (const r of waiting.splice(0)) r(); },
  };
};

describe('WarmCache', () => {
  it('serves a value for the TTL, then reads again', async () => {
    const c = clock();
    const cache = new WarmCache<string>({ ttlMs: 60_000, now: c.now });
    const l = loader();
    const first = cache.get('k', l.load);
    l.release();
    expect(await first).toBe('value-1');
    c.advance(59_999);
    expect(await cache.get('k', l.load)).toBe('value-1');
    c.advance(1);
    const next = cache.get('k', l.load);
    l.release();
    expect(await next).toBe('value-2');
    expect(l.calls).toBe(2);
  });

  it('makes one read for a cold burst of concurrent misses (single flight)', async () => {
    const cache = new WarmCache<string>({ ttlMs: 60_000, now: clock().now });
    const l = loader();
    const burst = Array.from({ length: 50 }, () => cache.get('k', l.load));
    l.release();
    expect(new Set(await Promise.all(burst))).toEqual(new Set(['value-1']));
    expect(l.calls).toBe(1);
    expect(cache.loads).toBe(1);
  });

  it('reads again after the writer invalidates, one key or all', async () => {
    const cache = new WarmCache<string>({ ttlMs: 60_000, now: clock().now });
    let version = 1;
    const load = async () => `v${version}`;
    expect(await cache.get('a', load)).toBe('v1');
    expect(await cache.get('b', load)).toBe('v1');
    version = 2;
    cache.invalidate('a');
    expect(await cache.get('a', load)).toBe('v2');
    expect(await cache.get('b', load)).toBe('v1');
    cache.invalidate();
    expect(await cache.get('b', load)).toBe('v2');
  });

  it('does not keep a failed read', async () => {
    const cache = new WarmCache<string>({ ttlMs: 60_000, now: clock().now });
    await expect(cache.get('k', () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries keys, the least recently used dropped first', async () => {
    const cache = new WarmCache<string>({ ttlMs: 60_000, maxEntries: 2, now: clock().now });
    const load = (v: string) => async () => v;
    await cache.get('a', load('a1'));
    await cache.get('b', load('b1'));
    await cache.get('a', load('a2')); // a is now the most recent
    await cache.get('c', load('c1')); // drops b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', load('a3'))).toBe('a1');
    expect(await cache.get('b', load('b2'))).toBe('b2');
  });

  it('with a TTL of 0 reads every time, and joins no read in flight', async () => {
    const cache = new WarmCache<string>({ ttlMs: 0, now: clock().now });
    const l = loader();
    const a = cache.get('k', l.load);
    const b = cache.get('k', l.load);
    l.release();
    expect([await a, await b]).toEqual(['value-1', 'value-2']);
  });

  it('reads its TTL from WARM_CACHE_SECONDS (unset, empty, invalid or 0: no caching)', () => {
    for (const [value, ms] of [['60', 60_000], ['0', 0], ['', 0], ['soon', 0], ['-5', 0]] as const) {
      expect(warmCacheTtlMs({ WARM_CACHE_SECONDS: value }), value).toBe(ms);
    }
    expect(warmCacheTtlMs({})).toBe(0);
  });
});
