// The `sync-outbound` consumer's batch (FIFO per dossier; dossiers in parallel): each message
// delivered (deliver-outbound.ts). If any system's push fails, the message fails: its visibility is
// set to a full-jitter exponential backoff from its receive count, SQS hands it back then (with the
// dossier's later messages, skipped), and after the queue's maxReceiveCount it is in the DLQ (the
// outbox keeps it for pull).
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { logger } from '../../../shared/http/logger';
import { queues } from '../../../shared/platform/queues';
import { outboundRetryPolicy } from '../domain/outbound';
import { retryDelaySeconds } from '../domain/retry';
import { deliverMessage, DeliveryFailedError, type OutboundDeps } from './deliver-outbound';

/** Receives before SQS dead-letters a message (the queue's declaration). */
const MAX_ATTEMPTS = queues.find((q) => q.name === 'sync-outbound')!.maxReceiveCount;

export const outboundConsumer = (deps: OutboundDeps) => {
  const policy = () => (deps.policy ?? (() => outboundRetryPolicy()))();
  /** One dossier's records, in order, through the FIFO processor: a failure holds the rest back. */
  const processGroup = async (records: SQSRecord[]): Promise<SQSBatchResponse> => {
    let delay: number | undefined;
    const attempted = new Set<string>();
    const handleRecord = async (record: SQSRecord) => {
      attempted.add(record.messageId);
      const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
      try {
        const outcome = await deliverMessage(deps, record.body, attempt);
        if (outcome.failed.length) {
          const named = outcome.failed.slice(0, 5).map((f) => `${f.keyId} (${f.detail})`).join(', ');
          throw new DeliveryFailedError(`push failed for ${outcome.failed.length} system(s): ${named}${outcome.failed.length > 5 ? ', …' : ''}`);
        }
        if (outcome.delivered.length) logger.info('outbound event delivered', { messageId: record.messageId, attempt, systems: outcome.delivered });
      } catch (error) {
        delay = retryDelaySeconds(policy(), attempt, (deps.random ?? Math.random)());
        // A receiver that is down is routine until the last attempt: then the message goes to the DLQ.
        const last = attempt >= MAX_ATTEMPTS;
        logger[last ? 'error' : 'info'](last ? 'outbound delivery failed for the last time: the message goes to the DLQ' : 'outbound delivery failed; retried later',
          { messageId: record.messageId, attempt, retryInSeconds: delay, reason: (error as Error).message });
        await retry(record, delay);
        throw error;
      }
    };
    // A fresh processor per group: groups run concurrently. A receiver that is down is not a
    // function error (no error alarm, no whole-batch retry): failures are reported per record.
    const result = await processPartialResponse({ Records: records }, handleRecord, new SqsFifoPartialProcessorAsync(),
      { skipGroupOnError: true, throwOnFullBatchFailure: false }) as SQSBatchResponse;
    // The dossier's later records, skipped, come back with the failed one (FIFO keeps their order).
    for (const f of result.batchItemFailures) {
      const record = records.find((r) => r.messageId === f.itemIdentifier);
      if (record && !attempted.has(record.messageId)) await retry(record, delay ?? 0);
    }
    return result;
  };
  // Without the new visibility the retry still comes, after the queue's visibility timeout.
  const retry = (record: SQSRecord, seconds: number) =>
    deps.retryLater(record.receiptHandle, seconds).catch((e: unknown) => logger.error('could not set the retry delay', { error: e as Error }));

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    // Dossiers (message groups) are independent: one's slow or failing receiver does not hold the others.
    const groups = new Map<string, SQSRecord[]>();
    for (const r of event.Records) {
      const g = r.attributes.MessageGroupId ?? r.messageId;
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    const results = await Promise.all([...groups.values()].map(processGroup));
    return { batchItemFailures: results.flatMap((r) => r.batchItemFailures) };
  };
};
