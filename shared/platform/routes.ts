// Every public route of the portal, declared once (SPEC §2).
import * as z from 'zod';
import {
  CatalogueEntry, CatalogueEntryParams, CatalogueListQuery, CataloguePage, CatalogueParams,
  Procedure, ProcedurePage, ProcedureParams, ProcedureSearchQuery,
} from '../contracts/catalogue';
import {
  AgencySecretParams, AgencySystem, AgencySystemListQuery, AgencySystemPage, AgencySystemParams, AgencyWhoAmI,
  RegisterAgencySystem, RegisteredAgencySystem, RotatedAgencySecret,
} from '../contracts/identity';
import {
  ActionBody, AttachmentParams, CreateDossier, Dossier, DossierPage, DossierParams, Download, IdempotencyHeaders,
  MyDossiersQuery, RequestResultUpload, RequestUpload, SupplementBody, TrackQuery, TrackedDossier, UploadTicket,
  WithdrawBody, WorkQueueQuery,
} from '../contracts/dossiers';
import { PortalConfig } from '../contracts/meta';
import {
  CallbackAck, CallbackParams, DossierPaymentParams, PaymentOrder, PaymentParams, ProviderCallback, Receipt, ReceiptQuery,
} from '../contracts/payments';
import { RateDossier, Rating, RatingParams } from '../contracts/ratings';
import { page } from '../contracts/common';
import {
  AgencyFeedbackQuery, Feedback, FeedbackActionBody, FeedbackAttachmentParams, FeedbackPage, FeedbackParams, MyFeedbackQuery,
  PublicFeedback, PublicFeedbackPage, PublishedQuery, ReactionBody, ReactionResult, RequestFeedbackUpload, SubmitFeedback,
} from '../contracts/feedback';
import type { AuthRule, RouteDecl, RouteRequest } from './types';

const PUBLIC: AuthRule = { kind: 'public' };
const ADMIN: AuthRule = { kind: 'user', groups: ['admin'] };
const AGENCY_SYSTEM: AuthRule = { kind: 'agency-system' };
const APPLICANT: AuthRule = { kind: 'user', groups: ['citizen', 'business'] };
const OFFICIAL: AuthRule = { kind: 'user', groups: ['official'] };
/** Applicants (their own dossiers), officials (in scope) and admins: the handler checks which. */
const DOSSIER_READER: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official', 'admin'] };
/** Anyone signed in: the handler decides what the caller may do. */
const SIGNED_IN: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official', 'admin'] };
/** Officials (their agencies) and the portal's administrators. */
const OFFICE: AuthRule = { kind: 'user', groups: ['official', 'admin'] };
/** Applicants (own dossier) and officials (in scope, result files). */
const DOSSIER_PARTY: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official'] };

/** Keeps each route's schema types so handlers get typed input. */
export const defineRoute = <Req extends RouteRequest>(route: RouteDecl<Req>) => route;

export const routes = {
  getConfig: defineRoute({
    id: 'getConfig', method: 'GET', path: '/v1/config', fn: 'meta', auth: PUBLIC,
    summary: 'Public client configuration (Cognito pool and client, region)', tags: ['meta'],
    request: {},
    responses: { 200: { description: 'Configuration', schema: PortalConfig } },
  }),
  getOpenApi: defineRoute({
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', fn: 'meta', auth: PUBLIC,
    summary: 'This OpenAPI 3.1 document', tags: ['meta'],
    request: {},
    responses: { 200: { description: 'OpenAPI document', schema: z.object({}).passthrough() } },
  }),
  searchProcedures: defineRoute({
    id: 'searchProcedures', method: 'GET', path: '/v1/procedures', fn: 'catalogue', auth: PUBLIC,
    summary: 'Search procedures (diacritics-insensitive) with filters', tags: ['catalogue'],
    request: { query: ProcedureSearchQuery },
    responses: { 200: { description: 'A page of procedures, best match first', schema: ProcedurePage } },
  }),
  getProcedure: defineRoute({
    id: 'getProcedure', method: 'GET', path: '/v1/procedures/{code}', fn: 'catalogue', auth: PUBLIC,
    summary: 'One procedure with components, form, fees and legal basis', tags: ['catalogue'],
    request: { params: ProcedureParams },
    responses: { 200: { description: 'The procedure', schema: Procedure } },
  }),
  putProcedure: defineRoute({
    id: 'putProcedure', method: 'PUT', path: '/v1/procedures/{code}', fn: 'catalogue', auth: ADMIN,
    summary: 'Create or replace a procedure', tags: ['catalogue', 'admin'],
    request: { params: ProcedureParams, body: Procedure },
    responses: { 200: { description: 'Stored procedure', schema: Procedure } },
  }),
  listCatalogue: defineRoute({
    id: 'listCatalogue', method: 'GET', path: '/v1/catalogues/{name}', fn: 'catalogue', auth: PUBLIC,
    summary: 'List a shared catalogue', tags: ['catalogue'],
    request: { params: CatalogueParams, query: CatalogueListQuery },
    responses: { 200: { description: 'A page of entries', schema: CataloguePage } },
  }),
  getCatalogueEntry: defineRoute({
    id: 'getCatalogueEntry', method: 'GET', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: PUBLIC, summary: 'One entry of a shared catalogue', tags: ['catalogue'],
    request: { params: CatalogueEntryParams },
    responses: { 200: { description: 'The entry', schema: CatalogueEntry } },
  }),
  putCatalogueEntry: defineRoute({
    id: 'putCatalogueEntry', method: 'PUT', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: ADMIN, summary: 'Create or replace an entry of a shared catalogue', tags: ['catalogue', 'admin'],
    request: { params: CatalogueEntryParams, body: CatalogueEntry },
    responses: { 200: { description: 'Stored entry', schema: CatalogueEntry } },
  }),
  listAgencySystems: defineRoute({
    id: 'listAgencySystems', method: 'GET', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'List registered agency systems (secret ids and states, never secret values)', tags: ['identity', 'admin'],
    request: { query: AgencySystemListQuery },
    responses: { 200: { description: 'A page of agency systems, by key id', schema: AgencySystemPage } },
  }),
  registerAgencySystem: defineRoute({
    id: 'registerAgencySystem', method: 'POST', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'Register an agency system; its first secret is returned once', tags: ['identity', 'admin'],
    request: { body: RegisterAgencySystem },
    responses: { 201: { description: 'Registered, with the secret (shown once)', schema: RegisteredAgencySystem } },
  }),
  rotateAgencySecret: defineRoute({
    id: 'rotateAgencySecret', method: 'POST', path: '/v1/admin/agency-systems/{keyId}/secrets', fn: 'identity',
    auth: ADMIN, summary: 'Add a new active secret (at most two stay active; the oldest is revoked)',
    tags: ['identity', 'admin'],
    request: { params: AgencySystemParams },
    responses: { 201: { description: 'The new secret (shown once)', schema: RotatedAgencySecret } },
  }),
  revokeAgencySecret: defineRoute({
    id: 'revokeAgencySecret', method: 'DELETE', path: '/v1/admin/agency-systems/{keyId}/secrets/{secretId}',
    fn: 'identity', auth: ADMIN, summary: 'Revoke a secret; requests signed with it are refused at once',
    tags: ['identity', 'admin'],
    request: { params: AgencySecretParams },
    responses: { 200: { description: 'The agency system after revocation', schema: AgencySystem } },
  }),
  syncWhoAmI: defineRoute({
    id: 'syncWhoAmI', method: 'GET', path: '/v1/sync/whoami', fn: 'identity', auth: AGENCY_SYSTEM,
    summary: 'Check signed-request credentials: the key id and the agency codes it may speak for',
    tags: ['identity', 'sync'],
    request: {},
    responses: { 200: { description: 'The authenticated agency system', schema: AgencyWhoAmI } },
  }),
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
  createPayment: defineRoute({
    id: 'createPayment', method: 'POST', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: APPLICANT,
    summary: 'A payment order for the fees the agency requested (idempotent by Idempotency-Key; one open order at a time)',
    tags: ['payments'],
    request: { params: DossierPaymentParams, headers: IdempotencyHeaders },
    responses: { 201: { description: 'The order, with the provider page to pay it on (a replay returns the same order)', schema: PaymentOrder } },
  }),
  listDossierPayments: defineRoute({
    id: 'listDossierPayments', method: 'GET', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: DOSSIER_READER,
    summary: "A dossier's payment orders, newest first (the applicant's own, or an agency in the official's scope)",
    tags: ['payments'],
    request: { params: DossierPaymentParams },
    responses: { 200: { description: 'The orders', schema: page(PaymentOrder) } },
  }),
  getPayment: defineRoute({
    id: 'getPayment', method: 'GET', path: '/v1/payments/{id}', fn: 'payments', auth: DOSSIER_READER,
    summary: 'One payment order (the payer, or an official in scope)', tags: ['payments'],
    request: { params: PaymentParams },
    responses: { 200: { description: 'The order', schema: PaymentOrder } },
  }),
  getPaymentReceipt: defineRoute({
    id: 'getPaymentReceipt', method: 'GET', path: '/v1/payments/{id}/receipt', fn: 'payments', auth: DOSSIER_READER,
    summary: 'The electronic receipt of a paid order, as JSON or (format=pdf) as a PDF', tags: ['payments'],
    request: { params: PaymentParams, query: ReceiptQuery },
    responses: { 200: { description: 'The receipt (application/pdf when format=pdf)', schema: Receipt } },
  }),
  paymentCallback: defineRoute({
    id: 'paymentCallback', method: 'POST', path: '/v1/payments/callback/{provider}', fn: 'payments', auth: PUBLIC,
    summary: "A payment provider's callback, authenticated by its HMAC signature and timestamp (docs/payments.md)",
    tags: ['payments'],
    request: { params: CallbackParams, body: ProviderCallback },
    responses: { 200: { description: 'Applied, a duplicate, or ignored (never un-pays)', schema: CallbackAck } },
  }),
  rateDossier: defineRoute({
    id: 'rateDossier', method: 'POST', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: APPLICANT,
    summary: 'Rate a done or returned dossier (its applicant only); replaces the rating within 14 days of the first (docs/ratings.md)',
    tags: ['ratings'],
    request: { params: RatingParams, body: RateDossier },
    responses: {
      201: { description: 'The first rating of the dossier', schema: Rating },
      200: { description: 'The rating replaced (or unchanged when identical)', schema: Rating },
    },
  }),
  getDossierRating: defineRoute({
    id: 'getDossierRating', method: 'GET', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: DOSSIER_READER,
    summary: "A dossier's rating: the applicant's own, or of an agency in the official's scope (404 when not rated)",
    tags: ['ratings'],
    request: { params: RatingParams },
    responses: { 200: { description: 'The rating', schema: Rating } },
  }),
  submitFeedback: defineRoute({
    id: 'submitFeedback', method: 'POST', path: '/v1/feedback', fn: 'feedback', auth: APPLICANT,
    summary: 'Send feedback (phản ánh, kiến nghị); the sender comes from the token', tags: ['feedback'],
    request: { body: SubmitFeedback },
    responses: { 201: { description: 'The feedback with its tracking code and deadlines', schema: Feedback } },
  }),
  listPublishedFeedback: defineRoute({
    id: 'listPublishedFeedback', method: 'GET', path: '/v1/feedback', fn: 'feedback', auth: PUBLIC,
    summary: 'Published feedback and answers, newest first; q is diacritics-insensitive; no personal data', tags: ['feedback'],
    request: { query: PublishedQuery },
    responses: { 200: { description: 'A page of published feedback', schema: PublicFeedbackPage } },
  }),
  getFeedback: defineRoute({
    id: 'getFeedback', method: 'GET', path: '/v1/feedback/{id}', fn: 'feedback', auth: PUBLIC,
    summary: 'One published feedback item and its answer, without the sender\'s personal data', tags: ['feedback'],
    request: { params: FeedbackParams },
    responses: { 200: { description: 'The published item', schema: PublicFeedback } },
  }),
  listMyFeedback: defineRoute({
    id: 'listMyFeedback', method: 'GET', path: '/v1/me/feedback', fn: 'feedback', auth: APPLICANT,
    summary: 'The feedback I sent, newest first, with status, deadlines and answers', tags: ['feedback'],
    request: { query: MyFeedbackQuery },
    responses: { 200: { description: 'A page of my feedback', schema: FeedbackPage } },
  }),
  reactToFeedback: defineRoute({
    id: 'reactToFeedback', method: 'POST', path: '/v1/feedback/{id}/reaction', fn: 'feedback', auth: SIGNED_IN,
    summary: 'Like or dislike a published answer (one reaction per person, changeable)', tags: ['feedback'],
    request: { params: FeedbackParams, body: ReactionBody },
    responses: { 200: { description: 'My reaction and the counts', schema: ReactionResult } },
  }),
  agencyFeedbackQueue: defineRoute({
    id: 'agencyFeedbackQueue', method: 'GET', path: '/v1/agency/feedback', fn: 'feedback', auth: OFFICE,
    summary: "An agency's feedback queue (oldest first; admins: agency=portal for unrouted items)", tags: ['feedback'],
    request: { query: AgencyFeedbackQuery },
    responses: { 200: { description: 'A page of feedback with deadlines and allowed actions', schema: FeedbackPage } },
  }),
  requestFeedbackUpload: defineRoute({
    id: 'requestFeedbackUpload', method: 'POST', path: '/v1/feedback/{id}/attachments', fn: 'feedback', auth: APPLICANT,
    summary: "The sender's evidence: a presigned POST (PDF, JPEG or PNG, ≤ 10 MB; type and size enforced by the S3 policy)",
    tags: ['feedback'],
    request: { params: FeedbackParams, body: RequestFeedbackUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  completeFeedbackUpload: defineRoute({
    id: 'completeFeedbackUpload', method: 'POST', path: '/v1/feedback/{id}/attachments/{attachmentId}/complete', fn: 'feedback', auth: APPLICANT,
    summary: 'Verify an uploaded file (size, type, magic bytes); it counts only once verified', tags: ['feedback'],
    request: { params: FeedbackAttachmentParams },
    responses: { 200: { description: 'The feedback with the file verified', schema: Feedback } },
  }),
  downloadFeedbackAttachment: defineRoute({
    id: 'downloadFeedbackAttachment', method: 'GET', path: '/v1/feedback/{id}/attachments/{attachmentId}', fn: 'feedback', auth: SIGNED_IN,
    summary: 'A short-lived download link for a verified file (the sender, officials of its agency, admins)', tags: ['feedback'],
    request: { params: FeedbackAttachmentParams },
    responses: { 200: { description: 'The link', schema: Download } },
  }),
  actOnFeedback: defineRoute({
    id: 'actOnFeedback', method: 'POST', path: '/v1/feedback/{id}/actions', fn: 'feedback', auth: SIGNED_IN,
    summary: 'One workflow step (SPEC §6): officials and admins accept, reject, route, ask, answer, publish; the sender provides information',
    tags: ['feedback'],
    request: { params: FeedbackParams, body: FeedbackActionBody },
    responses: { 200: { description: 'The feedback after the step', schema: Feedback } },
  }),
} as const;

export type RouteId = keyof typeof routes;
