// Public statistics over in-memory ports (test/evaluation/memory-index.ts): an agency with its
// communes or the whole country, computed with the index by the jobs and served stored; a period
// yet to come has no figures. Regression (issue 18): the read used to sum the counters of ANY
// period on request (4–5 s for a year under load); now it reads no counter and computes nothing.
import { describe, expect, it } from 'vitest';
import { Statistics } from '../../shared/contracts/evaluation';
import { memoryIndex, perfect } from '../../test/evaluation/memory-index';
import { recomputePeriod, refreshRunning } from './recompute';
import { readStatistics } from './statistics';

/** 5 Nov 2026, 10:00 in Hà Nội: November, 2026-Q4 and 2026 are running; October has ended. */
const NOW = '2026-11-05T03:00:00Z';
const COUNTERS = {
  'P1-C1|2026-10': perfect(10), 'P1|2026-10': { dossiers: 2, 'st:submitted': 2, 'ch:desk': 2, 'pr:1.000001': 2 }, 'M1|2026-10': perfect(1),
  'P2|2026-11': perfect(4),
};
const minutes = (n: number) => n * 60_000;

describe('readStatistics', () => {
  it('serves what the job stored: an agency with its communes, or the whole country, in the Statistics contract', async () => {
    const { ctx } = memoryIndex(COUNTERS, NOW);
    const run = await recomputePeriod(ctx, '2026-10', 'schedule');
    const province = await readStatistics(ctx, '2026-10', 'P1');
    expect(province.final).toBe(true);
    expect(Statistics.parse(province.body)).toEqual(province.body);
    expect(province.body).toMatchObject({
      period: '2026-10', agencyCode: 'P1', agencyName: 'Province one', computedAt: run.computedAt, final: true,
      dossiers: 12, byStatus: { returned: 10, submitted: 2 }, byChannel: { online: 10, desk: 2 }, onTimeRate: 1, averageHandlingDays: 1,
    });
    expect(province.body.byProcedure).toEqual([{ procedureCode: '1.000001', procedureName: 'Procedure 1.000001', dossiers: 12 }]);
    const country = await readStatistics(ctx, '2026-10', undefined);
    expect(country.body).toMatchObject({ agencyCode: null, agencyName: null, dossiers: 13 });
    Statistics.parse(country.body);
    await expect(readStatistics(ctx, '2026-10', 'NOPE')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
  });

  it('a period yet to come is 422 PERIOD_NOT_STARTED', async () => {
    const { ctx, counterReads } = memoryIndex(COUNTERS, NOW);
    await expect(readStatistics(ctx, '2026-12', undefined)).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    await expect(readStatistics(ctx, '2027', 'P1')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    expect(counterReads()).toBe(0);
  });

  it('an ended period nobody stored is 404 PERIOD_NOT_COMPUTED: no counter read, nothing computed or queued', async () => {
    const { ctx, counterReads, computations, sent } = memoryIndex(COUNTERS, NOW);
    for (const period of ['2026-10', '2026-Q3', '2025', '2024-07', '2019-05']) {
      await expect(readStatistics(ctx, period, undefined)).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
      await expect(readStatistics(ctx, period, 'P1')).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    }
    expect([counterReads(), computations()]).toEqual([0, 0]);
    expect(sent).toEqual([]);
  });

  it('a running period not stored yet is 404 PERIOD_NOT_COMPUTED and its refresh is queued (the index\'s), once a minute', async () => {
    const { ctx, counterReads, sent } = memoryIndex(COUNTERS, NOW);
    await expect(readStatistics(ctx, '2026', undefined)).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    await expect(readStatistics(ctx, '2026', 'P2')).rejects.toMatchObject({ kind: 'not_found', code: 'PERIOD_NOT_COMPUTED' });
    expect(counterReads()).toBe(0);
    expect(sent).toEqual([{ job: 'index-refresh', period: '2026', staleBefore: '2026-11-05T02:50:00.000Z' }]);
  });

  it('a running period stored by the refresh is served provisional without reading a counter; stale, it is still served and a refresh asked for', async () => {
    let now = Date.parse(NOW);
    const { ctx, counterReads, sent } = memoryIndex(COUNTERS, () => new Date(now));
    await refreshRunning(ctx, 'refresh');
    const reads = counterReads();
    for (const period of ['2026-11', '2026-Q4', '2026']) {
      const read = await readStatistics(ctx, period, 'P2');
      expect(read).toMatchObject({ final: false, body: { period, final: false, dossiers: 4, computedAt: '2026-11-05T03:00:00.000Z' } });
      Statistics.parse(read.body);
    }
    expect((await readStatistics(ctx, '2026', undefined)).body.dossiers).toBe(17); // October's 13 and November's 4
    expect(counterReads()).toBe(reads);
    expect(sent).toEqual([]);
    now += minutes(21);
    expect((await readStatistics(ctx, '2026-11', undefined)).final).toBe(false);
    expect(sent).toEqual([{ job: 'index-refresh', period: '2026-11', staleBefore: '2026-11-05T03:11:00.000Z' }]);
    expect(counterReads()).toBe(reads);
  });
});
