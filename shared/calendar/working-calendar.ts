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

export type CalendarEntryKind = 'holiday' | 'compensatory' | 'extra_day_off' | 'makeup_workday';

/** A catalogue holiday entry (functions/catalogue/domain/holidays.ts `HolidayEntry` fits). */
export interface CalendarEntry {
  /** YYYY-MM-DD (a calendar date, no time zone) */
  date: string;
  kind: CalendarEntryKind;
}

export type ProcessingUnit = 'working_day' | 'working_hour' | 'day';

export interface ProcessingTime {
  value: number;
  unit: ProcessingUnit;
}

export interface OfficeHours {
  /** HH:MM, local time */
  start: string;
  /** HH:MM, local time, after start */
  end: string;
}

export interface WorkingCalendarOptions {
  officeHours?: OfficeHours;
}

/** An instant: a Date or an ISO date-time string with an explicit offset. */
export type Instant = Date | string;

export interface LateQuery {
  dueAt: Instant;
  finishedAt?: Instant | null;
  now: Instant;
}

export interface WorkingCalendar {
  /** Office hours in use and the working minutes in one working day (570 by default). */
  readonly officeHours: Readonly<OfficeHours>;
  readonly minutesPerWorkingDay: number;
  /** Entries that were ignored (malformed date or unknown kind). */
  readonly issues: readonly string[];
  /** R2. `date` is YYYY-MM-DD. */
  isWorkingDay(date: string): boolean;
  /** The first working day strictly after `date` (YYYY-MM-DD). */
  nextWorkingDay(date: string): string;
  /** R5: the instant counting starts for something received at `at`. */
  startOfCounting(at: Instant): Date;
  /** R7: the due instant (17:00 local of the due date) of `n` working days from `from`. */
  addWorkingDays(from: Instant, n: number): Date;
  /** R8: exactly `hours` working hours after the start of counting at `from`. */
  addWorkingHours(from: Instant, hours: number): Date;
  /** R7–R9 by unit. */
  dueDate(receivedAt: Instant, processingTime: ProcessingTime): Date;
  /** Working minutes (R6) from `from` to `to`; negative when `to` is before `from`; may be fractional. */
  workingTimeBetween(from: Instant, to: Instant): number;
  /** R10: `dueAt` moved forward by the working time of the pause. */
  extendByPause(dueAt: Instant, pausedFrom: Instant, pausedTo: Instant): Date;
  /** R11. */
  isLate(query: LateQuery): boolean;
  /** R3: the first and last year with at least one entry, or null for an empty table. */
  coverage(): { from: number; to: number } | null;
  /** R3: whether `year` has at least one entry. */
  covers(year: number): boolean;
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01) and instants in local (UTC+7) time.

/** Asia/Ho_Chi_Minh: UTC+7, no daylight saving (R1). */
export const VN_UTC_OFFSET_MINUTES = 420;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** 1970-01-05, the first Monday of the day-number epoch. */
const FIRST_MONDAY = 4;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_RE = /T.*(Z|[+-]\d{2}:?\d{2})$/i;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** YYYY-MM-DD → day number, or null when malformed / not a real date. */
function parseDay(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

function requireDay(date: string): number {
  const d = parseDay(date);
  if (d === null) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return d;
}

function formatDay(day: number): string {
  const t = new Date(day * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const dayOfWeek = (day: number): number => (((day + 4) % 7) + 7) % 7;
const isWeekday = (day: number): boolean => {
  const w = dayOfWeek(day);
  return w >= 1 && w <= 5;
};

/** Monday–Friday days in [FIRST_MONDAY, day) (negative before it): a cumulative count. */
function weekdaysBefore(day: number): number {
  const e = day - FIRST_MONDAY;
  const weeks = Math.floor(e / 7);
  return 5 * weeks + Math.min(e - 7 * weeks, 5);
}

/** Epoch ms of an instant; throws on an unparseable value or a string without an offset (R1). */
function toMs(at: Instant): number {
  let ms: number;
  if (at instanceof Date) {
    ms = at.getTime();
  } else {
    if (typeof at !== 'string' || !OFFSET_RE.test(at)) {
      throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(at)}`);
    }
    ms = Date.parse(at);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(at)}`);
  return ms;
}

/** Local calendar day and milliseconds since local midnight of an epoch-ms instant. */
function local(ms: number): { day: number; msOfDay: number } {
  const l = ms + OFFSET_MS;
  const day = Math.floor(l / DAY_MS);
  return { day, msOfDay: l - day * DAY_MS };
}

const instantAt = (day: number, msOfDay: number): number => day * DAY_MS + msOfDay - OFFSET_MS;

/** The local (UTC+7) calendar date of an instant, YYYY-MM-DD — the date the portal shows. */
export function localDate(at: Instant): string {
  return formatDay(local(toMs(at)).day);
}

/** An instant as an ISO string in local time with the +07:00 offset, e.g. 2026-02-25T17:00:00+07:00. */
export function formatLocal(at: Instant): string {
  const { day, msOfDay } = local(toMs(at));
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor((msOfDay % 3_600_000) / MINUTE_MS);
  const s = Math.floor((msOfDay % MINUTE_MS) / 1000);
  const msPart = msOfDay % 1000;
  return `${formatDay(day)}T${pad(h)}:${pad(mi)}:${pad(s)}${msPart ? `.${pad(msPart, 3)}` : ''}+07:00`;
}

function parseHHMM(value: string, what: string): number {
  const m = HHMM_RE.exec(value);
  if (!m) throw new RangeError(`officeHours.${what} must be HH:MM, got ${JSON.stringify(value)}`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

// ---------------------------------------------------------------------------------------------

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

  /** Working days in [FIRST_MONDAY, day): differences give the working days of any range. */
  const workingBefore = (day: number): number => weekdaysBefore(day) + devCum[lowerBound(day)]!;

  const isWorking = (day: number): boolean => status.get(day) ?? isWeekday(day);

  /** The k-th (0-based) working day on or after `day`. Exponential then binary search. */
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
