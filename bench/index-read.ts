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
import { loadavg } from 'node:os';

process.env.LOG_LEVEL ??= 'ERROR';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 200);
const CLIENTS = arg('clients', 4);
const ROUNDS = arg('rounds', 50);
const BAR_MS = 300;

const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
};
const show = (label: string, times: number[]) => {
  const s = summary(times);
  console.log(`  ${label.padEnd(52)} n=${String(s.n).padStart(4)}  p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  max ${s.max.toFixed(1).padStart(7)} ms`);
  return s;
};

const main = async () => {
  console.log(`load average at start ${load()}`);
  const started = performance.now();
  const { startRuntime } = await import('../local/runtime');
  const { runningPeriods, shiftMonth, localMonthOf } = await import('../functions/evaluation/domain/period');
  const runtime = await startRuntime({ port: 0 });
  try {
    const { platformDeps } = await import('../functions/evaluation/deps');
    const store = platformDeps().store;
    console.log(`runtime with seeded activity ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The refresh, as the schedule runs it (the runtime also queued one at start: both store the same periods).
    let t = performance.now();
    const refreshed = await fetch(`${runtime.url}/local/jobs/index-refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!refreshed.ok) throw new Error(`refresh: ${refreshed.status} ${await refreshed.text()}`);
    const { runs } = (await refreshed.json()) as { runs: { period: string; durationMs: number }[] };
    console.log(`refresh job: ${runs.map((r) => `${r.period} ${r.durationMs} ms`).join(', ')} (${Math.round(performance.now() - t)} ms in all)`);

    const now = new Date();
    const [month, quarter, year] = runningPeriods(now) as [string, string, string];
    const lastMonth = shiftMonth(localMonthOf(now), -1);
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${runtime.url}${path}`);
      const body = await res.text();
      return { status: res.status, ms: performance.now() - t0, body };
    };
    const series = async (path: string, n: number) => {
      for (let i = 0; i < 10; i++) await get(path); // warm-up
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = await get(path);
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.slice(0, 200)}`);
        times.push(r.ms);
      }
      return times;
    };

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
    const byStatus = new Map<number, number[]>();
    t = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < cycle.length; i++) {
          const r = await get(cycle[(i + client * 3) % cycle.length]!);
          byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r.ms]);
        }
      }
    }));
    const elapsed = (performance.now() - t) / 1000;
    const total = [...byStatus.values()].reduce((n, xs) => n + xs.length, 0);
    console.log(`\nunder load: ${CLIENTS} clients × ${ROUNDS} rounds of ${cycle.length} period values (${unstored.length} never stored), ${total} requests in ${elapsed.toFixed(1)} s = ${Math.round(total / elapsed)}/s (load average ${load()}):`);
    show('all', [...byStatus.values()].flat());
    for (const [status, times] of [...byStatus].sort(([a], [b]) => a - b)) show(`status ${status}${status === 404 ? ' (PERIOD_NOT_COMPUTED)' : ''}`, times);
    const after = await Promise.all([month, quarter, year].map(async (p) => (await store.run(p))?.computedAt));
    const recomputed = before.filter((at, i) => at !== after[i]).length;
    console.log(`  computations caused by the load: ${recomputed} (running periods' computedAt before/after: ${before.join(', ')} / ${after.join(', ')})`);

    console.log(`\nload average at the end ${load()}`);
    const pass = yearly.p95 < BAR_MS && monthly.p95 < BAR_MS;
    console.log(pass
      ? `PASS: warm p95 ${yearly.p95.toFixed(1)} ms (year) and ${monthly.p95.toFixed(1)} ms (month, provinces) < ${BAR_MS} ms`
      : `FAIL: warm p95 ${yearly.p95.toFixed(1)} ms (year) / ${monthly.p95.toFixed(1)} ms (month, provinces); bar < ${BAR_MS} ms`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await runtime.stop();
  }
};

await main();
