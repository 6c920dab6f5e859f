// The index job at 1× and 10× the dossiers (docs/requirements.md R-PERF-INDEX-JOB: time at 10× ≤
// 1.3 × time at 1×, because the job reads counters, never dossiers).
//
//   npm run bench:index [-- --runs 5 --scale 1]
//
// On a local runtime of its own (in memory), months 2025-01…2025-03 get generated activity: about
// 20,000 dossiers made through the dossier domain (local/seed/dossier-activity.ts), each turned into
// its counter contribution as the index-counters consumer does, summed and stored with ratings and
// feedback answers (local/seed/index-activity.ts). The job (recomputePeriod, what the
// schedule, the command and the admin route run) scores 2025-03 and 2025-Q1 `--runs` times; the
// median is kept. Then the same months are regenerated at 10× (about 200,000 dossiers) and the
// job timed again. Prints both medians and their ratio, the counters' size, and PASS/FAIL.
export {};
process.env.LOG_LEVEL ??= 'ERROR';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const SCALE = arg('scale', 1);
const MONTHS = ['2025-01', '2025-02', '2025-03'];
/** 00:30 on 1 April 2025 in Hà Nội: when the monthly job would score March (and Q1). */
const NOW = new Date('2025-03-31T17:30:00.000Z');
const BAR = 1.3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const main = async () => {
  const { startRuntime } = await import('../local/runtime');
  const runtime = await startRuntime({ port: 0 });
  try {
    const { activityTotals, seedCatalogueData, writeActivityTotals } = await import('../local/seed/index-activity');
    const { recomputePeriod } = await import('../functions/evaluation/recompute');
    const { indexContext, platformDeps } = await import('../functions/evaluation/deps');
    const { agencies, procedures, holidays } = seedCatalogueData();
    const parents = new Map(agencies.map((a) => [a.code, a.parentCode]));
    const index = indexContext({ ...platformDeps(), clock: () => NOW });

    const measure = async (scale: number) => {
      let started = performance.now();
      const totals = activityTotals({ months: MONTHS, now: NOW, scale, agencies, procedures, holidays });
      const generatedMs = performance.now() - started;
      started = performance.now();
      await writeActivityTotals(totals, parents);
      const writtenMs = performance.now() - started;
      const counterItems = totals.counters.size;
      const counterAttributes = [...totals.counters.values()].reduce((n, c) => n + Object.keys(c).length, 0);
      // One warm-up (catalogue caches, connections), then the timed runs.
      await recomputePeriod(index, '2025-03', 'bench');
      const month: number[] = [];
      const quarter: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        await recomputePeriod(index, '2025-03', 'bench');
        month.push(performance.now() - t);
        t = performance.now();
        await recomputePeriod(index, '2025-Q1', 'bench');
        quarter.push(performance.now() - t);
      }
      const row = {
        scale, dossiers: totals.dossiers, counterItems, counterAttributes,
        generatedS: +(generatedMs / 1000).toFixed(1), writtenS: +(writtenMs / 1000).toFixed(1),
        monthMs: Math.round(median(month)), quarterMs: Math.round(median(quarter)),
        monthRuns: month.map(Math.round), quarterRuns: quarter.map(Math.round),
      };
      console.log(JSON.stringify(row));
      return row;
    };

    const one = await measure(SCALE);
    const ten = await measure(SCALE * 10);
    const monthRatio = ten.monthMs / one.monthMs;
    const quarterRatio = ten.quarterMs / one.quarterMs;
    console.log('');
    console.log(`index job, ${one.dossiers.toLocaleString('en')} → ${ten.dossiers.toLocaleString('en')} dossiers (${(ten.dossiers / one.dossiers).toFixed(1)}×), ${RUNS} runs each, medians:`);
    console.log(`  month 2025-03:   ${one.monthMs} ms → ${ten.monthMs} ms   ratio ${monthRatio.toFixed(2)} (bar ≤ ${BAR})`);
    console.log(`  quarter 2025-Q1: ${one.quarterMs} ms → ${ten.quarterMs} ms   ratio ${quarterRatio.toFixed(2)} (bar ≤ ${BAR})`);
    console.log(`  counters: ${one.counterItems} items / ${one.counterAttributes} attributes → ${ten.counterItems} items / ${ten.counterAttributes} attributes`);
    const pass = monthRatio <= BAR && quarterRatio <= BAR;
    console.log(pass ? 'PASS' : 'FAIL');
    process.exitCode = pass ? 0 : 1;
  } finally {
    await runtime.stop();
  }
};

await main();
