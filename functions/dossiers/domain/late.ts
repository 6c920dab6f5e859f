// Late dossiers and apology slips (docs/requirements.md R-LATE, R-APOLOGY; Circular 01/2018/TT-VPCP
// form 04). Pure: the clock (`now`) and the working calendar are parameters.
//
// L1  Late. A dossier is late when it finished (`done`, or `stopped`; `returned` follows `done`, so
//     its `finishedAt` is the `done` time) strictly after its due instant, or it is still running
//     (`received`, `processing`, `supplement_requested`, `payment_required`) and `now` is strictly
//     after it. Finishing at the due instant itself is on time. Drafts, submitted, refused and
//     withdrawn dossiers are never late. Lateness is always judged against `dueAt` (the due
//     instant fixed on receipt and moved only by supplement pauses): an apology does not make a
//     late dossier on time.
// L2  Paused clock. While `supplement_requested` the clock is stopped (R-DUE-PAUSE); when `pausedAt`
//     (the instant of the supplement request) is given, the running checks use it instead of `now`.
// L3  Appointment in force. An apology slip sets a new return date ("hẹn lại"), a calendar date.
//     Its deadline is the end of that local (UTC+7) date. Walking the apologies in issue order from
//     `dueAt`, an apology issued at or before the appointment then in force replaces it (when its
//     date is later); one issued after it does not count (the slip was owed before).
// L4  Apology required. A running dossier owes an apology slip when the appointment in force falls
//     within one working day of `now` (its local date is on or before that of
//     `calendar.addWorkingDays(now, 1)`, the close of the next working day) or has already
//     passed — i.e. it has no timely apology covering it. A timely apology clears the flag until its
//     own date approaches (a second slip is then owed).
// L5  Issuing an apology (`validateApology`): the new date must be a real YYYY-MM-DD date strictly
//     after the local date of the appointment in force; it must be issued at or before that
//     appointment (R-APOLOGY: "before the due date passes"); with a calendar, the new date must be
//     a working day.
import { isRunning, isFinished, type DossierStatus } from '../../../shared/contracts/dossier-status';
import { instantMs, isIsoDate, localDateOf, localEndOfDay, type Instant } from './time';

/** What the late rules need of a working calendar (shared/calendar's WorkingCalendar fits). */
export interface LateCalendar {
  /** The due instant of `n` working days counted from `from`. */
  addWorkingDays(from: Date, n: number): Date;
  /** Whether a local date (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean;
}

export interface ApologyRecord {
  issuedAt: Instant;
  /** YYYY-MM-DD, the new return date promised on the slip. */
  newDueDate: string;
}

export interface LateInput {
  /** The due instant; null/undefined before receipt. */
  dueAt?: Instant | null;
  status: DossierStatus;
  /** When the dossier reached `done` or `stopped`. */
  finishedAt?: Instant | null;
  /** When the current supplement request paused the clock (L2). */
  pausedAt?: Instant | null;
  apologies?: readonly ApologyRecord[];
  now: Instant;
}

const finite = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);

/** `now`, or the pause instant while the clock is paused (L2). */
const clockMs = (input: LateInput): number => {
  const now = instantMs(input.now);
  if (input.status !== 'supplement_requested' || input.pausedAt == null) return now;
  const paused = instantMs(input.pausedAt);
  return Number.isFinite(paused) && paused < now ? paused : now;
};

/** L3: the deadline of the appointment in force (epoch ms), or null without a due date. */
const appointmentMs = (dueAt: Instant | null | undefined, apologies: readonly ApologyRecord[] = []): number | null => {
  let current = finite(instantMs(dueAt));
  if (current === null) return null;
  const ordered = apologies
    .map((a) => ({ issued: instantMs(a.issuedAt), until: isIsoDate(a.newDueDate) ? localEndOfDay(a.newDueDate) : null }))
    .filter((a): a is { issued: number; until: number } => Number.isFinite(a.issued) && a.until !== null)
    .sort((a, b) => a.issued - b.issued);
  for (const a of ordered) {
    if (a.issued > current) break; // issued too late: it does not cover the appointment (L3)
    current = Math.max(current, a.until);
  }
  return current;
};

/** L3: the appointment in force, as a Date, or null without a due date. */
export const currentAppointment = (input: Pick<LateInput, 'dueAt' | 'apologies'>): Date | null => {
  const ms = appointmentMs(input.dueAt, input.apologies);
  return ms === null ? null : new Date(ms);
};

/** L1 (with L2). A finished dossier without `finishedAt` cannot be judged and is reported not late. */
export const isLate = (input: LateInput): boolean => {
  const due = finite(instantMs(input.dueAt));
  if (due === null) return false;
  if (isFinished(input.status)) {
    const finished = finite(instantMs(input.finishedAt));
    return finished !== null && finished > due;
  }
  if (isRunning(input.status)) return clockMs(input) > due;
  return false;
};

/** L4 (with L2, L3). */
export const apologyRequired = (input: LateInput, calendar: LateCalendar): boolean => {
  if (!isRunning(input.status)) return false;
  const appointment = appointmentMs(input.dueAt, input.apologies);
  const now = clockMs(input);
  if (appointment === null || !Number.isFinite(now)) return false;
  if (now > appointment) return true;
  // Compared as local dates: an apology's appointment is a date (L3), the due instant the close of one.
  return localDateOf(appointment) <= localDateOf(calendar.addWorkingDays(new Date(now), 1).getTime());
};

/** The `late` part of a dossier read: L1, L4 and the appointment in force. */
export const lateState = (input: LateInput, calendar: LateCalendar) => ({
  late: isLate(input),
  apologyRequired: apologyRequired(input, calendar),
  appointmentAt: currentAppointment(input),
});

export type ApologyProblemCode =
  | 'NO_DUE_DATE'
  | 'NEW_DUE_DATE_INVALID'
  | 'NEW_DUE_DATE_NOT_LATER'
  | 'NEW_DUE_DATE_NOT_WORKING_DAY'
  | 'APOLOGY_TOO_LATE';

export interface ApologyProblem {
  code: ApologyProblemCode;
  path: string;
  message: string;
}

export interface ApologyQuery {
  dueAt: Instant | null | undefined;
  newDueDate: unknown;
  now: Instant;
  /** Apologies already issued (L3); the rules apply to the appointment they leave in force. */
  apologies?: readonly ApologyRecord[];
  /** With a calendar the new date must also be a working day. */
  calendar?: Pick<LateCalendar, 'isWorkingDay'>;
}

/** L5: problems with issuing an apology slip now (empty when it may be issued). */
export const validateApology = (q: ApologyQuery): ApologyProblem[] => {
  const appointment = appointmentMs(q.dueAt, q.apologies);
  if (appointment === null) {
    return [{ code: 'NO_DUE_DATE', path: 'dueDate', message: 'the dossier has no due date yet' }];
  }
  const problems: ApologyProblem[] = [];
  const now = instantMs(q.now);
  if (!(now <= appointment)) {
    problems.push({
      code: 'APOLOGY_TOO_LATE',
      path: 'dueDate',
      message: `an apology slip must be issued before the due date passes (${localDateOf(appointment)})`,
    });
  }
  if (!isIsoDate(q.newDueDate)) {
    problems.push({ code: 'NEW_DUE_DATE_INVALID', path: 'newDueDate', message: 'expected a real date YYYY-MM-DD' });
  } else if (q.newDueDate <= localDateOf(appointment)) {
    problems.push({
      code: 'NEW_DUE_DATE_NOT_LATER',
      path: 'newDueDate',
      message: `the new return date must be after ${localDateOf(appointment)}`,
    });
  } else if (q.calendar && !q.calendar.isWorkingDay(q.newDueDate)) {
    problems.push({ code: 'NEW_DUE_DATE_NOT_WORKING_DAY', path: 'newDueDate', message: 'the new return date must be a working day' });
  }
  return problems;
};
