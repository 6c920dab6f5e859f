// THE way a dossier changes status (officials, applicants, payments, sync): the transition table
// decides, the record is updated, and state and history entry are written in one transaction
// conditional on the version read. A submission draws the dossier's code from the agency's daily
// counter in the same step (R-DOSSIER-CODE).
import { badRequest, conflict, forbidden, type DomainError } from '../../../shared/errors/domain-error';
import { done, lostRace, retryOnConflict, type RetryPolicy } from '../../../shared/retry/retry-on-conflict';
import { counterKey, formatDossierCode } from '../domain/dossier-code';
import { applyDecision, eventOf, stateOf, type DossierEvent, type DossierRecord, type TransitionCalendar } from '../domain/dossier';
import { decide, type Actor, type Decision, type Effects } from '../domain/transitions';
import type { DossierContext } from './context';

/** When a step happened, if not now (an agency system's report), and the time it reported when `at` had to differ. */
export interface StepTime { at?: string; reportedAt?: string }

export interface Transitioned { record: DossierRecord; event: DossierEvent; effects: Effects }

type Refusal = Extract<Decision, { ok: false }>;

/** How one attempt at a transition ended: written, refused by the table, or lost to another write. */
export type TransitionOutcome = ({ outcome: 'saved' } & Transitioned) | { outcome: 'refused'; refusal: Refusal } | { outcome: 'lost' };

/**
 * Codes drawn before giving up when agency systems' dossiers of record hold them: a held number is
 * simply used, so the next is drawn at once.
 */
const CODE_DRAWS: RetryPolicy = { attempts: 20, baseMs: 0 };

/** Never consulted: transitions that need no calendar get this instead of a catalogue read. */
const NO_CALENDAR: TransitionCalendar = {
  dueDate(): Date { throw new Error('calendar not loaded'); },
  extendByPause(): Date { throw new Error('calendar not loaded'); },
};

/** The domain error the caller gets for a refusal of the table. */
export const refusalError = (refusal: Refusal): DomainError => {
  const details = refusal.details.map((x) => ({ path: refusal.error === 'MISSING_FIELDS' ? `body.${x.path}` : x.path, message: x.message }));
  switch (refusal.error) {
    case 'MISSING_FIELDS': return badRequest('VALIDATION_FAILED', 'The action is missing fields', details);
    case 'FORBIDDEN_ACTOR': return forbidden(details[0]?.message);
    case 'INVALID_TRANSITION': return conflict('INVALID_TRANSITION', details[0]?.message ?? 'Not allowed in this status', details);
  }
};

/**
 * One attempt at an action on `d` as read (`d` may carry unsaved changes, e.g. verified files:
 * they are written with it). `time.at` is kept within [the dossier's last history step, now] by the
 * caller (sync's event-time rule, docs/sync.md); the history entry then also says when the portal
 * wrote it (`recordedAt`) and, when clamped, the reported time.
 */
export const attemptTransition = async (
  ctx: DossierContext, d: DossierRecord, actor: Actor, action: string, input: unknown, time: StepTime = {},
): Promise<TransitionOutcome> => {
  const now = time.at ? new Date(time.at) : ctx.now();
  const decision = decide(stateOf(d), { action, actor, input, now });
  if (!decision.ok) return { outcome: 'refused', refusal: decision };
  const effects = decision.effects;
  const calendar = effects.fixesDueDate || effects.resumesClock ? await ctx.calendar() : NO_CALENDAR;
  const reported = time.at ? { recordedAt: ctx.now().toISOString(), ...(time.reportedAt ? { reportedAt: time.reportedAt } : {}) } : {};
  const built = (code?: string) => {
    const record = applyDecision(d, decision, { calendar, code });
    return { record, event: { ...eventOf(record, decision.historyEntry), ...reported }, effects };
  };
  if (!effects.assignsCode) {
    const next = built();
    return (await ctx.store.saveTransition(next.record, d.version, next.event)) === 'saved' ? { outcome: 'saved', ...next } : { outcome: 'lost' };
  }
  const counter = counterKey(d.agencyCode, now);
  return retryOnConflict(async () => {
    const sequence = await ctx.store.nextSequence(counter);
    const next = built(formatDossierCode(d.agencyCode, now, sequence));
    switch (await ctx.store.saveTransition(next.record, d.version, next.event, { claimCode: true })) {
      case 'saved': return done<TransitionOutcome>({ outcome: 'saved', ...next });
      // An agency system's dossier of record holds this number: it is used, so draw the next one.
      case 'code_taken': return lostRace;
      case 'version_conflict':
        await ctx.store.releaseSequence(counter, sequence);
        return done<TransitionOutcome>({ outcome: 'lost' });
    }
  }, () => conflict('CODE_UNAVAILABLE', 'No free dossier code could be drawn; submit again'), CODE_DRAWS);
};

/**
 * An action at the version the caller says it read (`expectedVersion`; a conflict when it is not
 * the current one): refusals and a lost race are domain errors. What payments and sync call (public.ts).
 */
export const transition = async (
  ctx: DossierContext, d: DossierRecord, actor: Actor, action: string, input: unknown, expectedVersion?: number, time: StepTime = {},
): Promise<Transitioned> => {
  if (expectedVersion !== undefined && expectedVersion !== d.version) {
    throw conflict('VERSION_CONFLICT', `The dossier is at version ${d.version}; read it again`);
  }
  const result = await attemptTransition(ctx, d, actor, action, input, time);
  switch (result.outcome) {
    case 'saved': return { record: result.record, event: result.event, effects: result.effects };
    case 'refused': throw refusalError(result.refusal);
    case 'lost': throw conflict('VERSION_CONFLICT', 'The dossier was changed by someone else; read it again');
  }
};

const AUTO_RETURN: Actor = { kind: 'system', id: 'auto-return' };

/**
 * done → returned by the portal itself when delivery is online and the result file is attached
 * (the table's condition on the system actor decides). When another write got there first, the
 * dossier as it is now is the answer.
 */
export const autoReturn = async (ctx: DossierContext, d: DossierRecord): Promise<DossierRecord> => {
  const result = await attemptTransition(ctx, d, AUTO_RETURN, 'return_result', { note: 'Result returned online' });
  switch (result.outcome) {
    case 'saved': return result.record;
    case 'refused': return d;
    case 'lost': return (await ctx.store.get(d.id)) ?? d;
  }
};
