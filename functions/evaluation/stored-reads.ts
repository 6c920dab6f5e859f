// The public index reads (GET /v1/indices, GET /v1/indices/{agencyCode}; docs/index.md): they
// serve what the jobs stored and nothing else (the statistics read, statistics.ts, likewise). A read that finds a running period stale or
// missing asks for a refresh (refresh-requests.ts) instead of computing.
import { DomainError, notFound } from '../../shared/errors/domain-error';
import type { IndexContext } from './deps';
import type { AgencyLevel } from './domain/measures';
import { isOver, isRunning, type Period } from './domain/period';
import { scorablePeriod } from './period-checks';
import { askForRefresh, keepFresh } from './refresh-requests';

export interface StoredRead<Body = Record<string, unknown>> { final: boolean; body: Body }

/** Whether stored results are final: kept with them, or (stored before it was) whether they were computed after the period. */
export const finalOf = (period: Period, stored: { final?: unknown; computedAt: string }): boolean =>
  typeof stored.final === 'boolean' ? stored.final : isOver(period, new Date(stored.computedAt));

/**
 * The period has no stored index (or statistics): 404 PERIOD_NOT_COMPUTED; for a running period,
 * a refresh is asked for. Nothing is computed here.
 */
export const notStored = async (ctx: IndexContext, period: Period, what: 'index' | 'statistics'): Promise<never> => {
  const subject = what === 'index' ? `The index of ${period.id} is` : `The statistics of ${period.id} are`;
  if (isRunning(period, ctx.now())) {
    await askForRefresh(ctx, period);
    throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED', `${subject} being computed: try again in a minute`);
  }
  throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED',
    `${subject} not stored: ended periods are computed by the monthly job, running ones by the refresh; an admin may recompute it`);
};

/** Nothing stored answers the request: the thing asked for does not exist in a stored period (404 NOT_FOUND), or the period is not stored. */
const missing = async (ctx: IndexContext, period: Period, what: string): Promise<never> => {
  if (await ctx.deps.store.run(period.id)) throw notFound(what);
  return notStored(ctx, period, 'index');
};

/** The stored ranking of a level (of a province's communes when `level` is commune). */
export const readRanking = async (ctx: IndexContext, periodId: string, level: AgencyLevel, province: string | null): Promise<StoredRead> => {
  const period = scorablePeriod(periodId, ctx.now());
  const scope = level === 'commune' ? province : null;
  const r = await ctx.deps.store.ranking(period.id, level, scope);
  if (!r) return missing(ctx, period, `A ranking of ${level === 'commune' ? `the communes of ${province}` : `${level} agencies`}`);
  const final = finalOf(period, r);
  await keepFresh(ctx, period, final, r.computedAt);
  return { final, body: { ...r, province: scope, final } };
};

/** An agency's stored breakdown: its groups and indicators. */
export const readBreakdown = async (ctx: IndexContext, periodId: string, agencyCode: string): Promise<StoredRead> => {
  const period = scorablePeriod(periodId, ctx.now());
  const r = await ctx.deps.store.result(period.id, agencyCode);
  if (!r) return missing(ctx, period, `The agency ${agencyCode}`);
  const final = finalOf(period, r as { final?: unknown; computedAt: string });
  await keepFresh(ctx, period, final, String(r.computedAt));
  return { final, body: { ...r, final } };
};
