// How long browsers, the gateway and CDNs may keep an index answer: final results change only when
// an admin recomputes the period, so an hour (a day at the edge); provisional ones (the running
// month, quarter and year, refreshed every few minutes) a minute.
export const CACHE_STORED = 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=600';
export const CACHE_RUNNING = 'public, max-age=60, s-maxage=300';

/** The cache-control header for an answer built from final (or provisional) results. */
export const cacheHeaders = (final: boolean) => ({ 'cache-control': final ? CACHE_STORED : CACHE_RUNNING });
