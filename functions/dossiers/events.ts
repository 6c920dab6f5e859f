// The dossier outbox's fan-out (docs/requirements.md R-DOSSIER-HISTORY: every transition emits an
// event atomically). A history item is written in the same transaction as the state it records; the
// table stream carries each one here exactly as written, and this function forwards it to the
// queues of the capabilities that act on it (notifications; sync-outbound, FIFO per dossier, when
// the dossier's agency has an agency system to tell; index-counters, every event).
//
// A batch goes out in rounds (domain/fan-out.ts): a round holds each dossier's next event, and its
// messages leave as one SendMessageBatch per queue (10 a call, failed entries retried, bounded:
// shared/aws/sqs-batch.ts). A record whose messages could not all be sent is reported as a batch
// item failure with its dossier's later records; the stream retries from the first failed record,
// so some forwarded events go again: each consumer is idempotent by (dossierId, version), and
// sync-outbound's deduplication id is the same on every send.
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { sqsClient, sqsLib, onceAsync } from '../../shared/aws/clients';
import { sendMessageBatches, type BatchMessage, type UnsentMessage } from '../../shared/aws/sqs-batch';
import { queueUrl } from '../../shared/config';
import { logger } from '../../shared/http/logger';
import { catalogueReader } from '../catalogue/public';
import { agencyHasSubscribedSystem } from '../identity/public';
import { outboundMessageIds, outboundRelevant } from '../sync/public';
import type { DossierEvent } from './domain/dossier';
import { rounds } from './domain/fan-out';
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

export const FAN_OUT_QUEUES = ['notifications', 'sync-outbound', 'index-counters'] as const;
export type FanOutQueue = (typeof FAN_OUT_QUEUES)[number];
export interface FanOutMessage extends Omit<BatchMessage, 'id'> { queue: FanOutQueue }

/**
 * The messages an event owes: the applicant's notification (if it notifies), the agency systems'
 * (sync's subscription `outboundRelevant`, and only when `subscribed`: the agency has a system to
 * tell), the index counters' (every event: the consumer re-reads the dossier, once per version).
 */
export const messagesOf = (event: DossierEvent, subscribed: boolean): FanOutMessage[] => {
  const out: FanOutMessage[] = [];
  if (notifies(event)) out.push({ queue: 'notifications', body: JSON.stringify(event) });
  if (subscribed && outboundRelevant(event)) {
    const ids = outboundMessageIds(event);
    out.push({ queue: 'sync-outbound', body: JSON.stringify(event), groupId: ids.groupId, dedupId: ids.dedupId });
  }
  out.push({ queue: 'index-counters', body: JSON.stringify({ dossierId: event.dossierId, version: event.version }) });
  return out;
};

export interface FanOutDeps {
  /** Sends to a queue; returns the messages still not sent after its bounded retries. */
  send(queue: FanOutQueue, messages: readonly BatchMessage[]): Promise<readonly UnsentMessage[]>;
  /** Whether an agency system covered the agency when the event happened (identity's warm view of the registry). */
  hasSubscribedSystem(agencyCode: string, asOf: Date): Promise<boolean>;
}

interface Pending { seq: string; event: DossierEvent }

/** One round: each record's messages, sent per queue in batches; the records not wholly forwarded. */
const forwardRound = async (deps: FanOutDeps, round: readonly Pending[]): Promise<Pending[]> => {
  const planned = await Promise.all(round.map(async (p) => {
    try {
      const subscribed = outboundRelevant(p.event) && await deps.hasSubscribedSystem(p.event.agencyCode, new Date(p.event.recordedAt ?? p.event.at));
      return messagesOf(p.event, subscribed);
    } catch (error) {
      logger.warn('dossier event not forwarded: subscription unknown', { dossierId: p.event.dossierId, version: p.event.version, error: (error as Error)?.name });
      return null;
    }
  }));
  const entries = planned.flatMap((messages, i) => (messages ?? []).map((m, j) => ({ ...m, id: `${i}.${j}` })));
  const unsent = await Promise.all(FAN_OUT_QUEUES.map(async (queue) => {
    const mine = entries.filter((e) => e.queue === queue).map(({ queue: _q, ...m }) => m);
    if (!mine.length) return [];
    return deps.send(queue, mine).catch((error: unknown) => mine.map((m) => ({ id: m.id, code: (error as Error)?.name ?? 'Error' })));
  }));
  const notSent = new Map(unsent.flat().map((u) => [u.id, u.code]));
  return round.filter((p, i) => {
    const messages = planned[i];
    const codes = messages?.flatMap((_, j) => notSent.get(`${i}.${j}`) ?? []) ?? [];
    const where = { dossierId: p.event.dossierId, version: p.event.version, action: p.event.action };
    if (messages && !codes.length) logger.debug('dossier event forwarded', where);
    else if (messages) logger.warn('dossier event not forwarded', { ...where, errors: codes });
    return !messages || codes.length > 0;
  });
};

export const makeHandler = (deps: FanOutDeps) => async (stream: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const pending: Pending[] = [];
  for (const record of stream.Records) {
    const event = await eventOfRecord(record);
    if (event) pending.push({ seq: record.dynamodb?.SequenceNumber ?? record.eventID ?? '', event });
  }
  const failed: string[] = [];
  const stopped = new Set<string>();
  for (const round of rounds(pending, (p) => p.event.dossierId)) {
    // A dossier stopped by a failure earlier in the batch holds its later events back.
    const held = round.filter((p) => stopped.has(p.event.dossierId));
    const going = round.filter((p) => !stopped.has(p.event.dossierId));
    for (const p of [...held, ...(going.length ? await forwardRound(deps, going) : [])]) {
      failed.push(p.seq);
      stopped.add(p.event.dossierId);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};

/** The platform's queues and registry view (a warm function's catalogue cache gives the agency's province). */
export const platformFanOut = (catalogue = catalogueReader(), urlOf: (queue: FanOutQueue) => string = queueUrl): FanOutDeps => ({
  async send(queue, messages) {
    const [client, lib] = await Promise.all([sqsClient(), sqsLib()]);
    return sendMessageBatches(client, lib, urlOf(queue), messages);
  },
  async hasSubscribedSystem(agencyCode, asOf) {
    const agency = await catalogue.getAgency(agencyCode);
    return agencyHasSubscribedSystem({ code: agencyCode, parentCode: agency?.parentCode ?? null }, asOf);
  },
});

export const handler = makeHandler(platformFanOut());
