// The table of working days a calendar is built on (R2, R3 in working-calendar.ts): which dates
// differ from "Monday–Friday", and counting working days over any range without a per-day loop.
// Built from admin-editable data in request paths, so it never throws on data: a malformed entry
// is skipped and listed in `issues`.
import type { CalendarEntry } from './calendar-types';
import { isWeekday, parseDay, weekdaysBefore } from './local-time';

export interface WorkingDayTable {
  /** Entries that were ignored (malformed date or unknown kind). */
  issues: string[];
  /** The years with at least one entry (R3). */
  years: Set<number>;
  /** R2, on a day number. */
  isWorking(day: number): boolean;
  /** Working days in [the epoch's first Monday, day): differences give the working days of any range. */
  workingBefore(day: number): number;
  /** The k-th (0-based) working day on or after `day`. */
  nthWorkingDayFrom(day: number, k: number): number;
}

export function workingDayTable(entries: readonly CalendarEntry[]): WorkingDayTable {
  // R2: the table of dates whose status differs from "Monday–Friday" — collected per date.
  const issues: string[] = [];
  const status = new Map<number, boolean>(); // day → working?
  const years = new Set<number>();
  for (const e of entries) {
    const day = typeof e?.date === 'string' ? parseDay(e.date) : null;
    if (day === null) {
      issues.push(`ignored entry with a malformed date: ${JSON.stringify(e?.date)}`);
      continue;
    }
    let working: boolean;
    if (e.kind === 'makeup_workday') working = true;
    else if (e.kind === 'holiday' || e.kind === 'compensatory' || e.kind === 'extra_day_off') working = false;
    else {
      issues.push(`ignored entry ${e.date} with unknown kind ${JSON.stringify(e.kind)}`);
      continue;
    }
    years.add(Number(e.date.slice(0, 4)));
    status.set(day, status.get(day) === true || working); // a make-up entry wins
  }

  // Deviations from the weekday rule, as sorted days with prefix sums of ±1, so that counting
  // the working days of any range is O(log entries): no per-day or per-minute loops.
  const deviations = [...status.entries()]
    .filter(([day, working]) => working !== isWeekday(day))
    .sort((a, b) => a[0] - b[0]);
  const devDays = Float64Array.from(deviations, ([d]) => d);
  const devCum = new Float64Array(deviations.length + 1);
  deviations.forEach(([, working], i) => {
    devCum[i + 1] = devCum[i]! + (working ? 1 : -1);
  });

  /** First index i with devDays[i] >= day. */
  const lowerBound = (day: number): number => {
    let lo = 0;
    let hi = devDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (devDays[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const workingBefore = (day: number): number => weekdaysBefore(day) + devCum[lowerBound(day)]!;

  const isWorking = (day: number): boolean => status.get(day) ?? isWeekday(day);

  /** Exponential then binary search. */
  const nthWorkingDayFrom = (day: number, k: number): number => {
    const target = workingBefore(day) + k + 1;
    // Smallest x with workingBefore(x) >= target; the answer is x - 1.
    let lo = day;
    let step = Math.max(1, Math.ceil(((k + 1) * 7) / 5));
    let hi = day + step;
    while (workingBefore(hi) < target) {
      lo = hi;
      step *= 2;
      hi = day + step;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (workingBefore(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  return { issues, years, isWorking, workingBefore, nthWorkingDayFrom };
}
