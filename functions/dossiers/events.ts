// The dossier outbox's fan-out (docs/requirements.md R-DOSSIER-HISTORY: every transition emits an
// event atomically). A history item is written in the same transaction as the state it records; the
// table stream carries each one here exactly as written, and this function forwards it to the
// queues of the capabilities that act on it (notifications; sync-outbound, FIFO per dossier;
// index-counters, every event). A record that cannot be forwarded is reported as a partial batch
// failure and retried; the stream keeps order per dossier, and each consumer is idempotent by
// (dossierId, version).
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { sqsClient, sqsLib, onceAsync } from '../../shared/aws/clients';
import { queueUrl } from '../../shared/config';
import { logger } from '../../shared/http/logger';
import { outboundMessageIds, outboundRelevant } from '../sync/public';
import type { DossierEvent } from './domain/dossier';
import { transitionFor } from './domain/transitions';

const unmarshall = onceAsync(async () => (await import('@aws-sdk/util-dynamodb')).unmarshall);

/** The event in a stream record, or null for anything that is not a newly written history item. */
export const eventOfRecord = async (record: DynamoDBRecord): Promise<DossierEvent | null> => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return null;
  const item = (await unmarshall())(image as never) as Record<string, unknown>;
  if (typeof item.sk !== 'string' || !item.sk.startsWith('H#') || item.type !== 'dossier.transitioned') return null;
  const { pk: _pk, sk: _sk, ...event } = item;
  return event as unknown as DossierEvent;
};

/**
 * Whether the applicant is owed a message for this event (the transition table says so). History an
 * agency system imported with a dossier of record is owed none: the desk gave the slips then.
 */
export const notifies = (event: DossierEvent): boolean => event.imported !== true && transitionFor(event.action)?.effects.notifiesApplicant === true;

export interface EventSink {
  notify(event: DossierEvent): Promise<void>;
  /** To agency systems (sync's subscription: `outboundRelevant`). */
  outbound(event: DossierEvent): Promise<void>;
  /** To the service index counters: every event (the consumer re-reads the dossier, once per version). */
  counters(event: DossierEvent): Promise<void>;
}

export const sqsSink = (): EventSink => ({
  async notify(event) {
    const [client, { SendMessageCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl('notifications'), MessageBody: JSON.stringify(event) }));
  },
  async outbound(event) {
    const [client, { SendMessageCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    const ids = outboundMessageIds(event);
    // A stream retry resends the same version: SQS drops it (deduplication id) within 5 minutes,
    // and the consumer's outbox is idempotent beyond that.
    await client.send(new SendMessageCommand({
      QueueUrl: queueUrl('sync-outbound'), MessageGroupId: ids.groupId, MessageDeduplicationId: ids.dedupId, MessageBody: JSON.stringify(event),
    }));
  },
  async counters(event) {
    const [client, { SendMessageCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    await client.send(new SendMessageCommand({
      QueueUrl: queueUrl('index-counters'), MessageBody: JSON.stringify({ dossierId: event.dossierId, version: event.version }),
    }));
  },
});

export const makeHandler = (sink: EventSink) => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const handleRecord = async (record: DynamoDBRecord) => {
    const event = await eventOfRecord(record);
    if (!event) return;
    if (notifies(event)) await sink.notify(event);
    if (outboundRelevant(event)) await sink.outbound(event);
    await sink.counters(event);
    logger.debug('dossier event forwarded', { dossierId: event.dossierId, version: event.version, action: event.action });
  };
  // One record after another: the stream's order per dossier is the order events are forwarded in.
  return (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, handleRecord, processor, { processInParallel: false }) as Promise<DynamoDBBatchResponse>;
};

export const handler = makeHandler(sqsSink());
