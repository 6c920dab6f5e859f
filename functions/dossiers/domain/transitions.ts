// The dossier status machine (docs/requirements.md R-DOSSIER-TRANSITIONS) as ONE explicit
// transition table, and the pure decision that applies it. Everything else — the officials' console
// (`allowedActions`), the use cases (`decide`), agency-system status sync (sync-path.ts), tests —
// reads this table; no other module spells a transition: what is special about an action is a
// field of its row (its effects), never its name in code.
//
// One row per action: who may take it (`actors`), from which statuses, to which status (null =
// no status change), the input it requires (a zod schema, action-inputs.ts), and the side effects it implies, as
// data for the service layer (which writes them atomically with the history entry and the event).
//
// Actors: `applicant` (citizen or business owning the dossier), `official` (one-stop desk or
// handling officer of an agency in scope), `system` (the portal itself: payment confirmation,
// automatic online return), `agency_system` (a ministry's or province's one-stop system, speaking
// for its agencies over sync: it may record what happened at its own desk — everything an official
// may do, plus a withdrawal made at the desk and a payment collected there).
//
// Decision order (so the same request always gets the same answer): unknown action →
// INVALID_TRANSITION; actor kind not on the row → FORBIDDEN_ACTOR (whatever the status: it could
// never take the action); status not in `from` → INVALID_TRANSITION; a row condition fails for the
// actor → INVALID_TRANSITION; input invalid → MISSING_FIELDS; issue_apology timing (late.ts L5):
// too late → INVALID_TRANSITION, a bad new date → MISSING_FIELDS.
import * as z from 'zod';
import { validateApology, type ApologyRecord } from './late';
import { type DossierAction, statusCode, type DossierStatus, type StatusCode } from '../../../shared/contracts/dossier-status';
import { IssueApologyInput, NoteInput, ReasonInput, RequestSupplementInput, SupplementInput } from './action-inputs';
import type { Instant } from './time';

export const ACTOR_KINDS = ['applicant', 'official', 'system', 'agency_system'] as const;
export const ActorKind = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKind>;

export { DOSSIER_ACTIONS, DossierAction } from '../../../shared/contracts/dossier-status';

/** Slips of Circular 01/2018/TT-VPCP: 01 receipt, 02 supplement request, 03 refusal, 04 apology. */
export type SlipKind = 'receipt' | 'supplement_request' | 'refusal' | 'apology';

export interface Effects {
  /** Assign the dossier code (dossier-code.ts) and set `submittedAt`. */
  assignsCode: boolean;
  /** Set `receivedAt` and fix the due date on the working calendar from the procedure's processing time. */
  fixesDueDate: boolean;
  /** Record `pausedAt`: the clock stops (R-DUE-PAUSE). */
  pausesClock: boolean;
  /** Move the due date by the paused working time (calendar `extendByPause`) and clear `pausedAt`. */
  resumesClock: boolean;
  /** Open the fee obligation (payments capability). */
  requestsPayment: boolean;
  /** Set `finishedAt`: the instant that decides "late" (late.ts L1). */
  finishes: boolean;
  /** Set `returnedAt`: the result was handed over (online, desk or post). */
  returnsResult: boolean;
  /** No transition leaves the resulting status. */
  closes: boolean;
  /** Append `{ issuedAt, newDueDate, reason }` to the dossier's apologies. */
  recordsApology: boolean;
  /** Tell the applicant (notifications capability). */
  notifiesApplicant: boolean;
  /** The slip to produce, if any. */
  slip: SlipKind | null;
  /**
   * The input field that names components of the dossier's procedure (a supplement request's
   * missing ones): an official may name only the dossier's own components.
   */
  namesComponents: string | null;
  /**
   * After an official's action, the portal returns the result itself (`return_result` as the
   * system) when delivery is online and the result file is attached already.
   */
  thenReturnsOnline: boolean;
}

const NO_EFFECTS: Effects = {
  assignsCode: false,
  fixesDueDate: false,
  pausesClock: false,
  resumesClock: false,
  requestsPayment: false,
  finishes: false,
  returnsResult: false,
  closes: false,
  recordsApology: false,
  notifiesApplicant: false,
  slip: null,
  namesComponents: null,
  thenReturnsOnline: false,
};
const effects = (e: Partial<Effects>): Effects => Object.freeze({ ...NO_EFFECTS, ...e });

// ---------------------------------------------------------------------------------------------
// The table.

export interface DossierState {
  status: DossierStatus;
  delivery?: 'online' | 'desk' | 'post';
  /** Whether the electronic result file is attached (`POST /v1/dossiers/{id}/result`). */
  resultAttached?: boolean;
  /** The due instant (for issue_apology timing). */
  dueAt?: Instant | null;
  apologies?: readonly ApologyRecord[];
}

/** An extra requirement a row puts on some of its actors. */
export interface Condition {
  actors: readonly ActorKind[];
  holds: (state: DossierState) => boolean;
  path: string;
  message: string;
}

export interface TransitionRow {
  readonly action: DossierAction;
  readonly actors: readonly ActorKind[];
  readonly from: readonly DossierStatus[];
  /** null: the action records something without changing the status. */
  readonly to: DossierStatus | null;
  readonly input: z.ZodType<Record<string, unknown>>;
  readonly effects: Effects;
  readonly conditions?: readonly Condition[];
}

/** Those who act for the agency: its officials in the portal, or its own system over sync. */
const AGENCY_SIDE = ['official', 'agency_system'] as const;

export const TRANSITIONS: readonly TransitionRow[] = Object.freeze([
  { action: 'submit', actors: ['applicant'], from: ['draft'], to: 'submitted', input: NoteInput,
    effects: effects({ assignsCode: true }) },
  { action: 'receive', actors: AGENCY_SIDE, from: ['submitted'], to: 'received', input: NoteInput,
    effects: effects({ fixesDueDate: true, slip: 'receipt', notifiesApplicant: true }) },
  { action: 'refuse', actors: AGENCY_SIDE, from: ['submitted'], to: 'not_received', input: ReasonInput,
    effects: effects({ closes: true, slip: 'refusal', notifiesApplicant: true }) },
  { action: 'start', actors: AGENCY_SIDE, from: ['received'], to: 'processing', input: NoteInput,
    effects: effects({}) },
  { action: 'request_supplement', actors: AGENCY_SIDE, from: ['processing'], to: 'supplement_requested', input: RequestSupplementInput,
    effects: effects({ pausesClock: true, slip: 'supplement_request', notifiesApplicant: true, namesComponents: 'missingComponents' }) },
  { action: 'resume', actors: AGENCY_SIDE, from: ['supplement_requested'], to: 'processing', input: NoteInput,
    effects: effects({ resumesClock: true }) },
  { action: 'supplement', actors: ['applicant'], from: ['supplement_requested'], to: 'processing', input: SupplementInput,
    effects: effects({ resumesClock: true }) },
  { action: 'request_payment', actors: AGENCY_SIDE, from: ['processing'], to: 'payment_required', input: NoteInput,
    effects: effects({ requestsPayment: true, notifiesApplicant: true }) },
  { action: 'confirm_payment', actors: ['system', 'agency_system'], from: ['payment_required'], to: 'processing', input: NoteInput,
    effects: effects({}) },
  { action: 'finish', actors: AGENCY_SIDE, from: ['processing'], to: 'done', input: NoteInput,
    effects: effects({ finishes: true, notifiesApplicant: true, thenReturnsOnline: true }) },
  { action: 'stop', actors: AGENCY_SIDE, from: ['processing'], to: 'stopped', input: ReasonInput,
    effects: effects({ finishes: true, closes: true, notifiesApplicant: true }) },
  { action: 'return_result', actors: [...AGENCY_SIDE, 'system'], from: ['done'], to: 'returned', input: NoteInput,
    effects: effects({ returnsResult: true, closes: true, notifiesApplicant: true }),
    conditions: [{
      actors: ['system'],
      holds: (s) => s.delivery === 'online' && s.resultAttached === true,
      path: 'delivery',
      message: 'the result is returned automatically only for online delivery with the result file attached',
    }] },
  { action: 'withdraw', actors: ['applicant', 'agency_system'],
    from: ['submitted', 'received', 'processing', 'supplement_requested', 'payment_required'], to: 'withdrawn',
    input: ReasonInput, effects: effects({ closes: true, notifiesApplicant: true }) },
  { action: 'issue_apology', actors: AGENCY_SIDE,
    from: ['received', 'processing', 'supplement_requested', 'payment_required'], to: null,
    input: IssueApologyInput, effects: effects({ recordsApology: true, slip: 'apology', notifiesApplicant: true }) },
] satisfies TransitionRow[]);

const BY_ACTION: ReadonlyMap<string, TransitionRow> = new Map(TRANSITIONS.map((r) => [r.action, r]));

/** The table row of an action (undefined for an unknown name). */
export const transitionFor = (action: string): TransitionRow | undefined => BY_ACTION.get(action);

/**
 * Actions an actor kind may take on a dossier in `status`, in table order (the officials' console
 * shows only these). Row conditions are state-dependent and not applied here.
 */
export const allowedActions = (status: DossierStatus, actor: ActorKind): DossierAction[] =>
  TRANSITIONS.filter((r) => r.from.includes(status) && r.actors.includes(actor)).map((r) => r.action);

// ---------------------------------------------------------------------------------------------
// decide

export interface Actor {
  kind: ActorKind;
  /** The user's `sub`, the agency system's key id, or a job name. */
  id?: string;
}

export interface Command {
  action: string;
  actor: ActorKind | Actor;
  input?: unknown;
  now: Date;
}

export interface HistoryEntry {
  at: string;
  actor: Actor;
  action: DossierAction;
  from: DossierStatus;
  to: DossierStatus;
  note: string | null;
}

export interface Detail { path: string; message: string }

export type Decision =
  | {
      ok: true;
      action: DossierAction;
      from: DossierStatus;
      /** The status after the action (equal to `from` for an action that changes none). */
      to: DossierStatus;
      statusCode: StatusCode | null;
      changesStatus: boolean;
      /** The validated input (trimmed, unknown keys stripped). */
      input: Record<string, unknown>;
      effects: Effects;
      historyEntry: HistoryEntry;
    }
  | { ok: false; error: 'INVALID_TRANSITION' | 'FORBIDDEN_ACTOR' | 'MISSING_FIELDS'; details: Detail[] };

const fail = (error: 'INVALID_TRANSITION' | 'FORBIDDEN_ACTOR' | 'MISSING_FIELDS', details: Detail[]): Decision => ({
  ok: false,
  error,
  details,
});

const toActor = (a: ActorKind | Actor): Actor => (typeof a === 'string' ? { kind: a } : a);

/** Applies the table to one command. Pure: `now` is the command's clock; nothing is mutated. */
export const decide = (state: DossierState, command: Command): Decision => {
  if (!(command.now instanceof Date) || Number.isNaN(command.now.getTime())) {
    throw new RangeError('decide: `now` must be a valid Date');
  }
  const { action } = command;
  const row = transitionFor(action);
  if (!row) return fail('INVALID_TRANSITION', [{ path: 'action', message: `unknown action ${JSON.stringify(action)}` }]);

  const actor = toActor(command.actor);
  if (!ActorKind.safeParse(actor?.kind).success || !row.actors.includes(actor.kind)) {
    return fail('FORBIDDEN_ACTOR', [{ path: 'action', message: `${String(actor?.kind)} may not ${action}` }]);
  }
  const from = state.status;
  if (!row.from.includes(from)) {
    return fail('INVALID_TRANSITION', [{ path: 'action', message: `cannot ${action} a dossier in status ${from}` }]);
  }
  for (const c of row.conditions ?? []) {
    if (c.actors.includes(actor.kind) && !c.holds(state)) return fail('INVALID_TRANSITION', [{ path: c.path, message: c.message }]);
  }

  const parsed = row.input.safeParse(command.input ?? {});
  if (!parsed.success) {
    return fail(
      'MISSING_FIELDS',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message })),
    );
  }
  const input = parsed.data;

  if (row.effects.recordsApology && state.dueAt != null) {
    const problems = validateApology({ dueAt: state.dueAt, apologies: state.apologies, newDueDate: input.newDueDate, now: command.now });
    const tooLate = problems.filter((p) => p.code === 'APOLOGY_TOO_LATE');
    if (tooLate.length) return fail('INVALID_TRANSITION', tooLate.map(({ path, message }) => ({ path, message })));
    if (problems.length) return fail('MISSING_FIELDS', problems.map(({ path, message }) => ({ path, message })));
  }

  const to = row.to ?? from;
  const note = (input.reason ?? input.note ?? null) as string | null;
  return {
    ok: true,
    action: row.action,
    from,
    to,
    statusCode: statusCode(to),
    changesStatus: row.to !== null,
    input,
    effects: row.effects,
    historyEntry: {
      at: command.now.toISOString(),
      actor: actor.id === undefined ? { kind: actor.kind } : { kind: actor.kind, id: actor.id },
      action: row.action,
      from,
      to,
      note,
    },
  };
};
