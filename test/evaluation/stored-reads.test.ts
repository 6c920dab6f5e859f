// The public reads serve stored results and never compute (issue 18, bug 4: a public read of any
// period used to score it on demand, ~2 s each, one memo per period value). Over in-memory ports
// (memory-index.ts): what a read does when the period is stored, provisional and fresh, provisional
// and stale, missing while running, missing after it ended, not begun or before the index; what
// the refresh stores (and only for running periods); the admin's queued recompute and its run.
import { describe, expect, it } from 'vitest';
import { IndexBreakdown, IndexRanking, IndexRunStatus, RecomputeAccepted } from '../../shared/contracts/evaluation';
import { RecomputeRuns } from '../../functions/evaluation/runs';
import { makeHandler } from '../../functions/evaluation/jobs';
import { IndexService } from '../../functions/evaluation/service';
import { memoryIndex, perfect } from './memory-index';

/** 5 Nov 2026, 10:00 in Hà Nội: November, 2026-Q4 and 2026 are running; October has ended. */
const NOW = '2026-11-05T03:00:00Z';
const COUNTERS = { 'P2|2026-10': perfect(5), 'P2|2026-11': perfect(2), 'P1-C1|2026-11': perfect(3) };
const minutes = (n: number) => n * 60_000;

describe('public index reads: stored results only', () => {
  it('a stored period is read without computing anything, however often it is read', async () => {
    const { s, computations, sent } = memoryIndex(COUNTERS, NOW);
    await s.recompute('2026-10', 'schedule');
    await s.refresh('refresh');
    const before = computations();
    for (let i = 0; i < 5; i++) {
      IndexRanking.parse((await s.ranking('2026-10', 'province', null)).body);
      IndexRanking.parse((await s.ranking('2026-11', 'commune', 'P1')).body);
      IndexRanking.parse((await s.ranking('2026', 'central', null)).body);
      IndexBreakdown.parse((await s.breakdown('2026-Q4', 'P1-C1')).body);
    }
    expect(computations()).toBe(before);
    // Fresh provisional results: no refresh asked for either.
    expect(sent).toEqual([]);
  });

  // Regression: the old read computed any period no job had stored (one memo per period value), so
  // cycling period values kept the function busy scoring. Now it answers 404 and computes nothing.
  it('an ended period nobody stored is 404 PERIOD_NOT_COMPUTED, and nothing is computed or queued', async () => {
    const { s, computations, sent } = memoryIndex(COUNTERS, NOW);
    for (const period of ['2026-10', '2026-Q3', '2025', '2024-07']) {
      await expect(s.ranking(period, 'province', null)).rejects.toMatchObject({ status: 404, code: 'PERIOD_NOT_COMPUTED' });
      await expect(s.breakdown(period, 'P2')).rejects.toMatchObject({ status: 404, code: 'PERIOD_NOT_COMPUTED' });
    }
    expect(computations()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('a period not begun is 422 PERIOD_NOT_STARTED, one before the first definition 422 PERIOD_BEFORE_INDEX', async () => {
    const { s, computations } = memoryIndex(COUNTERS, NOW);
    await expect(s.ranking('2026-12', 'province', null)).rejects.toMatchObject({ status: 422, code: 'PERIOD_NOT_STARTED' });
    await expect(s.breakdown('2027', 'P2')).rejects.toMatchObject({ status: 422, code: 'PERIOD_NOT_STARTED' });
    await expect(s.ranking('2019-05', 'province', null)).rejects.toMatchObject({ status: 422, code: 'PERIOD_BEFORE_INDEX' });
    expect(computations()).toBe(0);
  });

  it('a running period not stored yet is 404 PERIOD_NOT_COMPUTED and its refresh is queued, once a minute per function', async () => {
    const { s, computations, sent } = memoryIndex(COUNTERS, NOW);
    await expect(s.ranking('2026-11', 'province', null)).rejects.toMatchObject({ status: 404, code: 'PERIOD_NOT_COMPUTED' });
    await expect(s.breakdown('2026-11', 'P2')).rejects.toMatchObject({ status: 404, code: 'PERIOD_NOT_COMPUTED' });
    await expect(s.ranking('2026-Q4', 'province', null)).rejects.toMatchObject({ status: 404, code: 'PERIOD_NOT_COMPUTED' });
    expect(computations()).toBe(0);
    // One request per period, whatever the number of reads; stale before = now − one refresh interval.
    expect(sent).toEqual([
      { job: 'index-refresh', period: '2026-11', staleBefore: '2026-11-05T02:50:00.000Z' },
      { job: 'index-refresh', period: '2026-Q4', staleBefore: '2026-11-05T02:50:00.000Z' },
    ]);
  });

  it('a stored period with an unknown agency or province is 404 NOT_FOUND, not PERIOD_NOT_COMPUTED', async () => {
    const { s } = memoryIndex(COUNTERS, NOW);
    await s.recompute('2026-10', 'schedule');
    await expect(s.breakdown('2026-10', 'NOPE')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await expect(s.ranking('2026-10', 'commune', 'NOPE')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('a provisional result older than two refreshes is still served, and a refresh is asked for', async () => {
    let now = Date.parse(NOW);
    const { s, sent, computations } = memoryIndex(COUNTERS, () => new Date(now));
    await s.refresh('refresh');
    const computed = computations();
    now += minutes(19);
    expect((await s.ranking('2026-11', 'province', null)).final).toBe(false);
    expect(sent).toEqual([]);
    now += minutes(2);
    const stale = await s.ranking('2026-11', 'province', null);
    expect(stale).toMatchObject({ final: false, body: { computedAt: '2026-11-05T03:00:00.000Z' } });
    await s.breakdown('2026-11', 'P2');
    expect(sent).toEqual([{ job: 'index-refresh', period: '2026-11', staleBefore: '2026-11-05T03:11:00.000Z' }]);
    expect(computations()).toBe(computed);
  });

  it('provisional results of a month that has just ended are served as they are (final false) until the monthly job', async () => {
    let now = Date.parse('2026-11-30T16:50:00Z'); // 23:50 on 30 Nov in Hà Nội
    const { s, sent } = memoryIndex(COUNTERS, () => new Date(now));
    await s.refresh('refresh');
    now += minutes(30); // 00:20 on 1 Dec: November has ended, the job runs at 00:30
    expect(await s.ranking('2026-11', 'province', null)).toMatchObject({ final: false });
    expect(sent).toEqual([]);
    await s.recompute('2026-11', 'schedule');
    expect(await s.ranking('2026-11', 'province', null)).toMatchObject({ final: true, body: { final: true } });
  });
});

describe('the refresh: what it stores is what the reads return', () => {
  it('scores the running month, quarter and year, provisional, exactly as computed', async () => {
    const { s, runs } = memoryIndex(COUNTERS, NOW);
    const done = await s.refresh('refresh');
    expect(done.map((r) => [r.period, r.final, r.trigger])).toEqual([['2026-11', false, 'refresh'], ['2026-Q4', false, 'refresh'], ['2026', false, 'refresh']]);
    expect([...runs.keys()]).toEqual(['2026-11', '2026-Q4', '2026']);
    const computed = await s.compute('2026-11');
    for (const expected of computed.rankings) {
      const read = await s.ranking('2026-11', expected.level as 'central' | 'province' | 'commune', expected.province);
      expect(read.body).toEqual({ ...expected, computedAt: done[0]!.computedAt, final: false });
    }
    for (const expected of computed.results) expect((await s.breakdown('2026-11', expected.agencyCode)).body).toEqual({ ...expected, computedAt: done[0]!.computedAt });
  });

  it('never scores a period that is not running, and skips one computed since `staleBefore`', async () => {
    let now = Date.parse(NOW);
    const { s, computations } = memoryIndex(COUNTERS, () => new Date(now));
    expect(await s.refresh('stale-read', { periods: ['2026-10', '2024', '2026-12'] })).toEqual([]);
    expect(computations()).toBe(0);
    await s.refresh('refresh', { periods: ['2026-11'] });
    now += minutes(3);
    expect(await s.refresh('stale-read', { periods: ['2026-11'], staleBefore: new Date(now - minutes(10)).toISOString() })).toEqual([]);
    expect(computations()).toBe(1);
    now += minutes(10);
    expect(await s.refresh('stale-read', { periods: ['2026-11'], staleBefore: new Date(now - minutes(10)).toISOString() })).toHaveLength(1);
  });
});

describe("an admin's recompute: queued, run by the jobs function, polled", () => {
  const setup = () => {
    const index = memoryIndex(COUNTERS, NOW);
    return { ...index, runs: new RecomputeRuns(index.deps, index.s) };
  };

  it('the request checks the period, records a queued run and queues it, computing nothing', async () => {
    const { runs, sent, recomputes, computations } = setup();
    const accepted = RecomputeAccepted.parse(await runs.request('2026-10', 'admin.demo'));
    expect(accepted).toMatchObject({ period: '2026-10', status: 'queued' });
    expect(sent).toEqual([{ job: 'index', period: '2026-10', runId: accepted.runId }]);
    expect(IndexRunStatus.parse(await runs.status(accepted.runId))).toMatchObject({
      status: 'queued', requestedBy: 'admin.demo', requestedAt: '2026-11-05T03:00:00.000Z', startedAt: null, result: null, progress: null,
    });
    expect(computations()).toBe(0);
    await expect(runs.request('2026-12', 'admin.demo')).rejects.toMatchObject({ status: 422, code: 'PERIOD_NOT_STARTED' });
    await expect(runs.request('2018', 'admin.demo')).rejects.toMatchObject({ status: 422, code: 'PERIOD_BEFORE_INDEX' });
    await expect(runs.status('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    expect(recomputes.size).toBe(1);
  });

  it('the jobs function runs it from the queue: running, then done with what it stored; a redelivery does nothing', async () => {
    const { runs, deps, sent, computations, s } = setup();
    const { runId } = await runs.request('2026-10', 'admin.demo');
    const jobs = makeHandler(() => deps);
    const message = (body: unknown, id = 'm1') => ({ messageId: id, receiptHandle: id, body: JSON.stringify(body), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:0:index-runs', awsRegion: 'ap-southeast-1' });
    const event = { Records: [message(sent[0]), message({ job: 'nonsense' }, 'm2')] };
    expect(await jobs(event)).toEqual({ batchItemFailures: [] });
    const done = IndexRunStatus.parse(await runs.status(runId));
    expect(done).toMatchObject({ status: 'done', startedAt: '2026-11-05T03:00:00.000Z', finishedAt: '2026-11-05T03:00:00.000Z', error: null, progress: { done: 6, total: 6 } });
    expect(done.result).toMatchObject({ period: '2026-10', agencies: 6, definitionVersion: '766-2022.1' });
    expect((await s.ranking('2026-10', 'province', null)).body).toMatchObject({ final: true, computedAt: done.result!.computedAt });
    expect(computations()).toBe(1);
    await jobs({ Records: [message(sent[0])] });
    expect(computations()).toBe(1);
  });

  it('a failure is recorded on the run with its reason', async () => {
    const { runs, deps, sent } = setup();
    const { runId } = await runs.request('2026-10', null);
    const failing = { ...deps, store: { ...deps.store, putResults: async () => { throw new Error('table unavailable'); } } };
    expect(sent).toHaveLength(1);
    expect(await new RecomputeRuns(failing, new IndexService(failing)).execute(runId)).toBeUndefined();
    expect(await runs.status(runId)).toMatchObject({ status: 'failed', error: 'table unavailable', result: null });
  });
});

describe('the jobs function invoked directly', () => {
  it("{ job: 'index-refresh' } (the schedule) stores the three running periods; { job: 'index' } the month that ended", async () => {
    const { deps, runs } = memoryIndex(COUNTERS, NOW);
    const jobs = makeHandler(() => deps, { clock: () => new Date(NOW) });
    const refreshed = (await jobs({ job: 'index-refresh' })) as { runs: { period: string; trigger: string }[] };
    expect(refreshed.runs.map((r) => [r.period, r.trigger])).toEqual([['2026-11', 'refresh'], ['2026-Q4', 'refresh'], ['2026', 'refresh']]);
    const monthly = (await jobs({ job: 'index' })) as { runs: { period: string; final: boolean }[] };
    expect(monthly.runs.map((r) => [r.period, r.final])).toEqual([['2026-10', true]]);
    expect([...runs.keys()].sort()).toEqual(['2026', '2026-10', '2026-11', '2026-Q4']);
    await expect(jobs({ job: 'index', period: '2026-13' })).rejects.toThrow(/period/);
  });
});
