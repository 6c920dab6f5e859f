// The pure part of what other capabilities may use of the dossiers capability: the transition
// table and the shapes of a dossier and of its events. Domain code of other capabilities
// (notifications' slips, sync's status mapping) imports this, never public.ts, so it stays free of
// the stores and the AWS clients (test/architecture.test.ts). public.ts re-exports it.
export type { DossierEvent, DossierRecord, AttachmentRecord } from './domain/dossier';
export type { Actor } from './domain/transitions';
export { transitionFor, TRANSITIONS, type TransitionRow } from './domain/transitions';
