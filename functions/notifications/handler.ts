// The notifications consumer (SQS queue `notifications`, fed by the dossier event fan-out). Each
// message is one DossierEvent; use-cases/notify.ts says what is sent and docs/notifications.md the
// whole flow. A malformed message is logged (field paths only) and dropped: retrying cannot fix
// it. A send that fails becomes a partial batch failure, retried by SQS and dead-lettered after
// the queue's maxReceiveCount; what was already sent is not sent again.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { logger } from '../../shared/http/logger';
import { platformDeps } from './deps';
import { parseEventBody } from './domain/event';
import { notify, type NotifierDeps } from './use-cases/notify';

export const makeHandler = (deps: NotifierDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  // Records of one dossier run one after another within a batch (a chain per dossier, per
  // invocation): two copies of an event then meet as "already sent" rather than as a claim still
  // being held, which would cost the second one a retry. Distinct dossiers run at once.
  const handleRecord = async (record: SQSRecord, chains: Map<string, Promise<unknown>>) => {
    const parsed = parseEventBody(record.body);
    if (!parsed.ok) {
      logger.warn('malformed notification message dropped', { messageId: record.messageId, problems: parsed.problems });
      return;
    }
    const { dossierId } = parsed.event;
    const run = (chains.get(dossierId) ?? Promise.resolve()).catch(() => undefined).then(() => notify(deps, parsed.event));
    chains.set(dossierId, run);
    await run;
  };
  // A batch (up to 10, docs/capacity.md) is sent concurrently: its time is its slowest message's,
  // not their sum. A batch whose every message failed is reported like any other (not thrown), so
  // SQS retries exactly those messages and a provider outage is not also counted as function errors.
  return (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const chains = new Map<string, Promise<unknown>>();
    return processPartialResponse(event, (record: SQSRecord) => handleRecord(record, chains), processor, {
      processInParallel: true,
      throwOnFullBatchFailure: false,
      ...(context ? { context } : {}),
    }) as Promise<SQSBatchResponse>;
  };
};

export const handler = makeHandler(platformDeps());
