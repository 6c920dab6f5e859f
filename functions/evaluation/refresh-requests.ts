// A read never computes: when it finds a running period stale or missing it asks the index-runs
// queue for a refresh (the jobs function stores it), at most once a minute per warm function and
// per period, and never fails the read for it.
import { logger } from '../../shared/http/logger';
import { INDEX_REFRESH_MINUTES } from '../../shared/platform/schedules';
import type { IndexContext } from './deps';
import { isRunning, type Period } from './domain/period';

const REFRESH_MS = INDEX_REFRESH_MINUTES * 60_000;
/** A running period's stored results older than two refreshes mean the schedule missed: a read asks for one. */
const STALE_MS = 2 * REFRESH_MS;
/** A warm function asks for a period's refresh at most this often, however many reads find it stale. */
const ASK_EVERY_MS = 60_000;

/** Asks the queue for a running period's refresh (of what was computed before one refresh interval ago). */
export const askForRefresh = async (ctx: IndexContext, period: Period): Promise<void> => {
  const now = ctx.now().getTime();
  if (!ctx.deps.queue || now - (ctx.refreshAskedAt.get(period.id) ?? 0) < ASK_EVERY_MS) return;
  ctx.refreshAskedAt.set(period.id, now);
  try {
    await ctx.deps.queue.send({ job: 'index-refresh', period: period.id, staleBefore: new Date(now - REFRESH_MS).toISOString() });
  } catch (error) {
    logger.warn('index refresh request failed', { period: period.id, error: (error as Error).message });
  }
};

/** A provisional result (final false) of a running period older than two refreshes: ask for one. */
export const keepFresh = async (ctx: IndexContext, period: Period, final: boolean, computedAt: string): Promise<void> => {
  const now = ctx.now();
  if (!final && isRunning(period, now) && Date.parse(computedAt) < now.getTime() - STALE_MS) await askForRefresh(ctx, period);
};
