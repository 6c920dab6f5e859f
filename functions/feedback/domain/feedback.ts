// The feedback record and what a transition does to it. Pure.
import type { FeedbackAction, FeedbackStatus } from '../../../shared/contracts/feedback';
import type { FeedbackActor, FeedbackTransition } from './workflow';

export interface FeedbackRecord {
  id: string;
  code: string;
  category: 'rules_policies' | 'procedures' | 'official_conduct' | 'other';
  subject: string;
  content: string;
  procedureCode: string | null;
  /** The agency it is with (null: not yet routed; the portal's administrators handle it). */
  agencyCode: string | null;
  agencyName: string | null;
  agencyParentCode: string | null;
  status: FeedbackStatus;
  version: number;
  sender: { sub: string; name: string | null; idNumber: string | null; email: string | null; phone: string | null };
  submittedAt: string;
  receivedAt: string;
  decidedAt: string | null;
  firstInfoRequestAt: string | null;
  infoRequest: string | null;
  rejection: string | null;
  answer: { text: string; agencyCode: string; agencyName: string; answeredAt: string } | null;
  answeredAt: string | null;
  publishedAt: string | null;
  likes: number;
  dislikes: number;
  repeated: boolean;
  attachments: { id: string; fileName: string; contentType: string; size: number; status: 'pending' | 'verified'; uploadedAt: string }[];
  history: { at: string; action: FeedbackAction; from: FeedbackStatus; to: FeedbackStatus; actor: FeedbackActor; agencyCode: string | null }[];
}

export const MAX_ATTACHMENTS = 5;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** What evidence may be: the media types RequestFeedbackUpload declares (a unit test keeps them equal; no zod here, the web bundle imports this). */
export const EVIDENCE_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];
/** The sender adds evidence while the item waits for a decision or for the information asked. */
export const acceptsAttachments = (f: Pick<FeedbackRecord, 'status'>) => f.status === 'submitted' || f.status === 'info_requested';
/** Where an attachment lives in the attachments bucket (under incoming/ until verified, then files/). */
export const attachmentKey = (feedbackId: string, attachmentId: string) => `feedback/${feedbackId}/${attachmentId}`;

/** `PAKN-261201-0007`: the portal-wide daily sequence, date in Asia/Ho_Chi_Minh. */
export const formatFeedbackCode = (localDate: string, sequence: number) =>
  `PAKN-${localDate.slice(2, 4)}${localDate.slice(5, 7)}${localDate.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;

export interface AgencyInfo {
  code: string;
  name: string;
  parentCode: string | null;
}

/** The record after an allowed transition (the caller checked it with decideFeedback). */
export const applyFeedbackTransition = (
  f: FeedbackRecord,
  t: FeedbackTransition,
  ctx: { actor: FeedbackActor; at: string; input: { reason?: string; note?: string; answer?: string }; agency?: AgencyInfo },
): FeedbackRecord => {
  const next: FeedbackRecord = { ...f, status: t.to, version: f.version + 1 };
  switch (t.action) {
    case 'accept':
      next.decidedAt = ctx.at;
      break;
    case 'reject':
      next.decidedAt = ctx.at;
      next.rejection = ctx.input.reason!.trim();
      break;
    case 'assign':
    case 'transfer':
      next.agencyCode = ctx.agency!.code;
      next.agencyName = ctx.agency!.name;
      next.agencyParentCode = ctx.agency!.parentCode;
      // A new agency has its own two days to accept or reject.
      next.receivedAt = ctx.at;
      next.decidedAt = null;
      break;
    case 'request_info':
      next.infoRequest = ctx.input.note!.trim();
      next.firstInfoRequestAt ??= ctx.at;
      break;
    case 'provide_info':
      next.content = `${f.content}\n\n[Bổ sung ${ctx.at.slice(0, 10)}] ${ctx.input.note!.trim()}`;
      next.infoRequest = null;
      break;
    case 'answer':
      next.answeredAt = ctx.at;
      next.answer = { text: ctx.input.answer!.trim(), agencyCode: f.agencyCode ?? 'portal', agencyName: f.agencyName ?? 'Cổng Dịch vụ công quốc gia', answeredAt: ctx.at };
      break;
    case 'publish':
      next.publishedAt = ctx.at;
      break;
  }
  next.history = [...f.history, { at: ctx.at, action: t.action, from: f.status, to: t.to, actor: ctx.actor, agencyCode: next.agencyCode }];
  return next;
};
