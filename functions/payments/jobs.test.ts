// The reconciliation job's event handling: which day it covers, and what it refuses.
import { describe, expect, it } from 'vitest';
import { makeJobHandler } from './jobs';
import { previousLocalDate } from './use-cases/reconcile';

const recording = () => {
  const dates: string[] = [];
  const reconcile = async (date: string) => {
    dates.push(date);
    return [{ provider: 'sandbox', date, ranAt: '', lines: 0, mismatches: [] }];
  };
  return { dates, handler: makeJobHandler(reconcile) };
};

describe('payment reconcile job', () => {
  it('covers yesterday in Hà Nội by default (the schedule fires at 02:00 local)', async () => {
    expect(previousLocalDate(new Date('2026-12-01T19:00:00Z'))).toBe('2026-12-01'); // 02:00 on 2 Dec in Hà Nội
    expect(previousLocalDate(new Date('2026-12-01T16:59:00Z'))).toBe('2026-11-30');
    const { dates, handler } = recording();
    const out = await handler({ job: 'reconcile', now: '2026-12-01T19:00:00Z' });
    expect(dates).toEqual(['2026-12-01']);
    expect(out).toMatchObject({ job: 'reconcile', date: '2026-12-01', reports: [{ provider: 'sandbox' }] });
  });

  it('takes an explicit date (npm run job -- reconcile --date) and refuses a malformed one or another job', async () => {
    const { dates, handler } = recording();
    await handler({ job: 'reconcile', date: '2026-11-15' });
    expect(dates).toEqual(['2026-11-15']);
    await expect(handler({ job: 'reconcile', date: '15/11/2026' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(handler({ job: 'index' })).rejects.toThrow(/Unknown payment job/);
  });
});
