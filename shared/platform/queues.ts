import type { QueueDecl } from './types';

// Queues arrive with the capabilities that use them (sync, events); each gets a DLQ.
export const queues: readonly QueueDecl[] = [
  {
    name: 'notifications',
    description: 'Dossier events that owe the applicant a message (receipt, supplement request, refusal, apology, result)',
    fifo: false,
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    // Full batches of 10 (the window fills them when the queue is quiet; at the national rate they
    // fill at once), sent concurrently: ~270 concurrent at 2,000 submissions a second instead of
    // ~1,220 one message an invocation, against the event source's 1,250 (docs/capacity.md).
    consumer: { fn: 'notifications', batchSize: 10, batchingWindowSeconds: 1 },
  },
  {
    name: 'sync-inbound',
    description: 'Events reported by agency systems, FIFO per dossier code (deduplicated by event id)',
    fifo: true,
    highThroughputFifo: true,
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    // Dossiers are independent of each other: several groups applied at once. 600: twice what
    // 2,000 submissions a second need (~270 invocations of ~90 ms, docs/capacity.md), within the
    // event source's maximum of 1,000; each group still one invocation at a time.
    consumer: { fn: 'sync-inbound', batchSize: 10, maxConcurrency: 600 },
  },
  {
    // A failed push sets its own retry delay (ChangeMessageVisibility, full-jitter backoff); the
    // consumer runs a batch's dossiers (message groups) concurrently, each in order.
    name: 'sync-outbound',
    description: 'Dossier events for agency systems, FIFO per dossier (deduplicated by dossier version); pushed, retried with backoff, DLQ after 8 attempts',
    fifo: true,
    highThroughputFifo: true,
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 8,
    consumer: { fn: 'sync-outbound', batchSize: 10 },
  },
  {
    // Every dossier event names a dossier whose counters may have changed; the consumer re-reads the
    // dossier and applies the difference once (functions/evaluation/projection.ts).
    name: 'index-counters',
    description: 'Dossier events for the service index counters (per-agency monthly), applied idempotently',
    fifo: false,
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    consumer: { fn: 'index-counters', batchSize: 10 },
  },
  {
    // Index work that must not hold up a request: an admin's recompute (its run record says how far
    // it got) and the refresh of a running period a read found stale or missing
    // (functions/evaluation/jobs.ts). One message per invocation; the visibility timeout covers the
    // consumer's 900 s.
    name: 'index-runs',
    description: 'Service index computations on request: admin recomputes and refreshes of running periods kicked by stale reads',
    fifo: false,
    visibilityTimeoutSeconds: 960,
    maxReceiveCount: 3,
    consumer: { fn: 'evaluation-jobs', batchSize: 1, maxConcurrency: 2 },
  },
];
