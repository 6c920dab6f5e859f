// The applicant's own steps (R-DOSSIER-ACTIONS): submit a draft (pending files verified, required
// components checked, the code assigned), supplement what an official asked for, withdraw.
import type { Principal } from '../../../shared/auth/principal';
import type { DossierView } from '../../../shared/contracts/dossiers';
import { badRequest, conflict, forbidden, unprocessable } from '../../../shared/errors/domain-error';
import { attachmentProblems } from '../domain/components';
import { eidLevelAllowsSubmission } from '../domain/eid-level';
import { lockedFieldDetails, tamperedLockedFields } from '../domain/prefill';
import type { DossierRecord } from '../domain/dossier';
import { allowedActions, type Actor, type DossierAction } from '../domain/transitions';
import { applicationFiles, verifyAll, withAttachment } from './attachments';
import { owned, principalId, type DossierContext } from './context';
import { transition } from './transition';
import { currentView, view } from './views';

const applicant = (principal: Principal): Actor => ({ kind: 'applicant', id: principalId(principal) });
/** Whether the table lets the applicant take the action now (its file checks apply only then). */
const applicantMay = (d: DossierRecord, action: DossierAction) => allowedActions(d.status, 'applicant').includes(action);

/** Submission: pending files are verified, required components checked, the code assigned. */
export const submit = async (ctx: DossierContext, principal: Principal, id: string): Promise<DossierView> => {
  let d = await owned(ctx, principal, id);
  if (!applicantMay(d, 'submit')) throw conflict('INVALID_TRANSITION', `cannot submit a dossier in status ${d.status}`);
  // Online submission needs e-ID level 2 (docs/dossiers.md); desk dossiers come through agency systems, not here.
  if (principal.kind === 'user' && !eidLevelAllowsSubmission(principal.eidLevel)) {
    throw forbidden('An e-ID account of level 1 cannot submit dossiers online; upgrade it to level 2 in the VNeID app', 'EID_LEVEL_TOO_LOW');
  }
  const tampered = tamperedLockedFields(d.prefilled, d.form);
  if (tampered.length) throw unprocessable('LOCKED_FIELD_CHANGED', "Some fields no longer hold the State's data they were filled with", lockedFieldDetails(tampered, 'form.'));
  const pending = d.attachments.filter((a) => a.status === 'pending');
  if (pending.length) d = (await verifyAll(ctx, pending, d.id)).reduce(withAttachment, d);
  const problems = attachmentProblems(d.components, applicationFiles(d));
  if (problems.length) {
    // The verdicts on the files are kept: the applicant sees which ones were rejected.
    if (pending.length) await ctx.store.save({ ...d, version: d.version + 1 }, d.version);
    throw unprocessable('MISSING_COMPONENTS', 'Some required documents are missing or not valid', problems.map((p) => ({ path: p.path, message: p.message })));
  }
  const after = await transition(ctx, d, applicant(principal), 'submit', {});
  // A draft has no history: the submission is its first entry (no read-back: R-PERF-SUBMIT, ≤ 3 round trips).
  return view(ctx, after.record, [after.event], principal);
};

/** The supplement an official requested: this round's files, every requested component verified. */
export const supplement = async (ctx: DossierContext, principal: Principal, id: string, body: { note?: string; attachmentIds?: string[] }): Promise<DossierView> => {
  let d = await owned(ctx, principal, id);
  if (applicantMay(d, 'supplement')) {
    const round = applicationFiles(d).filter((a) => a.round === d.supplementRounds);
    const unknown = (body.attachmentIds ?? []).filter((aid) => !round.some((a) => a.id === aid));
    if (unknown.length) throw badRequest('VALIDATION_FAILED', 'Unknown attachments', [{ path: 'body.attachmentIds', message: `not files of this supplement round: ${unknown.join(', ')}` }]);
    const pending = round.filter((a) => a.status === 'pending');
    if (pending.length) d = (await verifyAll(ctx, pending, d.id)).reduce(withAttachment, d);
    const verified = new Set(d.attachments.filter((a) => a.round === d.supplementRounds && a.status === 'verified').map((a) => a.componentCode));
    const missing = (d.supplementRequest?.missingComponents ?? []).filter((c) => !verified.has(c));
    if (missing.length) {
      throw unprocessable('MISSING_COMPONENTS', 'Upload the requested documents first', missing.map((c) => ({ path: `components.${c}`, message: 'requested, no verified file in this round' })));
    }
  }
  // In any other status the table refuses it (a conflict: INVALID_TRANSITION).
  const after = await transition(ctx, d, applicant(principal), 'supplement', body);
  return currentView(ctx, after.record, principal);
};

export const withdraw = async (ctx: DossierContext, principal: Principal, id: string, body: { reason: string }): Promise<DossierView> => {
  const d = await owned(ctx, principal, id);
  const after = await transition(ctx, d, applicant(principal), 'withdraw', body);
  return currentView(ctx, after.record, principal);
};
