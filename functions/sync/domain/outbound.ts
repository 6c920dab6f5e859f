// Outbound sync (portal → agency system), the pure part: which dossier events an agency system is
// told about, the event it receives, where it is kept in its outbox, and when a failed push is
// tried again. No AWS, no I/O, no clock.
import { shardKey, shardOf } from '../../../shared/shards/key-shards';
import { readEnv, type EnvSource } from '../../../shared/config';
import { retryPolicyFrom, type RetryPolicy } from './retry';
import { OUTBOUND_TYPES, type OutboundAction } from '../../../shared/contracts/outbound-types';
import type { OutboundEvent } from '../../../shared/contracts/sync';
import type { DossierEvent, DossierRecord } from '../../dossiers/public-shapes';

/** Whether an agency system is told about this event: a listed action not taken by an agency system. */
export const outboundRelevant = (event: Pick<DossierEvent, 'action' | 'actor' | 'code'>): boolean =>
  Object.hasOwn(OUTBOUND_TYPES, event.action) && event.actor.kind !== 'agency_system' && event.code !== null;

/** What the queue carries for an event: FIFO per dossier, deduplicated per dossier version. */
export const outboundMessageIds = (event: Pick<DossierEvent, 'dossierId' | 'version'>) => ({
  groupId: event.dossierId,
  dedupId: `${event.dossierId}#${event.version}`,
});

const attachmentOut = (a: DossierRecord['attachments'][number]) =>
  ({ id: a.id, componentCode: a.componentCode, fileName: a.fileName, contentType: a.contentType, size: a.size });

/**
 * The event as the agency system receives it. A new dossier carries what the one-stop desk needs
 * to receive it (the applicant's identifiers, form, contact, delivery, files); a supplement the
 * files of that round; the rest only the status change. Nothing else of the applicant (no account
 * id) leaves the portal.
 */
export const outboundEventOf = (event: DossierEvent, dossier: DossierRecord): OutboundEvent => {
  if (!outboundRelevant(event)) throw new Error(`outboundEventOf: ${event.action} by ${event.actor.kind} is not sent to agency systems`);
  const action = event.action as OutboundAction;
  const out: OutboundEvent = {
    schemaVersion: 1,
    eventId: `${event.dossierId}:${event.version}`,
    type: OUTBOUND_TYPES[action],
    action,
    code: event.code!,
    dossierId: event.dossierId,
    version: event.version,
    agencyCode: event.agencyCode,
    procedureCode: event.procedureCode,
    channel: event.channel,
    from: event.from,
    status: event.to,
    statusCode: event.statusCode,
    at: event.at,
    actor: event.actor.kind === 'system' ? 'system' : 'applicant',
    note: event.note,
  };
  if (action === 'submit') {
    out.dossier = {
      procedureName: dossier.procedureName,
      agencyName: dossier.agencyName,
      delivery: dossier.delivery,
      postalAddress: dossier.delivery === 'post' ? dossier.postalAddress : null,
      submittedAt: dossier.submittedAt,
      applicant: {
        type: dossier.applicant.type,
        idNumber: dossier.applicant.idNumber,
        enterpriseCode: dossier.applicant.enterpriseCode,
        vneidVerified: dossier.applicant.vneidVerified,
      },
      contact: dossier.contact,
      form: dossier.form,
      attachments: dossier.attachments.filter((a) => a.kind === 'application' && a.round === 0 && a.status === 'verified').map(attachmentOut),
    };
  }
  if (action === 'supplement') {
    // The round the applicant just answered: the latest one, unless a new request was made before
    // this event was sent (seconds, FIFO per dossier), when it would be the newer round's files.
    const round = dossier.supplementRounds;
    out.attachments = dossier.attachments.filter((a) => a.kind === 'application' && a.round === round && a.status === 'verified').map(attachmentOut);
  }
  return out;
};

/** Outbox key: per system, in event order (ISO instants sort as strings; the version breaks ties). Shard 0. */
export const outboxPk = (keyId: string) => `OUT#${keyId}`;

/**
 * Outbox write shards of the busiest agency systems (docs/capacity.md "Design: warm caches and sharded keys"), so
 * that no outbox key takes more than 40% of a partition's writes at 2,000 submissions a second
 * (the capacity model's system shares, bench/capacity/agencies.ts). Every other system has one.
 * Only ever RAISED (readers read the declared count); while a raise deploys, a message already
 * in flight may find its dossier on another shard and be pushed once more (docs/sync.md).
 */
export const OUTBOX_SHARDS: Readonly<Record<string, number>> = {
  'sync-000.00.00.H17': 4,
  'sync-000.00.00.H20': 2,
  'sync-000.00.00.H56': 2,
};

export const outboxShardsOf = (keyId: string, declared: Readonly<Record<string, number>> = OUTBOX_SHARDS): number => declared[keyId] ?? 1;

/** The outbox key of a dossier's events for a system: one shard per dossier, its events in order there. */
export const outboxShardPk = (keyId: string, dossierId: string, shards = outboxShardsOf(keyId)) => shardKey(outboxPk(keyId), shardOf(dossierId, shards));
export const outboxSk = (e: Pick<OutboundEvent, 'at' | 'dossierId' | 'version'>) =>
  `${e.at}#${e.dossierId}#${String(e.version).padStart(6, '0')}`;

/** 30 s doubling to 1 h: a failing receiver is tried 8 times over ~1 h at most (docs/sync.md). */
export const OUTBOUND_RETRY: RetryPolicy = { baseSeconds: 30, capSeconds: 3600 };

/** The outbound policy from the environment (tests and the local runtime shorten it), else the default. */
export const outboundRetryPolicy = (env?: EnvSource): RetryPolicy => retryPolicyFrom({
  baseSeconds: readEnv('SYNC_OUTBOUND_BACKOFF_BASE_SECONDS', env),
  capSeconds: readEnv('SYNC_OUTBOUND_BACKOFF_CAP_SECONDS', env),
}, OUTBOUND_RETRY);
