// The dashboard's periods: parsing, labels in both languages, the default (last month in
// Asia/Ho_Chi_Minh), the periods offered, and the problems a period from the address can have.
import { describe, expect, it } from 'vitest';
import {
  defaultPeriod, hasBegun, isRunning, isScorable, parsePeriodId, periodLabel, periodOptions, periodProblem,
} from '../../web/src/dashboard/period';

/** 2026-12-01 00:30 in Hà Nội is still 30 November in UTC. */
const FIRST_OF_DECEMBER_VN = new Date('2026-11-30T17:30:00Z');
const MID_MAY = new Date('2026-05-15T03:00:00Z');

describe('dashboard periods', () => {
  it('parses months, quarters and years, and refuses anything else', () => {
    expect(parsePeriodId('2026-11')).toEqual({ id: '2026-11', kind: 'month', year: 2026, part: 11, months: ['2026-11'] });
    expect(parsePeriodId('2026-Q2')).toMatchObject({ kind: 'quarter', year: 2026, part: 2, months: ['2026-04', '2026-05', '2026-06'] });
    expect(parsePeriodId('2025')).toMatchObject({ kind: 'year', part: 0 });
    expect(parsePeriodId('2025')!.months).toHaveLength(12);
    for (const bad of ['', '2026-13', '2026-00', '2026-Q5', '26-11', '1999', '2100-01', 'abc', '2026-1', null, undefined]) {
      expect(parsePeriodId(bad), String(bad)).toBeNull();
    }
  });

  it('names periods in Vietnamese and English', () => {
    expect(periodLabel('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-03', 'vi')).toBe('Tháng 3/2026');
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý 4/2026');
    expect(periodLabel('2025', 'vi')).toBe('Năm 2025');
    expect(periodLabel('2026-11', 'en')).toBe('November 2026');
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2025', 'en')).toBe('2025');
    expect(periodLabel('nonsense', 'vi')).toBe('nonsense');
  });

  it('defaults to last month in Asia/Ho_Chi_Minh, and to the last ended quarter and year', () => {
    // Already December in Hà Nội, though November in UTC: last month is November.
    expect(defaultPeriod('month', FIRST_OF_DECEMBER_VN)).toBe('2026-11');
    expect(defaultPeriod('month', new Date('2026-11-30T16:59:00Z'))).toBe('2026-10');
    expect(defaultPeriod('month', new Date('2026-01-10T00:00:00Z'))).toBe('2025-12');
    expect(defaultPeriod('quarter', FIRST_OF_DECEMBER_VN)).toBe('2026-Q3');
    expect(defaultPeriod('quarter', new Date('2026-10-01T00:00:00Z'))).toBe('2026-Q3');
    expect(defaultPeriod('quarter', new Date('2026-01-05T00:00:00Z'))).toBe('2025-Q4');
    expect(defaultPeriod('year', MID_MAY)).toBe('2025');
  });

  it('offers every scorable period, newest (running) first, back to July 2022', () => {
    const months = periodOptions('month', MID_MAY);
    expect(months[0]).toBe('2026-05');
    expect(months[1]).toBe('2026-04');
    expect(months.at(-1)).toBe('2022-07');
    expect(months).toHaveLength(47);
    expect(periodOptions('quarter', MID_MAY)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1', '2023-Q4', '2023-Q3', '2023-Q2', '2023-Q1', '2022-Q4', '2022-Q3']);
    // 2022 starts in January, before the decision took effect: not scorable.
    expect(periodOptions('year', MID_MAY)).toEqual(['2026', '2025', '2024', '2023']);
  });

  it('tells a running period from an ended one and from one not begun', () => {
    expect(isRunning('2026-05', MID_MAY)).toBe(true);
    expect(isRunning('2026-Q2', MID_MAY)).toBe(true);
    expect(isRunning('2026', MID_MAY)).toBe(true);
    expect(isRunning('2026-04', MID_MAY)).toBe(false);
    expect(isRunning('2026-06', MID_MAY)).toBe(false);
    expect(hasBegun('2026-06', MID_MAY)).toBe(false);
    expect(hasBegun('2026-Q2', MID_MAY)).toBe(true);
    expect(isScorable('2022-07')).toBe(true);
    expect(isScorable('2022-06')).toBe(false);
    expect(isScorable('2022-Q3')).toBe(true);
    expect(isScorable('2022')).toBe(false);
  });

  it('says why a period from the address cannot be shown', () => {
    expect(periodProblem('2026-04', MID_MAY)).toBeNull();
    expect(periodProblem('2026-05', MID_MAY)).toBeNull();
    expect(periodProblem('2026-13', MID_MAY)).toBe('invalid');
    expect(periodProblem('2026-06', MID_MAY)).toBe('notStarted');
    expect(periodProblem('2099', MID_MAY)).toBe('notStarted');
    expect(periodProblem('2021-05', MID_MAY)).toBe('beforeIndex');
  });
});
