// The officials' console's pure rules: which actions a dossier or a feedback item offers (read from
// the capabilities' own transition tables, never restated here), what each action form needs, and
// how much time a dossier has left. No DOM, no fetch: unit-tested in node.
import { TRANSITIONS } from '../../../functions/dossiers/public-shapes';
import { FEEDBACK_TRANSITIONS } from '../../../functions/feedback/domain/workflow';
import type { DossierAction, DossierStatus } from '../../../shared/contracts/dossier-status';
import type { FeedbackAction, FeedbackStatus } from '../../../shared/contracts/feedback';

/** Actions the console offers on a dossier in `status`: the table's official rows, in table order. */
export const officialDossierActions = (status: DossierStatus): DossierAction[] =>
  TRANSITIONS.filter((row) => row.actors.includes('official') && row.from.includes(status)).map((row) => row.action);

/**
 * What the page shows: the table's actions for the status, narrowed to what the API says this
 * caller may do now (`allowedActions`, e.g. an admin outside the official role gets none).
 */
export const offeredDossierActions = (status: DossierStatus, allowed: readonly string[] | undefined): DossierAction[] => {
  const table = officialDossierActions(status);
  return allowed ? table.filter((a) => allowed.includes(a)) : table;
};

/** Whether an action changes the status for good (a confirmation step guards it). */
export const isIrreversible = (action: DossierAction): boolean => {
  const row = TRANSITIONS.find((r) => r.action === action);
  return Boolean(row?.effects.closes || row?.effects.finishes);
};

/** Feedback actions an official (or an administrator) may take on an item in `status`. */
export const officialFeedbackActions = (status: FeedbackStatus, actor: 'official' | 'admin' = 'official'): FeedbackAction[] =>
  FEEDBACK_TRANSITIONS.filter((t) => t.actors.includes(actor) && t.from.includes(status)).map((t) => t.action);

/** The one body field a feedback action needs, if any. */
export const feedbackActionField = (action: FeedbackAction) => FEEDBACK_TRANSITIONS.find((t) => t.action === action)?.requires;

// ---------------------------------------------------------------------------------------------
// Action forms

export interface DossierActionInput {
  note?: string;
  reason?: string;
  missingComponents?: string[];
  newDueDate?: string;
}

/** Field → dictionary key of the error message (the page translates it). */
export type FormProblems = Record<string, string>;

const MAX_TEXT = 2000;
const blank = (s: string | undefined) => !s?.trim();
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a YYYY-MM-DD text is a real calendar date. */
export const isRealDate = (s: string): boolean => {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** The local (Asia/Ho_Chi_Minh, UTC+7 all year) calendar date of an instant, YYYY-MM-DD. */
export const localDate = (at: string | Date): string => new Date(new Date(at).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export interface ValidationContext {
  /** The appointment in force (ISO instant): an apology's new date must come after its local date. */
  appointmentAt?: string | null;
  /** Component codes of the dossier (a supplement request names some of them). */
  components?: readonly string[];
}

/** Checks an action form before it is sent (the API checks again: the table's input schemas). */
export const validateDossierAction = (action: DossierAction, input: DossierActionInput, ctx: ValidationContext = {}): FormProblems => {
  const problems: FormProblems = {};
  const tooLong = (field: 'note' | 'reason') => {
    if ((input[field] ?? '').trim().length > MAX_TEXT) problems[field] = 'console.error.tooLong';
  };
  switch (action) {
    case 'refuse':
    case 'stop':
      if (blank(input.reason)) problems.reason = 'console.error.reasonRequired';
      tooLong('reason');
      break;
    case 'request_supplement': {
      const chosen = input.missingComponents ?? [];
      if (!chosen.length) problems.missingComponents = 'console.error.componentsRequired';
      else if (ctx.components && chosen.some((c) => !ctx.components!.includes(c))) problems.missingComponents = 'console.error.componentsUnknown';
      if (blank(input.note)) problems.note = 'console.error.noteRequired';
      tooLong('note');
      break;
    }
    case 'issue_apology': {
      const date = (input.newDueDate ?? '').trim();
      if (!date) problems.newDueDate = 'console.error.dateRequired';
      else if (!isRealDate(date)) problems.newDueDate = 'console.error.dateInvalid';
      else if (ctx.appointmentAt && date <= localDate(ctx.appointmentAt)) problems.newDueDate = 'console.error.dateNotLater';
      if (blank(input.reason)) problems.reason = 'console.error.reasonRequired';
      tooLong('reason');
      break;
    }
    default:
      tooLong('note');
  }
  return problems;
};

/** The request body of an action: only the fields its row reads, trimmed; empty optional notes left out. */
export const dossierActionBody = (action: DossierAction, version: number, input: DossierActionInput): Record<string, unknown> => {
  const body: Record<string, unknown> = { action, version };
  const note = input.note?.trim();
  switch (action) {
    case 'refuse':
    case 'stop':
      body.reason = input.reason?.trim();
      break;
    case 'request_supplement':
      body.missingComponents = [...new Set(input.missingComponents ?? [])];
      body.note = note;
      break;
    case 'issue_apology':
      body.newDueDate = input.newDueDate?.trim();
      body.reason = input.reason?.trim();
      break;
    default:
      if (note) body.note = note;
  }
  return body;
};

export interface FeedbackActionInput { reason?: string; note?: string; agencyCode?: string; answer?: string }

/** Checks a feedback action form (the contract: texts 1–2000, an answer 10–10 000 characters). */
export const validateFeedbackAction = (action: FeedbackAction, input: FeedbackActionInput, currentAgency?: string | null): FormProblems => {
  const field = feedbackActionField(action);
  const problems: FormProblems = {};
  if (!field) return problems;
  const value = (input[field] ?? '').trim();
  if (!value) problems[field] = `console.error.${field}Required`;
  else if (field === 'answer' && value.length < 10) problems.answer = 'console.error.answerShort';
  else if (field === 'answer' && value.length > 10_000) problems.answer = 'console.error.tooLong';
  else if (field !== 'answer' && value.length > MAX_TEXT) problems[field] = 'console.error.tooLong';
  else if (field === 'agencyCode' && value === currentAgency) problems.agencyCode = 'console.error.sameAgency';
  return problems;
};

// ---------------------------------------------------------------------------------------------
// Time left

export type TimeLeft =
  | { kind: 'none' }
  | { kind: 'left'; days: number }
  | { kind: 'today' }
  | { kind: 'paused' }
  | { kind: 'overdue'; days: number };

/** What "time left" reads of a dossier: its due date, status and the API's late judgement. */
export interface DueState {
  dueDate: string | null;
  status: DossierStatus;
  late: { late: boolean };
}

const RUNNING: readonly DossierStatus[] = ['received', 'processing', 'payment_required'];
const DAY_MS = 86_400_000;

/**
 * "3 days left", "due today", "paused", "2 days overdue". Whether the dossier is overdue is the
 * API's `late` alone (docs/requirements.md R-LATE, with the paused clock of R-DUE-PAUSE): the
 * page never judges it again. The days are calendar days between today and the due date, both as
 * local (UTC+7) dates, counted only while the clock runs; a dossier awaiting a supplement is
 * "paused" (or plainly overdue when its pause began too late), a finished late one plainly overdue.
 */
export const timeLeft = (d: DueState, now: Date): TimeLeft => {
  const due = d.dueDate ? new Date(d.dueDate) : null;
  const running = RUNNING.includes(d.status) && due !== null && !Number.isNaN(due.getTime());
  const days = running ? Math.round((Date.parse(localDate(due)) - Date.parse(localDate(now))) / DAY_MS) : 0;
  if (d.late.late) return { kind: 'overdue', days: Math.max(0, -days) };
  if (d.status === 'supplement_requested' && d.dueDate) return { kind: 'paused' };
  if (!running) return { kind: 'none' };
  // Not late by the API: due later today, or the due instant passed since the page read it.
  return days <= 0 ? { kind: 'today' } : { kind: 'left', days };
};

/** A filtered page read on while it comes back empty with a cursor: at most this many reads. */
export const EMPTY_PAGE_READS = 5;

/**
 * The first page with anything on it, from `after`: a filtered work queue (overdue, a procedure)
 * may answer an empty page with a cursor when many entries in a row are filtered out (the API
 * bounds its reads per page), so "no dossiers" is said only when the list has ended. After
 * `maxReads` empty pages it returns the last one, cursor and all, for "show more".
 */
export const firstNonEmptyPage = async <T>(
  read: (after: string | null) => Promise<{ items: T[]; nextCursor: string | null }>, after: string | null, maxReads = EMPTY_PAGE_READS,
) => {
  let page = await read(after);
  for (let reads = 1; reads < maxReads && page.items.length === 0 && page.nextCursor; reads++) page = await read(page.nextCursor);
  return page;
};

