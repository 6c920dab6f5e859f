// Dossiers of record from agency systems (`POST /v1/sync/dossiers`): dossiers received at an
// agency's desk or by post, validated item by item like status events. Apart from sync.ts so the
// sync API loads it (and the catalogue and dossier shapes it reuses) only when a batch arrives.
import * as z from 'zod';
import { IsoDateTime } from './common';
import { ProcedureCode } from './catalogue';
import { statusFromCode } from './dossier-status';
import { Contact, Delivery, PostalAddress } from './dossiers';
import { DossierCode, StatusEventIn, syncBatch } from './sync';


const Text = (max: number) => z.string().trim().min(1).max(max);
const SyncStatusCode = z.union([z.number(), z.string()]).refine((v) => statusFromCode(v) !== null, 'expected a status code 1–10 (docs/requirements.md R-DOSSIER-STATUS)')
  .describe('The status code 1–10 (docs/sync.md), as a number or a string');

/** One step of the dossier's past at the agency, as its system recorded it. */
export const ImportedStep = z.object({
  at: IsoDateTime,
  status: SyncStatusCode,
  actor: Text(200).optional(),
  note: Text(2000).optional(),
  reason: Text(2000).optional(),
  missingComponents: z.array(Text(40)).min(1).max(100).optional(),
});
export type ImportedStep = z.infer<typeof ImportedStep>;

export const DossierUpsertIn = z
  .object({
    eventId: StatusEventIn.shape.eventId,
    code: DossierCode,
    procedureCode: ProcedureCode,
    /** How it reached the agency: the desk or the post (channels, docs/requirements.md R-CATALOGUE-PROCEDURE). */
    channel: z.enum(['desk', 'post']),
    /** How the result goes back; by default the way the dossier came. */
    delivery: Delivery.optional(),
    postalAddress: PostalAddress.optional(),
    applicant: z
      .object({
        type: z.enum(['citizen', 'business']),
        name: Text(200),
        idNumber: z.string().regex(/^\d{12}$/, 'expected a 12-digit personal ID number').optional(),
        enterpriseCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'expected a 10-digit enterprise code, or 13 with a branch suffix -NNN').optional(),
        contact: Contact.optional(),
      })
      .superRefine((a, ctx) => {
        if (a.type === 'citizen' && !a.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'is required for a citizen' });
        if (a.type === 'business' && !a.enterpriseCode) ctx.addIssue({ code: 'custom', path: ['enterpriseCode'], message: 'is required for a business' });
      }),
    form: z.record(z.string().max(100), z.union([z.string().max(5000), z.number()])).refine((f) => Object.keys(f).length <= 200, 'at most 200 fields').optional(),
    receivedAt: IsoDateTime,
    /** The appointed return date the agency gave; else computed like the portal does at `received`. */
    dueDate: IsoDateTime.optional(),
    /** The current status (2, 4–10: a dossier of record was received). */
    status: SyncStatusCode,
    /** When the dossier reached that status. */
    at: IsoDateTime,
    note: Text(2000).optional(),
    reason: Text(2000).optional(),
    missingComponents: z.array(Text(40)).min(1).max(100).optional(),
    /** Its steps before the current status, oldest first. */
    history: z.array(ImportedStep).max(30, 'at most 30 history steps').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.delivery === 'post' && !v.postalAddress) ctx.addIssue({ code: 'custom', path: ['postalAddress'], message: 'is required when delivery is post' });
  })
  .meta({ id: 'SyncDossierUpsert' });
export type DossierUpsertIn = z.infer<typeof DossierUpsertIn>;

/** `SyncDossiersBody` as the OpenAPI document shows it: what each item must be to be queued. */
export const SyncDossiersBatch = syncBatch(DossierUpsertIn).meta({ id: 'SyncDossiersBatch' });
