// Public holidays of a year on the working calendar (docs/requirements.md R-CALENDAR). Pure: no
// I/O, no AWS.
//
// Source rules — Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1 (the 11 paid public holidays
// since 2021) and Điều 111 khoản 3 (a weekly rest day that coincides with a public holiday is made up
// on the next working day):
//   a) Tết Dương lịch: 1/1;
//   b) Tết Âm lịch (Tết Nguyên đán): 5 days — the government fixes which; the default here is the
//      last day of the old lunar year and the first 4 days of the new one;
//   c) Ngày Chiến thắng: 30/4;           d) Ngày Quốc tế lao động: 1/5;
//   đ) Quốc khánh: 2/9 and 1 adjacent day (before or after, as the government decides; default 1/9);
//   e) Giỗ Tổ Hùng Vương: 10/3 âm lịch.
// Compensatory days ("nghỉ bù"): when one of these (other than Tết, whose 5 days the government
// already arranges each year) falls on a Saturday or Sunday, the next working day(s) are off.
// The government's yearly announcements ("hoán đổi ngày làm việc", "làm bù") are applied last as
// adjustments: extra days off and make-up working days (seed: seed/catalogue/makeup-days.json).
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';

export type HolidayKind = 'holiday' | 'compensatory' | 'extra_day_off' | 'makeup_workday';

export interface HolidayEntry {
  /** = date */
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** Vietnamese name */
  name: string;
  kind: HolidayKind;
  year: number;
}

/** A government-announced change to the calendar of one day. */
export interface MakeupDay {
  /** YYYY-MM-DD */
  date: string;
  kind: 'makeup_workday' | 'extra_day_off';
  name: string;
  source?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of a proleptic Gregorian date (month 1–12). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Day arithmetic on YYYY-MM-DD strings, in UTC (calendar dates have no time zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isWeekend = (date: string): boolean => {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
};

/** Solar date of a lunar date (Vietnamese calendar, UTC+7), never the leap month. */
function lunarToSolar(day: number, month: number, lunarYear: number): string {
  const s = getSolarDate(day, month, lunarYear, false);
  return isoDate(s.year, s.month, s.day);
}

/** Mùng 1 Tết of the lunar year that starts in the given Gregorian year. */
export function tetDate(year: number): string {
  return lunarToSolar(1, 1, year);
}

/** Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch) in the given Gregorian year. */
export function hungKingsDate(year: number): string {
  return lunarToSolar(10, 3, year);
}

const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];

/**
 * The public holidays of `year`, then compensatory days, then the adjustments of that year
 * (adjustments of other years are ignored). Sorted by date, one entry per date.
 */
export function computeHolidays(year: number, adjustments: readonly MakeupDay[] = []): HolidayEntry[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new RangeError(`year out of range: ${year}`);
  }
  const own = adjustments.filter((a) => a.date.startsWith(`${year}-`));
  const entries = new Map<string, HolidayEntry>();
  const put = (date: string, name: string, kind: HolidayKind): void => {
    if (!entries.has(date)) entries.set(date, { id: date, date, name, kind, year });
  };

  // Tết Nguyên đán: the last day of the old lunar year (29 or 30 tháng Chạp) + mùng 1–4.
  const tet = tetDate(year);
  const lastDayOfOldYear = addDays(tet, -1);
  const [ly, lm, ld] = lastDayOfOldYear.split('-').map(Number) as [number, number, number];
  const chap = getLunarDate(ld, lm, ly).day; // 29 or 30
  put(lastDayOfOldYear, `Tết Nguyên đán (${chap} tháng Chạp)`, 'holiday');
  for (const [i, n] of TET_DAY_NAMES.entries()) put(addDays(tet, i), `Tết Nguyên đán (${n} tháng Giêng)`, 'holiday');
  const tetDays = new Set([lastDayOfOldYear, tet, addDays(tet, 1), addDays(tet, 2), addDays(tet, 3)]);

  // The other holidays, which earn compensatory days when they fall on a weekend.
  // Quốc khánh: 2/9 plus 1/9, unless the year's adjustments give 3/9 as the day off instead.
  const sep3 = isoDate(year, 9, 3);
  const nationalDayAdjacent = own.some((a) => a.kind === 'extra_day_off' && a.date === sep3)
    ? sep3
    : isoDate(year, 9, 1);
  const fixed: Array<[string, string]> = [
    [isoDate(year, 1, 1), 'Tết Dương lịch'],
    [hungKingsDate(year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
    [isoDate(year, 4, 30), 'Ngày Chiến thắng (30/4)'],
    [isoDate(year, 5, 1), 'Ngày Quốc tế Lao động (1/5)'],
    [nationalDayAdjacent, `Quốc khánh (ngày liền kề ${nationalDayAdjacent === sep3 ? '3/9' : '1/9'})`],
    [isoDate(year, 9, 2), 'Quốc khánh (2/9)'],
  ];
  fixed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [date, name] of fixed) put(date, name, 'holiday');

  // Compensatory days: for each non-Tết holiday on a Saturday/Sunday, the next day that is
  // Monday–Friday and not already off. Processed in date order so that two weekend holidays in a
  // row (e.g. 30/4 Sat + 1/5 Sun) give two consecutive compensatory days.
  for (const [date, name] of fixed) {
    if (tetDays.has(date) || !isWeekend(date)) continue;
    let d = addDays(date, 1);
    while (isWeekend(d) || entries.has(d)) d = addDays(d, 1);
    put(d, `Nghỉ bù ${name}`, 'compensatory');
  }

  // Adjustments announced by the government for this year.
  for (const a of [...own].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
    if (a.kind === 'makeup_workday') {
      // A make-up working day is worked even if the computation made it a day off.
      entries.set(a.date, { id: a.date, date: a.date, name: a.name, kind: 'makeup_workday', year });
    } else if (a.date !== nationalDayAdjacent) {
      put(a.date, a.name, 'extra_day_off');
    }
  }

  return [...entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** `computeHolidays` for several years, concatenated in date order. */
export function holidaysFor(years: readonly number[], adjustments: readonly MakeupDay[] = []): HolidayEntry[] {
  const unique = [...new Set(years)].sort((a, b) => a - b);
  return unique.flatMap((y) => computeHolidays(y, adjustments));
}

/** True when `date` is not worked: a weekend without make-up, or a holiday/compensatory/extra day off. */
export function isNonWorkingDay(date: string, calendar: readonly HolidayEntry[]): boolean {
  const entry = calendar.find((e) => e.date === date);
  if (entry) return entry.kind !== 'makeup_workday';
  return isWeekend(date);
}
