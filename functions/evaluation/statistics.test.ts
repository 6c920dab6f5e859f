// Public statistics over in-memory ports (test/evaluation/memory-index.ts): an agency with its
// communes or the whole country, summed from the counters; a period yet to come has no figures.
import { describe, expect, it } from 'vitest';
import { memoryIndex, perfect } from '../../test/evaluation/memory-index';
import { readStatistics } from './statistics';

describe('readStatistics', () => {
  it('an agency with its communes, or the whole country', async () => {
    const { ctx } = memoryIndex({ 'P1-C1|2026-10': perfect(10), 'P1|2026-10': { dossiers: 2, 'st:submitted': 2, 'ch:desk': 2, 'pr:1.000001': 2 }, 'M1|2026-10': perfect(1) });
    const province = (await readStatistics(ctx, '2026-10', 'P1')).body;
    expect(province).toMatchObject({ dossiers: 12, byStatus: { returned: 10, submitted: 2 }, byChannel: { online: 10, desk: 2 }, onTimeRate: 1, averageHandlingDays: 1 });
    expect(province.byProcedure).toEqual([{ procedureCode: '1.000001', procedureName: 'Procedure 1.000001', dossiers: 12 }]);
    expect((await readStatistics(ctx, '2026-10', undefined)).body.dossiers).toBe(13);
    await expect(readStatistics(ctx, '2026-10', 'NOPE')).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    // The index's clock is 5 Nov 2026: December has not begun; November (running) has.
    await expect(readStatistics(ctx, '2026-12', undefined)).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    await expect(readStatistics(ctx, '2027', 'P1')).rejects.toMatchObject({ kind: 'unprocessable', code: 'PERIOD_NOT_STARTED' });
    expect((await readStatistics(ctx, '2026-11', undefined)).stored).toBe(false);
  });
});
