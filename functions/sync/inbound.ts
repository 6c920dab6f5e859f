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
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { dynamoClient, sqsClient, sqsLib } from '../../shared/aws/clients';
import { queueUrl, readEnv, tableName } from '../../shared/config';
import { statusFromCode } from '../../shared/contracts/dossier-status';
import { agencyOfCode, monthOfCode, StatusEventIn } from '../../shared/contracts/sync';
import { DossierUpsertIn } from '../../shared/contracts/sync-dossiers';
import { logger } from '../../shared/http/logger';
import { dossierService, dossierStore, type DossierRecord, type OfRecordInput, type OfRecordOutcome } from '../dossiers/public';
import { DynamoSyncStore, type SyncStore } from './adapters/sync-store';
import { retryDelaySeconds, retryPolicyFrom, type RetryPolicy } from './domain/retry';
import { decideDossierUpsert, type ImportStep } from './domain/dossier-sync';
import { openedAtOf } from './domain/event-time';
import { decideStatusEvent, type StatusEvent, type SyncDecision } from './domain/status-sync';

export interface InboundDeps {
  store: SyncStore;
  findDossier(code: string): Promise<DossierRecord | undefined>;
  /** `at` of the dossier's latest history step (the dossiers capability's read). */
  lastStepAt(d: DossierRecord): Promise<string | null>;
  /** One step through the dossiers capability's transition function, at `time.at` (the event's time). */
  transition(d: DossierRecord, keyId: string, action: string, input: Record<string, unknown>, time: StepTime): Promise<DossierRecord>;
  /** Makes a failed message visible again after `seconds` (instead of the queue's visibility timeout). */
  retryLater?(receiptHandle: string, seconds: number): Promise<void>;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  /** The dossiers capability's creation of a dossier of record (conditional on the code being free). */
  createOfRecord(input: OfRecordInput): Promise<OfRecordOutcome>;
  now?: () => Date;
}

/** Failed messages come back after 2, 4, 8, 16 s (jittered); the fifth failure dead-letters them. */
export const INBOUND_RETRY: RetryPolicy = { baseSeconds: 2, capSeconds: 60 };

export class PoisonMessageError extends Error {}

/** When a step happened, and what the system reported when the two differ (clamped into the history's order). */
export interface StepTime { at: string; reportedAt?: string }

/** The decided steps, each at the decision's time; the reported one kept when it was clamped. */
const applySteps = async (deps: InboundDeps, d: DossierRecord, keyId: string, decision: Extract<SyncDecision, { kind: 'apply' }>, reportedAt: string) => {
  const time: StepTime = Date.parse(decision.at) === Date.parse(reportedAt) ? { at: decision.at } : { at: decision.at, reportedAt };
  for (const step of decision.steps) d = await deps.transition(d, keyId, step.action, step.input, time);
};

/** What the error report says of a decision that is not applied. */
const whyOf = (decision: Exclude<SyncDecision, { kind: 'apply' }> | { kind: 'conflict'; why: string }) =>
  decision.kind === 'refused' ? `${decision.code}: ${decision.why}` : decision.why;

export const applyMessage = async (deps: InboundDeps, body: string) => {
  let message: { kind?: string; keyId?: string; event?: unknown; item?: unknown };
  try {
    message = JSON.parse(body) as typeof message;
  } catch {
    throw new PoisonMessageError('the message is not JSON');
  }
  if (message?.kind === 'dossier') return applyDossier(deps, message);
  const parsed = StatusEventIn.safeParse(message.event);
  if (message.kind !== 'status' || typeof message.keyId !== 'string' || !parsed.success) throw new PoisonMessageError('not a status event');
  const keyId = message.keyId;
  const e: StatusEvent = { ...parsed.data, status: statusFromCode(parsed.data.status)! };
  if (await deps.store.outcome(keyId, e.eventId)) return 'duplicate' as const;
  const d = await deps.findDossier(e.code);
  if (!d) throw new PoisonMessageError(`no dossier ${e.code} (yet)`);
  await countReported(deps, e.code);
  const [lastAppliedAt, lastStepAt] = await Promise.all([deps.store.lastAppliedAt(e.code), deps.lastStepAt(d)]);
  const clock = (deps.now ?? (() => new Date()))();
  const decision = decideStatusEvent({ status: d.status, lastAppliedAt, openedAt: openedAtOf(d), lastStepAt }, e, clock);
  const now = clock.toISOString();
  const record = { eventId: e.eventId, code: e.code, at: e.at, status: e.status };
  if (decision.kind === 'apply') {
    await applySteps(deps, d, keyId, decision, e.at);
    await deps.store.record(keyId, record, 'applied', null, now);
    return 'applied' as const;
  }
  await deps.store.record(keyId, record, decision.kind, whyOf(decision), now);
  if (decision.kind === 'impossible' || decision.kind === 'refused') logger.warn(`sync event ${decision.kind}`, { keyId, eventId: e.eventId, why: whyOf(decision) });
  return decision.kind;
};

/** Input of the dossiers capability's creation from an upsert and its replay steps. */
export const ofRecordInput = (keyId: string, item: DossierUpsertIn, steps: readonly ImportStep[]): OfRecordInput => ({
  keyId,
  code: item.code,
  agencyCode: agencyOfCode(item.code),
  procedureCode: item.procedureCode,
  channel: item.channel,
  delivery: item.delivery ?? item.channel,
  postalAddress: (item.postalAddress as Record<string, string> | undefined) ?? null,
  applicant: { type: item.applicant.type, name: item.applicant.name, idNumber: item.applicant.idNumber ?? null, enterpriseCode: item.applicant.enterpriseCode ?? null },
  contact: item.applicant.contact ?? null,
  form: item.form ?? {},
  dueDate: item.dueDate,
  steps,
});

/** The agency's system has reported this dossier: counted once, in the month of its receipt (sync ratio). */
const countReported = async (deps: InboundDeps, code: string) => {
  const month = monthOfCode(code);
  if (month) await deps.store.countReported(agencyOfCode(code), code, month);
};

/**
 * A dossier upsert: created as a dossier of record when the code is free; the same dossier again
 * is a status event; a code held by another dossier is a conflict for the error report.
 */
const applyDossier = async (deps: InboundDeps, message: { keyId?: string; item?: unknown }) => {
  const parsed = DossierUpsertIn.safeParse(message.item);
  if (typeof message.keyId !== 'string' || !parsed.success) throw new PoisonMessageError('not a dossier upsert');
  const keyId = message.keyId;
  const item = parsed.data;
  if (await deps.store.outcome(keyId, item.eventId)) return 'duplicate' as const;
  const d = await deps.findDossier(item.code);
  const clock = (deps.now ?? (() => new Date()))();
  const held = d ? { dossier: d, lastAppliedAt: await deps.store.lastAppliedAt(item.code), lastStepAt: await deps.lastStepAt(d) } : undefined;
  const decision = decideDossierUpsert(held, item, clock);
  const now = clock.toISOString();
  const record = { eventId: item.eventId, code: item.code, at: item.at, status: String(statusFromCode(item.status)) };
  switch (decision.kind) {
    case 'create': {
      const created = await deps.createOfRecord(ofRecordInput(keyId, item, decision.steps));
      // Taken between the read and the write (its index entry not visible yet): SQS retries, and the retry sees the holder.
      if (created.outcome === 'exists') throw new Error(`the code ${item.code} was taken concurrently`);
      if (created.outcome === 'rejected') {
        await deps.store.record(keyId, record, 'impossible', created.why, now);
        logger.warn('sync dossier refused', { keyId, eventId: item.eventId, why: created.why });
        return 'impossible' as const;
      }
      await countReported(deps, item.code);
      await deps.store.record(keyId, record, 'applied', null, now);
      return 'created' as const;
    }
    case 'apply':
      await countReported(deps, item.code);
      await applySteps(deps, d!, keyId, decision, item.at);
      await deps.store.record(keyId, record, 'applied', null, now);
      return 'applied' as const;
    default:
      // Only a dossier the portal holds counts (a conflict is another dossier; nothing was created for a refused or impossible new one).
      if (d && decision.kind !== 'conflict') await countReported(deps, item.code);
      await deps.store.record(keyId, record, decision.kind, whyOf(decision), now);
      if (decision.kind === 'impossible' || decision.kind === 'conflict' || decision.kind === 'refused') logger.warn(`sync dossier ${decision.kind}`, { keyId, eventId: item.eventId, why: whyOf(decision) });
      return decision.kind;
  }
};

export const defaultDeps = (): InboundDeps => {
  const store = dossierStore();
  let service: ReturnType<typeof dossierService> | undefined;
  return {
    store: new DynamoSyncStore(dynamoClient, () => tableName('sync')),
    findDossier: (code) => store.findByCode(code),
    lastStepAt: (d) => store.lastStepAt(d.id),
    async transition(d, keyId, action, input, time) {
      service ??= dossierService();
      return (await (await service).transition(d, { kind: 'agency_system', id: keyId }, action, input, d.version, time)).record;
    },
    async retryLater(receiptHandle, seconds) {
      const [client, { ChangeMessageVisibilityCommand }] = await Promise.all([sqsClient(), sqsLib()]);
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl('sync-inbound'), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    },
    retryPolicy: retryPolicyFrom({
      baseSeconds: readEnv('SYNC_INBOUND_RETRY_BASE_SECONDS'), capSeconds: readEnv('SYNC_INBOUND_RETRY_CAP_SECONDS'),
    }, INBOUND_RETRY),
    async createOfRecord(input) {
      service ??= dossierService();
      return (await service).createOfRecord(input);
    },
  };
};

export const makeHandler = (deps: InboundDeps) => {
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

export const handler = makeHandler(defaultDeps());
