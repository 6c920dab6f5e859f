// Dossiers (docs/requirements.md R-CAP-DOSSIERS, R-DOSSIER-READ): requests, the dossier read, pages
// and the public tracking view. One source for validation, types and the OpenAPI document. The
// status names and codes and the action names are in dossier-status.ts; action inputs are validated
// by the dossier domain's transition table.
import * as z from 'zod';
import { DossierAction, DossierStatus } from './dossier-status';
import { FormFieldSource, ProcedureCode } from './catalogue';
import { Cursor, IsoDate, IsoDateTime, Limit, page } from './common';

const AgencyCode = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'expected an agency code such as 000.00.00.H26');
export const DossierId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected a dossier id');
export const AttachmentId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected an attachment id');

export const Delivery = z.enum(['online', 'desk', 'post']);
export type Delivery = z.infer<typeof Delivery>;

export const PostalAddress = z.object({
  recipient: z.string().trim().min(1).max(200),
  phone: z.string().trim().regex(/^(0|\+84)[0-9 .-]{9,13}$/, 'expected a Vietnamese phone number'),
  address: z.string().trim().min(5).max(500),
  provinceCode: z.string().regex(/^\d{2}$/, 'expected a 2-digit province code').optional(),
});

export const Contact = z.object({
  phone: z.string().trim().regex(/^(0|\+84)[0-9 .-]{9,13}$/, 'expected a Vietnamese phone number').optional(),
  email: z.email().max(254).optional(),
});

export const CreateDossier = z
  .object({
    procedureCode: ProcedureCode,
    agencyCode: AgencyCode,
    form: z.record(z.string().max(60), z.unknown())
      .refine((f) => Object.keys(f).length <= 100, 'at most 100 fields')
      .describe("The procedure form's values, validated against its definition"),
    delivery: Delivery,
    postalAddress: PostalAddress.optional(),
    contact: Contact.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.delivery === 'post' && !v.postalAddress) {
      ctx.addIssue({ code: 'custom', path: ['postalAddress'], message: 'is required when delivery is post' });
    }
  })
  .meta({ id: 'CreateDossier' });

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: (i) => (i.input === undefined ? 'the Idempotency-Key header is required' : 'expected text') })
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, '8–100 letters, digits or _ . : -')
    .describe('A key the client chooses per request and sends again with each retry of it: 8–100 letters, digits or _ . : -'),
});

export const DossierParams = z.object({ id: DossierId });
export const AttachmentParams = z.object({ id: DossierId, attachmentId: AttachmentId });

export const RequestUpload = z
  .object({
    componentCode: z.string().trim().min(1).max(40),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the class names the control characters a file name must not hold.
    fileName: z.string().trim().min(1).max(255).refine((s) => !/[\\/\u0000-\u001f]/.test(s), 'no slashes or control characters'),
    contentType: z.string().trim().min(3).max(100),
    size: z.number().int().min(1, 'an empty file is not a document').max(1_000_000_000),
  })
  .meta({ id: 'RequestUpload' });

export const RequestResultUpload = RequestUpload.omit({ componentCode: true }).meta({ id: 'RequestResultUpload' });

export const UploadTicket = z
  .object({
    attachmentId: AttachmentId,
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'UploadTicket' });

export const AttachmentStatus = z.enum(['pending', 'verified', 'rejected']);
export const Attachment = z.object({
  id: AttachmentId,
  kind: z.enum(['application', 'result']),
  componentCode: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  status: AttachmentStatus,
  rejectedReason: z.string().nullable(),
  createdAt: IsoDateTime,
  verifiedAt: IsoDateTime.nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

export const Download = z.object({ url: z.string(), expiresAt: IsoDateTime }).meta({ id: 'Download' });

export const ActorView = z.object({ kind: z.enum(['applicant', 'official', 'system', 'agency_system']) });
export const HistoryEntry = z.object({
  at: IsoDateTime,
  actor: ActorView,
  action: DossierAction,
  from: DossierStatus,
  to: DossierStatus,
  note: z.string().nullable(),
});

export const Apology = z.object({ issuedAt: IsoDateTime, newDueDate: IsoDate, reason: z.string() });

export const Applicant = z.object({
  type: z.enum(['citizen', 'business']),
  idNumber: z.string().nullable(),
  enterpriseCode: z.string().nullable(),
  vneidVerified: z.boolean(),
});

/** A form field the portal filled from the State's data and locked (docs/dossiers.md "Prefilled and locked fields"). */
export const PrefilledField = z.object({
  name: z.string().describe('The form field'),
  source: FormFieldSource,
  readAt: IsoDateTime.describe('When the portal read it from the register'),
});

export const Dossier = z
  .object({
    id: DossierId,
    code: z.string().nullable(),
    procedureCode: z.string(),
    procedureName: z.string(),
    agencyCode: z.string(),
    agencyName: z.string(),
    status: DossierStatus,
    statusCode: z.number().int().nullable(),
    version: z.number().int(),
    channel: z.enum(['online', 'desk', 'post']),
    createdAt: IsoDateTime,
    submittedAt: IsoDateTime.nullable(),
    receivedAt: IsoDateTime.nullable(),
    dueDate: IsoDateTime.nullable().describe('The due instant on the working calendar (moved by supplement pauses)'),
    finishedAt: IsoDateTime.nullable(),
    returnedAt: IsoDateTime.nullable(),
    delivery: Delivery,
    postalAddress: PostalAddress.nullable(),
    contact: Contact.nullable(),
    applicant: Applicant,
    form: z.record(z.string(), z.union([z.string(), z.number()])),
    prefilled: z.array(PrefilledField).describe("The form's fields that came from the State's data, locked: a submission may not change them"),
    components: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean(), accept: z.array(z.string()), maxFiles: z.number().int() })),
    attachments: z.array(Attachment),
    supplementRequest: z
      .object({ missingComponents: z.array(z.string()), note: z.string(), requestedAt: IsoDateTime })
      .nullable(),
    history: z.array(HistoryEntry),
    apologies: z.array(Apology),
    late: z.object({ late: z.boolean(), apologyRequired: z.boolean(), appointmentAt: IsoDateTime.nullable() }),
    allowedActions: z.array(DossierAction).describe("What the caller may do now (the officials' console shows only these)"),
  })
  .meta({ id: 'Dossier' });
export type DossierView = z.infer<typeof Dossier>;

export const DossierSummary = Dossier.pick({
  id: true, code: true, procedureCode: true, procedureName: true, agencyCode: true, status: true,
  statusCode: true, version: true, createdAt: true, submittedAt: true, dueDate: true, late: true,
}).meta({ id: 'DossierSummary' });
export const DossierPage = page(DossierSummary).meta({ id: 'DossierPage' });

export const MyDossiersQuery = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), DossierStatus.optional()),
  limit: Limit,
  cursor: Cursor,
});

const flag = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.enum(['true', 'false']).optional())
  .transform((v) => v === 'true');
export const WorkQueueQuery = z.object({
  agency: z.preprocess((v) => (v === '' ? undefined : v), AgencyCode.optional())
    .describe("The agency whose queue to read; defaults to the official's first agency in scope"),
  status: z.preprocess((v) => (v === '' ? undefined : v), DossierStatus.exclude(['draft']).optional()),
  overdue: flag.describe("Only late dossiers, as each item's `late.late` judges them: due before now, and neither paused for a supplement before the due instant nor finished in time; a page may then hold fewer than `limit`"),
  procedure: z.preprocess((v) => (v === '' ? undefined : v), ProcedureCode.optional()),
  limit: Limit,
  cursor: Cursor,
});

export const ActionBody = z
  .object({ action: DossierAction, version: z.number().int().min(1) })
  .catchall(z.unknown())
  .describe('One transition of the dossier status machine (docs/requirements.md R-DOSSIER-ACTIONS); other fields are the action\'s input (note, reason, missingComponents, newDueDate)')
  .meta({ id: 'DossierActionRequest' });

export const SupplementBody = z
  .object({ note: z.string().trim().max(2000).optional(), attachmentIds: z.array(AttachmentId).max(100).optional() })
  .meta({ id: 'SupplementRequest' });
export const WithdrawBody = z.object({ reason: z.string().trim().min(1, 'is required').max(2000) }).meta({ id: 'WithdrawRequest' });

export const TrackQuery = z.object({
  code: z.string().trim().min(10).max(100),
  applicantId: z.string().trim().regex(/^\d{10,13}(-\d{3})?$/, 'expected a personal ID number or an enterprise code'),
});

/** The public tracking view: no form, no files, no applicant data, no notes. */
export const TrackedDossier = z
  .object({
    code: z.string(),
    procedureCode: z.string(),
    procedureName: z.string(),
    agencyName: z.string(),
    status: DossierStatus,
    statusCode: z.number().int().nullable(),
    submittedAt: IsoDateTime.nullable(),
    receivedAt: IsoDateTime.nullable(),
    dueDate: Dossier.shape.dueDate,
    late: z.boolean().describe(
      'Whether the dossier is late (docs/requirements.md R-LATE): it reached done or stopped after its due date, or is still open '
      + 'past it, time awaiting a supplement not counted; as `late.late` of GET /v1/dossiers/{id}',
    ),
    appointmentAt: IsoDateTime.nullable().describe(
      'The return date in force: the due date, or the later date an apology slip promised (`late.appointmentAt` of GET /v1/dossiers/{id})',
    ),
    history: z.array(z.object({ at: IsoDateTime, status: DossierStatus, statusCode: z.number().int().nullable() })),
  })
  .meta({ id: 'TrackedDossier' });

// ---------------------------------------------------------------------------------------------
// Slips (phiếu): the documents a dossier was issued, re-rendered as PDF on request (docs/dossiers.md).

/**
 * The four forms of Circular 01/2018/TT-VPCP a dossier may have been issued (01 receipt, 02
 * supplement request, 03 refusal, 04 apology), and `submission_ack`: the portal's acknowledgement
 * that an online dossier was submitted — not a form of the Circular and not the receipt slip.
 */
export const SlipKind = z.enum(['submission_ack', 'receipt', 'supplement_request', 'refusal', 'apology']);
export type SlipKind = z.infer<typeof SlipKind>;

export const SlipParams = z.object({ id: DossierId, kind: SlipKind });
/** Which slip of the kind (its `issuedAt`, as listed): a dossier may have several supplement requests or apologies. */
export const SlipQuery = z.object({ at: IsoDateTime.optional() });

export const SlipItem = z.object({
  kind: SlipKind,
  /** The Circular 01/2018 form number, or null for the portal's submission acknowledgement. */
  form: z.enum(['01', '02', '03', '04']).nullable(),
  issuedAt: IsoDateTime,
  title: z.string(),
  /** The PDF: GET with the caller's token. */
  href: z.string(),
}).meta({ id: 'SlipItem' });
export const SlipList = z.object({ items: z.array(SlipItem) }).meta({ id: 'SlipList' });
export type SlipItem = z.infer<typeof SlipItem>;

export const PdfFile = z.string().meta({ id: 'PdfFile', format: 'binary', description: 'A PDF document' });

// ---------------------------------------------------------------------------------------------
// Prefill from the State's registers (docs/dossiers.md "Prefilled and locked fields")

export const PrefillQuery = z.object({ procedureCode: ProcedureCode });

export const Prefill = z
  .object({
    register: z.enum(['population', 'enterprise']).nullable()
      .describe('The register read: the population database for a citizen, the business register for a business; null when the form has no field it fills'),
    found: z.boolean().describe('The register holds the applicant; false: nothing is filled, the applicant types every field'),
    readAt: IsoDateTime.nullable(),
    fields: z.array(z.object({ name: z.string(), source: FormFieldSource, value: z.union([z.string(), z.number()]) }))
      .describe('The values to show read-only; creating the draft fills them again from the register'),
  })
  .meta({ id: 'Prefill' });

/** One read of a State register for an applicant: the audit trail (no personal data beyond the account and the field names). */
export const RegisterRead = z
  .object({
    id: z.string(),
    at: IsoDateTime,
    sub: z.string().describe('The account that caused the read'),
    register: z.enum(['population', 'enterprise']),
    purpose: z.enum(['preview', 'draft']).describe('The wizard showing the form (no dossier yet), or the creation of a draft'),
    procedureCode: z.string(),
    dossierId: z.string().nullable(),
    fields: z.array(z.string()).describe('The form fields filled from the read'),
    found: z.boolean(),
  })
  .meta({ id: 'RegisterRead' });
export const RegisterReadPage = page(RegisterRead).meta({ id: 'RegisterReadPage' });

export const RegisterReadsQuery = z.object({
  account: z.string().trim().min(1).max(128).describe('The account (`sub`) whose reads to list'),
  limit: Limit,
  cursor: Cursor,
});
