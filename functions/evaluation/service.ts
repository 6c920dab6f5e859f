// The service index and the public statistics (docs/requirements.md R-INDEX-COUNTERS,
// R-CAP-STATISTICS; docs/index.md). Reads counters, never dossiers: the cost of a period grows
// with the number of agencies and months, not with dossiers. compute() gathers each agency's inputs (its own and its communes' counters, ratings and feedback
// aggregates, the procedures in its competence), scores them with the definition in force for the
// period and ranks each level; recompute() stores that. Only the jobs function computes: the
// monthly job (ended periods), the refresh (the running month, quarter and year, every few
// minutes) and admins' recomputes. The public reads serve what is stored and nothing else; a read
// that finds a running period stale or missing asks the queue for a refresh instead of computing.
import { createWorkingCalendar, type CalendarEntry } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';
import { DomainError, badRequest, notFound, unprocessable } from '../../shared/errors/domain-error';
import { logger } from '../../shared/http/logger';
import { INDEX_REFRESH_MINUTES } from '../../shared/platform/schedules';
import { reportCorruptRecord } from '../../shared/aws/stored-records';
import type { AgencyInfo } from '../catalogue/public';
import type { FeedbackIndicatorReader } from '../feedback/public';
import type { RatingAggregateReader } from '../ratings/public';
import type { EvaluationStore, IndexRun, StoredRanking } from './adapters/evaluation-store';
import type { IndexQueue } from './commands';
import { definitionFor } from './domain/definitions';
import { C, sumCounters, type Counters } from './domain/dossier-facts';
import { rankByTotal, round2, scoreAgency, type AgencyScore } from './domain/engine';
import { measuresOf, timeliness, type AgencyLevel, type MeasureInputs, type ProcedureFacts } from './domain/measures';
import { dayAfter, evaluationDay, hasBegun, isOver, isRunning, parsePeriod, runningPeriods, type Period } from './domain/period';
import { inCompetence, procedureFactsOf } from './domain/procedures';

export interface IndexDeps {
  store: EvaluationStore;
  catalogue: {
    agencies(): Promise<AgencyInfo[]>;
    procedures(): Promise<Procedure[]>;
    holidays(): Promise<{ date: string; kind: CalendarEntry['kind'] }[]>;
  };
  ratings: Pick<RatingAggregateReader, 'aggregates'>;
  feedback: FeedbackIndicatorReader;
  /** Where a read sends the refresh of a stale running period (the API function's; the jobs function has none). */
  queue?: IndexQueue;
  clock?: () => Date;
}

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
}

export type Progress = (done: number, total: number) => void;

const VN = '+07:00';
const CACHE_MS = 5 * 60_000;
const REFRESH_MS = INDEX_REFRESH_MINUTES * 60_000;
/** A running period's stored results older than two refreshes mean the schedule missed: a read asks for one. */
const STALE_MS = 2 * REFRESH_MS;
/** A warm function asks for a period's refresh at most this often, however many reads find it stale. */
const KICK_EVERY_MS = 60_000;

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

export class IndexService {
  private readonly clock: () => Date;
  private cache?: { at: number; agencies: AgencyInfo[]; procedures: Procedure[]; holidays: CalendarEntry[] };
  /** When this warm function last asked for each running period's refresh. */
  private readonly kicked = new Map<string, number>();

  constructor(private readonly deps: IndexDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  static period(id: string): Period {
    const p = parsePeriod(id);
    if (!p) throw badRequest('VALIDATION_FAILED', 'The period is not valid', [{ path: 'query.period', message: 'expected YYYY-MM, YYYY-Qn or YYYY' }]);
    return p;
  }

  /**
   * A period the index can be read or computed for: it has begun (else 422 PERIOD_NOT_STARTED)
   * and a definition is in force for it (else 422 PERIOD_BEFORE_INDEX).
   */
  scorable(periodId: string): Period {
    const period = IndexService.period(periodId);
    if (!hasBegun(period, this.clock())) throw unprocessable('PERIOD_NOT_STARTED', `The period ${period.id} has not begun`);
    try {
      definitionFor(period.id);
    } catch (error) {
      throw unprocessable('PERIOD_BEFORE_INDEX', (error as Error).message);
    }
    return period;
  }

  /** Agencies, procedures and holidays: catalogue data, kept a few minutes by a warm function. */
  private async reference() {
    const now = Date.now();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache;
    const [agencies, procedures, holidays] = await Promise.all([this.deps.catalogue.agencies(), this.deps.catalogue.procedures(), this.deps.catalogue.holidays()]);
    this.cache = { at: now, agencies, procedures, holidays };
    return this.cache;
  }

  /** Each agency's scope: itself and, below it, its communes (or a ministry's own units). */
  private static scopes(agencies: readonly AgencyInfo[]): Map<string, string[]> {
    const children = new Map<string, string[]>();
    for (const a of agencies) if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
    const scopes = new Map<string, string[]>();
    for (const a of agencies) {
      const out: string[] = [];
      const stack = [a.code];
      const seen = new Set<string>();
      while (stack.length) {
        const code = stack.pop()!;
        if (seen.has(code)) continue;
        seen.add(code);
        out.push(code);
        stack.push(...(children.get(code) ?? []));
      }
      scopes.set(a.code, out);
    }
    return scopes;
  }

  /** Scores every agency for the period (nothing stored). */
  async compute(periodId: string, onProgress?: Progress): Promise<ComputedPeriod> {
    const period = IndexService.period(periodId);
    const now = this.clock();
    if (!hasBegun(period, now)) throw unprocessable('PERIOD_NOT_STARTED', `The period ${period.id} has not begun`);
    const definition = definitionFor(period.id);
    const { agencies, procedures, holidays } = await this.reference();
    const scopes = IndexService.scopes(agencies);
    const codes = agencies.map((a) => a.code);
    const day = evaluationDay(period, now);
    const final = isOver(period, now);

    const keys = period.months.flatMap((month) => codes.map((agencyCode) => ({ agencyCode, month })));
    const [counterMap, ratingMonths, feedbackMonths, disliked] = await Promise.all([
      this.deps.store.counters(keys),
      Promise.all(period.months.map((m) => this.deps.ratings.aggregates(codes, m))),
      Promise.all(period.months.map((m) => this.deps.feedback.countsMany(codes, m))),
      this.deps.feedback.dislikedPublished(startOf(`${period.months[0]}-01`), startOf(dayAfter(period))),
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
    return { period, definitionVersion: definition.version, computedAt, final, results, rankings };
  }

  /** The job: computes the period and stores its results, rankings and run record. */
  async recompute(periodId: string, trigger: string, onProgress?: Progress): Promise<IndexRun> {
    const started = Date.now();
    const computed = await this.compute(periodId, onProgress);
    const { final } = computed;
    const run: IndexRun = {
      period: computed.period.id, definitionVersion: computed.definitionVersion, computedAt: computed.computedAt,
      agencies: computed.results.length, durationMs: Date.now() - started, trigger, final,
    };
    const rankings = computed.rankings.map((r) => ({ ...r, final }));
    await this.deps.store.putResults(computed.period.id, computed.results as unknown as Record<string, unknown>[], rankings, run);
    return run;
  }

  /**
   * Scores and stores the running periods (`periods`, default all three). Nothing else: a period
   * that is not running is skipped, whoever asked. With `staleBefore`, a period computed since then
   * is skipped too (several reads may have asked for the same refresh).
   */
  async refresh(trigger: string, options: { periods?: readonly string[]; staleBefore?: string; onProgress?: (period: string) => Progress } = {}): Promise<IndexRun[]> {
    const running = runningPeriods(this.clock());
    const runs: IndexRun[] = [];
    for (const period of options.periods ?? running) {
      if (!running.includes(period)) {
        logger.warn('index refresh of a period that is not running: skipped', { period, running });
        continue;
      }
      const last = options.staleBefore ? await this.deps.store.run(period) : undefined;
      if (last && options.staleBefore && last.computedAt >= options.staleBefore) continue;
      runs.push(await this.recompute(period, trigger, options.onProgress?.(period)));
    }
    return runs;
  }

  /** Asks the queue for a running period's refresh, at most once a minute per warm function; never fails the read. */
  private async kick(period: Period): Promise<void> {
    const now = this.clock().getTime();
    if (!this.deps.queue || now - (this.kicked.get(period.id) ?? 0) < KICK_EVERY_MS) return;
    this.kicked.set(period.id, now);
    try {
      await this.deps.queue.send({ job: 'index-refresh', period: period.id, staleBefore: new Date(now - REFRESH_MS).toISOString() });
    } catch (error) {
      logger.warn('index refresh request failed', { period: period.id, error: (error as Error).message });
    }
  }

  /** A provisional result (final false) of a running period older than two refreshes: ask for one. */
  private async keepFresh(period: Period, final: boolean, computedAt: string): Promise<void> {
    const now = this.clock();
    if (!final && isRunning(period, now) && Date.parse(computedAt) < now.getTime() - STALE_MS) await this.kick(period);
  }

  /**
   * Nothing stored answers the request: the thing asked for does not exist in a stored period
   * (404 NOT_FOUND), or the period has no stored index (404 PERIOD_NOT_COMPUTED; for a running
   * period, a refresh is asked for). Nothing is computed here.
   */
  private async missing(period: Period, what: string): Promise<never> {
    if (await this.deps.store.run(period.id)) throw notFound(what);
    if (isRunning(period, this.clock())) {
      await this.kick(period);
      throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED', `The index of ${period.id} is being computed: try again in a minute`);
    }
    throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED',
      `No index is stored for ${period.id}: ended periods are scored by the monthly job, running ones by the refresh; an admin may recompute it`);
  }

  /** Whether stored scores are final: kept with them, or (stored before it was) whether they were computed after the period. */
  private static finalOf(period: Period, stored: { final?: unknown; computedAt: string }): boolean {
    return typeof stored.final === 'boolean' ? stored.final : isOver(period, new Date(stored.computedAt));
  }

  async ranking(periodId: string, level: AgencyLevel, province: string | null): Promise<{ final: boolean; body: Record<string, unknown> }> {
    const period = this.scorable(periodId);
    const scope = level === 'commune' ? province : null;
    const r = await this.deps.store.ranking(period.id, level, scope);
    if (!r) return this.missing(period, `A ranking of ${level === 'commune' ? `the communes of ${province}` : `${level} agencies`}`);
    const final = IndexService.finalOf(period, r);
    await this.keepFresh(period, final, r.computedAt);
    return { final, body: { ...r, province: scope, final } };
  }

  async breakdown(periodId: string, agencyCode: string): Promise<{ final: boolean; body: Record<string, unknown> }> {
    const period = this.scorable(periodId);
    const r = await this.deps.store.result(period.id, agencyCode);
    if (!r) return this.missing(period, `The agency ${agencyCode}`);
    const final = IndexService.finalOf(period, r as { final?: unknown; computedAt: string });
    await this.keepFresh(period, final, String(r.computedAt));
    return { final, body: { ...r, final } };
  }

  /** Public statistics of an agency (with its communes) or of the whole country, from the counters. */
  async statistics(periodId: string, agencyCode: string | undefined) {
    const period = IndexService.period(periodId);
    const now = this.clock();
    // A period yet to come has no figures, not zero ones (the ranking answers the same).
    if (!hasBegun(period, now)) throw unprocessable('PERIOD_NOT_STARTED', `The period ${period.id} has not begun`);
    const { agencies, procedures } = await this.reference();
    let scope: string[];
    let agency: AgencyInfo | undefined;
    if (agencyCode) {
      agency = agencies.find((a) => a.code === agencyCode);
      if (!agency) throw notFound(`The agency ${agencyCode}`);
      scope = IndexService.scopes(agencies).get(agencyCode) ?? [agencyCode];
    } else scope = agencies.map((a) => a.code);
    const counterMap = await this.deps.store.counters(period.months.flatMap((month) => scope.map((agencyCode) => ({ agencyCode, month }))));
    const c: Counters = sumCounters(counterMap.values());
    const n = (k: string) => c[k] ?? 0;
    const family = (prefix: string) => Object.fromEntries(Object.entries(c).filter(([k, v]) => k.startsWith(prefix) && v > 0).map(([k, v]) => [k.slice(prefix.length), v]));
    const names = new Map(procedures.map((p) => [p.code, p.name]));
    const t = timeliness(c, evaluationDay(period, now));
    const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
    return {
      stored: isOver(period, now),
      body: {
        period: period.id,
        agencyCode: agency?.code ?? null,
        agencyName: agency?.name ?? null,
        computedAt: now.toISOString(),
        dossiers: n(C.dossiers),
        received: n(C.received),
        byStatus: family('st:'),
        byChannel: family('ch:'),
        byProcedure: Object.entries(family('pr:'))
          .map(([procedureCode, dossiers]) => ({ procedureCode, procedureName: names.get(procedureCode) ?? null, dossiers }))
          .sort((x, y) => y.dossiers - x.dossiers || x.procedureCode.localeCompare(y.procedureCode)),
        onTimeRate: rate(t.onTime, t.judged),
        onTime: t.onTime,
        late: t.late,
        averageHandlingDays: n(C.finished) > 0 ? Math.round((n(C.handlingHours) / n(C.finished) / 24) * 100) / 100 : null,
        onlineRate: rate(n(C.onlineReceived), n(C.received)),
        paidOnlineRate: rate(n(C.paidOnline), n(C.feeBearing)),
      },
    };
  }
}
