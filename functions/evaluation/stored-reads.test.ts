// The public reads serve stored results and never compute (issue 18, bug 4: a public read of any
// period used to score it on demand, ~2 s each, one memo per period value). Over in-memory ports
// (test/evaluation/memory-index.ts): what a read does when the period is stored, provisional and
// fresh, provisional and stale, missing while running, missing after it ended, not begun or before
// the index; what the refresh stores (and only for running periods).
import { describe, expect, it } from 'vitest';
import { IndexBreakdown, IndexRanking } from '../../shared/contracts/evaluation';
import { memoryIndex, perfect } from '../../test/evaluation/memory-index';
import { computePeriod } from './compute';
import { recomputePeriod, refreshRunning } from './recompute';
import { readBreakdown, readRanking } from './stored-reads';

/** 5 Nov 2026, 10:00 in Hà Nội: November, 2026-Q4 and 2026 are running; October has ended. */
const NOW = '2026-11-05T03:00:00Z';
const COUNTERS = { 'P2|2026-10': perfect(5), 'P2|2026-11': perfect(2), 'P1-C1|2026-11': perfect(3) };
const minutes = (n: number) => n * 60_000;

describe('public index reads: stored results only', () => {
  it('a stored period is read without computing anything, however often it is read', async () => {
    const { ctx, computations, sent } = memoryIndex(COUNTERS, NOW);
    await recomputePeriod(ctx, '2026-10', 'schedule');
    await refreshRunning(ctx, 'refresh');
    const before = computations();
    for (let i = 0; i < 5; i++) {
      IndexRanking.parse((await readRanking(ctx, '2026-10', 'province', null)).body);
      IndexRanking.parse((await readRanking(ctx, '2026-11', 'commune', 'P1')).body);
      IndexRanking.parse((await readRanking(ctx, '2026', 'central', null)).body);
      IndexBreakdown.parse((await readBreakdown(ctx, '2026-Q4', 'P1-C1')).body);
    }
    expect(computations()).toBe(before);
    // Fresh provisional results: no refresh asked for either.
    expect(sent).toEqual([]);
  });

  // Regression: the old read computed any period no job had stored (one memo per period value), so
  // cycling period values kept the function busy scoring. Now it answers 404 and computes nothing.
  it('an ended period nobody stored is 404 PERIOD_NOT_COMPUTED, and nothing is computed or queued', async () => {
    const { ctx, computations, sent } = memoryIndex(COUNTERS, NOW);
    for (const period of ['2026-10', '2026-Q3', '2025', '2024-07']) {
      await expect(readRanking(ctx, period, 'province', null)).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
      await expect(readBreakdown(ctx, period, 'P2')).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    }
    expect(computations()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('a period not begun is 422 PERIOD_NOT_STARTED, one before the first definition 422 PERIOD_BEFORE_INDEX', async () => {
    const { ctx, computations } = memoryIndex(COUNTERS, NOW);
    await expect(readRanking(ctx, '2026-12', 'province', null)).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    await expect(readBreakdown(ctx, '2027', 'P2')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    await expect(readRanking(ctx, '2019-05', 'province', null)).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_BEFORE_INDEX' });
    expect(computations()).toBe(0);
  });

  it('a running period not stored yet is 404 PERIOD_NOT_COMPUTED and its refresh is queued, once a minute per function', async () => {
    const { ctx, computations, sent } = memoryIndex(COUNTERS, NOW);
    await expect(readRanking(ctx, '2026-11', 'province', null)).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    await expect(readBreakdown(ctx, '2026-11', 'P2')).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    await expect(readRanking(ctx, '2026-Q4', 'province', null)).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    expect(computations()).toBe(0);
    // One request per period, whatever the number of reads; stale before = now − one refresh interval.
    expect(sent).toEqual([
      { job: 'index-refresh', period: '2026-11', staleBefore: '2026-11-05T02:50:00.000Z' },
      { job: 'index-refresh', period: '2026-Q4', staleBefore: '2026-11-05T02:50:00.000Z' },
    ]);
  });

  it('a stored period with an unknown agency or province is 404 NOT_FOUND, not PERIOD_NOT_COMPUTED', async () => {
    const { ctx } = memoryIndex(COUNTERS, NOW);
    await recomputePeriod(ctx, '2026-10', 'schedule');
    await expect(readBreakdown(ctx, '2026-10', 'NOPE')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    await expect(readRanking(ctx, '2026-10', 'commune', 'NOPE')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
  });

  it('a provisional result older than two refreshes is still served, and a refresh is asked for', async () => {
    let now = Date.parse(NOW);
    const { ctx, sent, computations } = memoryIndex(COUNTERS, () => new Date(now));
    await refreshRunning(ctx, 'refresh');
    const computed = computations();
    now += minutes(19);
    expect((await readRanking(ctx, '2026-11', 'province', null)).final).toBe(false);
    expect(sent).toEqual([]);
    now += minutes(2);
    const stale = await readRanking(ctx, '2026-11', 'province', null);
    expect(stale).toMatchObject({ final: false, body: { computedAt: '2026-11-05T03:00:00.000Z' } });
    await readBreakdown(ctx, '2026-11', 'P2');
    expect(sent).toEqual([{ job: 'index-refresh', period: '2026-11', staleBefore: '2026-11-05T03:11:00.000Z' }]);
    expect(computations()).toBe(computed);
  });

  it('provisional results of a month that has just ended are served as they are (final false) until the monthly job', async () => {
    let now = Date.parse('2026-11-30T16:50:00Z'); // 23:50 on 30 Nov in Hà Nội
    const { ctx, sent } = memoryIndex(COUNTERS, () => new Date(now));
    await refreshRunning(ctx, 'refresh');
    now += minutes(30); // 00:20 on 1 Dec: November has ended, the job runs at 00:30
    expect(await readRanking(ctx, '2026-11', 'province', null)).toMatchObject({ final: false });
    expect(sent).toEqual([]);
    await recomputePeriod(ctx, '2026-11', 'schedule');
    expect(await readRanking(ctx, '2026-11', 'province', null)).toMatchObject({ final: true, body: { final: true } });
  });
});

describe('the refresh: what it stores is what the reads return', () => {
  it('scores the running month, quarter and year, provisional, exactly as computed', async () => {
    const { ctx, runs } = memoryIndex(COUNTERS, NOW);
    const done = await refreshRunning(ctx, 'refresh');
    expect(done.map((r) => [r.period, r.final, r.trigger])).toEqual([['2026-11', false, 'refresh'], ['2026-Q4', false, 'refresh'], ['2026', false, 'refresh']]);
    expect([...runs.keys()]).toEqual(['2026-11', '2026-Q4', '2026']);
    const computed = await computePeriod(ctx, '2026-11');
    for (const expected of computed.rankings) {
      const read = await readRanking(ctx, '2026-11', expected.level as 'central' | 'province' | 'commune', expected.province);
      expect(read.body).toEqual({ ...expected, computedAt: done[0]!.computedAt, final: false });
    }
    for (const expected of computed.results) expect((await readBreakdown(ctx, '2026-11', expected.agencyCode)).body).toEqual({ ...expected, computedAt: done[0]!.computedAt });
  });

  it('never scores a period that is not running, and skips one computed since `staleBefore`', async () => {
    let now = Date.parse(NOW);
    const { ctx, computations } = memoryIndex(COUNTERS, () => new Date(now));
    expect(await refreshRunning(ctx, 'stale-read', { periods: ['2026-10', '2024', '2026-12'] })).toEqual([]);
    expect(computations()).toBe(0);
    await refreshRunning(ctx, 'refresh', { periods: ['2026-11'] });
    now += minutes(3);
    expect(await refreshRunning(ctx, 'stale-read', { periods: ['2026-11'], staleBefore: new Date(now - minutes(10)).toISOString() })).toEqual([]);
    expect(computations()).toBe(1);
    now += minutes(10);
    expect(await refreshRunning(ctx, 'stale-read', { periods: ['2026-11'], staleBefore: new Date(now - minutes(10)).toISOString() })).toHaveLength(1);
  });
});
