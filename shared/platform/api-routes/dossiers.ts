// The routes of the `dossiers` function (SPEC §2); shared/platform/routes.ts merges every group.
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
    summary: 'Create a draft dossier (idempotent by Idempotency-Key); the applicant comes from the token',
    tags: ['dossiers'],
    request: { body: CreateDossier, headers: IdempotencyHeaders },
    responses: { 201: { description: 'The draft (a replay returns the same draft)', schema: Dossier } },
  }),
  getDossier: defineRoute({
    id: 'getDossier', method: 'GET', path: '/v1/dossiers/{id}', fn: 'dossiers', auth: DOSSIER_READER,
    summary: "One dossier: the applicant's own, or one of an agency in the official's scope", tags: ['dossiers'],
    request: { params: DossierParams },
    responses: { 200: { description: 'The dossier with history and the actions the caller may take', schema: Dossier } },
  }),
  requestAttachmentUpload: defineRoute({
    id: 'requestAttachmentUpload', method: 'POST', path: '/v1/dossiers/{id}/attachments', fn: 'dossiers',
    auth: APPLICANT, summary: 'A presigned POST for one file of a component (type and size enforced by the S3 policy)',
    tags: ['dossiers'],
    request: { params: DossierParams, body: RequestUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  completeAttachmentUpload: defineRoute({
    id: 'completeAttachmentUpload', method: 'POST', path: '/v1/dossiers/{id}/attachments/{attachmentId}/complete',
    fn: 'dossiers', auth: DOSSIER_PARTY,
    summary: 'Verify an uploaded file (exists, size, type, magic bytes); it counts only once verified',
    tags: ['dossiers'],
    request: { params: AttachmentParams },
    responses: { 200: { description: 'The dossier with the attachment verified or rejected', schema: Dossier } },
  }),
  downloadAttachment: defineRoute({
    id: 'downloadAttachment', method: 'GET', path: '/v1/dossiers/{id}/attachments/{attachmentId}', fn: 'dossiers',
    auth: DOSSIER_READER, summary: 'A short-lived download link for a verified file', tags: ['dossiers'],
    request: { params: AttachmentParams },
    responses: { 200: { description: 'A presigned GET', schema: Download } },
  }),
  listDossierSlips: defineRoute({
    id: 'listDossierSlips', method: 'GET', path: '/v1/dossiers/{id}/slips', fn: 'dossiers', auth: DOSSIER_READER,
    summary: 'The slips the dossier was issued so far (Circular 01/2018 forms, and the acknowledgement of an online submission)',
    tags: ['dossiers'],
    request: { params: DossierParams },
    responses: { 200: { description: 'The slips, oldest first, each with the link to its PDF', schema: SlipList } },
  }),
  getDossierSlip: defineRoute({
    id: 'getDossierSlip', method: 'GET', path: '/v1/dossiers/{id}/slips/{kind}', fn: 'dossiers', auth: DOSSIER_READER,
    summary: 'One slip as a PDF, re-rendered from the dossier (the latest of its kind unless `at` names one)',
    tags: ['dossiers'],
    request: { params: SlipParams, query: SlipQuery },
    responses: { 200: { description: 'The slip (attachment)', schema: PdfFile, contentType: 'application/pdf' } },
  }),
  submitDossier: defineRoute({
    id: 'submitDossier', method: 'POST', path: '/v1/dossiers/{id}/submit', fn: 'dossiers', auth: APPLICANT,
    summary: 'Submit a draft: checks the form and required components, assigns the dossier code', tags: ['dossiers'],
    request: { params: DossierParams },
    responses: { 200: { description: 'The submitted dossier', schema: Dossier } },
  }),
  supplementDossier: defineRoute({
    id: 'supplementDossier', method: 'POST', path: '/v1/dossiers/{id}/supplement', fn: 'dossiers', auth: APPLICANT,
    summary: 'Answer a supplement request with the missing files', tags: ['dossiers'],
    request: { params: DossierParams, body: SupplementBody },
    responses: { 200: { description: 'The dossier, back in processing', schema: Dossier } },
  }),
  withdrawDossier: defineRoute({
    id: 'withdrawDossier', method: 'POST', path: '/v1/dossiers/{id}/withdraw', fn: 'dossiers', auth: APPLICANT,
    summary: 'Withdraw a dossier', tags: ['dossiers'],
    request: { params: DossierParams, body: WithdrawBody },
    responses: { 200: { description: 'The withdrawn dossier', schema: Dossier } },
  }),
  listMyDossiers: defineRoute({
    id: 'listMyDossiers', method: 'GET', path: '/v1/me/dossiers', fn: 'dossiers', auth: APPLICANT,
    summary: "The caller's dossiers, newest first", tags: ['dossiers'],
    request: { query: MyDossiersQuery },
    responses: { 200: { description: 'A page of dossiers', schema: DossierPage } },
  }),
  agencyWorkQueue: defineRoute({
    id: 'agencyWorkQueue', method: 'GET', path: '/v1/agency/dossiers', fn: 'dossiers', auth: OFFICIAL,
    summary: "An agency's work queue in due-date order (open dossiers unless a status is given)", tags: ['dossiers'],
    request: { query: WorkQueueQuery },
    responses: { 200: { description: 'A page of dossiers, earliest due first', schema: DossierPage } },
  }),
  actOnDossier: defineRoute({
    id: 'actOnDossier', method: 'POST', path: '/v1/dossiers/{id}/actions', fn: 'dossiers', auth: OFFICIAL,
    summary: 'One state transition (SPEC §3) at the version read (409 on mismatch)', tags: ['dossiers'],
    request: { params: DossierParams, body: ActionBody },
    responses: { 200: { description: 'The dossier after the action', schema: Dossier } },
  }),
  requestResultUpload: defineRoute({
    id: 'requestResultUpload', method: 'POST', path: '/v1/dossiers/{id}/result', fn: 'dossiers', auth: OFFICIAL,
    summary: 'A presigned POST for the electronic result (complete it like an attachment)', tags: ['dossiers'],
    request: { params: DossierParams, body: RequestResultUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  trackDossier: defineRoute({
    id: 'trackDossier', method: 'GET', path: '/v1/dossiers/track', fn: 'dossiers', auth: PUBLIC,
    summary: "Public tracking by dossier code and the applicant's ID number or enterprise code", tags: ['dossiers'],
    request: { query: TrackQuery },
    responses: { 200: { description: 'Status, due date and public steps', schema: TrackedDossier } },
  }),
} as const;
