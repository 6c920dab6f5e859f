// Catalogue search benchmark (docs/requirements.md R-PERF-SEARCH): a synthetic 10,000-procedure
// catalogue, the index built and snapshotted, then ≥ 1,000 queries (with and without diacritics,
// filters, following pages) through the real catalogue handler with API Gateway v2 events, warm
// (index in memory; in-memory adapters, so no emulator is needed). Prints handler p50/p95/p99,
// p95 / 2 ms, index build time, snapshot size, and checks every page against the brute-force
// reference (mismatches must be 0).
//
//   npm run bench:catalogue-search [-- --procedures 10000 --queries 1500 --seed 42]
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildHttpApiEvent } from '../local/gateway/event';
import type { Procedure } from '../shared/contracts/catalogue';
import { prng, randomQuery, syntheticAgencies, syntheticProcedures } from './synthetic-catalogue';

// One log line per request is the stack's behaviour, but printing thousands of them here would
// measure the terminal. Set LOG_LEVEL=INFO to include it.
process.env.LOG_LEVEL ??= 'WARN';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROCEDURES = arg('procedures', 10_000);
const QUERIES = arg('queries', 1_500);
const SEED = arg('seed', 42);
const BAR_MS = 2;

const ms = (v: number) => `${v.toFixed(3)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const main = async () => {
  const { SearchIndex } = await import('../functions/catalogue/domain/search-index');
  const { prepareBruteForce } = await import('../test/catalogue/search-reference');
  const { InMemoryCatalogueStore } = await import('../functions/catalogue/adapters/memory-store');
  const { InMemorySnapshotStore } = await import('../functions/catalogue/adapters/search-snapshot');
  const { makeHandler } = await import('../functions/catalogue/handler');
  const { lambdaContext } = await import('../test/support/invoke');

  const docs = syntheticProcedures(PROCEDURES, SEED);
  const agencies = syntheticAgencies();
  console.log(`catalogue: ${docs.length} procedures, ${agencies.length} agencies (seed ${SEED})`);

  // Index build (first run is a cold JIT; the median of the next ones is the steady figure).
  const builds: number[] = [];
  let index = SearchIndex.build(docs, agencies, 1);
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    index = SearchIndex.build(docs, agencies, 1);
    builds.push(performance.now() - t);
  }
  const snapshot = index.toSnapshot();
  const json = JSON.stringify(snapshot);
  const gz = gzipSync(json);
  const loads: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    SearchIndex.fromSnapshot(JSON.parse(json));
    loads.push(performance.now() - t);
  }

  // The handler, warm: the store says version 1 and the snapshot holds version 1.
  const store = new InMemoryCatalogueStore();
  await store.batchPutProcedures(docs as unknown as Procedure[]);
  await store.bumpCatalogueVersion();
  const snapshots = new InMemorySnapshotStore();
  await snapshots.save(snapshot);
  const handler = makeHandler({ store, snapshots });
  const context = lambdaContext('catalogue');

  const eventFor = (p: Record<string, string | number | undefined>) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v !== undefined) qs.set(k, String(v));
    return buildHttpApiEvent({ method: 'GET', path: '/v1/procedures', rawQueryString: qs.toString() }, { routeKey: 'GET /v1/procedures' });
  };
  const call = async (p: Record<string, string | number | undefined>) => {
    const event = eventFor(p);
    const t = performance.now();
    const res = (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
    const elapsed = performance.now() - t;
    return { elapsed, status: res.statusCode ?? 0, body: JSON.parse(String(res.body)) };
  };

  const first = await call({ q: 'dang ky khai sinh' });
  if (first.status !== 200) throw new Error(`warm-up failed: ${JSON.stringify(first.body)}`);
  const rng = prng(SEED + 1);
  for (let i = 0; i < 300; i++) await call({ ...randomQuery(rng, docs, agencies) });

  // Measured run: each query, then up to two following pages through its cursors.
  const times: number[] = [];
  const recorded: { params: Parameters<ReturnType<typeof prepareBruteForce>>[0]; body: unknown; status: number }[] = [];
  const mix = { diacritics: 0, plain: 0, filtered: 0, browse: 0 };
  for (let i = 0; i < QUERIES; i++) {
    const base = randomQuery(rng, docs, agencies);
    if (base.q !== undefined) base.q = base.q.slice(0, 200);
    if (base.q === undefined || !base.q.trim()) mix.browse++;
    else if (/\P{ASCII}/u.test(base.q)) mix.diacritics++;
    else mix.plain++;
    if (base.sector || base.level || base.online || base.agency) mix.filtered++;
    let params = base;
    for (let page = 0; page < 3; page++) {
      const res = await call({ ...params });
      times.push(res.elapsed);
      recorded.push({ params, body: res.body, status: res.status });
      if (res.status !== 200 || !res.body.nextCursor) break;
      params = { ...params, cursor: res.body.nextCursor };
    }
  }

  // Verification, outside the timed section.
  let mismatches = 0;
  const reference = prepareBruteForce(docs, agencies);
  for (const r of recorded) {
    const want = reference({ ...r.params, q: r.params.q?.trim() || undefined });
    if (r.status !== 200 || !isDeepStrictEqual(r.body, want)) {
      mismatches++;
      if (mismatches <= 3) console.log('MISMATCH', JSON.stringify(r.params), r.status, JSON.stringify(r.body).slice(0, 300));
    }
  }

  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  console.log(`index build: ${ms(median(builds))} (median of ${builds.length}), snapshot load: ${ms(median(loads))}`);
  console.log(`snapshot: ${(json.length / 1024).toFixed(0)} KiB JSON, ${(gz.byteLength / 1024).toFixed(0)} KiB gzip (stored), ${snapshot.tokens.length} distinct tokens`);
  console.log(`queries: ${QUERIES} (${mix.diacritics} with diacritics, ${mix.plain} without, ${mix.browse} filter-only, ${mix.filtered} filtered), pages measured: ${times.length}`);
  console.log(`handler time: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1)!)}`);
  console.log(`p95 / ${BAR_MS} ms = ${(p95 / BAR_MS).toFixed(3)} ${p95 <= BAR_MS ? '(PASS)' : '(FAIL)'}`);
  console.log(`mismatches vs brute force: ${mismatches} of ${recorded.length} pages`);
  if (mismatches > 0 || p95 > BAR_MS) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
