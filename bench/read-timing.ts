// What the public-read benches (index-read.ts, statistics-read.ts) share: their options, timed GETs
// through the local gateway, warm series and a load of clients cycling through paths, and the
// p50/p95/max lines they print.
import { loadavg } from 'node:os';

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

export const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export interface Summary { n: number; p50: number; p95: number; max: number }

export const summary = (times: number[]): Summary => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
};

export const show = (label: string, times: number[]): Summary => {
  const s = summary(times);
  console.log(`  ${label.padEnd(52)} n=${String(s.n).padStart(4)}  p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  max ${s.max.toFixed(1).padStart(7)} ms`);
  return s;
};

/** Timed GETs against one base URL. */
export const reader = (baseUrl: string) => {
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`);
    const body = await res.text();
    return { status: res.status, ms: performance.now() - t0, body };
  };
  /** `n` timed reads of `path` after ten warm-up ones; any answer but 200 stops the bench. */
  const series = async (path: string, n: number) => {
    for (let i = 0; i < 10; i++) await get(path);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await get(path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.slice(0, 200)}`);
      times.push(r.ms);
    }
    return times;
  };
  /** `clients` clients at once, each `rounds` times through `cycle` (from its own offset): the times by status, and the rate. */
  const underLoad = async (cycle: readonly string[], clients: number, rounds: number) => {
    const byStatus = new Map<number, number[]>();
    const t = performance.now();
    await Promise.all(Array.from({ length: clients }, async (_, client) => {
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < cycle.length; i++) {
          const r = await get(cycle[(i + client * 3) % cycle.length]!);
          byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r.ms]);
        }
      }
    }));
    const seconds = (performance.now() - t) / 1000;
    const total = [...byStatus.values()].reduce((n, xs) => n + xs.length, 0);
    return { byStatus, total, seconds };
  };
  return { get, series, underLoad };
};

/** Prints what `underLoad` measured: all answers, then each status. */
export const showLoad = ({ byStatus }: { byStatus: Map<number, number[]> }) => {
  show('all', [...byStatus.values()].flat());
  for (const [status, times] of [...byStatus].sort(([a], [b]) => a - b)) show(`status ${status}${status === 404 ? ' (PERIOD_NOT_COMPUTED)' : ''}`, times);
};

/** Runs the index-refresh job through the local runtime, as the schedule does; prints what it stored. */
const runRefresh = async (baseUrl: string) => {
  const t = performance.now();
  const refreshed = await fetch(`${baseUrl}/local/jobs/index-refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!refreshed.ok) throw new Error(`refresh: ${refreshed.status} ${await refreshed.text()}`);
  const { runs } = (await refreshed.json()) as { runs: { period: string; durationMs: number }[] };
  console.log(`refresh job: ${runs.map((r) => `${r.period} ${r.durationMs} ms`).join(', ')} (${Math.round(performance.now() - t)} ms in all)`);
};

export interface BenchRuntime extends ReturnType<typeof reader> {
  url: string;
  /** The running month, quarter and year, and the month that ended last. */
  periods: { month: string; quarter: string; year: string; lastMonth: string };
}

/**
 * Starts a local runtime of its own (in memory, with the seeded activity), runs the refresh once
 * (the runtime also queued one at start: both store the same periods), runs `bench` and stops it.
 */
export const withRefreshedRuntime = async (bench: (runtime: BenchRuntime) => Promise<void>) => {
  console.log(`load average at start ${load()}`);
  const started = performance.now();
  const { startRuntime } = await import('../local/runtime');
  const { runningPeriods, shiftMonth, localMonthOf } = await import('../functions/evaluation/domain/period');
  const runtime = await startRuntime({ port: 0 });
  try {
    console.log(`runtime with seeded activity ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await runRefresh(runtime.url);
    const now = new Date();
    const [month, quarter, year] = runningPeriods(now) as [string, string, string];
    await bench({ url: runtime.url, periods: { month, quarter, year, lastMonth: shiftMonth(localMonthOf(now), -1) }, ...reader(runtime.url) });
    console.log(`\nload average at the end ${load()}`);
  } finally {
    await runtime.stop();
  }
};
