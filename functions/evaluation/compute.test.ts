// Scoring a period over in-memory ports (test/evaluation/memory-index.ts): roll-up of communes into
// their province, quarters as sums of months, ranking per level with unscored agencies last, what
// a job stores served by the reads, and a corrupt stored procedure left out instead of failing the
// computation.
import { describe, expect, it, vi } from 'vitest';
import { logger } from '../../shared/http/logger';
import type { Procedure } from '../../shared/contracts/catalogue';
import type { Counters } from './domain/dossier-facts';
import { IndexRanking } from '../../shared/contracts/evaluation';
import { agencies, memoryIndex, perfect, procedure } from '../../test/evaluation/memory-index';
import { computePeriod } from './compute';
import { readBreakdown, readRanking } from './stored-reads';
import { recomputePeriod, refreshRunning } from './recompute';

const index = (counters: Record<string, Counters>, now = '2026-11-05T03:00:00Z', procedures?: Procedure[]) =>
  memoryIndex(counters, now, procedures);

describe('computePeriod', () => {
  it("scores a province with its communes' counters, and ranks each level with unscored agencies last", async () => {
    // P1's own dossiers are all late; its two communes' are perfect: P1 = 2.1 of 20 on time out of 30.
    const { ctx } = index({
      'P1|2026-10': { dossiers: 10, received: 10, agencyActed: 10, late: 10, 'st:processing': 10 },
      'P1-C1|2026-10': perfect(10),
      'P1-C2|2026-10': perfect(10),
      'P2|2026-10': perfect(5),
    });
    const computed = await computePeriod(ctx, '2026-10');
    const p1 = computed.results.find((r) => r.agencyCode === 'P1')!;
    const onTime = p1.indicators.find((i) => i.code === '2.1')!;
    expect([onTime.numerator, onTime.denominator]).toEqual([20, 30]);
    // 20 × (20 ÷ 30) = 13.33 points of 20.
    expect(onTime.score).toBe(13.33);

    const provinces = computed.rankings.find((r) => r.level === 'province')!;
    expect(provinces.items.map((i) => [i.agencyCode, i.rank])).toEqual([['P2', 1], ['P1', 2], ['P3', 2 + 1]]);
    // P3 has no dossier, but its procedure indicators (1.3, 3.1) still score: it is ranked, last.
    const communes = computed.rankings.find((r) => r.level === 'commune' && r.province === 'P1')!;
    expect(communes.items.map((i) => i.agencyCode).sort()).toEqual(['P1-C1', 'P1-C2']);
    expect(communes.items[0]!.rank).toBe(1);
    expect(communes.items[1]!.rank).toBe(1); // identical counters: a shared rank
    expect(computed.final).toBe(true);
  });

  it('an agency with nothing to score is listed unranked (rank null), and the ranking keeps the IndexRanking contract', async () => {
    const { ctx } = index({ 'P2|2026-10': perfect(10) });
    // The catalogue has only a commune procedure: the ministry handles nothing in the period.
    await recomputePeriod(ctx, '2026-10', 'test');
    const central = await readRanking(ctx, '2026-10', 'central', null);
    const body = IndexRanking.parse(central.body);
    expect(body.items).toEqual([expect.objectContaining({ agencyCode: 'M1', rank: null, applicable: false })]);
    const provinces = IndexRanking.parse((await readRanking(ctx, '2026-10', 'province', null)).body);
    expect(provinces.items.map((i) => i.rank)).toEqual([1, 2, 2]);
  });

  it('a quarter sums its months', async () => {
    const { ctx } = index({ 'P2|2026-07': perfect(3), 'P2|2026-08': perfect(4), 'P2|2026-09': { ...perfect(5), onTime: 0, late: 5 } }, '2026-10-01T03:00:00Z');
    const q = await computePeriod(ctx, '2026-Q3');
    const onTime = q.results.find((r) => r.agencyCode === 'P2')!.indicators.find((i) => i.code === '2.1')!;
    expect([onTime.numerator, onTime.denominator]).toEqual([7, 12]);
  });

  it('serves a period once a job stored it, provisional while it runs; refuses a future one', async () => {
    const { ctx } = index({ 'P2|2026-10': perfect(5), 'P2|2026-11': perfect(2) });
    await recomputePeriod(ctx, '2026-10', 'test');
    const stored = await readRanking(ctx, '2026-10', 'province', null);
    expect(stored).toMatchObject({ final: true, body: { final: true, period: '2026-10' } });
    await refreshRunning(ctx, 'test');
    const running = await readRanking(ctx, '2026-11', 'province', null);
    expect(running).toMatchObject({ final: false, body: { final: false, period: '2026-11' } });
    expect((await readBreakdown(ctx, '2026-11', 'P2')).body).toMatchObject({ final: false, agencyCode: 'P2' });
    await expect(readBreakdown(ctx, '2026-10', 'NOPE')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    await expect(computePeriod(ctx, '2026-12')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
  });

  it('one procedure the rules cannot judge is reported once and left out; the index is computed for everyone', async () => {
    const warn = vi.spyOn(logger, 'warn');
    try {
      // What a PUT once let through: every computation threw RangeError (invalid instant) and every index read was a 500.
      const corrupt = { ...procedure('9.999701'), announcedAt: 'x' } as Procedure;
      const { ctx } = index({ 'P1-C1|2026-10': perfect(10) }, '2026-11-05T03:00:00Z', [procedure('1.000001'), corrupt]);
      const computed = await computePeriod(ctx, '2026-10');
      expect(computed.results).toHaveLength(agencies.length);
      const clean = await computePeriod(index({ 'P1-C1|2026-10': perfect(10) }).ctx, '2026-10');
      expect(computed.results.map((r) => [r.agencyCode, r.total])).toEqual(clean.results.map((r) => [r.agencyCode, r.total]));
      const reports = warn.mock.calls.filter(([message]) => message === 'Corrupt record skipped');
      expect(reports).toHaveLength(1);
      expect(reports[0]![1]).toMatchObject({ reader: 'evaluation.index', record: { kind: 'procedure', key: '9.999701', problems: ['RangeError'] }, CorruptRecordsSkipped: 1 });
      expect(computed.statistics.find((s) => s.agencyCode === 'P1')).toMatchObject({ dossiers: 10 });
    } finally {
      warn.mockRestore();
    }
  });
});
