// The working-day calendar (docs/requirements.md R-DUE-DATE, R-DUE-PAUSE, R-LATE; index indicators
// 2.1/2.2, R-INDEX-INDICATORS; feedback deadlines, R-FEEDBACK-DEADLINES).
//
// Pure and table-driven: no AWS, no I/O, no clock. Every "now" is a parameter. The holiday table is
// the catalogue's data (functions/catalogue/domain/holidays.ts computes and seeds it; admins edit
// it); this module only interprets it. The rules below are also written up in docs/calendar.md.
//
// R1  Time zone. Everything is reckoned in Asia/Ho_Chi_Minh, which is UTC+7 all year (Việt Nam has
//     not observed daylight saving since 1975), so a fixed +07:00 offset is used instead of the
//     IANA database. Inputs are instants: a Date, or an ISO string WITH an offset ("Z" or ±HH:MM);
//     a string without an offset is rejected because its meaning would depend on the host.
// R2  Working day. A date is a working day when it is Monday–Friday and has no `holiday`,
//     `compensatory` or `extra_day_off` entry, or when it has a `makeup_workday` entry (a make-up
//     Saturday is worked). If one date carries both kinds, the make-up entry wins (it is the
//     government's later announcement). Entries of other kinds, or with a malformed date, are
//     ignored and listed in `issues` (the calendar is built from admin-editable data in request
//     paths, so it never throws on data).
// R3  Unknown years. A year without any entry is treated as weekends-only (no holidays). This is
//     silent by design; `coverage()` / `covers(year)` tell callers which years the table covers so
//     they can warn ("holiday calendar for 2028 not loaded").
// R4  Office hours 07:30–17:00 (configurable). No lunch break is modelled: a working day has
//     9.5 working hours = 570 working minutes, counted continuously from opening to closing.
// R5  Start of counting. Received during office hours of a working day ([07:30, 17:00)): counting
//     starts at that instant. Received before 07:30 on a working day: at 07:30 that day. Received
//     at/after 17:00, or on a non-working day: at 07:30 of the next working day.
// R6  Working time. Only office time of working days counts. The instant 17:00 of a working day
//     and 07:30 of the next working day are the same point of working time; results that land
//     exactly on that boundary are given as 17:00 of the earlier day ("by the end of the day").
// R7  `working_day` units — the due date is a date ("ngày hẹn trả"), the due instant is the close
//     of office hours (17:00) of that date. Day 1 of the period is the day counting starts when it
//     starts at opening (received before 07:30, after 17:00 the day before, or on a non-working
//     day); when counting starts part-way through a working day, that partial day is not counted
//     and day 1 is the next working day (Bộ luật Dân sự 2015, Điều 147 khoản 1: the first day of a
//     period is not counted; Điều 148 khoản 3: a period to be performed at an office ends at the
//     close of its working hours). Equivalently: the due date is the working day on which
//     N × 570 working minutes from the start of counting run out. This also defines fractional
//     values (0.5 working days = 285 working minutes, due at the close of the day they run out)
//     and N = 0 ("trong ngày": the close of the counting-start day).
// R8  `working_hour` units are exact: the due instant is the start of counting plus N working
//     hours (R6 for the boundary); no rounding to the end of the day.
// R9  `day` units are calendar days, counted with the same day-1 rule as R7 (day 1 is the
//     counting-start day when counting starts at opening, otherwise the following calendar day).
//     The due date is day N; if that is a non-working day, the next working day (Bộ luật Dân sự
//     2015, Điều 148 khoản 2); the due instant is 17:00 of it. Fractional values round up.
// R10 Supplement pauses. Time in `supplement_requested` is not counted: `extendByPause` moves the
//     due instant forward by exactly the working time between pausedFrom and pausedTo (a pause
//     over a weekend only costs its office minutes). The result is exact (R8 style), not rounded.
// R11 Late. A dossier is late when it was finished strictly after its due instant, or is not
//     finished and `now` is strictly after it. Finishing at the due instant itself is on time.
//
// The types are in calendar-types.ts, the date arithmetic in local-time.ts, the table of working
// days (R2, R3) in working-days.ts; this module is the calendar itself.
import type { CalendarEntry, OfficeHours, WorkingCalendar, WorkingCalendarOptions } from './calendar-types';
import { formatDay, instantAt, local, MINUTE_MS, parseHHMM, requireDay, toMs } from './local-time';
import { workingDayTable } from './working-days';

/**
 * Builds a calendar from holiday entries (any years, any order). Throws only on invalid
 * `options.officeHours` (configuration); malformed entries are skipped and reported in `issues`.
 */
export function createWorkingCalendar(
  entries: readonly CalendarEntry[],
  options: WorkingCalendarOptions = {},
): WorkingCalendar {
  const officeHours: OfficeHours = { start: '07:30', end: '17:00', ...options.officeHours };
  const open = parseHHMM(officeHours.start, 'start');
  const close = parseHHMM(officeHours.end, 'end');
  if (close <= open) throw new RangeError('officeHours.end must be after officeHours.start');
  const dayLen = close - open;

  const { issues, years, isWorking, nthWorkingDayFrom, workingBefore } = workingDayTable(entries);

  /** R5 on epoch ms. */
  const startMs = (ms: number): number => {
    const { day, msOfDay } = local(ms);
    if (isWorking(day) && msOfDay < close) return msOfDay < open ? instantAt(day, open) : ms;
    return instantAt(nthWorkingDayFrom(day + 1, 0), open);
  };

  /**
   * The point of working time of an instant: a working day and the office ms elapsed in it
   * (0 … dayLen). Instants outside office time map to the next opening (or, after closing on a
   * working day, to that day's end — the same point, R6).
   */
  const position = (ms: number): { day: number; offset: number } => {
    const { day, msOfDay } = local(ms);
    if (isWorking(day) && msOfDay <= close) return { day, offset: Math.max(0, msOfDay - open) };
    return { day: nthWorkingDayFrom(day + 1, 0), offset: 0 };
  };

  /** `amount` working ms after the instant `ms` (amount >= 0); boundary results at closing (R6). */
  const advance = (ms: number, amount: number): number => {
    const { day, offset } = position(ms);
    const total = offset + Math.max(0, Math.round(amount));
    if (total <= dayLen) return instantAt(day, open + total);
    const k = Math.ceil(total / dayLen) - 1;
    return instantAt(nthWorkingDayFrom(day, k), open + (total - k * dayLen));
  };

  /** Working ms from `a` to `b` (signed). */
  const workingMs = (a: number, b: number): number => {
    if (b < a) return -workingMs(b, a);
    const pa = position(a);
    const pb = position(b);
    return (workingBefore(pb.day) - workingBefore(pa.day)) * dayLen + pb.offset - pa.offset;
  };

  const clampCount = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

  const addWorkingDaysMs = (from: number, n: number): number => {
    // R7: the day on which n × dayLen working ms from the start of counting run out; its close.
    const end = advance(startMs(from), clampCount(n) * dayLen);
    return instantAt(local(end).day, close);
  };

  const addWorkingHoursMs = (from: number, hours: number): number =>
    advance(startMs(from), clampCount(hours) * 3_600_000);

  const addCalendarDaysMs = (from: number, n: number): number => {
    // R9.
    const start = startMs(from);
    const { day, msOfDay } = local(start);
    const firstDay = msOfDay === open ? day : day + 1;
    const count = Math.ceil(clampCount(n));
    let last = count >= 1 ? firstDay + count - 1 : day;
    if (!isWorking(last)) last = nthWorkingDayFrom(last + 1, 0);
    return instantAt(last, close);
  };

  const sortedYears = [...years].sort((a, b) => a - b);

  return {
    officeHours: Object.freeze({ ...officeHours }),
    minutesPerWorkingDay: dayLen / MINUTE_MS,
    issues: Object.freeze(issues),
    isWorkingDay: (date) => isWorking(requireDay(date)),
    nextWorkingDay: (date) => formatDay(nthWorkingDayFrom(requireDay(date) + 1, 0)),
    startOfCounting: (at) => new Date(startMs(toMs(at))),
    addWorkingDays: (from, n) => new Date(addWorkingDaysMs(toMs(from), n)),
    addWorkingHours: (from, hours) => new Date(addWorkingHoursMs(toMs(from), hours)),
    dueDate(receivedAt, processingTime) {
      const from = toMs(receivedAt);
      const { value, unit } = processingTime;
      switch (unit) {
        case 'working_day':
          return new Date(addWorkingDaysMs(from, value));
        case 'working_hour':
          return new Date(addWorkingHoursMs(from, value));
        case 'day':
          return new Date(addCalendarDaysMs(from, value));
        default: {
          const never: never = unit;
          throw new RangeError(`unknown processing time unit: ${String(never)}`);
        }
      }
    },
    workingTimeBetween: (from, to) => workingMs(toMs(from), toMs(to)) / MINUTE_MS,
    extendByPause(dueAt, pausedFrom, pausedTo) {
      const due = toMs(dueAt);
      const paused = workingMs(toMs(pausedFrom), toMs(pausedTo));
      return new Date(paused > 0 ? advance(due, paused) : due);
    },
    isLate({ dueAt, finishedAt, now }) {
      const due = toMs(dueAt);
      return finishedAt != null ? toMs(finishedAt) > due : toMs(now) > due;
    },
    coverage: () =>
      sortedYears.length ? { from: sortedYears[0]!, to: sortedYears[sortedYears.length - 1]! } : null,
    covers: (year) => years.has(year),
  };
}

/**
 * The calendar of the holidays `read` answers, built again only when they change (the catalogue's
 * reader answers the same list while it has not changed): what a capability's context offers.
 */
export const latestCalendar = (read: () => Promise<readonly CalendarEntry[]>): (() => Promise<WorkingCalendar>) => {
  let cached: { holidays: readonly CalendarEntry[]; calendar: WorkingCalendar } | undefined;
  return async () => {
    const holidays = await read();
    if (cached?.holidays !== holidays) cached = { holidays, calendar: createWorkingCalendar(holidays) };
    return cached.calendar;
  };
};
