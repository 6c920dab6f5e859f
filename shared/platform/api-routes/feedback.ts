// The routes of the `feedback` function (SPEC §2); shared/platform/routes.ts merges every group.
import { Download, UploadTicket } from '../../contracts/dossiers';
import { page } from '../../contracts/common';
import {
  AgencyFeedbackQuery, Feedback, FeedbackActionBody, FeedbackAttachmentParams, FeedbackPage, FeedbackParams,
  MyFeedbackQuery, PublicFeedback, PublicFeedbackPage, PublishedQuery, ReactionBody, ReactionResult,
  RequestFeedbackUpload, SubmitFeedback,
} from '../../contracts/feedback';
import { PUBLIC, APPLICANT, SIGNED_IN, OFFICE, defineRoute } from './rules';

export const feedbackRoutes = {
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
  getAgencyFeedback: defineRoute({
    id: 'getAgencyFeedback', method: 'GET', path: '/v1/agency/feedback/{id}', fn: 'feedback', auth: OFFICE,
    summary: 'One feedback item as the people working on it see it: sender, deadlines, attachments, allowed actions (officials of the agency it is with, admins)',
    tags: ['feedback'],
    request: { params: FeedbackParams },
    responses: { 200: { description: 'The feedback', schema: Feedback } },
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
