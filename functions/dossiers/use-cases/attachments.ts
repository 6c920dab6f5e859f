// Files of a dossier (docs/requirements.md R-API-UPLOADS, R-DOSSIER-RESULT): the applicant's
// documents, per component of the procedure, on a draft or when a supplement is requested; the
// official's result file while processing or done. An upload is presigned, then checked (type by
// content, size) before it counts.
import type * as z from 'zod';
import type { Principal } from '../../../shared/auth/principal';
import { ownsResource } from '../../../shared/auth/scope';
import type { RequestResultUpload, RequestUpload } from '../../../shared/contracts/dossiers';
import { badRequest, conflict, notFound, tooLarge, unprocessable, unsupportedType } from '../../../shared/errors/domain-error';
import { acceptsFile, DEFAULT_MAX_FILE_BYTES, hasRoomFor } from '../domain/components';
import type { AttachmentRecord, DossierRecord } from '../domain/dossier';
import { inScope, officialInScope, owned, readable, update, type DossierContext } from './context';
import { autoReturn } from './transition';
import { currentView } from './views';

/** Result files: what officials may upload when no component says otherwise. */
export const RESULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
/** Files per dossier, all rounds and kinds together (keeps the record far below 400 KB). */
export const MAX_ATTACHMENTS = 200;

export const fileKey = (dossierId: string, attachmentId: string) => `${dossierId}/${attachmentId}`;

/** The applicant's files (those that belong to a component). */
export const applicationFiles = (d: DossierRecord) =>
  d.attachments.filter((a): a is AttachmentRecord & { componentCode: string } => a.kind === 'application' && a.componentCode !== null);

export const withAttachment = (d: DossierRecord, a: AttachmentRecord): DossierRecord => ({
  ...d,
  attachments: d.attachments.map((x) => (x.id === a.id ? a : x)),
});

const fileError = (reason: 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'INVALID_SIZE', message: string) =>
  reason === 'UNSUPPORTED_TYPE' ? unsupportedType('UNSUPPORTED_FILE_TYPE', message)
    : reason === 'TOO_LARGE' ? tooLarge('FILE_TOO_LARGE', message)
      : badRequest('VALIDATION_FAILED', message, [{ path: 'body.size', message }]);

/** Checks uploaded files against what they claimed to be: verified, or rejected with the reason. */
export const verifyAll = async (ctx: DossierContext, pending: readonly AttachmentRecord[], dossierId: string): Promise<AttachmentRecord[]> =>
  Promise.all(pending.map(async (a) => {
    const verdict = await ctx.files.verify({ key: fileKey(dossierId, a.id), contentType: a.contentType, size: a.size, maxBytes: DEFAULT_MAX_FILE_BYTES });
    const at = ctx.now().toISOString();
    return verdict.ok
      ? { ...a, status: 'verified' as const, verifiedAt: at }
      : { ...a, status: 'rejected' as const, rejectedReason: verdict.message };
  }));

const addAttachment = async (
  ctx: DossierContext,
  d: DossierRecord,
  file: Pick<AttachmentRecord, 'kind' | 'componentCode' | 'fileName' | 'contentType' | 'size'>,
) => {
  if (d.attachments.length >= MAX_ATTACHMENTS) throw conflict('TOO_MANY_FILES', `At most ${MAX_ATTACHMENTS} files per dossier`);
  const attachment: AttachmentRecord = {
    ...file, id: ctx.newId(), status: 'pending', rejectedReason: null, createdAt: ctx.now().toISOString(), verifiedAt: null,
    round: d.supplementRounds,
  };
  const ticket = await ctx.files.presignUpload({ key: fileKey(d.id, attachment.id), contentType: attachment.contentType, maxBytes: DEFAULT_MAX_FILE_BYTES });
  await update(ctx, d, (current) => {
    if (current.status !== d.status) throw conflict('INVALID_STATE', 'The dossier changed; read it again');
    return { ...current, attachments: [...current.attachments, attachment] };
  });
  return { attachmentId: attachment.id, url: ticket.url, fields: ticket.fields, expiresAt: ticket.expiresAt };
};

export const requestUpload = async (ctx: DossierContext, principal: Principal, id: string, body: z.output<typeof RequestUpload>) => {
  const d = await owned(ctx, principal, id);
  if (d.status !== 'draft' && d.status !== 'supplement_requested') {
    throw conflict('INVALID_STATE', 'Files can be added to a draft, or when a supplement is requested');
  }
  const component = d.components.find((c) => c.code === body.componentCode);
  if (!component) {
    throw unprocessable('UNKNOWN_COMPONENT', 'This procedure has no such document', [{ path: 'body.componentCode', message: `one of ${d.components.map((c) => c.code).join(', ')}` }]);
  }
  const verdict = acceptsFile(component, body);
  if (!verdict.ok) throw fileError(verdict.reason, verdict.message);
  const current = applicationFiles(d).filter((a) => a.round === d.supplementRounds);
  if (!hasRoomFor(component, current)) {
    throw conflict('TOO_MANY_FILES', `At most ${component.maxFiles} file(s) for this document`);
  }
  return addAttachment(ctx, d, {
    kind: 'application', componentCode: component.code, fileName: body.fileName, contentType: verdict.contentType, size: body.size,
  });
};

export const requestResultUpload = async (ctx: DossierContext, principal: Principal, id: string, body: z.output<typeof RequestResultUpload>) => {
  const d = await inScope(ctx, principal, id);
  if (d.status !== 'processing' && d.status !== 'done') {
    throw conflict('INVALID_STATE', 'A result can be attached while the dossier is processing or done');
  }
  const verdict = acceptsFile({ accept: RESULT_TYPES }, body);
  if (!verdict.ok) throw fileError(verdict.reason, verdict.message);
  return addAttachment(ctx, d, { kind: 'result', componentCode: null, fileName: body.fileName, contentType: verdict.contentType, size: body.size });
};

/** Checks an uploaded file; it counts for submission or as the result only once verified. */
export const completeUpload = async (ctx: DossierContext, principal: Principal, id: string, attachmentId: string) => {
  const d = await readable(ctx, principal, id);
  const attachment = d.attachments.find((a) => a.id === attachmentId);
  const mayComplete = attachment && (attachment.kind === 'application' ? ownsResource(principal, d.applicant) : officialInScope(principal, d));
  if (!attachment || !mayComplete) throw notFound('Attachment');
  let after = d;
  if (attachment.status === 'pending') {
    const [checked] = await verifyAll(ctx, [attachment], d.id);
    after = await update(ctx, d, (current) => withAttachment(current, checked!));
    // A verified result on a dossier that is done: the portal may return it online now.
    if (checked!.kind === 'result' && checked!.status === 'verified') after = await autoReturn(ctx, after);
  }
  return currentView(ctx, after, principal);
};

export const download = async (ctx: DossierContext, principal: Principal, id: string, attachmentId: string) => {
  const d = await readable(ctx, principal, id);
  const attachment = d.attachments.find((a) => a.id === attachmentId && a.status === 'verified');
  if (!attachment) throw notFound('Attachment');
  return ctx.files.presignDownload({ key: fileKey(d.id, attachment.id), fileName: attachment.fileName });
};
