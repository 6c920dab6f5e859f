// A dossier of record from an agency system (received at its desk or by post): built by replaying
// the agency's steps through the same transition table and record update as every other dossier
// (`decide` + `applyDecision`), each at the time it happened there, so the due date, pauses,
// finish and return times, version and history come out exactly as if officials had acted in the
// portal. Every history entry is marked `imported` (notifications owe nothing for it) and carries
// the agency system as its actor (outbound sync must not echo it back). Pure.
import { applyDecision, eventOf, stateOf, type DossierEvent, type DossierRecord, type TransitionCalendar } from './dossier';
import { decide, type Actor, type Detail } from './transitions';

export interface ReplayStep {
  action: string;
  input: Record<string, unknown>;
  /** ISO instant at the agency. */
  at: string;
}

/**
 * `registered`: the record as registered at the desk (status `submitted`, code set, version 0).
 * Returns the record after every step with one event per step, or the first step the table refuses.
 */
export const replayOfRecord = (
  registered: DossierRecord,
  steps: readonly ReplayStep[],
  actor: Actor,
  calendar: TransitionCalendar,
  dueDate?: string,
): { ok: true; record: DossierRecord; events: DossierEvent[] } | { ok: false; step: number; error: string; details: Detail[] } => {
  if (registered.status !== 'submitted' || !registered.code) throw new Error('replayOfRecord: expected a registered (submitted, coded) record');
  let d = registered;
  const events: DossierEvent[] = [];
  for (const [i, step] of steps.entries()) {
    const decision = decide(stateOf(d), { action: step.action, actor, input: step.input, now: new Date(step.at) });
    if (!decision.ok) return { ok: false, step: i, error: decision.error, details: decision.details };
    d = applyDecision(d, decision, { calendar });
    events.push({ ...eventOf(d, decision.historyEntry), imported: true });
  }
  // The agency's appointed date is the one the applicant holds on the receipt slip.
  if (dueDate && d.dueAt) d = { ...d, dueAt: new Date(dueDate).toISOString() };
  return { ok: true, record: d, events };
};
