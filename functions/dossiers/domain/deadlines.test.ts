import { describe, expect, it } from 'vitest';
import { deadlineReport } from './deadlines';
import type { DossierRecord } from './dossier';
import { createWorkingCalendar } from '../../../shared/calendar';

// 2026-11-23 is a Monday; no holidays in this window.
const calendar = createWorkingCalendar([]);
const NOW = new Date('2026-11-23T03:00:00.000Z'); // Mon 10:00 local

const dossier = (id: string, over: Partial<DossierRecord>): DossierRecord => ({
  id, code: `X-261120-${id}`, agencyCode: 'A', status: 'processing', dueAt: null, finishedAt: null, pausedAt: null, apologies: [],
  ...over,
} as DossierRecord);

describe('deadlineReport (D1–D4)', () => {
  const cases: [string, Partial<DossierRecord>, ('dueSoon' | 'late' | 'apologyOwed')[]][] = [
    ['due tomorrow 17:00 local: due soon, apology owed (L4)', { dueAt: '2026-11-24T10:00:00.000Z' }, ['dueSoon', 'apologyOwed']],
    ['due later today: due soon', { dueAt: '2026-11-23T10:00:00.000Z' }, ['dueSoon', 'apologyOwed']],
    ['due in three working days: nothing', { dueAt: '2026-11-26T10:00:00.000Z' }, []],
    ['past due and still processing: late', { dueAt: '2026-11-20T10:00:00.000Z' }, ['late', 'apologyOwed']],
    ['past due but done: nothing (D1)', { dueAt: '2026-11-20T10:00:00.000Z', status: 'done', finishedAt: '2026-11-21T00:00:00.000Z' }, []],
    ['submitted, no due date: nothing (D1)', { status: 'submitted' }, []],
    ['paused before the due instant: not late (L2)', { dueAt: '2026-11-20T10:00:00.000Z', status: 'supplement_requested', pausedAt: '2026-11-19T03:00:00.000Z' }, ['dueSoon', 'apologyOwed']],
    ['due tomorrow with a timely apology to next week: nothing', {
      dueAt: '2026-11-24T10:00:00.000Z', apologies: [{ issuedAt: '2026-11-22T03:00:00.000Z', newDueDate: '2026-12-01', reason: 'x' }],
    }, []],
  ];
  it.each(cases)('%s', (_name, over, lists) => {
    const report = deadlineReport([dossier('0001', over)], calendar, NOW);
    for (const list of ['dueSoon', 'late', 'apologyOwed'] as const) {
      expect(report[list].map((e) => e.id), list).toEqual(lists.includes(list) ? ['0001'] : []);
    }
  });

  it('orders each list by the appointment in force', () => {
    const report = deadlineReport([
      dossier('b', { dueAt: '2026-11-24T10:00:00.000Z' }),
      dossier('a', { dueAt: '2026-11-23T10:00:00.000Z' }),
    ], calendar, NOW);
    expect(report.dueSoon.map((e) => e.id)).toEqual(['a', 'b']);
  });
});
