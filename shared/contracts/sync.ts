// Sync with agency systems (docs/requirements.md R-SYNC-INBOUND): the status events a one-stop
// system reports, validated item by item so one bad item never refuses a whole batch.
import * as z from 'zod';
import { Cursor, IsoDateTime, Limit, page } from './common';
import { statusFromCode } from './dossier-status';
import { OUTBOUND_TYPES, type OutboundAction } from './outbound-types';

/** `{agencyCode}-{YYMMDD}-{NNNN…}`. */
export const DossierCode = z.string().max(120).regex(/^[A-Za-z0-9._]+-\d{6}-\d{4,}$/, 'expected a dossier code such as 000.00.00.H26-261122-0007');

export const StatusEventIn = z.object({
  eventId: z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/, '8–100 letters, digits or _ . : -'),
  code: DossierCode,
  status: z.union([z.number(), z.string()]).refine((v) => statusFromCode(v) !== null, 'expected a status code 1–10 (docs/requirements.md R-DOSSIER-STATUS)')
    .describe('The status code 1–10 (docs/sync.md), as a number or a string'),
  at: IsoDateTime,
  actor: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().min(1).max(2000).optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
  missingComponents: z.array(z.string().trim().min(1).max(40)).min(1).max(100).optional(),
}).meta({ id: 'SyncStatusEvent' });
export type StatusEventIn = z.infer<typeof StatusEventIn>;

/** A batch of items, each validated by the handler on its own (a bad item is refused in the answer, not with a 400). */
export const syncBatch = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item).min(1).max(100, 'at most 100 items per batch') });

export const SyncStatusesBody = syncBatch(z.unknown());
/** Items are validated one by one by the handler (`DossierUpsertIn`), so one bad item never refuses the batch. */
export const SyncDossiersBody = SyncStatusesBody;
/** `SyncStatusesBody` as the OpenAPI document shows it: what each item must be to be queued. */
export const SyncStatusesBatch = syncBatch(StatusEventIn).meta({ id: 'SyncStatusesBatch' });

export const SyncItemResult = z.object({
  index: z.number().int(),
  eventId: z.string().nullable(),
  status: z.enum(['queued', 'rejected']),
  /** `code`, when given, names a problem a system can act on by itself (a time refused: AT_IN_FUTURE, AT_BEFORE_DOSSIER; docs/sync.md). */
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
});
export const SyncAccepted = z.object({ accepted: z.number().int(), rejected: z.number().int(), results: z.array(SyncItemResult) }).meta({ id: 'SyncAccepted' });

/** The agency code a dossier code starts with. */
export const agencyOfCode = (code: string) => code.replace(/-\d{6}-\d{4,}$/, '');

/** The receipt date (YYYY-MM-DD, Asia/Ho_Chi_Minh) a dossier code carries (…-YYMMDD-NNNN); null unless a real date. */
export const dayOfCode = (code: string) => {
  const m = /-(\d{2})(\d{2})(\d{2})-\d{4,}$/.exec(code);
  if (!m) return null;
  const day = `20${m[1]}-${m[2]}-${m[3]}`;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(day) ? day : null; // 261399, 260230: no such day
};

/** The month (YYYY-MM, Asia/Ho_Chi_Minh) of the receipt date a dossier code carries (…-YYMMDD-NNNN). */
export const monthOfCode = (code: string) => {
  const m = /-(\d{2})(\d{2})\d{2}-\d{4,}$/.exec(code);
  return m ? `20${m[1]}-${m[2]}` : null;
};

// Operations (admins): the sync queues' dead letters, their replay, each system's health.

/** The sync queues an operator may inspect and replay (the `redrives` of sync-admin and sync-jobs). */
export const SyncQueueName = z.enum(['sync-inbound', 'sync-outbound']);
export type SyncQueueName = z.infer<typeof SyncQueueName>;

export const DeadLettersQuery = z.object({
  queue: SyncQueueName.default('sync-inbound'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const QueueDepth = z.object({ waiting: z.number().int(), inFlight: z.number().int(), deadLetters: z.number().int() });

export const DeadLetterView = z.object({
  messageId: z.string(),
  groupId: z.string().nullable(),
  receiveCount: z.number().int(),
  sentAt: z.string(),
  /** What the message is about (never its free text). */
  kind: z.string().nullable(),
  keyId: z.string().nullable(),
  eventId: z.string().nullable(),
  code: z.string().nullable(),
  lastFailure: z.object({ why: z.string(), attempts: z.number().int(), at: z.string() }).nullable(),
});
export const DeadLetterList = z.object({ queue: SyncQueueName, depth: QueueDepth, items: z.array(DeadLetterView) }).meta({ id: 'DeadLetterList' });

export const ReplayBody = z.object({
  queue: SyncQueueName.default('sync-inbound'),
  /** Only these messages (as listed); all of them (up to `limit`) when absent. */
  messageIds: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  limit: z.number().int().min(1).max(1000).default(1000),
});
export const ReplayResult = z.object({ queue: SyncQueueName, replayed: z.number().int(), messageIds: z.array(z.string()) }).meta({ id: 'ReplayResult' });

export const SystemHealth = z.object({
  keyId: z.string(),
  name: z.string(),
  agencyCodes: z.array(z.string()),
  inbound: z.object({
    events: z.number().int(), applied: z.number().int(), errors: z.number().int(),
    lastEventAt: z.string().nullable(), lastAppliedAt: z.string().nullable(), lastErrorAt: z.string().nullable(),
  }),
  /** Backlog: events in the system's outbox not yet delivered to its endpoint. */
  outbound: z.object({ backlog: z.number().int(), delivered: z.number().int(), lastDeliveredAt: z.string().nullable() }),
  recentErrors: z.array(z.object({ at: z.string(), eventId: z.string(), code: z.string(), why: z.string() })),
}).meta({ id: 'SyncSystemHealth' });
export const SyncHealth = z.object({
  queues: z.record(z.string(), QueueDepth),
  systems: z.array(SystemHealth),
}).meta({ id: 'SyncHealth' });
// ---------------------------------------------------------------------------------------------
// Outbound (portal → agency system): the events a system receives for its agencies' dossiers,
// pushed to its endpoint and offered for pull at GET /v1/sync/outbox (docs/sync.md "Outbound").

export { OUTBOUND_TYPES, type OutboundAction } from './outbound-types';

const OutboundAttachment = z.object({
  id: z.string(),
  componentCode: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

/** Version 1 of the outbound event (`schemaVersion` changes on any incompatible change). */
export const OutboundEvent = z.object({
  schemaVersion: z.literal(1),
  /** `<dossierId>:<version>`: stable across retries; a receiver deduplicates on it. */
  eventId: z.string(),
  type: z.enum(Object.values(OUTBOUND_TYPES) as [string, ...string[]]),
  action: z.enum(Object.keys(OUTBOUND_TYPES) as [OutboundAction, ...OutboundAction[]]),
  code: z.string(),
  dossierId: z.string(),
  /** The dossier's version after the event: events of one dossier are delivered in this order. */
  version: z.number().int(),
  agencyCode: z.string(),
  procedureCode: z.string(),
  channel: z.enum(['online', 'desk', 'post']),
  from: z.string(),
  status: z.string(),
  /** R-DOSSIER-STATUS wire code of `status`. */
  statusCode: z.number().int().nullable(),
  at: IsoDateTime,
  /** Who acted: the applicant, or the portal itself (a payment confirmed by the provider). */
  actor: z.enum(['applicant', 'system']),
  /** The applicant's note; for a withdrawal, the reason. */
  note: z.string().nullable(),
  /** New dossiers only: what the one-stop desk needs to receive it. */
  dossier: z.object({
    procedureName: z.string(),
    agencyName: z.string(),
    delivery: z.enum(['online', 'desk', 'post']),
    postalAddress: z.record(z.string(), z.string()).nullable(),
    submittedAt: z.string().nullable(),
    applicant: z.object({
      type: z.enum(['citizen', 'business']),
      idNumber: z.string().nullable(),
      enterpriseCode: z.string().nullable(),
      vneidVerified: z.boolean(),
    }),
    contact: z.object({ phone: z.string().optional(), email: z.string().optional() }).nullable(),
    form: z.record(z.string(), z.union([z.string(), z.number()])),
    attachments: z.array(OutboundAttachment),
  }).optional(),
  /** Supplements only: the files of this supplement round. */
  attachments: z.array(OutboundAttachment).optional(),
}).meta({ id: 'SyncOutboundEvent' });
export type OutboundEvent = z.infer<typeof OutboundEvent>;

export const OutboxItem = z.object({
  event: OutboundEvent,
  delivery: z.object({
    state: z.enum(['pending', 'delivered']),
    /** Push attempts so far (the SQS receive count of the last attempt). */
    attempts: z.number().int(),
    lastAttemptAt: z.string().nullable(),
    /** Why the last attempt failed (an HTTP status or a network error), if it did. */
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  }),
}).meta({ id: 'SyncOutboxItem' });
export type OutboxItem = z.infer<typeof OutboxItem>;

export const SyncOutboxQuery = z.object({ cursor: Cursor, limit: Limit });
export const SyncOutboxPage = page(OutboxItem).meta({ id: 'SyncOutboxPage' });
