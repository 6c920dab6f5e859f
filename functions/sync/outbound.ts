// The consumer of `sync-outbound` (FIFO per dossier; dossiers in parallel): delivers a dossier event to
// every agency system that speaks for the dossier's agency. For each system the event is put in its
// outbox (once), then POSTed to its endpoint signed as docs/requirements.md R-SIGN-REQUEST; a 2xx
// marks it delivered. If any system's push fails, the message fails: its visibility is set to a
// full-jitter exponential backoff from its receive count, SQS hands it back then, and only the
// systems not yet delivered are tried again. After 8 receives SQS moves it to the DLQ (the outbox
// keeps it for pull). No system for the agency: nothing to do.
// The work: use-cases/deliver-outbound.ts (one message), use-cases/outbound-batch.ts (the batch and its retries).
import { outboundDeps } from './deps/outbound';
import { outboundConsumer } from './use-cases/outbound-batch';

export const handler = outboundConsumer(outboundDeps());
