// A submitted online dossier and everything that follows it, as a table of steps: per step, how
// often it happens per dossier, the API call, the Lambda time, the queue messages and the DynamoDB
// operations, each row citing the code path it was read from. Writes come from the adapters
// (measure-dossiers.ts, measure-records.ts); reads are listed here from the same code paths, costed
// on the measured sizes. Frequencies of the dossier's own steps come from the generator's lifecycles
// (local/seed/dossier-activity.ts); the others are TRAFFIC assumptions (limits.ts).
import { catPk, PROCEDURE_PK } from '../../functions/catalogue/adapters/catalogue-store';
import { BY_AGENCY_QUEUE } from '../../functions/dossiers/adapters/dossier-queries';
import { applicantIndexPk, dossierPk, queueIndexPk } from '../../functions/dossiers/domain/dossier';
import { transitionFor } from '../../functions/dossiers/domain/transitions';
import { counterKey } from '../../functions/dossiers/domain/dossier-code';
import { dfKey } from '../../functions/evaluation/adapters/evaluation-store';
import { systemPk } from '../../functions/identity/adapters/registry';
import { orderPk, roundKey } from '../../functions/payments/adapters/payment-store';
import { outboxPk } from '../../functions/sync/domain/outbound';
import { Limit } from '../../shared/contracts/common';
import { keyRecordKey } from '../../shared/idempotency/dynamo-key-record';
import { queues } from '../../shared/platform/queues';
import type { RouteId } from '../../shared/platform/routes';
import type { DossierMeasure, StepMeasure } from './measure-dossiers';
import type { paymentWrites } from './measure-records';
import { callsMs, durationMs, SQS_BATCH, TRAFFIC, type Call } from './limits';
import { familyOf, getOp, mergeOps, queryOp, readUnits, type Op } from './units';

export interface Step {
  id: string;
  /** What happens, and where (the code path the row was read from). */
  what: string;
  perDossier: number;
  /** The API call a client makes per execution, if any (its function is the route's). */
  route?: RouteId;
  /**
   * Lambda time per execution: function → milliseconds. `perInvocation`: the execution is one of
   * that many items an invocation handles at once (a batch sent concurrently), and `ms` its share
   * of the invocation's time.
   */
  lambda: { fn: string; ms: number; perInvocation?: number }[];
  /** Messages sent per execution; `batched`: by SendMessageBatch, `perCall` a call (default 10, the most a call takes). */
  sends: { queue: string; messages: number; batched?: boolean; perCall?: number }[];
  /** E-mails and SMS sent per execution. */
  messages?: { email: number; sms: number };
  ops: Op[];
}

export interface Measured {
  dossier: DossierMeasure;
  /** The procedures' shares of online dossiers (the generated lifecycles'), most read first. */
  procedurePopularity: number[];
  /** Seconds a warm function keeps the registry and a procedure (WARM_CACHE_SECONDS as deployed). */
  warmCacheSeconds: number;
  /** Mean bytes of a procedure record an online draft reads. */
  procedureBytes: number;
  /** The registry: each system's record, the index key that lists them all, a replay nonce's write. */
  registry: { records: number[]; listKey: string; nonce: Op[] };
  dfBytes: number;
  /** CAT#treasury-accounts entries read per payment, and their bytes. */
  treasuryReads: number;
  treasuryBytes: number;
  payment: Awaited<ReturnType<typeof paymentWrites>>;
}

const DATE = '2026-03-02';
/** Identifiers the keys below are built with, replaced by their placeholders. */
const I = { id: 'dossier-id', code: 'dossier-code', agency: 'agency-code', keyId: 'system-key', sub: 'user-sub', idemKey: 'idem-key', orderId: 'order-id' };
const family = (key: string) => familyOf(key, I);
const META = family(dossierPk(I.id));
const OPEN_QUEUE = family(queueIndexPk(I.agency, true));

/** The family of an item a step writes (keys the adapters build inline are read back from their writes). */
const written = (ops: readonly Op[], prefix: string): string => {
  const op = ops.find((o) => o.kind === 'write' && !o.index && o.family.startsWith(prefix));
  if (!op) throw new Error(`capacity: no write of ${prefix}… measured`);
  return op.family;
};
const PAGE = Limit.parse(undefined);
/** The notifications consumer's batch (shared/platform/queues.ts). */
const NOTIFY_BATCH = queues.find((q) => q.name === 'notifications')?.consumer?.batchSize ?? 1;

/** The lifecycle table for these measurements. */
export const lifecycle = (m: Measured): Step[] => {
  const steps = m.dossier.steps;
  const get = (key: string): StepMeasure | undefined => steps.get(key);
  const at = (key: string) => get(key) ?? { perDossier: 0, writes: [], metaBytes: 0, listBytes: 0, historyBytes: 0, lastHistoryBytes: 0 };
  const meta = (s: StepMeasure) => getOp('dossiers', META, s.metaBytes, true);
  const history = (s: StepMeasure) => queryOp('dossiers', META, s.historyBytes, true);
  // getProcedure through the reader's warm cache (catalogue-reader.ts, catalogue deps.ts), in each function that reads it.
  const procedureIn = (fn: string): Op => ({ ...getOp('catalogue', PROCEDURE_PK, m.procedureBytes, false), warm: { fn, ttlSeconds: m.warmCacheSeconds, popularity: m.procedurePopularity } });
  const keys = (prefix: string) => [...steps.keys()].filter((k) => k.startsWith(prefix));
  const fn = (name: string, ...calls: Call[]) => ({ fn: name, ms: durationMs(...calls) });
  const out: Step[] = [];
  const row = (step: Step) => { if (step.perDossier > 0) out.push(step); };

  // catalogue/procedures.ts getProcedure → CatalogueStore.getProcedure: GetItem pk PROCEDURE (warm cache).
  row({ id: 'procedure page', what: 'GET /v1/procedures/{code}', perDossier: TRAFFIC.procedurePageViews, route: 'getProcedure',
    lambda: [fn('catalogue', 'get')], sends: [], ops: [procedureIn('catalogue')] });
  // dossiers/service.ts create: getIdempotency (consistent, absent), getProcedure (warm cache), getAgency
  // (5-minute cache in catalogue/public.ts: not counted), createDraft TransactWriteItems [IDEM, META].
  row({ id: 'draft', what: 'POST /v1/dossiers: DossierService.create', perDossier: at('draft').perDossier, route: 'createDossier',
    lambda: [fn('dossiers', 'get', 'get', 'tx')], sends: [],
    ops: [getOp('dossiers', written(at('draft').writes, 'IDEM#'), 0, true), procedureIn('dossiers'), ...at('draft').writes] });
  for (const kind of ['application', 'result'] as const) {
    const request = at(`attach:request:${kind}`);
    const complete = at(`attach:complete:${kind}`);
    // dossiers/service.ts requestUpload/requestResultUpload → addAttachment: load (consistent GetItem),
    // presigned POST (no call), update → DossierStore.save (conditional PutItem of the record).
    row({ id: `${kind} file: request`, what: `POST /v1/dossiers/{id}/${kind === 'result' ? 'result' : 'attachments'}: addAttachment`, perDossier: request.perDossier,
      route: kind === 'result' ? 'requestResultUpload' : 'requestAttachmentUpload', lambda: [fn('dossiers', 'get', 'presign', 'write')], sends: [],
      ops: [meta(request), ...request.writes] });
    // dossiers/service.ts completeUpload: readable (GetItem), verify (S3 HEAD), update (PutItem), view
    // → DossierStore.history (consistent Query of H#).
    row({ id: `${kind} file: complete`, what: 'POST /v1/dossiers/{id}/attachments/{attachmentId}/complete: completeUpload', perDossier: complete.perDossier,
      route: 'completeAttachmentUpload', lambda: [fn('dossiers', 'get', 's3Head', 'write', 'query')], sends: [],
      ops: [meta(complete), ...complete.writes, history(complete)] });
  }
  // dossiers/service.ts submit → transition: owned (GetItem), nextSequence (UpdateItem ADD on
  // DOSSIER_SEQ#<agency>#<date>), saveTransition [META, H#, CODE#]; the view uses the event (no read).
  const submit = at('step:submit:applicant');
  row({ id: 'submit', what: 'POST /v1/dossiers/{id}/submit: DossierService.submit', perDossier: submit.perDossier, route: 'submitDossier',
    lambda: [fn('dossiers', 'get', 'write', 'tx')], sends: [],
    ops: [meta(submit), { table: 'dossiers', family: family(counterKey(I.agency, new Date(`${DATE}T02:00:00Z`))), kind: 'write', units: 1, count: 1 }, ...submit.writes] });
  // The applicant's own steps: supplement / withdraw: owned (GetItem), transition, view (history Query).
  for (const action of ['supplement', 'withdraw'] as const) {
    const s = at(`step:${action}:applicant`);
    row({ id: action, what: `POST /v1/dossiers/{id}/${action}`, perDossier: s.perDossier, route: action === 'supplement' ? 'supplementDossier' : 'withdrawDossier',
      lambda: [fn('dossiers', 'get', 'tx', 'query')], sends: [], ops: [meta(s), ...s.writes, history(s)] });
  }
  // Officials on the portal: dossiers/service.ts act → inScope (GetItem), transition (calendar cached),
  // view (history Query); before it, a page of the work queue: workQueue → listQueue, a Query of the
  // byAgencyQueueList index QUEUE#<agency>#open on each of the agency's list shards, merged
  // (dossier-queries.ts; eventually consistent, the list entry projected). Each shard is costed for
  // a whole page (`Limit` entries), more than the merge asks of it: every page reads every shard,
  // so a shard's key takes the agency's whole page rate (spread 'agency').
  for (const key of keys('step:').filter((k) => k.endsWith(':official'))) {
    const s = at(key);
    const action = key.split(':')[1]!;
    row({ id: `official: ${action}`, what: 'POST /v1/dossiers/{id}/actions: DossierService.act', perDossier: s.perDossier, route: 'actOnDossier',
      lambda: [fn('dossiers', 'get', 'tx', 'query')], sends: [], ops: [meta(s), ...s.writes, history(s)] });
    row({ id: `official: queue page (${action})`, what: 'GET /v1/agency/dossiers: DossierService.workQueue', perDossier: s.perDossier * TRAFFIC.queuePagesPerAction,
      route: 'agencyWorkQueue', lambda: [fn('dossiers', 'query')], sends: [], ops: [queryOp('dossiers', OPEN_QUEUE, PAGE * s.listBytes, false, BY_AGENCY_QUEUE)] });
  }
  // The portal's own return of an electronic result right after an official's finish (autoReturn), in the same call.
  const autoReturn = at('step:return_result:system');
  row({ id: 'system: return_result', what: 'DossierService.autoReturn (inside the finish or complete call)', perDossier: autoReturn.perDossier,
    lambda: [fn('dossiers', 'tx')], sends: [], ops: autoReturn.writes });

  // Agency systems: POST /v1/sync/statuses (functions/sync/handler.ts), `eventsPerSyncRequest` a call:
  // the authorizer (identity/authorizer.ts: registry GetItem SYSTEM#<keyId>, consistent), the
  // signed-body completion (identity/signed-body.ts: the same GetItem, then the nonce PutItem),
  // SendMessageBatch to sync-inbound. Then sync/inbound.ts applyMessage per event: outcome
  // (GetItem EVT#, consistent), findByCode (byCode Query), countReported [REPORTED#, AGG#<agency>#s<shard>],
  // lastAppliedAt (GetItem DSYNC#), lastStepAt (Query H#, limit 1), the transition (saveTransition), record
  // [EVT#, DSYNC#] then the statistics (UpdateItem SYS#<system>#s<shard>, outside the transaction).
  const registryItem = m.registry.records.reduce((a, b) => a + b, 0) / m.registry.records.length;
  for (const key of keys('step:').filter((k) => k.endsWith(':agency_system'))) {
    const s = at(key);
    const action = key.split(':')[1]!;
    const inbound = at(`inbound:${action}`);
    const perRequest = 1 / TRAFFIC.eventsPerSyncRequest;
    row({ id: `agency system: report ${action}`, what: 'POST /v1/sync/statuses (a share of a request per event)', perDossier: s.perDossier * perRequest, route: 'syncStatuses',
      lambda: [fn('agency-authorizer', 'get'), fn('sync', 'get', 'write', 'sqs')], sends: [{ queue: 'sync-inbound', messages: TRAFFIC.eventsPerSyncRequest, batched: true }],
      ops: [getOp('identity', family(systemPk(I.keyId)), registryItem, true), getOp('identity', family(systemPk(I.keyId)), registryItem, true), ...m.registry.nonce] });
    row({ id: `agency system: apply ${action}`, what: 'sync-inbound: applyMessage', perDossier: s.perDossier,
      lambda: [fn('sync-inbound', 'get', 'query', 'tx', 'get', 'query', 'tx', 'tx', 'write')], sends: [],
      ops: [getOp('sync', written(inbound.writes, 'EVT#'), 0, true), queryOp('dossiers', family(I.code), s.metaBytes, false, 'byCode'),
        getOp('sync', written(inbound.writes, 'DSYNC#'), 0, true), queryOp('dossiers', META, s.lastHistoryBytes, true), ...s.writes, ...inbound.writes] });
  }

  // Online payment (payments/service.ts): createOrder — replayed (GetItem IDEM), the dossier (GetItem),
  // getProcedure (warm cache), treasuryAccount (CAT#treasury-accounts GetItem, then the parent's for a
  // commune), create [O#, IDEM, ROUND]; the provider's callback — get (O#), applyCallback (roundLock
  // GetItem, [CB#, O#, ROUND]), get, followUp: receipt sequence (RSEQ#), setReceiptNumber, the dossier
  // (GetItem) and confirm_payment by the `payments` system actor (saveTransition), markDossierConfirmed.
  const confirm = at('step:confirm_payment:system');
  const order = m.payment.orderBytes;
  row({ id: 'payment: order', what: 'POST /v1/dossiers/{id}/payments: PaymentService.createOrder', perDossier: confirm.perDossier, route: 'createPayment',
    lambda: [fn('payments', 'get', 'get', 'get', 'get', 'tx')], sends: [],
    ops: [getOp('payments', family(keyRecordKey(I.sub, I.idemKey).pk), 0, true), meta(confirm), procedureIn('payments'),
      { ...getOp('catalogue', catPk('treasury-accounts'), m.treasuryBytes, false), units: m.treasuryReads * readUnits(m.treasuryBytes, false), count: m.treasuryReads },
      ...m.payment.create] });
  row({ id: 'payment: callback', what: 'POST /v1/payment-callbacks/{provider}: PaymentService.callback', perDossier: confirm.perDossier, route: 'paymentCallback',
    lambda: [fn('payments', 'get', 'get', 'tx', 'get', 'write', 'write', 'get', 'tx', 'write')], sends: [],
    ops: [getOp('payments', family(orderPk(I.orderId)), order, true), getOp('payments', family(roundKey(I.id, 1).pk), 0, true), ...m.payment.callback,
      getOp('payments', family(orderPk(I.orderId)), order, true), ...m.payment.followUp, meta(confirm), ...confirm.writes] });

  // The stream fan-out (dossiers/events.ts): every history item; a batch goes out in rounds (each
  // dossier's next record), a round's messages as one SendMessageBatch per queue, the queues at
  // once: a round takes one SQS call's time. Per record a message to notifications (if it
  // notifies), sync-outbound (if outboundRelevant and a system covers the agency: subscribedShare;
  // the registry view and the agency's province come from warm caches), index-counters. At the
  // national rate an invocation holds TRAFFIC.streamRecordsPerInvocation records (one), so a call
  // carries as many messages as that: the batching pays off when a backlog fills the batches.
  const events = keys('step:').reduce((n, k) => n + at(k).perDossier, 0);
  const notifying = keys('notify:').reduce((n, k) => n + at(k).perDossier, 0);
  const outbound = keys('outbound:').reduce((n, k) => n + at(k).perDossier, 0) * TRAFFIC.subscribedShare;
  const perInvocation = TRAFFIC.streamRecordsPerInvocation;
  const perCall = (perRecord: number) => Math.max(1, Math.min(SQS_BATCH, perRecord * perInvocation));
  row({ id: 'fan-out', what: 'dossier-events: one stream record (a history item), batched sends', perDossier: events,
    lambda: [{ fn: 'dossier-events', ms: durationMs('sqs') / perInvocation, perInvocation }],
    sends: [
      { queue: 'notifications', messages: notifying / events, batched: true, perCall: perCall(notifying / events) },
      { queue: 'sync-outbound', messages: outbound / events, batched: true, perCall: perCall(outbound / events) },
      { queue: 'index-counters', messages: 1, batched: true, perCall: perCall(1) },
    ], ops: [] });
  // notifications/notifier.ts notify: the dossier (GetItem), then per channel claim (PutItem N#, byDay
  // entry), send (SES / SNS; the e-mail of a slip of Circular 01/2018 carries its PDF), markSent
  // (UpdateItem, byDay entry rewritten).
  // notifications/handler.ts takes full batches (NOTIFY_BATCH, the window fills them) and sends a
  // batch's dossiers concurrently: a batch lasts the function's overhead, its slowest message's
  // calls (the longest notice below) and every message's PDF rendering (CPU: renders do not overlap).
  const notices = keys('notify:').map((key) => {
    const s = at(key);
    const action = key.split(':')[1]!;
    const email = s.messages?.email ?? 0;
    const sms = s.messages?.sms ?? 0;
    const cpuMs = transitionFor(action)?.effects.slip ? email * callsMs('pdf') : 0;
    return { s, action, email, sms, cpuMs, ioMs: callsMs('get') + email * callsMs('write', 'email', 'write') + sms * callsMs('write', 'sms', 'write') };
  });
  const slowestNotice = Math.max(0, ...notices.map((n) => n.ioMs));
  for (const { s, action, email, sms, cpuMs } of notices) {
    row({ id: `notify: ${action}`, what: 'notifications: notify (one of a batch sent concurrently)', perDossier: s.perDossier, messages: { email, sms },
      lambda: [{ fn: 'notifications', ms: durationMs() / NOTIFY_BATCH + slowestNotice / NOTIFY_BATCH + cpuMs, perInvocation: NOTIFY_BATCH }],
      sends: [], ops: [meta(s), ...s.writes] });
  }
  // evaluation/projection.ts projectDossier: contribution (GetItem DF#) and the dossier (GetItem), its
  // history (Query), the fee (5-minute cache), applyContribution [DF#, AGG#<agency>#<shard> per month touched].
  const counters = at('counters');
  row({ id: 'index counters', what: 'index-counters: projectDossier', perDossier: counters.perDossier,
    lambda: [fn('index-counters', 'get', 'query', 'tx')], sends: [],
    ops: [getOp('evaluation', dfKey('<id>').pk, m.dfBytes, true), meta(counters), history(counters), ...counters.writes] });
  // sync/outbound.ts deliverMessage: the dossier (GetItem), agencySystemsFor (identity/outbound.ts: the
  // whole registry, Query byKind SYSTEM, through the registry's warm cache), OutboxStore.prepare (BatchGetItem OUT#, then
  // PutItem OUT#, UpdateItem SYS#<system>#s<shard>), the signed POST, OutboxStore.delivered (UpdateItem
  // OUT#, UpdateItem SYS#<system>#s<shard>): no transaction (functions/sync/adapters/system-stats.ts).
  const registryQuery: Op = {
    ...queryOp('identity', m.registry.listKey, m.registry.records.reduce((a, b) => a + b, 0), false, 'byKind'),
    warm: { fn: 'sync-outbound', ttlSeconds: m.warmCacheSeconds, popularity: [1] },
  };
  for (const key of keys('outbound:')) {
    const s = at(key);
    row({ id: `outbound: ${key.split(':')[1]}`, what: 'sync-outbound: deliverMessage', perDossier: s.perDossier * TRAFFIC.subscribedShare,
      lambda: [fn('sync-outbound', 'get', 'query', 'get', 'write', 'write', 'push', 'write', 'write')], sends: [],
      ops: [meta(s), registryQuery, getOp('sync', family(outboxPk(I.keyId)), 0, true), ...s.writes] });
  }
  // Reads of the applicant and the public: GET /v1/dossiers/{id} (GetItem + history Query), GET
  // /v1/me/dossiers (byApplicant Query: the account's few dossiers), GET /v1/dossiers/track (byCode
  // Query + history Query).
  const mid = counters;
  row({ id: 'applicant: view', what: 'GET /v1/dossiers/{id}', perDossier: TRAFFIC.dossierViews, route: 'getDossier',
    lambda: [fn('dossiers', 'get', 'query')], sends: [], ops: [meta(mid), history(mid)] });
  row({ id: 'applicant: my dossiers', what: 'GET /v1/me/dossiers', perDossier: TRAFFIC.myDossiersViews, route: 'listMyDossiers',
    lambda: [fn('dossiers', 'query')], sends: [], ops: [queryOp('dossiers', family(applicantIndexPk(I.sub)), 2 * mid.metaBytes, false, 'byApplicant')] });
  row({ id: 'public: tracking', what: 'GET /v1/dossiers/track', perDossier: TRAFFIC.trackingViews, route: 'trackDossier',
    lambda: [fn('dossiers', 'query', 'query')], sends: [], ops: [queryOp('dossiers', family(I.code), mid.metaBytes, false, 'byCode'), history(mid)] });
  return out.map((s) => ({ ...s, ops: mergeOps(s.ops) }));
};

/** Messages per SQS API call of a send. */
export const messagesPerCall = (send: Step['sends'][number]) => (send.batched ? send.perCall ?? SQS_BATCH : 1);
