// The working calendar's public types (the rules R1–R11 are in working-calendar.ts and docs/calendar.md).

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
