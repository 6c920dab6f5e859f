// The `sync-inbound` consumer's batch (FIFO per dossier code): each message applied in order
// (apply-inbound.ts); a message that fails fails the rest of its dossier's records in the batch —
// the Powertools FIFO processor skips them — its reason is recorded (the DLQ listing shows it), and
// it comes back with them after one jittered backoff per dossier; after maxReceiveCount it is in
// the DLQ, from which a replay (`npm run job -- sync:dlq --replay`) applies it once the cause is fixed.
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { logger } from '../../../shared/http/logger';
import { retryDelaySeconds } from '../domain/retry';
import { applyMessage, INBOUND_RETRY, PoisonMessageError, type InboundDeps } from './apply-inbound';

export const inboundConsumer = (deps: InboundDeps) => {
  // FIFO: a failed record fails the rest of its dossier's (group's) records in the batch, so order
  // per dossier holds; other dossiers' records go on. One processor per invocation: it keeps the
  // batch's state, and the local runtime runs this module's handler concurrently (maxConcurrency),
  // where Lambda would give each concurrent invocation its own instance.
  const handleRecord = async (record: SQSRecord) => {
    try {
      await applyMessage(deps, record.body);
    } catch (error) {
      await onFailure(record, error as Error);
      throw error;
    }
  };
  const attemptOf = (record: SQSRecord) => Number(record.attributes.ApproximateReceiveCount) || 1;
  const onFailure = async (record: SQSRecord, error: Error) => {
    const why = error instanceof PoisonMessageError ? error.message : `${error.name}: ${error.message}`;
    logger.warn('sync message failed', { messageId: record.messageId, attempt: attemptOf(record), why });
    // Best effort: the failure itself is what SQS must see, whatever happens here.
    const now = (deps.now ?? (() => new Date()))().toISOString();
    await deps.store.recordFailure({ messageId: record.messageId, why, attempts: attemptOf(record), at: now }).catch(() => undefined);
  };
  /**
   * The failed records and the ones skipped behind them in their group come back together after
   * one backoff per group (drawn for the group's first failure): a skipped record left at the
   * queue's 60-second visibility would hold its whole group that long.
   */
  const delayRetries = async (records: readonly SQSRecord[]) => {
    if (!deps.retryLater || !records.length) return;
    const delayOfGroup = new Map<string, number>();
    await Promise.all(records.map((r) => {
      const group = r.attributes.MessageGroupId ?? r.messageId;
      let seconds = delayOfGroup.get(group);
      if (seconds === undefined) {
        seconds = retryDelaySeconds(deps.retryPolicy ?? INBOUND_RETRY, attemptOf(r), (deps.random ?? Math.random)());
        delayOfGroup.set(group, seconds);
      }
      return deps.retryLater!(r.receiptHandle, seconds).catch(() => undefined);
    }));
  };
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    let response: SQSBatchResponse;
    try {
      response = (await processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), { skipGroupOnError: true })) as SQSBatchResponse;
    } catch (error) {
      // Every record failed (Powertools throws then, and Lambda retries the whole batch).
      await delayRetries(event.Records);
      throw error;
    }
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    await delayRetries(event.Records.filter((r) => failed.has(r.messageId)));
    return response;
  };
};
