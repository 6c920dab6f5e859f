// The routes of the `dossiers` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import {
  ActionBody, AttachmentParams, CreateDossier, Dossier, DossierPage, DossierParams, Download,
  IdempotencyHeaders, MyDossiersQuery, PdfFile, RequestResultUpload, RequestUpload, SlipList, SlipParams, SlipQuery,
  SupplementBody, TrackQuery, TrackedDossier, UploadTicket, WithdrawBody, WorkQueueQuery,
} from '../../contracts/dossiers';
import { page } from '../../contracts/common';
import { PUBLIC, APPLICANT, OFFICIAL, DOSSIER_READER, DOSSIER_PARTY, defineRoute } from './rules';

export const dossierRoutes = {
  createDossier: defineRoute({
    id: 'createDossier', method: 'POST', path: '/v1/dossiers', fn: 'dossiers', auth: APPLICANT,
    summary: 'Create a draft dossier', tags: ['dossiers'],
    description: 'Creates a draft for a procedure at a competent agency; the applicant (citizen or business) comes from the token. Idempotent by the `Idempotency-Key` header: a replay returns the same draft (201); the key reused for a different request is 422 `IDEMPOTENCY_KEY_REUSED`, one still being processed 409 `IDEMPOTENCY_IN_PROGRESS`. 422 `UNKNOWN_PROCEDURE`, `PROCEDURE_REPEALED`, `NOT_OFFERED_ONLINE`, `APPLICANT_TYPE_NOT_ALLOWED`, `UNKNOWN_AGENCY`, `AGENCY_NOT_COMPETENT`, `PROFILE_INCOMPLETE` (no verified ID number or enterprise code on the account).',
    request: { body: CreateDossier, headers: IdempotencyHeaders },
    responses: { 201: { description: 'The draft (a replay returns the same draft)', schema: Dossier } },
  }),
  getDossier: defineRoute({
    id: 'getDossier', method: 'GET', path: '/v1/dossiers/{id}', fn: 'dossiers', auth: DOSSIER_READER,
    summary: 'Get a dossier', tags: ['dossiers'],
    description: 'The dossier with its history, files, lateness and the actions the caller may take. The applicant sees their own, an official those of agencies in their scope, an admin any; for anyone else it is 404.',
    request: { params: DossierParams },
    responses: { 200: { description: 'The dossier with history and the actions the caller may take', schema: Dossier } },
  }),
  requestAttachmentUpload: defineRoute({
    id: 'requestAttachmentUpload', method: 'POST', path: '/v1/dossiers/{id}/attachments', fn: 'dossiers',
    auth: APPLICANT, summary: 'Request an attachment upload', tags: ['dossiers'],
    description: 'A presigned S3 POST for one file of a component of the applicant\'s own dossier, while it is a draft or a supplement is requested (else 409 `INVALID_STATE`); the S3 policy enforces the declared type and size. 409 `TOO_MANY_FILES`; 413 `FILE_TOO_LARGE`, 415 `UNSUPPORTED_FILE_TYPE` for the declared file; 422 `UNKNOWN_COMPONENT`. Complete the upload afterwards.',
    request: { params: DossierParams, body: RequestUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  completeAttachmentUpload: defineRoute({
    id: 'completeAttachmentUpload', method: 'POST', path: '/v1/dossiers/{id}/attachments/{attachmentId}/complete',
    fn: 'dossiers', auth: DOSSIER_PARTY,
    summary: 'Complete an attachment upload', tags: ['dossiers'],
    description: 'Verifies an uploaded file (it exists, its size, its type by its first bytes): the file counts only once `verified`, a failed check marks it `rejected`. The applicant completes their files, an official in scope the result. 404 for anyone else or an unknown file.',
    request: { params: AttachmentParams },
    responses: { 200: { description: 'The dossier with the attachment verified or rejected', schema: Dossier } },
  }),
  downloadAttachment: defineRoute({
    id: 'downloadAttachment', method: 'GET', path: '/v1/dossiers/{id}/attachments/{attachmentId}', fn: 'dossiers',
    auth: DOSSIER_READER, summary: 'Download an attachment', tags: ['dossiers'],
    description: 'A presigned GET, valid 5 minutes, for a verified file of a dossier the caller may read (the applicant, an official in scope, an admin); 404 otherwise.',
    request: { params: AttachmentParams },
    responses: { 200: { description: 'A presigned GET', schema: Download } },
  }),
  listDossierSlips: defineRoute({
    id: 'listDossierSlips', method: 'GET', path: '/v1/dossiers/{id}/slips', fn: 'dossiers', auth: DOSSIER_READER,
    summary: 'List dossier slips', tags: ['dossiers'],
    description: 'The slips issued so far, oldest first: the acknowledgement of an online submission and the Circular 01/2018 forms (receipt, supplement request, refusal, apology), each with the link to its PDF (docs/dossiers.md "Slips"). Same readers as the dossier.',
    request: { params: DossierParams },
    responses: { 200: { description: 'The slips, oldest first, each with the link to its PDF', schema: SlipList } },
  }),
  getDossierSlip: defineRoute({
    id: 'getDossierSlip', method: 'GET', path: '/v1/dossiers/{id}/slips/{kind}', fn: 'dossiers', auth: DOSSIER_READER,
    summary: 'Get a dossier slip', tags: ['dossiers'],
    description: 'One slip as a PDF attachment, rendered from the dossier: the latest of its kind, or the one issued at `at`. 404 when the dossier has none. Same readers as the dossier.',
    request: { params: SlipParams, query: SlipQuery },
    responses: { 200: { description: 'The slip (attachment)', schema: PdfFile, contentType: 'application/pdf' } },
  }),
  submitDossier: defineRoute({
    id: 'submitDossier', method: 'POST', path: '/v1/dossiers/{id}/submit', fn: 'dossiers', auth: APPLICANT,
    summary: 'Submit a dossier', tags: ['dossiers'],
    description: 'Submits the applicant\'s draft: verifies pending files, checks the form and the required components (422 `MISSING_COMPONENTS` with the paths), assigns the dossier code and notifies the agency. 409 `INVALID_TRANSITION` when it is not a draft.',
    request: { params: DossierParams },
    responses: { 200: { description: 'The submitted dossier', schema: Dossier } },
  }),
  supplementDossier: defineRoute({
    id: 'supplementDossier', method: 'POST', path: '/v1/dossiers/{id}/supplement', fn: 'dossiers', auth: APPLICANT,
    summary: 'Answer a supplement request', tags: ['dossiers'],
    description: 'The applicant answers a supplement request once the requested files are uploaded and verified (422 `MISSING_COMPONENTS` otherwise); the dossier goes back to processing. 409 `INVALID_TRANSITION` when no supplement is requested.',
    request: { params: DossierParams, body: SupplementBody },
    responses: { 200: { description: 'The dossier, back in processing', schema: Dossier } },
  }),
  withdrawDossier: defineRoute({
    id: 'withdrawDossier', method: 'POST', path: '/v1/dossiers/{id}/withdraw', fn: 'dossiers', auth: APPLICANT,
    summary: 'Withdraw a dossier', tags: ['dossiers'],
    description: 'The applicant withdraws their dossier, with a reason, while the agency has not finished it (submitted, received, processing, supplement requested or payment required); 409 `INVALID_TRANSITION` otherwise.',
    request: { params: DossierParams, body: WithdrawBody },
    responses: { 200: { description: 'The withdrawn dossier', schema: Dossier } },
  }),
  listMyDossiers: defineRoute({
    id: 'listMyDossiers', method: 'GET', path: '/v1/me/dossiers', fn: 'dossiers', auth: APPLICANT,
    summary: 'List my dossiers', tags: ['dossiers'],
    description: 'The caller\'s own dossiers, newest first, optionally of one status. Paginated.',
    request: { query: MyDossiersQuery },
    responses: { 200: { description: 'A page of dossiers', schema: DossierPage } },
  }),
  agencyWorkQueue: defineRoute({
    id: 'agencyWorkQueue', method: 'GET', path: '/v1/agency/dossiers', fn: 'dossiers', auth: OFFICIAL,
    summary: 'An agency\'s work queue', tags: ['dossiers'],
    description: 'The dossiers of an agency in the official\'s scope, earliest due first: open ones unless `status` is given; `overdue=true` for late ones only, `procedure` for one procedure. `agency` defaults to the official\'s first agency; 403 for an agency outside their scope (or when they serve none), 404 for an unknown one. Paginated.',
    request: { query: WorkQueueQuery },
    responses: { 200: { description: 'A page of dossiers, earliest due first', schema: DossierPage } },
  }),
  actOnDossier: defineRoute({
    id: 'actOnDossier', method: 'POST', path: '/v1/dossiers/{id}/actions', fn: 'dossiers', auth: OFFICIAL,
    summary: 'Act on a dossier', tags: ['dossiers'],
    description: 'One state transition by an official in scope (receive, refuse, request a supplement or payment, finish, return, …: docs/dossiers.md), at the version read: 409 `VERSION_CONFLICT` when the dossier changed since, 409 `INVALID_TRANSITION` when the action does not apply in its status, 403 when it is not an official\'s action. 404 outside the official\'s scope.',
    request: { params: DossierParams, body: ActionBody },
    responses: { 200: { description: 'The dossier after the action', schema: Dossier } },
  }),
  requestResultUpload: defineRoute({
    id: 'requestResultUpload', method: 'POST', path: '/v1/dossiers/{id}/result', fn: 'dossiers', auth: OFFICIAL,
    summary: 'Request a result upload', tags: ['dossiers'],
    description: 'A presigned S3 POST for the electronic result of a dossier in the official\'s scope while it is processing or done (else 409 `INVALID_STATE`); complete it like an attachment. 413 `FILE_TOO_LARGE`, 415 `UNSUPPORTED_FILE_TYPE` for the declared file.',
    request: { params: DossierParams, body: RequestResultUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  trackDossier: defineRoute({
    id: 'trackDossier', method: 'GET', path: '/v1/dossiers/track', fn: 'dossiers', auth: PUBLIC,
    summary: 'Track a dossier', tags: ['dossiers'],
    description: 'Public tracking: the status, due date and public steps of a dossier, given its code and the applicant\'s ID number or enterprise code; 404 unless both match. No personal data.',
    request: { query: TrackQuery },
    responses: { 200: { description: 'Status, due date and public steps', schema: TrackedDossier } },
  }),
} as const;
