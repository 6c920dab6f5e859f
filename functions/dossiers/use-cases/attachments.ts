// Files of a dossier (docs/requirements.md R-API-UPLOADS, R-DOSSIER-RESULT): the applicant's
// documents, per component of the procedure, on a draft or when a supplement is requested; the
// official's result file while processing or done. They follow the shared upload flow
// (shared/uploads/upload-flow.ts): presigned, then checked (type by content, size) before they
// count. The dossier's own rules stay here: who may act, in which states, how many files, and that
// a file failing its check is kept as `rejected` with the reason, so the applicant sees which one.
import type * as z from 'zod';
import type { Principal } from '../../../shared/auth/principal';
import { ownsResource } from '../../../shared/auth/scope';
import type { RequestResultUpload, RequestUpload } from '../../../shared/contracts/dossiers';
import { conflict, notFound, unprocessable } from '../../../shared/errors/domain-error';
import { admitDeclaredFile, ensureRoom, type DeclaredFile } from '../../../shared/uploads/upload-rules';
import { liveFileCount, type Component } from '../domain/components';
import type { AttachmentRecord, DossierRecord } from '../domain/dossier';
import { inScope, officialInScope, owned, readable, update, type DossierContext } from './context';
import { autoReturn } from './transition';
import { currentView } from './views';

/** Result files: what officials may upload when no component says otherwise. */
export const RESULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
/** Files per dossier, all rounds and kinds together (keeps the record far below 400 KB). */
export const MAX_ATTACHMENTS = 200;

/** The applicant's files (those that belong to a component). */
export const applicationFiles = (d: DossierRecord) =>
  d.attachments.filter((a): a is AttachmentRecord & { componentCode: string } => a.kind === 'application' && a.componentCode !== null);

export const withAttachment = (d: DossierRecord, a: AttachmentRecord): DossierRecord => ({
  ...d,
  attachments: d.attachments.map((x) => (x.id === a.id ? a : x)),
});

/** What arrived for a pending file, judged: verified, or rejected and kept with the reason. */
const settled = async (ctx: DossierContext, dossierId: string, a: AttachmentRecord): Promise<AttachmentRecord> => {
  const outcome = await ctx.uploads.complete(dossierId, a);
  return outcome.status === 'verified'
    ? { ...a, status: 'verified', verifiedAt: outcome.at }
    : { ...a, status: 'rejected', rejectedReason: outcome.message };
};

/** Checks uploaded files against what they claimed to be: verified, or rejected with the reason. */
export const verifyAll = (ctx: DossierContext, pending: readonly AttachmentRecord[], dossierId: string): Promise<AttachmentRecord[]> =>
  Promise.all(pending.map((a) => settled(ctx, dossierId, a)));

/** 409 TOO_MANY_FILES when the dossier holds MAX_ATTACHMENTS files (all rounds and kinds). */
const ensureDossierRoom = (d: DossierRecord) => ensureRoom(d.attachments.length, MAX_ATTACHMENTS, 'per dossier');

/** 409 TOO_MANY_FILES when the component's live files of this round fill its `maxFiles`, or the dossier is full. */
const ensureComponentRoom = (d: DossierRecord, component: Pick<Component, 'code' | 'maxFiles'>) => {
  const thisRound = applicationFiles(d).filter((a) => a.round === d.supplementRounds);
  ensureRoom(liveFileCount(component.code, thisRound), component.maxFiles, 'for this document');
  ensureDossierRoom(d);
};

/**
 * Signs the upload of a declared file and records its pending entry on the dossier. The room is
 * checked again on the record the entry joins, and the dossier must still be in the status it was
 * read in.
 */
const addFile = (
  ctx: DossierContext,
  d: DossierRecord,
  input: { file: DeclaredFile; accept: readonly string[]; place: Pick<AttachmentRecord, 'kind' | 'componentCode'>; ensureRoomOn: (current: DossierRecord) => void },
) => ctx.uploads.request({
  ownerId: d.id, file: input.file, accept: input.accept,
  record: (entry, at) => update(ctx, d, (current) => {
    if (current.status !== d.status) throw conflict('INVALID_STATE', 'The dossier changed; read it again');
    input.ensureRoomOn(current);
    const attachment: AttachmentRecord = {
      ...entry, ...input.place, rejectedReason: null, createdAt: at, verifiedAt: null, round: current.supplementRounds,
    };
    return { ...current, attachments: [...current.attachments, attachment] };
  }),
});

export const requestUpload = async (ctx: DossierContext, principal: Principal, id: string, body: z.output<typeof RequestUpload>) => {
  const d = await owned(ctx, principal, id);
  if (d.status !== 'draft' && d.status !== 'supplement_requested') {
    throw conflict('INVALID_STATE', 'Files can be added to a draft, or when a supplement is requested');
  }
  const component = d.components.find((c) => c.code === body.componentCode);
  if (!component) {
    throw unprocessable('UNKNOWN_COMPONENT', 'This procedure has no such document', [{ path: 'body.componentCode', message: `one of ${d.components.map((c) => c.code).join(', ')}` }]);
  }
  // The declared file is judged before the room: a wrong type or size is reported even on a full component.
  admitDeclaredFile({ accept: component.accept, maxBytes: ctx.uploads.maxBytes }, body);
  ensureComponentRoom(d, component);
  return addFile(ctx, d, {
    file: body, accept: component.accept, place: { kind: 'application', componentCode: component.code },
    ensureRoomOn: (current) => ensureComponentRoom(current, component),
  });
};

export const requestResultUpload = async (ctx: DossierContext, principal: Principal, id: string, body: z.output<typeof RequestResultUpload>) => {
  const d = await inScope(ctx, principal, id);
  if (d.status !== 'processing' && d.status !== 'done') {
    throw conflict('INVALID_STATE', 'A result can be attached while the dossier is processing or done');
  }
  admitDeclaredFile({ accept: RESULT_TYPES, maxBytes: ctx.uploads.maxBytes }, body);
  ensureDossierRoom(d);
  return addFile(ctx, d, { file: body, accept: RESULT_TYPES, place: { kind: 'result', componentCode: null }, ensureRoomOn: ensureDossierRoom });
};

/** Checks an uploaded file; it counts for submission or as the result only once verified. */
export const completeUpload = async (ctx: DossierContext, principal: Principal, id: string, attachmentId: string) => {
  const d = await readable(ctx, principal, id);
  const attachment = d.attachments.find((a) => a.id === attachmentId);
  const mayComplete = attachment && (attachment.kind === 'application' ? ownsResource(principal, d.applicant) : officialInScope(principal, d));
  if (!attachment || !mayComplete) throw notFound('Attachment');
  let after = d;
  if (attachment.status === 'pending') {
    const checked = await settled(ctx, d.id, attachment);
    after = await update(ctx, d, (current) => withAttachment(current, checked));
    // A verified result on a dossier that is done: the portal may return it online now.
    if (checked.kind === 'result' && checked.status === 'verified') after = await autoReturn(ctx, after);
  }
  return currentView(ctx, after, principal);
};

/** A download link for a verified file of a dossier the caller may read; any other file is 404. */
export const download = async (ctx: DossierContext, principal: Principal, id: string, attachmentId: string) => {
  const d = await readable(ctx, principal, id);
  return ctx.uploads.download(d.id, d.attachments, attachmentId);
};
