// Measured writes of a dossier's life: each walked state (walk.ts) is written by the adapters
// themselves over a recording client (recording-db.ts), and what they would send is costed
// (units.ts). Per step kind: how often it happens per online dossier, its mean operations, and
// the mean size of the dossier record and history a step's reads find.
//
// Step kinds (keys of `DossierMeasure.steps`):
//   draft                         DossierStore.createDraft (IDEM + META)
//   attach:<request|complete>:<application|result>   DossierStore.save of the record with the file
//   step:<action>:<actor kind>    DossierStore.saveTransition (META + H# [+ CODE#])
//   notify:<action>               NotificationLog.claim + markSent per channel (notifications)
//   outbound:<action>             OutboxStore.prepare + delivered (sync-outbound)
//   counters                      EvaluationStore.applyContribution (index-counters), every event
//   inbound:<action>              SyncStore.record + countReported (sync-inbound), agency-system events
import { createHash, randomUUID } from 'node:crypto';
import { BY_AGENCY_QUEUE } from '../../functions/dossiers/adapters/dossier-queries';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import type { DossierEvent, DossierRecord } from '../../functions/dossiers/domain/dossier';
import { transitionFor } from '../../functions/dossiers/domain/transitions';
import { aggKey, DynamoEvaluationStore } from '../../functions/evaluation/adapters/evaluation-store';
import { contributionDelta, contributionOf, factsOf, type Contribution } from '../../functions/evaluation/domain/dossier-facts';
import { DynamoNotificationLog, type NotificationChannel, type NotificationDraft } from '../../functions/notifications/adapters/notification-log';
import { renderMessage } from '../../functions/notifications/domain/message';
import { maskEmail, maskPhone } from '../../functions/notifications/domain/text';
import { DynamoOutboxStore } from '../../functions/sync/adapters/outbox-store';
import { DynamoSyncStore } from '../../functions/sync/adapters/sync-store';
import { outboundEventOf, outboundRelevant } from '../../functions/sync/domain/outbound';
import { applyUpdate, putItems, recordingDb, transactionalPuts, updates, type SentCommand } from './recording-db';
import { familyOf, indexEntryBytes, mergeOps, sizeOf, storedBytes, writeOps, writeUnits, type KeyContext, type Op } from './units';
import type { Walk } from './walk';

export interface StepMeasure {
  /** Executions per online dossier. */
  perDossier: number;
  /** Mean operations per execution (writes: the adapters'; reads are the lifecycle table's). */
  writes: Op[];
  /** Mean bytes of the dossier record a step reads (before a user's step, after an event for a consumer). */
  metaBytes: number;
  /** Mean bytes of the record's work-queue list entry then (the byAgencyQueueList projection; 0 for a draft). */
  listBytes: number;
  /** Mean bytes of the dossier's history items then. */
  historyBytes: number;
  /** Mean bytes of the last history item then. */
  lastHistoryBytes: number;
  /** Messages per execution, by channel (notify steps). */
  messages?: Partial<Record<NotificationChannel, number>>;
}

export interface DossierMeasure {
  dossiers: number;
  steps: Map<string, StepMeasure>;
  /** The system statistics item (pk SYS#<keyId>, sk STATS) with every counter it gets. */
  statsBytes: number;
  /** Mean bytes of a dossier's last applied contribution (pk DF#<id>, sk FACTS). */
  dfBytes: number;
  /** Mean bytes a dossier leaves stored once its life is over (its items, their index entries; not expiring ones). */
  storedBytes: number;
}

export const PORTAL_BASE_URL = 'https://dichvucong.gov.vn';
/** An SES message id as SES returns it (the log keeps it). */
const PROVIDER_MESSAGE_ID = '010e018f3b2c4d5e-6f7a8b9c-0d1e-2f3a-4b5c-6d7e8f9a0b1c-000000';

class Tally {
  executions = 0;
  private ops: Op[] = [];
  private meta = 0;
  private list = 0;
  private history = 0;
  private last = 0;
  private readonly messages: Partial<Record<NotificationChannel, number>> = {};

  add(ops: readonly Op[], state: { meta: number; list: number; history: number; last: number }, messages: NotificationChannel[] = []) {
    this.executions++;
    this.ops.push(...ops);
    this.meta += state.meta;
    this.list += state.list;
    this.history += state.history;
    this.last += state.last;
    for (const m of messages) this.messages[m] = (this.messages[m] ?? 0) + 1;
  }

  measure(dossiers: number): StepMeasure {
    const n = this.executions;
    const messages = Object.fromEntries(Object.entries(this.messages).map(([k, v]) => [k, v / n]));
    return {
      perDossier: n / dossiers, writes: mergeOps(this.ops, 1 / n), metaBytes: this.meta / n, listBytes: this.list / n, historyBytes: this.history / n, lastHistoryBytes: this.last / n,
      ...(Object.keys(messages).length ? { messages } : {}),
    };
  }
}

/** The channels the applicant's contact allows, e-mail first (as notifier.ts `recipientsOf`). */
const channelsOf = (contact: DossierRecord['contact']): { channel: NotificationChannel; address: string }[] => [
  ...(contact?.email ? [{ channel: 'email' as const, address: contact.email }] : []),
  ...(contact?.phone ? [{ channel: 'sms' as const, address: contact.phone }] : []),
];

/** Whether the fan-out notifies for the event (as functions/dossiers/events.ts `notifies`). */
const notifies = (e: DossierEvent) => e.imported !== true && transitionFor(e.action)?.effects.notifiesApplicant === true;

export interface MeasureOptions {
  /** The agency system of a dossier's agency. */
  systemOf(agencyCode: string): string;
  /** Bytes of the agency-month counters item an update rewrites (the largest agency's, measured apart). */
  aggBytes: number;
  /** Whether the procedure charges a fee (the counters' `procedureHasFee`). */
  hasFee(procedureCode: string): boolean | undefined;
}

/** Renders every walked dossier through the adapters and tallies the writes by step kind. */
export const measureDossiers = async (walks: readonly Walk[], options: MeasureOptions): Promise<DossierMeasure> => {
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => tallies.get(key) ?? tallies.set(key, new Tally()).get(key)!;
  const rec = recordingDb();
  const dossiers = new DynamoDossierStore(rec.client, 'dossiers');
  const log = new DynamoNotificationLog(rec.client, 'notifications');
  const outbox = new DynamoOutboxStore(rec.client, 'sync');
  const sync = new DynamoSyncStore(rec.client, 'sync');
  const counters = new DynamoEvaluationStore(rec.client, 'evaluation');
  const dfBytes: number[] = [];
  let stored = 0;
  /** The last version of each item a dossier's life writes (expiring ones are not kept). */
  const kept = new Map<string, number>();
  const keep = (table: string, ...items: (Record<string, unknown> | undefined)[]) => {
    for (const i of items) if (i && i.expiresAt === undefined && i.purgeAt === undefined) kept.set(`${table}|${String(i.pk)}|${String(i.sk)}`, storedBytes(table, i));
  };
  let stats: Record<string, unknown> | undefined;
  /** A system's statistics shard, with every counter the stores add to it (captured from their updates). */
  const statsOf = (key: Record<string, unknown>) => ({ ...stats!, ...key });
  /** The writes of recorded commands: puts and updates, each transactional or not as the adapter sent it (statistics items at their full size). */
  const writesOf = (sent: readonly SentCommand[], ctx: KeyContext): Op[] => {
    const inTransaction = transactionalPuts(sent);
    return [
      ...putItems(sent).flatMap((i) => writeOps('sync', undefined, i, ctx, inTransaction.has(i))),
      ...updates(sent).flatMap((u) => (u.key.sk === 'STATS' ? writeOps('sync', statsOf(u.key), statsOf(u.key), ctx, u.transactional) : [])),
    ];
  };
  const captureStats = () => {
    for (const u of updates(rec.sent)) if (u.key.sk === 'STATS') stats = applyUpdate(stats, u, (_a, v) => (typeof v === 'number' ? 123_456_789 : v));
  };

  for (const walk of walks) {
    const d0 = walk.draft;
    const ctx: KeyContext = { id: d0.id, code: walk.final.record.code, agency: d0.agencyCode, sub: d0.applicant.sub, keyId: options.systemOf(d0.agencyCode), idemKey: randomUUID() };
    const history: DossierEvent[] = [];
    let historyBytes = 0;
    let lastHistoryBytes = 0;
    const state = (meta: Record<string, unknown>) => ({
      meta: sizeOf(meta), list: meta.gsi2pk === undefined ? 0 : indexEntryBytes('dossiers', BY_AGENCY_QUEUE, meta), history: historyBytes, last: lastHistoryBytes,
    });
    kept.clear();
    rec.clear();
    await dossiers.createDraft(d0, { sub: d0.applicant.sub, key: ctx.idemKey!, fingerprint: createHash('sha256').update(d0.id).digest('hex'), ttlSeconds: 24 * 3600 });
    let [idem, meta] = putItems(rec.sent) as [Record<string, unknown>, Record<string, unknown>];
    tally('draft').add([...writeOps('dossiers', undefined, idem, ctx, true), ...writeOps('dossiers', undefined, meta, ctx, true)], { meta: 0, list: 0, history: 0, last: 0 });
    let contribution: { version: number; value: Contribution | null } | undefined;

    for (const step of walk.steps) {
      const before = meta;
      rec.clear();
      if (step.kind === 'attachment') {
        await dossiers.save(step.after, step.before.version);
        meta = putItems(rec.sent)[0]!;
        tally(`attach:${step.phase}:${step.fileKind}`).add(writeOps('dossiers', before, meta, ctx), state(before));
        continue;
      }
      const { event, after } = step;
      await dossiers.saveTransition(after, step.before.version, event, { claimCode: step.action === 'submit' });
      const [metaAfter, historyItem, claim] = putItems(rec.sent) as Record<string, unknown>[];
      keep('dossiers', metaAfter, historyItem, claim);
      tally(`step:${step.action}:${step.actorKind}`).add([
        ...writeOps('dossiers', before, metaAfter, ctx, true), ...writeOps('dossiers', undefined, historyItem, ctx, true),
        ...(claim ? writeOps('dossiers', undefined, claim, ctx, true) : []),
      ], state(before));
      meta = metaAfter!;
      history.push(event);
      lastHistoryBytes = sizeOf(historyItem!);
      historyBytes += lastHistoryBytes;
      const now = new Date(event.at);

      // The fan-out's consumers, each reading the dossier as it now is.
      const message = notifies(event) ? renderMessage(event, after, PORTAL_BASE_URL) : null;
      if (message) {
        const ops: Op[] = [];
        const sent: NotificationChannel[] = [];
        for (const to of channelsOf(after.contact)) {
          const draft: NotificationDraft = {
            dossierId: event.dossierId, eventVersion: event.version, kind: message.kind, channel: to.channel, code: message.slip.code, action: event.action,
            toMasked: to.channel === 'email' ? maskEmail(to.address) : maskPhone(to.address), subject: message.subject,
            text: to.channel === 'sms' ? message.sms : message.text, html: to.channel === 'email' ? message.html : null,
            trackingUrl: message.trackingUrl, slip: message.attachPdf ? message.slip : null,
          };
          rec.clear();
          await log.claim(draft, now);
          const claimed = putItems(rec.sent)[0]!;
          rec.clear();
          await log.markSent(draft, { delivery: 'aws', providerMessageId: PROVIDER_MESSAGE_ID }, now);
          const sentItem = applyUpdate(claimed, updates(rec.sent)[0]!);
          ops.push(...writeOps('notifications', undefined, claimed, ctx), ...writeOps('notifications', claimed, sentItem, ctx));
          // Kept two years (RETENTION_DAYS), longer than the estimate's first year: counted.
          keep('notifications', { ...sentItem, expiresAt: undefined });
          sent.push(to.channel);
        }
        tally(`notify:${event.action}`).add(ops, state(meta), sent);
      }
      if (outboundRelevant(event)) {
        const payload = outboundEventOf(event, after);
        rec.clear();
        await outbox.prepare([ctx.keyId!], payload, event.at);
        const put = putItems(rec.sent)[0]!;
        const prepared = [...rec.sent];
        captureStats();
        rec.clear();
        await outbox.delivered(ctx.keyId!, payload, 1, event.at);
        captureStats();
        const deliver = updates(rec.sent)[0]!;
        const delivered = applyUpdate(put, deliver);
        keep('sync', delivered);
        tally(`outbound:${event.action}`).add([
          ...writesOf(prepared, ctx), ...writeOps('sync', put, delivered, ctx, deliver.transactional), ...writesOf(rec.sent, ctx),
        ], state(meta));
      }
      if (event.actor.kind === 'agency_system') {
        rec.clear();
        ctx.eventId = randomUUID();
        await sync.record(ctx.keyId!, { eventId: ctx.eventId, code: event.code!, at: event.at, status: event.to }, 'applied', null, now.toISOString());
        await sync.countReported(event.agencyCode, event.code!, event.at.slice(0, 7));
        captureStats();
        const ops = [
          ...writesOf(rec.sent, ctx),
          ...updates(rec.sent).flatMap((u) => (u.key.sk === 'STATS' ? [] : writeOps('sync', undefined, applyUpdate(undefined, u), ctx, u.transactional))),
        ];
        keep('sync', ...putItems(rec.sent));
        tally(`inbound:${event.action}`).add(ops, state(meta));
      }
      // The counters: the dossier's contribution replaced, in one transaction with its agency-months.
      const facts = factsOf(after, history, options.hasFee(after.procedureCode));
      const next = facts ? contributionOf(facts) : null;
      const deltas = contributionDelta(contribution?.value ?? null, next);
      rec.clear();
      await counters.applyContribution(after.id, after.version, contribution?.version, next, deltas);
      const [df] = putItems(rec.sent);
      dfBytes.push(sizeOf(df!));
      keep('evaluation', df);
      tally('counters').add([
        ...writeOps('evaluation', undefined, df, ctx, true),
        // On the dossier's write shard of its agency-month: the model spreads them (spread 'counter-shard').
        ...deltas.map((delta): Op => {
          const family = `${familyOf(aggKey(delta.agencyCode, delta.month).pk, ctx)}#<shard>`;
          return { table: 'evaluation', family, item: `${family} ${familyOf(delta.month, ctx)}`, kind: 'write', units: writeUnits(options.aggBytes, true), count: 1, tx: true };
        }),
      ], state(meta));
      contribution = { version: after.version, value: next };
    }
    for (const bytes of kept.values()) stored += bytes;
  }
  const steps = new Map([...tallies].map(([key, t]) => [key, t.measure(walks.length)] as const));
  return { dossiers: walks.length, steps, statsBytes: stats ? sizeOf(stats) : 0, dfBytes: dfBytes.reduce((a, b) => a + b, 0) / Math.max(1, dfBytes.length),
    storedBytes: stored / Math.max(1, walks.length),
  };
};
