// The index's use cases over in-memory ports, for the unit tests of the computation, the stored
// reads, the recompute runs and the jobs (beside the code, in functions/evaluation/): six agencies (two provinces with communes, a province without dossiers, a ministry), one
// commune procedure, a store that keeps what is put (and counts its counter reads), and a queue that keeps what is sent. Counts
// every computation (each one reads the feedback aggregates once) so a test can say "nothing was
// computed".
import type { Procedure } from '../../shared/contracts/catalogue';
import type { AgencyInfo } from '../../functions/catalogue/public';
import type { Counters } from '../../functions/evaluation/domain/dossier-facts';
import type { EvaluationStore, IndexRun, RecomputeRun, StoredRanking, StoredStatistics } from '../../functions/evaluation/adapters/evaluation-store';
import type { IndexCommand } from '../../functions/evaluation/commands';
import { indexContext, type IndexDeps } from '../../functions/evaluation/deps';

export const agencies: AgencyInfo[] = [
  { code: 'P1', name: 'Province one', level: 'province', parentCode: null },
  { code: 'P1-C1', name: 'Commune one', level: 'commune', parentCode: 'P1' },
  { code: 'P1-C2', name: 'Commune two', level: 'commune', parentCode: 'P1' },
  { code: 'P2', name: 'Province two', level: 'province', parentCode: null },
  { code: 'P3', name: 'Province three (no dossiers)', level: 'province', parentCode: null },
  { code: 'M1', name: 'Ministry', level: 'central', parentCode: null },
];

export const procedure = (code: string, over: Partial<Procedure> = {}): Procedure => ({
  code, name: `Procedure ${code}`, level: 'commune', sectorCode: 'S', agencyKinds: ['commune'], applicantTypes: ['citizen'],
  steps: ['Nộp hồ sơ'], channels: ['online', 'desk'], onlineService: 'partial', processingTime: { value: 3, unit: 'working_day' },
  fees: [], components: [{ code: 'TP1', name: 'Tờ khai', required: true, maxFiles: 1, accept: ['application/pdf'] }],
  form: { fields: [] }, requirements: [], resultTypes: [], legalBasis: [], status: 'published',
  announcedAt: '2020-01-01', publishedAt: '2020-01-01', ...over,
});

/** Ten dossiers received online, finished on time, all acted on: a perfect month of 10 dossiers. */
export const perfect = (n: number): Counters => ({
  dossiers: n, 'st:returned': n, 'ch:online': n, 'pr:1.000001': n, received: n, agencyActed: n, onlineReceived: n,
  onTime: n, finished: n, handlingHours: n * 24, resulted: n, eResult: n, digitised: n, vneid: n,
  'op:1.000001': n, 'vp:1.000001': n,
});

export const memoryStore = (counters: Record<string, Counters>) => {
  const results = new Map<string, Record<string, unknown>>();
  const rankings = new Map<string, StoredRanking>();
  const runs = new Map<string, IndexRun>();
  const statistics = new Map<string, StoredStatistics>();
  let counterReads = 0;
  const recomputes = new Map<string, RecomputeRun>();
  const store: EvaluationStore = {
    contribution: async () => undefined,
    applyContribution: async () => true,
    counters: async (keys) => { counterReads++; return new Map(keys.map((k) => `${k.agencyCode}|${k.month}`).filter((k) => counters[k]).map((k) => [k, counters[k]!])); },
    putResults: async (period, rs, rks, stats, run) => {
      for (const s of stats) statistics.set(`${period}|${s.agencyCode}`, structuredClone(s));
      for (const r of rs) results.set(`${period}|${String(r.agencyCode)}`, structuredClone(r));
      for (const r of rks) rankings.set(`${period}|${r.level}|${r.province}`, structuredClone(r));
      runs.set(period, run);
    },
    result: async (period, code) => results.get(`${period}|${code}`),
    statistics: async (period, code) => structuredClone(statistics.get(`${period}|${code}`)),
    ranking: async (period, level, province) => rankings.get(`${period}|${level}|${province}`),
    run: async (period) => runs.get(period),
    createRecomputeRun: async (run) => {
      if (recomputes.has(run.runId)) throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
      recomputes.set(run.runId, structuredClone(run));
    },
    recomputeRun: async (runId) => structuredClone(recomputes.get(runId)),
    updateRecomputeRun: async (runId, patch, options) => {
      const run = recomputes.get(runId);
      if (!run || (options?.unlessFinished && (run.status === 'done' || run.status === 'failed'))) return false;
      recomputes.set(runId, { ...run, ...structuredClone(patch) });
      return true;
    },
  };
  return { store, runs, results, rankings, statistics, recomputes, counterReads: () => counterReads };
};

/**
 * An index context (`ctx`, what the use cases take) at `now` over `counters` and `procedures` (one clean procedure by default);
 * `computations()` counts scorings, `counterReads()` the reads of counters, `sent` the queued commands.
 */
export const memoryIndex = (
  counters: Record<string, Counters>, now: string | (() => Date) = '2026-11-05T03:00:00Z',
  procedures: Procedure[] = [procedure('1.000001')],
) => {
  const memory = memoryStore(counters);
  let computations = 0;
  const sent: IndexCommand[] = [];
  const clock = typeof now === 'string' ? () => new Date(now) : now;
  const deps: IndexDeps = {
    store: memory.store,
    catalogue: { agencies: async () => agencies, procedures: async () => procedures, holidays: async () => [] },
    ratings: { aggregates: async (codes) => new Map(codes.map((c) => [c, { agencyCode: c, month: '', total: 0, satisfied: 0, neutral: 0, dissatisfied: 0 } as never])) },
    feedback: {
      countsMany: async (codes) => new Map(codes.map((c) => [c, { answered: 0, answeredOnTime: 0, answeredLate: 0, answeredRepeated: 0 }])),
      dislikedPublished: async () => { computations++; return new Map(); },
    },
    queue: { send: async (command) => { sent.push(command); } },
    clock,
  };
  return { ctx: indexContext(deps), deps, ...memory, sent, computations: () => computations };
};
