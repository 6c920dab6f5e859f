// Index periods (functions/evaluation/domain/period.ts), table-driven: the strings that name a
// period and those that do not, and the clock questions around local midnight. Asia/Ho_Chi_Minh
// is UTC+7 all year: local midnight starting day D is 17:00Z on the day before D.
import { describe, expect, it } from 'vitest';
import {
  dayAfter,
  evaluationDay,
  hasBegun,
  isOver,
  isRunning,
  localDayOf,
  localMonthOf,
  parsePeriod,
  periodsClosedBy,
  runningPeriods,
  shiftMonth,
  type Period,
} from './period';

const period = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p) throw new Error(`${id} names no period`);
  return p;
};
const months = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

describe('parsePeriod: strings that name a period', () => {
  it.each<[string, Period]>([
    ['2026-10', { id: '2026-10', kind: 'month', months: ['2026-10'] }],
    ['2026-01', { id: '2026-01', kind: 'month', months: ['2026-01'] }],
    ['2026-12', { id: '2026-12', kind: 'month', months: ['2026-12'] }],
    ['2026-Q1', { id: '2026-Q1', kind: 'quarter', months: ['2026-01', '2026-02', '2026-03'] }],
    ['2026-Q2', { id: '2026-Q2', kind: 'quarter', months: ['2026-04', '2026-05', '2026-06'] }],
    ['2026-Q3', { id: '2026-Q3', kind: 'quarter', months: ['2026-07', '2026-08', '2026-09'] }],
    ['2026-Q4', { id: '2026-Q4', kind: 'quarter', months: ['2026-10', '2026-11', '2026-12'] }],
    ['2026', { id: '2026', kind: 'year', months: months(2026, 1, 12) }],
    // the range bounds: 2000–2099
    ['2000-01', { id: '2000-01', kind: 'month', months: ['2000-01'] }],
    ['2099-12', { id: '2099-12', kind: 'month', months: ['2099-12'] }],
    ['2000-Q1', { id: '2000-Q1', kind: 'quarter', months: ['2000-01', '2000-02', '2000-03'] }],
    ['2099', { id: '2099', kind: 'year', months: months(2099, 1, 12) }],
  ])('%s', (id, expected) => {
    expect(parsePeriod(id)).toEqual(expected);
  });
});

describe('parsePeriod: strings that do not', () => {
  it.each([
    // malformed
    '', '2026-13', '2026-00', '2026-1', '2026-010', '26-10', '2026/10', '2026-10-01', ' 2026-10', '2026-10 ',
    '2026-Q0', '2026-Q5', '2026-q1', '2026Q1', 'Q1-2026', '2026-Q1-01', '2026-H1', '20261', '202', 'abcd', '2026-',
    // out of range years
    '1999-12', '2100-01', '1999-Q4', '2100-Q1', '1999', '2100', '0000', '9999-01',
  ])('%j → null', (id) => {
    expect(parsePeriod(id)).toBeNull();
  });
});

describe('localDayOf and localMonthOf', () => {
  it.each([
    ['2026-10-31T16:59:59.999Z', '2026-10-31', '2026-10'],
    ['2026-10-31T17:00:00.000Z', '2026-11-01', '2026-11'], // already 1 Nov locally
    ['2026-12-31T17:00:00.000Z', '2027-01-01', '2027-01'],
    ['2026-10-01T00:00:00.000Z', '2026-10-01', '2026-10'], // 07:00 local
  ])('%s → %s, %s', (iso, day, month) => {
    expect(localDayOf(new Date(iso))).toBe(day);
    expect(localMonthOf(new Date(iso))).toBe(month);
  });
});

describe('dayAfter', () => {
  it.each([
    ['2026-10', '2026-11-01'],
    ['2026-02', '2026-03-01'],
    ['2026-12', '2027-01-01'],
    ['2026-Q3', '2026-10-01'],
    ['2026-Q4', '2027-01-01'],
    ['2026', '2027-01-01'],
  ])('%s → %s', (id, day) => {
    expect(dayAfter(period(id))).toBe(day);
  });
});

describe('evaluationDay: today while the period runs, the first day after once it is over', () => {
  it.each([
    ['2026-10', '2026-10-15T03:00:00.000Z', '2026-10-15'], // running: today
    ['2026-10', '2026-10-01T00:00:00.000Z', '2026-10-01'], // its first day
    ['2026-10', '2026-10-31T16:59:59.999Z', '2026-10-31'], // 23:59:59.999 local on its last day
    ['2026-10', '2026-10-31T17:00:00.000Z', '2026-11-01'], // 00:00 local on 1 Nov: over
    ['2026-10', '2026-10-31T17:30:00.000Z', '2026-11-01'], // the monthly job at 00:30 local
    ['2026-10', '2026-12-15T03:00:00.000Z', '2026-11-01'], // long over: still the day after
    ['2026-12', '2027-03-01T03:00:00.000Z', '2027-01-01'], // across the year
    ['2026-Q4', '2026-11-20T03:00:00.000Z', '2026-11-20'],
    ['2026-Q4', '2027-01-05T03:00:00.000Z', '2027-01-01'],
    ['2026', '2026-06-01T00:00:00.000Z', '2026-06-01'],
    ['2026', '2026-12-31T17:00:00.000Z', '2027-01-01'],
  ])('%s at %s → %s', (id, now, day) => {
    expect(evaluationDay(period(id), new Date(now))).toBe(day);
  });
});

describe('isOver and hasBegun around local midnight', () => {
  it.each<[string, string, boolean, boolean]>([
    // period, now, begun, over
    ['2026-10', '2026-09-30T16:59:59.999Z', false, false], // 23:59:59.999 local on 30 Sep
    ['2026-10', '2026-09-30T17:00:00.000Z', true, false], // 00:00 local on 1 Oct
    ['2026-10', '2026-10-15T03:00:00.000Z', true, false],
    ['2026-10', '2026-10-31T16:59:59.999Z', true, false], // 23:59:59.999 local on 31 Oct
    ['2026-10', '2026-10-31T17:00:00.000Z', true, true], // already 1 Nov locally
    ['2026-10', '2026-11-20T03:00:00.000Z', true, true],
    ['2026-Q4', '2026-09-30T17:00:00.000Z', true, false],
    ['2026-Q4', '2026-11-30T17:00:00.000Z', true, false], // 1 Dec local: the quarter still runs
    ['2026-Q4', '2026-12-31T17:00:00.000Z', true, true],
    ['2026', '2025-12-31T16:59:59.999Z', false, false],
    ['2026', '2025-12-31T17:00:00.000Z', true, false],
    ['2026', '2026-12-31T17:00:00.000Z', true, true],
  ])('%s at %s: begun %s, over %s', (id, now, begun, over) => {
    expect(hasBegun(period(id), new Date(now))).toBe(begun);
    expect(isOver(period(id), new Date(now))).toBe(over);
  });
});

describe('periodsClosedBy: what the 00:30 job on day 1 scores', () => {
  it.each([
    // 00:30 local on 1 Jan 2027 = 2026-12-31T17:30Z: December, Q4 and the year
    ['2026-12-31T17:30:00.000Z', ['2026-12', '2026-Q4', '2026']],
    ['2027-01-01T00:30:00+07:00', ['2026-12', '2026-Q4', '2026']],
    // 1 Apr: March and Q1
    ['2026-03-31T17:30:00.000Z', ['2026-03', '2026-Q1']],
    ['2026-06-30T17:30:00.000Z', ['2026-06', '2026-Q2']],
    ['2026-09-30T17:30:00.000Z', ['2026-09', '2026-Q3']],
    // 1 Feb: January only
    ['2026-01-31T17:30:00.000Z', ['2026-01']],
    ['2026-11-30T17:30:00.000Z', ['2026-11']],
    // still 31 Jan locally (23:30): the month before is December, which closes Q4 and 2025
    ['2026-01-31T16:30:00.000Z', ['2025-12', '2025-Q4', '2025']],
    // any day of the month: the previous month
    ['2026-05-15T03:00:00.000Z', ['2026-04']],
  ])('%s → %j', (now, expected) => {
    expect(periodsClosedBy(new Date(now))).toEqual(expected);
  });

  it('every period it names parses', () => {
    for (const id of periodsClosedBy(new Date('2026-12-31T17:30:00.000Z'))) expect(parsePeriod(id), id).not.toBeNull();
  });
});

describe('shiftMonth', () => {
  it.each<[string, number, string]>([
    ['2026-10', 0, '2026-10'],
    ['2026-10', 1, '2026-11'],
    ['2026-12', 1, '2027-01'], // across the year
    ['2026-01', -1, '2025-12'], // back across the year
    ['2026-01', -12, '2025-01'],
    ['2026-01', -13, '2024-12'], // 2026 × 12 + 0 − 13 = 24299 = 2024 × 12 + 11 → December 2024
    ['2026-03', -15, '2024-12'],
    ['2026-11', 14, '2028-01'], // 2026 × 12 + 10 + 14 = 24336 = 2028 × 12 + 0
    ['2026-06', 24, '2028-06'],
  ])('%s %+d → %s', (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });
});

describe('runningPeriods and isRunning: what the refresh keeps stored', () => {
  it.each<[string, string[]]>([
    // 23:59 on 31 Mar local is still Q1; one minute later it is April, Q2.
    ['2026-03-31T16:59:00Z', ['2026-03', '2026-Q1', '2026']],
    ['2026-03-31T17:00:00Z', ['2026-04', '2026-Q2', '2026']],
    ['2026-12-31T17:00:00Z', ['2027-01', '2027-Q1', '2027']],
    ['2026-11-05T03:00:00Z', ['2026-11', '2026-Q4', '2026']],
  ])('at %s: %j', (at, expected) => {
    expect(runningPeriods(new Date(at))).toEqual(expected);
    for (const id of expected) expect(isRunning(period(id), new Date(at))).toBe(true);
  });

  it('an ended or future period is not running', () => {
    const now = new Date('2026-11-05T03:00:00Z');
    for (const id of ['2026-10', '2026-Q3', '2025', '2026-12', '2027']) expect(isRunning(period(id), now)).toBe(false);
  });
});
