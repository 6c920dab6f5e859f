// Admins' recomputes, run asynchronously (docs/index.md "The job, the reads and the running
// month"): POST /v1/indices/recompute checks the period, records a queued run and puts
// `{ job: 'index', period, runId }` on the index-runs queue; the jobs function runs it, recording
// when it started, how far it got and what it stored; GET /v1/indices/runs/{runId} reads the record.
import { randomUUID } from 'node:crypto';
import { notFound } from '../../shared/errors/domain-error';
import { logger } from '../../shared/http/logger';
import type { IndexRun, RecomputeRun } from './adapters/evaluation-store';
import type { Progress } from './compute';
import type { IndexContext } from './deps';
import { scorablePeriod } from './period-checks';
import { recomputePeriod } from './recompute';

/** A poller sees progress at about this pace (the record is not written for every agency). */
const PROGRESS_EVERY_MS = 1_000;

/** Checks the period (400, 422) and queues its recompute; the answer names the run to poll. */
export const requestRecompute = async (ctx: IndexContext, periodId: string, requestedBy: string | null): Promise<{ runId: string; period: string; status: 'queued' }> => {
  const period = scorablePeriod(periodId, ctx.now());
  const { store, queue } = ctx.deps;
  if (!queue) throw new Error('recompute requests need the index-runs queue');
  const runId = randomUUID();
  await store.createRecomputeRun({
    runId, period: period.id, status: 'queued', requestedAt: ctx.now().toISOString(), requestedBy,
    startedAt: null, finishedAt: null, progress: null, result: null, error: null,
  });
  try {
    await queue.send({ job: 'index', period: period.id, runId });
  } catch (error) {
    await store.updateRecomputeRun(runId, { status: 'failed', finishedAt: ctx.now().toISOString(), error: 'the run could not be queued' });
    throw error;
  }
  return { runId, period: period.id, status: 'queued' };
};

export const recomputeRunStatus = async (ctx: IndexContext, runId: string): Promise<RecomputeRun> => {
  const run = await ctx.deps.store.recomputeRun(runId);
  if (!run) throw notFound(`The run ${runId}`);
  return run;
};

/**
 * Runs a queued recompute (the jobs function). A run already done or failed is left as it is (a
 * redelivered message); a failure is recorded on the run, not retried: the admin sees why and
 * may ask again.
 */
export const executeRecompute = async (ctx: IndexContext, runId: string, onProgress?: Progress): Promise<IndexRun | undefined> => {
  const { store } = ctx.deps;
  const run = await store.recomputeRun(runId);
  if (!run) {
    logger.warn('index recompute run not found: message dropped', { runId });
    return undefined;
  }
  const now = () => ctx.now().toISOString();
  if (!(await store.updateRecomputeRun(runId, { status: 'running', startedAt: now() }, { unlessFinished: true }))) return undefined;
  // Progress writes in order, a second apart, never failing the run.
  let written = 0;
  let writes = Promise.resolve();
  const progress: Progress = (done, total) => {
    onProgress?.(done, total);
    if (done < total && Date.now() - written < PROGRESS_EVERY_MS) return;
    written = Date.now();
    writes = writes
      .then(() => store.updateRecomputeRun(runId, { progress: { done, total } }, { unlessFinished: true }))
      .then(() => undefined, (error: unknown) => logger.warn('index run progress not recorded', { runId, error: (error as Error).message }));
  };
  try {
    const stored = await recomputePeriod(ctx, run.period, 'admin', progress);
    await writes;
    const { trigger: _trigger, final: _final, ...result } = stored;
    await store.updateRecomputeRun(runId, { status: 'done', finishedAt: now(), result });
    return stored;
  } catch (error) {
    await writes;
    logger.error('index recompute failed', { runId, period: run.period, error: (error as Error).message });
    await store.updateRecomputeRun(runId, { status: 'failed', finishedAt: now(), error: (error as Error).message });
    return undefined;
  }
};
