// Feedback (phản ánh, kiến nghị — docs/requirements.md R-CAP-FEEDBACK, R-FEEDBACK-WORKFLOW): what a
// person sends, the workflow actions, the views (full for the sender and officials in scope, public
// without the sender's data), reactions and the officials' queue.
import * as z from 'zod';
import { Cursor, IsoDateTime, Limit, optionalText, page } from './common';
import { ProcedureCode } from './catalogue';
import { AttachmentId, Download, UploadTicket } from './dossiers';

export { Download, UploadTicket };

export const FeedbackId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected a feedback id');
const AgencyCode = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'expected an agency code such as 000.00.00.H26');

export const FEEDBACK_CATEGORIES = ['rules_policies', 'procedures', 'official_conduct', 'other'] as const;
export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);

export const FEEDBACK_STATUSES = ['submitted', 'accepted', 'rejected', 'assigned', 'info_requested', 'answered', 'published'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const FEEDBACK_ACTIONS = ['accept', 'reject', 'request_info', 'provide_info', 'assign', 'transfer', 'answer', 'publish'] as const;
export const FeedbackAction = z.enum(FEEDBACK_ACTIONS);
export type FeedbackAction = z.infer<typeof FeedbackAction>;

export const SubmitFeedback = z.object({
  category: FeedbackCategory,
  subject: z.string().trim().min(5).max(200),
  content: z.string().trim().min(10).max(5000),
  procedureCode: ProcedureCode.optional(),
  /** The agency the feedback is about; without it the portal's administrators route it. */
  agencyCode: AgencyCode.optional(),
});

export const FeedbackActionBody = z.object({
  action: FeedbackAction,
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(2000).optional(),
  note: z.string().trim().min(1).max(2000).optional(),
  agencyCode: AgencyCode.optional(),
  answer: z.string().trim().min(10).max(10_000).optional(),
});

export const FeedbackDeadlines = z.object({
  /** Accept or reject: 2 working days from submission or the last transfer. */
  decideBy: IsoDateTime,
  /** The first request for more information: 5 working days from submission. */
  firstInfoRequestBy: IsoDateTime,
  /** The answer: 15 working days from submission. */
  answerBy: IsoDateTime,
  /** Publication: 2 working days after the answer (once answered). */
  publishBy: IsoDateTime.nullable(),
});

export const FeedbackAttachment = z.object({
  id: AttachmentId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  status: z.enum(['pending', 'verified']),
  uploadedAt: IsoDateTime,
});

const Answer = z.object({ text: z.string(), agencyCode: z.string(), agencyName: z.string(), answeredAt: IsoDateTime });

/** What anyone may read of a published item: never the sender's personal data. */
export const PublicFeedback = z
  .object({
    id: FeedbackId,
    code: z.string(),
    category: FeedbackCategory,
    subject: z.string(),
    content: z.string(),
    status: FeedbackStatus,
    procedureCode: z.string().nullable(),
    agencyCode: z.string().nullable(),
    agencyName: z.string().nullable(),
    answer: Answer.nullable(),
    createdAt: IsoDateTime,
    publishedAt: IsoDateTime.nullable(),
    likes: z.number().int(),
    dislikes: z.number().int(),
  })
  .meta({ id: 'PublicFeedback' });

/** The full view: the sender and officials in scope only. */
export const Feedback = PublicFeedback.extend({
  version: z.number().int(),
  sender: z.object({ name: z.string().nullable(), idNumber: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  deadlines: FeedbackDeadlines,
  overdue: z.array(z.enum(['decide', 'first_info_request', 'answer', 'publish'])),
  repeated: z.boolean().describe('The sender sent the same subject to the same agency before'),
  rejection: z.string().nullable(),
  infoRequest: z.string().nullable(),
  /** The sender's evidence: never in a public view. */
  attachments: z.array(FeedbackAttachment),
  allowedActions: z.array(FeedbackAction),
  history: z.array(z.object({ at: IsoDateTime, action: FeedbackAction, from: FeedbackStatus, to: FeedbackStatus, actor: z.enum(['sender', 'official', 'admin']), agencyCode: z.string().nullable() })),
}).meta({ id: 'Feedback' });
export type FeedbackView = z.infer<typeof Feedback>;
export type PublicFeedbackView = z.infer<typeof PublicFeedback>;

export const FeedbackParams = z.object({ id: FeedbackId });
export const PublishedQuery = z.object({
  status: z.literal('published').default('published'),
  q: optionalText(200),
  agency: optionalText(60),
  limit: Limit,
  cursor: Cursor,
});
export const MyFeedbackQuery = z.object({ limit: Limit, cursor: Cursor });
export const AgencyFeedbackQuery = z.object({
  status: FeedbackStatus.optional(),
  /** Default: the official's first agency; `portal` for items not yet routed (admins). */
  agency: optionalText(60),
  limit: Limit,
  cursor: Cursor,
});
export const ReactionBody = z.object({ like: z.boolean() });
export const ReactionResult = z.object({ like: z.boolean(), likes: z.number().int(), dislikes: z.number().int() });


/** Evidence the sender attaches (PDF, JPEG or PNG, ≤ 10 MB, at most 5), while the item is submitted or information is requested. */
export const RequestFeedbackUpload = z.object({
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class names the control characters a file name must not hold.
  fileName: z.string().trim().min(1).max(255).refine((s) => !/[\\/\u0000-\u001f]/.test(s), 'no slashes or control characters'),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int().min(1, 'an empty file is not evidence').max(10 * 1024 * 1024, 'at most 10 MB'),
});
export const FeedbackAttachmentParams = z.object({ id: FeedbackId, attachmentId: AttachmentId });

export const FeedbackPage = page(Feedback);
export const PublicFeedbackPage = page(PublicFeedback);
