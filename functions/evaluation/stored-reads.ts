// The public index reads (GET /v1/indices, GET /v1/indices/{agencyCode}; docs/index.md): they
// serve what the jobs stored and nothing else. A read that finds a running period stale or
// missing asks for a refresh (refresh-requests.ts) instead of computing.
import { DomainError, notFound } from '../../shared/errors/domain-error';
import type { IndexContext } from './deps';
import type { AgencyLevel } from './domain/measures';
import { isOver, isRunning, type Period } from './domain/period';
import { scorablePeriod } from './period-checks';
import { askForRefresh, keepFresh } from './refresh-requests';

export interface StoredRead { final: boolean; body: Record<string, unknown> }

/** Whether stored scores are final: kept with them, or (stored before it was) whether they were computed after the period. */
const finalOf = (period: Period, stored: { final?: unknown; computedAt: string }): boolean =>
  typeof stored.final === 'boolean' ? stored.final : isOver(period, new Date(stored.computedAt));

/**
 * Nothing stored answers the request: the thing asked for does not exist in a stored period
 * (404 NOT_FOUND), or the period has no stored index (404 PERIOD_NOT_COMPUTED; for a running
 * period, a refresh is asked for). Nothing is computed here.
 */
const missing = async (ctx: IndexContext, period: Period, what: string): Promise<never> => {
  if (await ctx.deps.store.run(period.id)) throw notFound(what);
  if (isRunning(period, ctx.now())) {
    await askForRefresh(ctx, period);
    throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED', `The index of ${period.id} is being computed: try again in a minute`);
  }
  throw new DomainError('not_found', 'PERIOD_NOT_COMPUTED',
    `No index is stored for ${period.id}: ended periods are scored by the monthly job, running ones by the refresh; an admin may recompute it`);
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
