// Keeps the counters in step with one dossier (docs/index.md "Counters and periods"): read the
// dossier as it is now, derive its contribution, and replace the one last applied by it — in one
// conditional transaction (adapters/evaluation-store.ts). Idempotent: a redelivered or older event
// finds the dossier's current version applied already and changes nothing; out-of-order events
// cannot undo a later state, because the state is read, not carried by the event.
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

const MAX_ATTEMPTS = 8;

/** Brings the dossier's counters up to date; throws after repeated conflicts (the message is retried). */
export const projectDossier = async (deps: ProjectionDeps, dossierId: string): Promise<ProjectionOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const [stored, record] = await Promise.all([deps.store.contribution(dossierId), deps.dossiers.get(dossierId)]);
    if (!record) return 'missing';
    if (stored && stored.version >= record.version) return 'unchanged';
    const [history, hasFee] = await Promise.all([deps.dossiers.history(dossierId), deps.procedureHasFee(record.procedureCode)]);
    const facts = factsOf(record, history, hasFee);
    const next = facts ? contributionOf(facts) : null;
    const deltas = contributionDelta(stored?.contribution ?? null, next);
    if (await deps.store.applyContribution(dossierId, record.version, stored?.version, next, deltas)) return 'applied';
    if (attempt >= MAX_ATTEMPTS) throw new Error(`counters of dossier ${dossierId}: still conflicting after ${MAX_ATTEMPTS} attempts`);
    // Another consumer changed this dossier's contribution, or a transaction on the same counters
    // ran at the same time: re-read after a short jittered pause.
    await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** Math.min(attempt, 6)));
  }
};
