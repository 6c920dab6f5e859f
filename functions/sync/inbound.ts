// The consumer of `sync-inbound` (FIFO per dossier code). Status events are applied to dossiers
// through the dossier transition function, in order, once, each at the time the event gives
// (domain/event-time.ts: a time in the future, before the dossier or out of its history's order is
// refused for the system's error report, never retried). Dossier upserts (kind `dossier`) create
// a dossier of record through the dossiers capability, or — the same dossier sent again — apply its
// status like a status event; a code held by another dossier is a conflict in the system's error
// report. A duplicate event id does nothing; a stale or already-reached status is recorded without
// moving the dossier; an impossible or refused one goes to the system's error report. A message
// that cannot be processed (unparseable, unknown dossier, a store failure) fails its record — the
// FIFO processor then fails the rest of that dossier's records in the batch — its reason is
// recorded (the DLQ listing shows it), it comes back after a jittered backoff, and after
// maxReceiveCount it is in the DLQ, from which a replay (`npm run job -- sync:dlq --replay`)
// applies it once the cause is fixed.
// Every event about a dossier the portal holds counts that dossier, once, as reported by its
// agency's system (the sync ratio of index indicators 1.4 and 3.3).
// The work: use-cases/apply-inbound.ts (one message), use-cases/inbound-batch.ts (the batch and its retries).
import { inboundDeps } from './deps/inbound';
import { inboundConsumer } from './use-cases/inbound-batch';

export const handler = inboundConsumer(inboundDeps());
