// The routes of the `feedback` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import { Download, UploadTicket } from '../../contracts/dossiers';
import {
  AgencyFeedbackQuery, Feedback, FeedbackActionBody, FeedbackAttachmentParams, FeedbackPage, FeedbackParams,
  MyFeedbackQuery, PublicFeedback, PublicFeedbackPage, PublishedQuery, ReactionBody, ReactionResult,
  RequestFeedbackUpload, SubmitFeedback,
} from '../../contracts/feedback';
import { PUBLIC, APPLICANT, SIGNED_IN, OFFICE, RECORD_TOO_LARGE, defineRoute } from './rules';

export const feedbackRoutes = {
  submitFeedback: defineRoute({
    id: 'submitFeedback', method: 'POST', path: '/v1/feedback', fn: 'feedback', auth: APPLICANT,
    summary: 'Send feedback', tags: ['feedback'],
    description: 'Sends feedback (phản ánh, kiến nghị) about a procedure or an agency; the sender comes from the token. 201 with its tracking code `PAKN-YYMMDD-NNNN` and deadlines. 422 `UNKNOWN_AGENCY`, `UNKNOWN_PROCEDURE` (docs/feedback.md).',
    request: { body: SubmitFeedback },
    responses: { 201: { description: 'The feedback with its tracking code and deadlines', schema: Feedback } },
  }),
  listPublishedFeedback: defineRoute({
    id: 'listPublishedFeedback', method: 'GET', path: '/v1/feedback', fn: 'feedback', auth: PUBLIC,
    summary: 'List published feedback', tags: ['feedback'],
    description: 'Published feedback and answers, newest first, without personal data; `q` is diacritics-insensitive, `agency` narrows to one agency. Paginated.',
    request: { query: PublishedQuery },
    responses: { 200: { description: 'A page of published feedback', schema: PublicFeedbackPage } },
  }),
  getFeedback: defineRoute({
    id: 'getFeedback', method: 'GET', path: '/v1/feedback/{id}', fn: 'feedback', auth: PUBLIC,
    summary: 'Get published feedback', tags: ['feedback'],
    description: 'One published item and its answer, without the sender\'s personal data; 404 for anything unpublished.',
    request: { params: FeedbackParams },
    responses: { 200: { description: 'The published item', schema: PublicFeedback } },
  }),
  listMyFeedback: defineRoute({
    id: 'listMyFeedback', method: 'GET', path: '/v1/me/feedback', fn: 'feedback', auth: APPLICANT,
    summary: 'List my feedback', tags: ['feedback'],
    description: 'The feedback the caller sent, newest first, with status, deadlines and answers. Paginated.',
    request: { query: MyFeedbackQuery },
    responses: { 200: { description: 'A page of my feedback', schema: FeedbackPage } },
  }),
  reactToFeedback: defineRoute({
    id: 'reactToFeedback', method: 'POST', path: '/v1/feedback/{id}/reaction', fn: 'feedback', auth: SIGNED_IN,
    summary: 'React to published feedback', tags: ['feedback'],
    description: 'Likes or dislikes a published answer: one reaction per person, which a later call changes. 404 for anything unpublished; 409 `REACTION_BUSY` under contention (retry).',
    request: { params: FeedbackParams, body: ReactionBody },
    responses: { 200: { description: 'My reaction and the counts', schema: ReactionResult } },
  }),
  agencyFeedbackQueue: defineRoute({
    id: 'agencyFeedbackQueue', method: 'GET', path: '/v1/agency/feedback', fn: 'feedback', auth: OFFICE,
    summary: 'An agency\'s feedback queue', tags: ['feedback'],
    description: 'The feedback with an agency in the caller\'s scope, oldest first, with deadlines and allowed actions; `agency` defaults to the official\'s first agency, `portal` (admins only) lists items not yet routed. 403 for an agency outside the caller\'s scope. Paginated.',
    request: { query: AgencyFeedbackQuery },
    responses: { 200: { description: 'A page of feedback with deadlines and allowed actions', schema: FeedbackPage } },
  }),
  getAgencyFeedback: defineRoute({
    id: 'getAgencyFeedback', method: 'GET', path: '/v1/agency/feedback/{id}', fn: 'feedback', auth: OFFICE,
    summary: 'Get feedback as its agency sees it', tags: ['feedback'],
    description: 'One item with its sender, deadlines, attachments and allowed actions, for officials of the agency it is with and admins; 404 for others.',
    request: { params: FeedbackParams },
    responses: { 200: { description: 'The feedback', schema: Feedback } },
  }),
  requestFeedbackUpload: defineRoute({
    id: 'requestFeedbackUpload', method: 'POST', path: '/v1/feedback/{id}/attachments', fn: 'feedback', auth: APPLICANT,
    summary: 'Request a feedback upload', tags: ['feedback'],
    description: 'A presigned S3 POST for the sender\'s evidence (PDF, JPEG or PNG, ≤ 10 MB, enforced by the S3 policy) while the feedback is submitted or information is requested (else 409 `NOT_ACCEPTING_FILES`); 409 `TOO_MANY_FILES` beyond 5 verified. Complete the upload afterwards.',
    request: { params: FeedbackParams, body: RequestFeedbackUpload },
    responses: { 201: { description: 'Where and how to upload', schema: UploadTicket } },
  }),
  completeFeedbackUpload: defineRoute({
    id: 'completeFeedbackUpload', method: 'POST', path: '/v1/feedback/{id}/attachments/{attachmentId}/complete', fn: 'feedback', auth: APPLICANT,
    summary: 'Complete a feedback upload', tags: ['feedback'],
    description: 'The sender has an uploaded file verified (size, type by its first bytes); it counts only once verified. A failed check is 422 `UPLOAD_*` and the file is forgotten. 404 for anyone but the sender.',
    request: { params: FeedbackAttachmentParams },
    errors: { too_large: `${RECORD_TOO_LARGE} (its history grows with every action)` },
    responses: { 200: { description: 'The feedback with the file verified', schema: Feedback } },
  }),
  downloadFeedbackAttachment: defineRoute({
    id: 'downloadFeedbackAttachment', method: 'GET', path: '/v1/feedback/{id}/attachments/{attachmentId}', fn: 'feedback', auth: SIGNED_IN,
    summary: 'Download a feedback attachment', tags: ['feedback'],
    description: 'A presigned GET, valid 5 minutes, for a verified file: the sender, officials of the agency it is with, admins; never public (404).',
    request: { params: FeedbackAttachmentParams },
    responses: { 200: { description: 'The link', schema: Download } },
  }),
  actOnFeedback: defineRoute({
    id: 'actOnFeedback', method: 'POST', path: '/v1/feedback/{id}/actions', fn: 'feedback', auth: SIGNED_IN,
    summary: 'Act on feedback', tags: ['feedback'],
    description: 'One workflow step at the version read (docs/feedback.md): officials of the agency it is with and admins accept, reject, route, ask for information, answer, publish; the sender provides information. 409 `VERSION_CONFLICT` or `INVALID_TRANSITION`; 403 for a step the caller may not take; 422 `UNKNOWN_AGENCY`, `SAME_AGENCY` when routing; 404 for others.',
    request: { params: FeedbackParams, body: FeedbackActionBody },
    responses: { 200: { description: 'The feedback after the step', schema: Feedback } },
  }),
} as const;
