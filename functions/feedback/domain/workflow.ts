// The feedback workflow (docs/requirements.md R-FEEDBACK-WORKFLOW): one transition table — who may
// do what from which status — and the deadlines on the working-day calendar. Pure: the caller reads
// the item, the clock and the calendar; nothing here touches the network.
import type { FeedbackAction, FeedbackStatus } from '../../../shared/contracts/feedback';

/** Who acts: the sender, an official of the agency the item is with, or a portal administrator. */
export type FeedbackActor = 'sender' | 'official' | 'admin';

export interface FeedbackTransition {
  action: FeedbackAction;
  actors: readonly FeedbackActor[];
  from: readonly FeedbackStatus[];
  to: FeedbackStatus;
  /** The body field the action needs. */
  requires?: 'reason' | 'note' | 'agencyCode' | 'answer';
}

export const FEEDBACK_TRANSITIONS: readonly FeedbackTransition[] = [
  { action: 'accept', actors: ['official', 'admin'], from: ['submitted', 'assigned'], to: 'accepted' },
  { action: 'reject', actors: ['official', 'admin'], from: ['submitted', 'assigned'], to: 'rejected', requires: 'reason' },
  // Routing: an administrator assigns an item to an agency; the agency it is with (or an
  // administrator) may pass it on, which restarts the two days to accept or reject.
  { action: 'assign', actors: ['admin'], from: ['submitted'], to: 'assigned', requires: 'agencyCode' },
  { action: 'transfer', actors: ['official', 'admin'], from: ['submitted', 'assigned', 'accepted'], to: 'assigned', requires: 'agencyCode' },
  { action: 'request_info', actors: ['official', 'admin'], from: ['accepted'], to: 'info_requested', requires: 'note' },
  { action: 'provide_info', actors: ['sender'], from: ['info_requested'], to: 'accepted', requires: 'note' },
  { action: 'answer', actors: ['official', 'admin'], from: ['accepted'], to: 'answered', requires: 'answer' },
  { action: 'publish', actors: ['official', 'admin'], from: ['answered'], to: 'published' },
];

export type FeedbackDecision =
  | { ok: true; transition: FeedbackTransition }
  | { ok: false; error: 'NOT_ALLOWED' | 'INVALID_TRANSITION' | 'MISSING_FIELD'; message: string; field?: string };

export const decideFeedback = (
  status: FeedbackStatus,
  action: FeedbackAction,
  actor: FeedbackActor,
  input: Partial<Record<'reason' | 'note' | 'agencyCode' | 'answer', string>>,
): FeedbackDecision => {
  const t = FEEDBACK_TRANSITIONS.find((x) => x.action === action);
  if (!t) return { ok: false, error: 'INVALID_TRANSITION', message: `Unknown action ${action}` };
  if (!t.actors.includes(actor)) return { ok: false, error: 'NOT_ALLOWED', message: `${action} is not for the ${actor}` };
  if (!t.from.includes(status)) return { ok: false, error: 'INVALID_TRANSITION', message: `${action} is not possible while the feedback is ${status}` };
  if (t.requires && !input[t.requires]?.trim()) {
    return { ok: false, error: 'MISSING_FIELD', message: `${action} needs ${t.requires}`, field: t.requires };
  }
  return { ok: true, transition: t };
};

export const allowedFeedbackActions = (status: FeedbackStatus, actor: FeedbackActor): FeedbackAction[] =>
  FEEDBACK_TRANSITIONS.filter((t) => t.actors.includes(actor) && t.from.includes(status)).map((t) => t.action);

// ---------------------------------------------------------------------------------------------
// Deadlines (working days, R-FEEDBACK-DEADLINES)

export const DEADLINE_DAYS = { decide: 2, firstInfoRequest: 5, answer: 15, publish: 2 } as const;

export interface DeadlineClock {
  addWorkingDays(from: Date | string, n: number): Date;
}

export interface FeedbackTimes {
  submittedAt: string;
  /** Submission, or the last transfer to another agency. */
  receivedAt: string;
  answeredAt: string | null;
}

export const deadlinesOf = (t: FeedbackTimes, calendar: DeadlineClock) => ({
  decideBy: calendar.addWorkingDays(t.receivedAt, DEADLINE_DAYS.decide).toISOString(),
  firstInfoRequestBy: calendar.addWorkingDays(t.submittedAt, DEADLINE_DAYS.firstInfoRequest).toISOString(),
  answerBy: calendar.addWorkingDays(t.submittedAt, DEADLINE_DAYS.answer).toISOString(),
  publishBy: t.answeredAt ? calendar.addWorkingDays(t.answeredAt, DEADLINE_DAYS.publish).toISOString() : null,
});

export type OverdueStep = 'decide' | 'first_info_request' | 'answer' | 'publish';

export interface OverdueInput {
  status: FeedbackStatus;
  deadlines: ReturnType<typeof deadlinesOf>;
  /** When the first request for information was made, if ever. */
  firstInfoRequestAt: string | null;
  answeredAt: string | null;
  publishedAt: string | null;
  decidedAt: string | null;
}

/** The steps done late or still open past their deadline at `now`. */
export const overdueSteps = (f: OverdueInput, now: Date): OverdueStep[] => {
  const late = (doneAt: string | null, by: string | null) => by !== null && Date.parse(doneAt ?? now.toISOString()) > Date.parse(by);
  const out: OverdueStep[] = [];
  if (f.status === 'rejected') return late(f.decidedAt, f.deadlines.decideBy) ? ['decide'] : [];
  if (late(f.decidedAt, f.deadlines.decideBy)) out.push('decide');
  // Only a first request that was made counts against its deadline.
  if (f.firstInfoRequestAt && late(f.firstInfoRequestAt, f.deadlines.firstInfoRequestBy)) out.push('first_info_request');
  if (late(f.answeredAt, f.deadlines.answerBy)) out.push('answer');
  if (f.answeredAt && late(f.publishedAt, f.deadlines.publishBy)) out.push('publish');
  return out;
};

/** Indicator 5.2: an answer counts as on time when given on or before its deadline. */
export const answeredOnTime = (answeredAt: string, answerBy: string) => Date.parse(answeredAt) <= Date.parse(answerBy);
