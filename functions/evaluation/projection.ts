// Keeps the counters in step with one dossier (docs/index.md "Counters and periods"): read the
// dossier as it is now, derive its contribution, and replace the one last applied by it — in one
// conditional transaction (adapters/evaluation-store.ts). Idempotent: a redelivered or older event
// finds the dossier's current version applied already and changes nothing; out-of-order events
// cannot undo a later state, because the state is read, not carried by the event.
import { done, lostRace, retryOnConflict, type RetryPolicy } from '../../shared/retry/retry-on-conflict';
import type { DossierEvent, DossierRecord } from '../dossiers/public';
import { contributionDelta, contributionOf, factsOf } from './domain/dossier-facts';
import type { CounterStore } from './adapters/evaluation-store';

export interface ProjectionDeps {
  dossiers: { get(id: string): Promise<DossierRecord | undefined>; history(id: string): Promise<DossierEvent[]> };
  /** Whether the procedure charges a non-zero fee (undefined when the catalogue does not know it). */
  procedureHasFee(code: string): Promise<boolean | undefined>;
  store: CounterStore;
}

export type ProjectionOutcome = 'applied' | 'unchanged' | 'missing';

/**
 * Twice the default pause (the projection's loop has always waited this long): besides the races
 * on one dossier, any two transactions on the same agency-month counters conflict, and a busy
 * month has many.
 */
export const PROJECTION_RETRY: RetryPolicy = { attempts: 8, baseMs: 20 };

/**
 * Brings the dossier's counters up to date. A lost race — another consumer changed this dossier's
 * contribution, or a transaction on the same counters ran at the same time — starts over from a
 * fresh read; after PROJECTION_RETRY.attempts it throws a plain Error, so the message is retried.
 */
export const projectDossier = (deps: ProjectionDeps, dossierId: string): Promise<ProjectionOutcome> =>
  retryOnConflict<ProjectionOutcome>(async () => {
    const [stored, record] = await Promise.all([deps.store.contribution(dossierId), deps.dossiers.get(dossierId)]);
    if (!record) return done('missing');
    if (stored && stored.version >= record.version) return done('unchanged');
    const [history, hasFee] = await Promise.all([deps.dossiers.history(dossierId), deps.procedureHasFee(record.procedureCode)]);
    const facts = factsOf(record, history, hasFee);
    const next = facts ? contributionOf(facts) : null;
    const deltas = contributionDelta(stored?.contribution ?? null, next);
    return (await deps.store.applyContribution(dossierId, record.version, stored?.version, next, deltas)) ? done('applied') : lostRace;
  }, () => new Error(`counters of dossier ${dossierId}: still conflicting after ${PROJECTION_RETRY.attempts} attempts`), PROJECTION_RETRY);
