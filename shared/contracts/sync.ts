// Sync with agency systems (SPEC §1.7, §2 agency systems): the status events a one-stop system
// reports, validated item by item so one bad item never refuses a whole batch.
import * as z from 'zod';
import { IsoDateTime } from './common';
import { statusFromCode } from './dossier-status';

/** `{agencyCode}-{YYMMDD}-{NNNN…}`. */
export const DossierCode = z.string().max(120).regex(/^[A-Za-z0-9._]+-\d{6}-\d{4,}$/, 'expected a dossier code such as 000.00.00.H26-261122-0007');

export const StatusEventIn = z.object({
  eventId: z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/, '8–100 letters, digits or _ . : -'),
  code: DossierCode,
  status: z.union([z.number(), z.string()]).refine((v) => statusFromCode(v) !== null, 'expected a status code 1–10 (SPEC §3)'),
  at: IsoDateTime,
  actor: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().min(1).max(2000).optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
  missingComponents: z.array(z.string().trim().min(1).max(40)).min(1).max(100).optional(),
});
export type StatusEventIn = z.infer<typeof StatusEventIn>;

export const SyncStatusesBody = z.object({ items: z.array(z.unknown()).min(1).max(100, 'at most 100 items per batch') });
/** Items are validated one by one by the handler (`DossierUpsertIn`), so one bad item never refuses the batch. */
export const SyncDossiersBody = SyncStatusesBody;

export const SyncItemResult = z.object({
  index: z.number().int(),
  eventId: z.string().nullable(),
  status: z.enum(['queued', 'rejected']),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const SyncAccepted = z.object({ accepted: z.number().int(), rejected: z.number().int(), results: z.array(SyncItemResult) }).meta({ id: 'SyncAccepted' });

/** The agency code a dossier code starts with. */
export const agencyOfCode = (code: string) => code.replace(/-\d{6}-\d{4,}$/, '');

/** The month (YYYY-MM, Asia/Ho_Chi_Minh) of the receipt date a dossier code carries (…-YYMMDD-NNNN). */
export const monthOfCode = (code: string) => {
  const m = /-(\d{2})(\d{2})\d{2}-\d{4,}$/.exec(code);
  return m ? `20${m[1]}-${m[2]}` : null;
};

// Operations (admins): the sync queues' dead letters, their replay, each system's health.

/** The sync queues an operator may inspect and replay (the `redrives` of sync-admin and sync-jobs). */
export const SyncQueueName = z.enum(['sync-inbound']);
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
  recentErrors: z.array(z.object({ at: z.string(), eventId: z.string(), code: z.string(), why: z.string() })),
});
export const SyncHealth = z.object({
  queues: z.record(z.string(), QueueDepth),
  systems: z.array(SystemHealth),
}).meta({ id: 'SyncHealth' });
