// An admin's recompute over in-memory ports (test/evaluation/memory-index.ts): the request checks
// the period and queues a run, computing nothing; the jobs function runs it from the queue and
// records how it went; the admin polls it.
import { describe, expect, it } from 'vitest';
import { IndexRunStatus, RecomputeAccepted } from '../../shared/contracts/evaluation';
import { memoryIndex, perfect } from '../../test/evaluation/memory-index';
import { indexContext } from './deps';
import { makeHandler } from './jobs';
import { executeRecompute, recomputeRunStatus, requestRecompute } from './runs';
import { readRanking } from './stored-reads';

/** 5 Nov 2026, 10:00 in Hà Nội: November, 2026-Q4 and 2026 are running; October has ended. */
const NOW = '2026-11-05T03:00:00Z';
const COUNTERS = { 'P2|2026-10': perfect(5), 'P2|2026-11': perfect(2), 'P1-C1|2026-11': perfect(3) };

describe("an admin's recompute: queued, run by the jobs function, polled", () => {
  const setup = () => memoryIndex(COUNTERS, NOW);

  it('the request checks the period, records a queued run and queues it, computing nothing', async () => {
    const { ctx, sent, recomputes, computations } = setup();
    const accepted = RecomputeAccepted.parse(await requestRecompute(ctx, '2026-10', 'admin.demo'));
    expect(accepted).toMatchObject({ period: '2026-10', status: 'queued' });
    expect(sent).toEqual([{ job: 'index', period: '2026-10', runId: accepted.runId }]);
    expect(IndexRunStatus.parse(await recomputeRunStatus(ctx, accepted.runId))).toMatchObject({
      status: 'queued', requestedBy: 'admin.demo', requestedAt: '2026-11-05T03:00:00.000Z', startedAt: null, result: null, progress: null,
    });
    expect(computations()).toBe(0);
    await expect(requestRecompute(ctx, '2026-12', 'admin.demo')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    await expect(requestRecompute(ctx, '2018', 'admin.demo')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_BEFORE_INDEX' });
    await expect(recomputeRunStatus(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    expect(recomputes.size).toBe(1);
  });

  it('the jobs function runs it from the queue: running, then done with what it stored; a redelivery does nothing', async () => {
    const { ctx, deps, sent, computations } = setup();
    const { runId } = await requestRecompute(ctx, '2026-10', 'admin.demo');
    const jobs = makeHandler(() => deps);
    const message = (body: unknown, id = 'm1') => ({ messageId: id, receiptHandle: id, body: JSON.stringify(body), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:0:index-runs', awsRegion: 'ap-southeast-1' });
    const event = { Records: [message(sent[0]), message({ job: 'nonsense' }, 'm2')] };
    expect(await jobs(event)).toEqual({ batchItemFailures: [] });
    const done = IndexRunStatus.parse(await recomputeRunStatus(ctx, runId));
    expect(done).toMatchObject({ status: 'done', startedAt: '2026-11-05T03:00:00.000Z', finishedAt: '2026-11-05T03:00:00.000Z', error: null, progress: { done: 6, total: 6 } });
    expect(done.result).toMatchObject({ period: '2026-10', agencies: 6, definitionVersion: '766-2022.1' });
    expect((await readRanking(ctx, '2026-10', 'province', null)).body).toMatchObject({ final: true, computedAt: done.result!.computedAt });
    expect(computations()).toBe(1);
    await jobs({ Records: [message(sent[0])] });
    expect(computations()).toBe(1);
  });

  it('a failure is recorded on the run with its reason', async () => {
    const { ctx, deps, sent } = setup();
    const { runId } = await requestRecompute(ctx, '2026-10', null);
    const failing = { ...deps, store: { ...deps.store, putResults: async () => { throw new Error('table unavailable'); } } };
    expect(sent).toHaveLength(1);
    expect(await executeRecompute(indexContext(failing), runId)).toBeUndefined();
    expect(await recomputeRunStatus(ctx, runId)).toMatchObject({ status: 'failed', error: 'table unavailable', result: null });
  });
});
