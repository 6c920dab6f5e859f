// The daily deadline sweep (docs/requirements.md R-APOLOGY, docs/dossiers.md; issue: "a daily job
// lists dossiers due within one working day without a result and flags late ones"). Pure: the
// dossiers, the calendar and the clock are given.
//
// D1  Only running dossiers count (received, processing, supplement_requested, payment_required):
//     `done` has its result, closed ones are over, submitted ones have no due date yet.
// D2  Due soon: the appointment in force (due date, or the latest timely apology) falls on or
//     before the close of the next working day, and the dossier is not late yet.
// D3  Late: late.ts L1 (still running past the due instant; a paused clock judged at the pause).
// D4  Apology owed: late.ts L4 — the dossier needs an apology slip now (listed for the desk).
import { isRunning } from '../../../shared/contracts/dossier-status';
import type { DossierRecord, ListEntry } from './dossier';
import { apologyRequired, currentAppointment, isLate, type LateCalendar } from './late';

export interface DeadlineEntry {
  id: string;
  code: string | null;
  agencyCode: string;
  status: DossierRecord['status'];
  dueAt: string;
  appointmentAt: string;
}

export interface DeadlineReport {
  /** D2 */
  dueSoon: DeadlineEntry[];
  /** D3 */
  late: DeadlineEntry[];
  /** D4 (may overlap dueSoon and late) */
  apologyOwed: DeadlineEntry[];
}

const lateInput = (d: ListEntry, now: Date) => ({
  dueAt: d.dueAt, status: d.status, finishedAt: d.finishedAt, pausedAt: d.pausedAt, apologies: d.apologies, now,
});

export const deadlineReport = (dossiers: readonly ListEntry[], calendar: LateCalendar, now: Date): DeadlineReport => {
  const report: DeadlineReport = { dueSoon: [], late: [], apologyOwed: [] };
  const horizon = calendar.addWorkingDays(now, 1).getTime();
  for (const d of dossiers) {
    if (!d.dueAt || !isRunning(d.status)) continue;
    const input = lateInput(d, now);
    const appointment = currentAppointment(input)!;
    const entry: DeadlineEntry = {
      id: d.id, code: d.code, agencyCode: d.agencyCode, status: d.status, dueAt: d.dueAt, appointmentAt: appointment.toISOString(),
    };
    const late = isLate(input);
    if (late) report.late.push(entry);
    else if (appointment.getTime() <= horizon) report.dueSoon.push(entry);
    if (apologyRequired(input, calendar)) report.apologyOwed.push(entry);
  }
  report.dueSoon.sort(byAppointment);
  report.late.sort(byAppointment);
  report.apologyOwed.sort(byAppointment);
  return report;
};

/** The report's order: earliest appointment first. */
export const byAppointment = (a: DeadlineEntry, b: DeadlineEntry) => a.appointmentAt.localeCompare(b.appointmentAt) || a.id.localeCompare(b.id);

/**
 * A report summed over pages with bounded memory: complete counts, and of each list only the
 * `limit` earliest entries (what the stored report keeps).
 */
export interface DeadlineTally {
  counts: { dueSoon: number; late: number; apologyOwed: number };
  kept: DeadlineReport;
}

export const emptyTally = (): DeadlineTally => ({ counts: { dueSoon: 0, late: 0, apologyOwed: 0 }, kept: { dueSoon: [], late: [], apologyOwed: [] } });

/** Adds a page's report (or another tally) to `into`. */
export const addToTally = (into: DeadlineTally, more: DeadlineTally | DeadlineReport, limit: number): DeadlineTally => {
  const lists = ['dueSoon', 'late', 'apologyOwed'] as const;
  for (const list of lists) {
    const entries = 'kept' in more ? more.kept[list] : more[list];
    into.counts[list] += 'kept' in more ? more.counts[list] : entries.length;
    into.kept[list] = [...into.kept[list], ...entries].sort(byAppointment).slice(0, limit);
  }
  return into;
};
