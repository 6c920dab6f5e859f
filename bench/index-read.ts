// Public index reads on a local runtime (issue 18, bug 4: `GET /v1/indices?period=<running year>`
// used to score the period on every memo miss, 1.8–2.8 s alone, 4–5 s under load). Now reads serve
// stored results only.
//
//   npm run bench:index-read [-- --requests 200 --clients 4 --rounds 50]
//
// Starts a local runtime of its own (in memory) with the months of generated activity `npm start`
// seeds (their index stored as the monthly job would have), runs the refresh job once (what the
// `index-refresh` schedule does: the running month, quarter and year), then, through the gateway
// over HTTP:
// 1. warm, one client: `--requests` reads each of `?period=<running year>` (provinces) and
//    `?period=<running month>&level=province`: p50, p95, max;
// 2. under load: `--clients` clients at once, each `--rounds` times through a cycle of period values
//    — the running month, quarter and year, stored ended months, and ended periods nobody stored
//    (404 PERIOD_NOT_COMPUTED) — p50/p95 per kind of answer, and how many computations the load
//    caused (the run records' computedAt before and after: none is expected).
// Prints the load average before and after (the machine may be shared). Bar: p95 < 300 ms warm.
import { arg, load, show, showLoad, withRefreshedRuntime } from './read-timing';

process.env.LOG_LEVEL ??= 'ERROR';

const REQUESTS = arg('requests', 200);
const CLIENTS = arg('clients', 4);
const ROUNDS = arg('rounds', 50);
const BAR_MS = 300;

await withRefreshedRuntime(async ({ periods: { month, quarter, year, lastMonth }, series, underLoad }) => {
  const { platformDeps } = await import('../functions/evaluation/deps');
  const store = platformDeps().store;
  console.log(`\nwarm, one client, ${REQUESTS} requests each (load average ${load()}):`);
  const yearly = show(`GET /v1/indices?period=${year}`, await series(`/v1/indices?period=${year}`, REQUESTS));
  const monthly = show(`GET /v1/indices?period=${month}&level=province`, await series(`/v1/indices?period=${month}&level=province`, REQUESTS));
  show(`GET /v1/indices/000.00.00.H26?period=${month}`, await series(`/v1/indices/000.00.00.H26?period=${month}`, REQUESTS));
  show(`GET /v1/indices?period=${lastMonth}&level=commune&province=…H26`, await series(`/v1/indices?period=${lastMonth}&level=commune&province=000.00.00.H26`, REQUESTS));

  // Under load: every client cycles through period values, stored or not.
  const before = await Promise.all([month, quarter, year].map(async (p) => (await store.run(p))?.computedAt));
  const unstored = ['2024-01', '2024-Q2', '2023', '2022-07', '2025-Q3', '2024-11'];
  const cycle = [
    `/v1/indices?period=${year}`, `/v1/indices?period=${month}&level=province`, `/v1/indices?period=${quarter}&level=central`,
    `/v1/indices?period=${lastMonth}&level=province`, `/v1/indices/000.00.00.H26?period=${year}`,
    ...unstored.map((p) => `/v1/indices?period=${p}&level=province`),
  ];
  const loaded = await underLoad(cycle, CLIENTS, ROUNDS);
  console.log(`\nunder load: ${CLIENTS} clients × ${ROUNDS} rounds of ${cycle.length} period values (${unstored.length} never stored), ${loaded.total} requests in ${loaded.seconds.toFixed(1)} s = ${Math.round(loaded.total / loaded.seconds)}/s (load average ${load()}):`);
  showLoad(loaded);
  const after = await Promise.all([month, quarter, year].map(async (p) => (await store.run(p))?.computedAt));
  const recomputed = before.filter((at, i) => at !== after[i]).length;
  console.log(`  computations caused by the load: ${recomputed} (running periods' computedAt before/after: ${before.join(', ')} / ${after.join(', ')})`);

  const pass = yearly.p95 < BAR_MS && monthly.p95 < BAR_MS;
  console.log(pass
    ? `PASS: warm p95 ${yearly.p95.toFixed(1)} ms (year) and ${monthly.p95.toFixed(1)} ms (month, provinces) < ${BAR_MS} ms`
    : `FAIL: warm p95 ${yearly.p95.toFixed(1)} ms (year) / ${monthly.p95.toFixed(1)} ms (month, provinces); bar < ${BAR_MS} ms`);
  process.exitCode = pass ? 0 : 1;
});
