// The consumer of `sync-outbound` (FIFO per dossier; dossiers in parallel): delivers a dossier event to
// every agency system that speaks for the dossier's agency. For each system the event is put in its
// outbox (once), then POSTed to its endpoint signed as docs/requirements.md R-SIGN-REQUEST; a 2xx
// marks it delivered. If any system's push fails, the message fails: its visibility is set to a
// full-jitter exponential backoff from its receive count, SQS hands it back then, and only the
// systems not yet delivered are tried again. After 8 receives SQS moves it to the DLQ (the outbox
// keeps it for pull). No system for the agency: nothing to do.
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { dynamoClient, sqsClient, sqsLib } from '../../shared/aws/clients';
import { queueUrl, tableName } from '../../shared/config';
import { signRequest } from '../../shared/auth/agency-signature';
import type { AgencyRef } from '../../shared/auth/scope';
import { logger } from '../../shared/http/logger';
import { queues } from '../../shared/platform/queues';
import { dossierStore, type DossierEvent, type DossierRecord } from '../dossiers/public';
import { agencySystemsFor, type OutboundSystem } from '../identity/public';
import { httpDelivery, type EventDelivery } from './adapters/http-delivery';
import { DynamoOutboxStore, type OutboxStore } from './adapters/outbox-store';
import { outboundEventOf, outboundRelevant, outboundRetryPolicy } from './domain/outbound';
import { retryDelaySeconds, type RetryPolicy } from './domain/retry';

export interface OutboundDeps {
  findDossier(id: string): Promise<DossierRecord | undefined>;
  systemsFor(agency: AgencyRef): Promise<OutboundSystem[]>;
  outbox: OutboxStore;
  delivery: EventDelivery;
  /** Makes the message visible again after `seconds` (SQS ChangeMessageVisibility). */
  retryLater(receiptHandle: string, seconds: number): Promise<void>;
  now?: () => Date;
  policy?: () => RetryPolicy;
  random?: () => number;
}

/** Receives before SQS dead-letters a message (the queue's declaration). */
const MAX_ATTEMPTS = queues.find((q) => q.name === 'sync-outbound')!.maxReceiveCount;

/** Some system's push failed: the message is retried (its outbox keeps what was delivered). */
export class DeliveryFailedError extends Error {}
/** The message cannot be processed at all (not an event, an unknown dossier): retried, then DLQ. */
export class UndeliverableMessageError extends Error {}

export interface DeliveryOutcome {
  systems: number;
  delivered: string[];
  already: string[];
  failed: { keyId: string; detail: string }[];
}

const parseEvent = (body: string): DossierEvent => {
  let e: Partial<DossierEvent>;
  try {
    e = JSON.parse(body) as Partial<DossierEvent>;
  } catch {
    throw new UndeliverableMessageError('the message is not JSON');
  }
  if (e?.type !== 'dossier.transitioned' || typeof e.dossierId !== 'string' || typeof e.version !== 'number' || typeof e.action !== 'string' || typeof e.actor?.kind !== 'string') {
    throw new UndeliverableMessageError('not a dossier event');
  }
  return e as DossierEvent;
};

/** One attempt at one message (`attempt` = its SQS receive count). */
export const deliverMessage = async (deps: OutboundDeps, body: string, attempt: number): Promise<DeliveryOutcome> => {
  const event = parseEvent(body);
  const outcome: DeliveryOutcome = { systems: 0, delivered: [], already: [], failed: [] };
  if (!outboundRelevant(event)) return outcome; // not subscribed (the fan-out filters the same way)
  const dossier = await deps.findDossier(event.dossierId);
  if (!dossier) throw new UndeliverableMessageError('no such dossier');
  const systems = await deps.systemsFor({ code: dossier.agencyCode, parentCode: dossier.agencyParentCode });
  outcome.systems = systems.length;
  if (!systems.length) return outcome;

  const payload = outboundEventOf(event, dossier);
  const json = JSON.stringify(payload);
  const nowIso = () => (deps.now ?? (() => new Date()))().toISOString();
  const states = await deps.outbox.prepare(systems.map((s) => s.keyId), payload, nowIso());
  await Promise.all(systems.map(async (system) => {
    if (states.get(system.keyId) === 'delivered') {
      outcome.already.push(system.keyId);
      return;
    }
    let detail: string;
    let ok = false;
    if (system.secret === null) {
      detail = 'its active secret does not open (sealed under another key)';
    } else {
      let url: URL | undefined;
      try { url = new URL(system.endpointUrl); } catch { /* reported below */ }
      if (!url) {
        detail = 'the registered endpoint is not a URL';
      } else {
        const now = (deps.now ?? (() => new Date()))().getTime() / 1000;
        const headers = signRequest({ keyId: system.keyId, secret: system.secret, method: 'POST', pathWithQuery: `${url.pathname}${url.search}`, body: json, now });
        ({ ok, detail } = await deps.delivery.post(url.href, json, { ...headers, 'x-dvc-event-id': payload.eventId }));
      }
    }
    if (ok) {
      await deps.outbox.delivered(system.keyId, payload, attempt, nowIso());
      outcome.delivered.push(system.keyId);
    } else {
      outcome.failed.push({ keyId: system.keyId, detail });
    }
  }));
  if (outcome.failed.length) await deps.outbox.failed(outcome.failed.map((f) => ({ keyId: f.keyId, error: f.detail })), payload, attempt, nowIso());
  return outcome;
};

export const defaultDeps = (): OutboundDeps => {
  const dossiers = dossierStore();
  return {
    findDossier: (id) => dossiers.get(id),
    systemsFor: (agency) => agencySystemsFor(agency),
    outbox: new DynamoOutboxStore(dynamoClient, () => tableName('sync')),
    delivery: httpDelivery(),
    async retryLater(receiptHandle, seconds) {
      const [client, { ChangeMessageVisibilityCommand }] = await Promise.all([sqsClient(), sqsLib()]);
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl('sync-outbound'), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    },
  };
};

export const makeHandler = (deps: OutboundDeps) => {
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

export const handler = makeHandler(defaultDeps());
