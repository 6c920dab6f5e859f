// Storing the index (docs/index.md "The job, the reads and the running month"). Only the jobs
// function stores: the monthly job (ended periods), the refresh (the running month, quarter and
// year, every few minutes) and admins' recomputes (runs.ts). The reads serve what is stored here.
import { logger } from '../../shared/http/logger';
import type { IndexRun } from './adapters/evaluation-store';
import { computePeriod, type Progress } from './compute';
import type { IndexContext } from './deps';
import { runningPeriods } from './domain/period';

/** Computes the period and stores its results, rankings, statistics and run record. */
export const recomputePeriod = async (ctx: IndexContext, periodId: string, trigger: string, onProgress?: Progress): Promise<IndexRun> => {
  const started = Date.now();
  const computed = await computePeriod(ctx, periodId, onProgress);
  const { final } = computed;
  const run: IndexRun = {
    period: computed.period.id, definitionVersion: computed.definitionVersion, computedAt: computed.computedAt,
    agencies: computed.results.length, durationMs: Date.now() - started, trigger, final,
  };
  const rankings = computed.rankings.map((r) => ({ ...r, final }));
  await ctx.deps.store.putResults(computed.period.id, computed.results as unknown as Record<string, unknown>[], rankings, computed.statistics, run);
  return run;
};

export interface RefreshOptions {
  /** The running periods to store (default all three). */
  periods?: readonly string[];
  /** Skip a period computed since this instant (several reads may have asked for the same refresh). */
  staleBefore?: string;
  onProgress?: (period: string) => Progress;
}

/**
 * Scores and stores the running periods. Nothing else: a period that is not running is skipped,
 * whoever asked.
 */
export const refreshRunning = async (ctx: IndexContext, trigger: string, options: RefreshOptions = {}): Promise<IndexRun[]> => {
  const running = runningPeriods(ctx.now());
  const runs: IndexRun[] = [];
  for (const period of options.periods ?? running) {
    if (!running.includes(period)) {
      logger.warn('index refresh of a period that is not running: skipped', { period, running });
      continue;
    }
    const last = options.staleBefore ? await ctx.deps.store.run(period) : undefined;
    if (last && options.staleBefore && last.computedAt >= options.staleBefore) continue;
    runs.push(await recomputePeriod(ctx, period, trigger, options.onProgress?.(period)));
  }
  return runs;
};
