// Public statistics reads on a local runtime (issue 18: `GET /v1/statistics` summed the counters of
// any period on request — 1.4–5.3 s for a province-year under load, 4.3 s for `?period=2026` — and
// now serves what the index jobs stored with the period's index).
//
//   npm run bench:statistics-read [-- --requests 200 --clients 4 --rounds 30]
//
// Starts a local runtime of its own (in memory) with the months of generated activity `npm start`
// seeds (the latest ended month stored as the monthly job would have), runs the refresh job once
// (what the `index-refresh` schedule does), then, through the gateway over HTTP:
// 1. warm, one client: `--requests` reads each of the country and a province for the running year,
//    the country for the running month, a province for the last ended month: p50, p95, max;
// 2. under load: `--clients` clients at once, each `--rounds` times through a cycle of period values
//    — the running month, quarter and year, the last ended month, and ended periods nobody stored
//    (404 PERIOD_NOT_COMPUTED) — p50/p95 per kind of answer.
// Prints the load average before and after (the machine may be shared). Bar: p95 < 300 ms warm.
import { arg, load, show, showLoad, withRefreshedRuntime } from './read-timing';

process.env.LOG_LEVEL ??= 'ERROR';

const REQUESTS = arg('requests', 200);
const CLIENTS = arg('clients', 4);
const ROUNDS = arg('rounds', 30);
const BAR_MS = 300;
const PROVINCE = '000.00.00.H26';

await withRefreshedRuntime(async ({ periods: { month, quarter, year, lastMonth }, series, underLoad }) => {
  console.log(`\nwarm, one client, ${REQUESTS} requests each (load average ${load()}):`);
  const countryYear = show(`GET /v1/statistics?period=${year}`, await series(`/v1/statistics?period=${year}`, REQUESTS));
  const provinceYear = show(`GET /v1/statistics?period=${year}&agency=…H26`, await series(`/v1/statistics?period=${year}&agency=${PROVINCE}`, REQUESTS));
  show(`GET /v1/statistics?period=${month}`, await series(`/v1/statistics?period=${month}`, REQUESTS));
  show(`GET /v1/statistics?period=${lastMonth}&agency=…H26`, await series(`/v1/statistics?period=${lastMonth}&agency=${PROVINCE}`, REQUESTS));

  const unstored = ['2024-01', '2024-Q2', '2023', '2022-07', '2025-Q3', '2024-11'];
  const cycle = [
    `/v1/statistics?period=${year}`, `/v1/statistics?period=${year}&agency=${PROVINCE}`, `/v1/statistics?period=${quarter}`,
    `/v1/statistics?period=${month}&agency=${PROVINCE}`, `/v1/statistics?period=${lastMonth}`,
    ...unstored.map((p) => `/v1/statistics?period=${p}`),
  ];
  const loaded = await underLoad(cycle, CLIENTS, ROUNDS);
  console.log(`\nunder load: ${CLIENTS} clients × ${ROUNDS} rounds of ${cycle.length} period values (${unstored.length} never stored), ${loaded.total} requests in ${loaded.seconds.toFixed(1)} s = ${Math.round(loaded.total / loaded.seconds)}/s (load average ${load()}):`);
  showLoad(loaded);

  const pass = countryYear.p95 < BAR_MS && provinceYear.p95 < BAR_MS;
  console.log(pass
    ? `PASS: warm p95 ${countryYear.p95.toFixed(1)} ms (country, year) and ${provinceYear.p95.toFixed(1)} ms (province, year) < ${BAR_MS} ms`
    : `FAIL: warm p95 ${countryYear.p95.toFixed(1)} ms (country, year) / ${provinceYear.p95.toFixed(1)} ms (province, year); bar < ${BAR_MS} ms`);
  process.exitCode = pass ? 0 : 1;
});
