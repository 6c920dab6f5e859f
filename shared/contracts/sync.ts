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
