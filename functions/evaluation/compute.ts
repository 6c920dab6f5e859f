// Scoring a period (docs/requirements.md R-INDEX-COUNTERS; docs/index.md): gathers each agency's
// inputs — its own and its communes' counters, ratings and feedback aggregates, the procedures in
// its competence — scores them with the definition in force for the period and ranks each level.
// The public statistics of every agency (with its communes) and of the country come from the same
// counters. Reads counters, never dossiers: the cost of a period grows with the number of agencies
// and months, not with dossiers. Nothing is stored here (recompute.ts stores).
import { createWorkingCalendar } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';
import { reportCorruptRecord } from '../../shared/aws/stored-records';
import type { AgencyInfo } from '../catalogue/public';
import type { StoredRanking, StoredStatistics } from './adapters/evaluation-store';
import type { IndexContext } from './deps';
import { definitionFor } from './domain/definitions';
import { sumCounters, type Counters } from './domain/dossier-facts';
import { rankByTotal, round2, scoreAgency, type AgencyScore } from './domain/engine';
import { measuresOf, type AgencyLevel, type MeasureInputs, type ProcedureFacts } from './domain/measures';
import { dayAfter, evaluationDay, isOver, type Period } from './domain/period';
import { inCompetence, procedureFactsOf } from './domain/procedures';
import { agencyScopes } from './domain/scopes';
import { statisticsOf } from './domain/statistics';
import { begunPeriod } from './period-checks';

export interface AgencyResult extends Omit<AgencyScore, 'total'> {
  agencyCode: string;
  agencyName: string;
  level: AgencyLevel;
  parentCode: string | null;
  period: string;
  computedAt: string;
  final: boolean;
  rank: number | null;
  total: number;
}

export interface ComputedPeriod {
  period: Period;
  definitionVersion: string;
  computedAt: string;
  final: boolean;
  results: AgencyResult[];
  rankings: StoredRanking[];
  /** Every agency's (with its communes) and the country's (agencyCode null). */
  statistics: StoredStatistics[];
}

export type Progress = (done: number, total: number) => void;

const VN = '+07:00';

/** The instant a local date begins, as the ISO string feedback items are indexed by. */
const startOf = (day: string) => new Date(`${day}T00:00:00${VN}`).toISOString();

const roundScore = (s: AgencyScore) => ({
  ...s,
  total: round2(s.total),
  groups: Object.fromEntries(Object.entries(s.groups).map(([k, v]) => [k, round2(v)])) as AgencyScore['groups'],
  groupDetails: s.groupDetails.map((g) => ({ ...g, score: round2(g.score), max: round2(g.max) })),
  indicators: s.indicators.map((i) => ({
    ...i, score: round2(i.score), effectiveMax: round2(i.effectiveMax), value: i.value === null ? null : Math.round(i.value * 10_000) / 10_000,
  })),
});

/** Scores every agency for the period (nothing stored). */
export const computePeriod = async (ctx: IndexContext, periodId: string, onProgress?: Progress): Promise<ComputedPeriod> => {
  const now = ctx.now();
  const period = begunPeriod(periodId, now);
  const definition = definitionFor(period.id);
  const { agencies, procedures, holidays } = await ctx.reference();
  const scopes = agencyScopes(agencies);
  const codes = agencies.map((a) => a.code);
  const day = evaluationDay(period, now);
  const final = isOver(period, now);

  const { deps } = ctx;
  const keys = period.months.flatMap((month) => codes.map((agencyCode) => ({ agencyCode, month })));
  const [counterMap, ratingMonths, feedbackMonths, disliked] = await Promise.all([
    deps.store.counters(keys),
    Promise.all(period.months.map((m) => deps.ratings.aggregates(codes, m))),
    Promise.all(period.months.map((m) => deps.feedback.countsMany(codes, m))),
    deps.feedback.dislikedPublished(startOf(`${period.months[0]}-01`), startOf(dayAfter(period))),
  ]);

  const calendar = createWorkingCalendar(holidays);
  const factsCache = new Map<string, ProcedureFacts[]>();
  const unusable = new Set<string>();
  /** One procedure the rules cannot judge (a record the reader let through) is reported once and left out, never a 500 for everyone. */
  const factsOf = (p: Procedure, a: AgencyInfo): ProcedureFacts[] => {
    if (unusable.has(p.code)) return [];
    try {
      return inCompetence(p, a) ? [procedureFactsOf(p, a.level, calendar)] : [];
    } catch (error) {
      unusable.add(p.code);
      reportCorruptRecord('evaluation.index', { kind: 'procedure', key: String(p.code), problems: [(error as Error).name] });
      return [];
    }
  };
  const proceduresFor = (a: AgencyInfo): ProcedureFacts[] => {
    const key = a.level === 'central' ? a.code : a.level;
    let facts = factsCache.get(key);
    if (!facts) {
      facts = procedures.flatMap((p) => factsOf(p, a));
      factsCache.set(key, facts);
    }
    return facts;
  };

  const computedAt = now.toISOString();
  const results: AgencyResult[] = [];
  // Ranks and bands come from the unrounded totals (docs/index.md "Rounding, bands and ranking").
  const rawTotals = new Map<string, number>();
  const statisticsFor = (agencyCode: string | null, counters: Counters): StoredStatistics =>
    ({ period: period.id, agencyCode, computedAt, final, ...statisticsOf(counters, day) });
  const statistics = [statisticsFor(null, sumCounters(counterMap.values()))];
  for (const [i, a] of agencies.entries()) {
    const scope = scopes.get(a.code) ?? [a.code];
    const counters = sumCounters(scope.flatMap((code) => period.months.map((m) => counterMap.get(`${code}|${m}`) ?? {})));
    const ratings = { total: 0, dissatisfied: 0 };
    const feedback = { answered: 0, answeredOnTime: 0, answeredLate: 0, answeredRepeated: 0, disliked: 0 };
    for (const code of scope) {
      for (const month of ratingMonths) {
        const r = month.get(code);
        if (r) { ratings.total += r.total; ratings.dissatisfied += r.dissatisfied; }
      }
      for (const month of feedbackMonths) {
        const f = month.get(code);
        if (f) for (const k of ['answered', 'answeredOnTime', 'answeredLate', 'answeredRepeated'] as const) feedback[k] += f[k];
      }
      feedback.disliked += disliked.get(code) ?? 0;
    }
    statistics.push(statisticsFor(a.code, counters));
    const inputs: MeasureInputs = { months: period.months, evaluationDay: day, counters, procedures: proceduresFor(a), ratings, feedback };
    const raw = scoreAgency(definition, measuresOf(inputs));
    rawTotals.set(a.code, raw.total);
    const score = roundScore(raw);
    results.push({
      ...score, agencyCode: a.code, agencyName: a.name, level: a.level, parentCode: a.parentCode,
      period: period.id, computedAt, final, rank: null,
    });
    onProgress?.(i + 1, agencies.length);
  }

  const rankings: StoredRanking[] = [];
  const rank = (level: AgencyLevel, province: string | null, members: AgencyResult[]) => {
    // Agencies with nothing to score are listed last, unranked.
    const ranked = rankByTotal(members.filter((r) => r.applicable).map((m) => ({ agencyCode: m.agencyCode, total: rawTotals.get(m.agencyCode)! })));
    const byCode = new Map(members.map((m) => [m.agencyCode, m]));
    for (const m of members) m.rank = null;
    for (const r of ranked) byCode.get(r.agencyCode)!.rank = r.rank;
    const ordered = [
      ...ranked.map((r) => byCode.get(r.agencyCode)!),
      ...members.filter((m) => !m.applicable).sort((x, y) => x.agencyCode.localeCompare(y.agencyCode)),
    ];
    rankings.push({
      period: period.id, level, province, definitionVersion: definition.version, computedAt,
      items: ordered.map((m) => ({ rank: m.rank, agencyCode: m.agencyCode, agencyName: m.agencyName, total: m.total, band: m.band, groups: m.groups, applicable: m.applicable })),
    });
  };
  rank('central', null, results.filter((r) => r.level === 'central'));
  rank('province', null, results.filter((r) => r.level === 'province'));
  for (const province of results.filter((r) => r.level === 'province')) {
    rank('commune', province.agencyCode, results.filter((r) => r.level === 'commune' && r.parentCode === province.agencyCode));
  }
  return { period, definitionVersion: definition.version, computedAt, final, results, rankings, statistics };
};
