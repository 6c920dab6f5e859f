// The sender's evidence (docs/feedback.md "Evidence"): files added while the item is submitted or
// information is requested, through the shared upload flow (shared/uploads/upload-flow.ts):
// presigned POST, verified after upload, never public. The sender and the officials of the agency
// it is with (or administrators) download it; nobody else.
import type { Principal } from '../../shared/auth/principal';
import type { FeedbackView } from '../../shared/contracts/feedback';
import { conflict, notFound } from '../../shared/errors/domain-error';
import { done, lostRace, retryOnConflict } from '../../shared/retry/retry-on-conflict';
import { ensureRoom, type DeclaredFile } from '../../shared/uploads/upload-rules';
import type { UploadTicketBody } from '../../shared/uploads/upload-flow';
import type { FeedbackContext } from './deps';
import { actorFor, isSender } from './domain/access';
import { acceptsAttachments, EVIDENCE_TYPES, MAX_ATTACHMENTS, type FeedbackRecord } from './domain/feedback';
import { fullView } from './domain/views';

type Attachments = FeedbackRecord['attachments'];

const ownItem = async (ctx: FeedbackContext, principal: Principal, id: string): Promise<FeedbackRecord> => {
  const f = await ctx.store.get(id);
  if (!f || !isSender(principal, f)) throw notFound('Feedback');
  return f;
};

/**
 * Attachment changes touch only their own entry of the list, so a save that lost a race (the
 * sender adding several files at once, an official's step meanwhile) is re-applied to the fresh
 * record instead of failing the sender's upload. `change` sees the current record and may throw
 * (the feedback no longer takes files, the entry is gone).
 */
const changeAttachments = (ctx: FeedbackContext, principal: Principal, id: string, change: (f: FeedbackRecord) => Attachments) =>
  retryOnConflict(async () => {
    const f = await ownItem(ctx, principal, id);
    const next: FeedbackRecord = { ...f, version: f.version + 1, attachments: change(f) };
    return (await ctx.store.save(next, f.version)) ? done(next) : lostRace;
  }, () => conflict('VERSION_CONFLICT', 'The feedback keeps changing; try again'));

/** Throws unless the item takes one more file: submitted or information requested (409), fewer than 5 verified (409). */
const ensureTakesFiles = (f: FeedbackRecord): void => {
  if (!acceptsAttachments(f)) throw conflict('NOT_ACCEPTING_FILES', `Files can be added while the feedback is submitted or information is requested, not ${f.status}`);
  ensureRoom((f.attachments ?? []).filter((a) => a.status === 'verified').length, MAX_ATTACHMENTS, 'per feedback');
};

export const requestEvidenceUpload = async (ctx: FeedbackContext, principal: Principal, id: string, file: DeclaredFile): Promise<UploadTicketBody> => {
  const f = await ownItem(ctx, principal, id);
  ensureTakesFiles(f); // refused before anything is signed, and again on the record the entry joins
  return ctx.evidence.request({
    ownerId: f.id, file, accept: EVIDENCE_TYPES,
    record: (entry, at) => changeAttachments(ctx, principal, id, (current) => {
      ensureTakesFiles(current);
      return [...(current.attachments ?? []), { ...entry, uploadedAt: at }];
    }),
  });
};

export const completeEvidenceUpload = async (ctx: FeedbackContext, principal: Principal, id: string, attachmentId: string): Promise<FeedbackView> => {
  const f = await ownItem(ctx, principal, id);
  const a = (f.attachments ?? []).find((x) => x.id === attachmentId);
  if (!a) throw notFound('Attachment');
  if (a.status === 'verified') return fullView(f, 'sender', await ctx.calendar(), ctx.now());
  const outcome = await ctx.evidence.complete(f.id, a);
  if (outcome.status === 'rejected') {
    // A file that is not what it claims is forgotten, so it is neither counted nor offered.
    await changeAttachments(ctx, principal, id, (current) => (current.attachments ?? []).filter((x) => x.id !== a.id));
    throw outcome.error;
  }
  const next = await changeAttachments(ctx, principal, id, (current) => {
    if (!(current.attachments ?? []).some((x) => x.id === a.id)) throw notFound('Attachment');
    return current.attachments.map((x) => (x.id === a.id ? { ...x, status: 'verified' as const } : x));
  });
  return fullView(next, 'sender', await ctx.calendar(), ctx.now());
};

/** The sender, and officials of the agency it is with (or admins), download evidence; nobody else. */
export const downloadEvidence = async (ctx: FeedbackContext, principal: Principal, id: string, attachmentId: string) => {
  const f = await ctx.store.get(id);
  if (!f || !actorFor(principal, f)) throw notFound('Attachment');
  return ctx.evidence.download(f.id, f.attachments, attachmentId);
};
