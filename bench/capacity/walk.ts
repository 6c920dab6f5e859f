// Online dossiers as the portal would have written them, state by state, for measuring items.
//
// local/seed/dossier-activity.ts generates realistic lifecycles through the dossier domain (the
// transition table, applyDecision, eventOf) but keeps only the final record and the history. This
// walks a generated dossier again from its draft through the same domain functions, so every
// intermediate record (the draft, each attachment added, each transition) exists to be rendered
// by the dossier store, as the service would write it (functions/dossiers/service.ts: create,
// addAttachment, completeUpload, transition).
import { applyDecision, notYetReceived, stateOf, type AttachmentRecord, type DossierEvent, type DossierRecord } from '../../functions/dossiers/domain/dossier';
import { decide } from '../../functions/dossiers/domain/transitions';
import type { WorkingCalendar } from '../../shared/calendar';
import type { GeneratedDossier } from '../../local/seed/dossier-activity';

export type WalkStep =
  /** A file asked for (requestUpload: pending), or checked (completeUpload: verified). */
  | { kind: 'attachment'; phase: 'request' | 'complete'; fileKind: AttachmentRecord['kind']; before: DossierRecord; after: DossierRecord }
  | { kind: 'transition'; action: string; actorKind: string; before: DossierRecord; after: DossierRecord; event: DossierEvent };

export interface Walk { draft: DossierRecord; steps: WalkStep[]; final: GeneratedDossier }

/** The input a history entry's action was taken with, recovered from the entry and the final record. */
const inputOf = (event: DossierEvent, final: DossierRecord, state: DossierRecord, apologyIndex: number): Record<string, unknown> => {
  const note = event.note ?? undefined;
  switch (event.action) {
    case 'refuse': case 'stop': case 'withdraw': return { reason: note ?? 'reason' };
    case 'request_supplement': {
      const round = state.supplementRounds + 1;
      const missing = final.attachments.filter((a) => a.kind === 'application' && a.round === round).map((a) => a.componentCode!);
      return { missingComponents: missing.length ? missing : [state.components[0]!.code], note: note ?? 'note' };
    }
    case 'issue_apology': {
      const apology = final.apologies[apologyIndex]!;
      return { newDueDate: apology.newDueDate, reason: apology.reason };
    }
    default: return note ? { note } : {};
  }
};

/** The states of one generated online dossier, from its draft to its last event. */
export const walkOf = (generated: GeneratedDossier, calendar: WorkingCalendar): Walk => {
  const final = generated.record;
  if (final.channel !== 'online') throw new Error('walkOf: only online dossiers start as drafts');
  const draft: DossierRecord = {
    ...final, status: 'draft', version: 1, code: null, submittedAt: null, updatedAt: final.createdAt, attachments: [], ...notYetReceived(),
  };
  const steps: WalkStep[] = [];
  let d = draft;
  /** requestUpload then completeUpload of each file (the web client's two calls per file). */
  const upload = (files: readonly AttachmentRecord[]) => {
    for (const file of files) {
      const pending: AttachmentRecord = { ...file, status: 'pending', verifiedAt: null };
      const requested = { ...d, version: d.version + 1, attachments: [...d.attachments, pending] };
      steps.push({ kind: 'attachment', phase: 'request', fileKind: file.kind, before: d, after: requested });
      const completed = { ...requested, version: requested.version + 1, attachments: requested.attachments.map((a) => (a.id === file.id ? file : a)) };
      steps.push({ kind: 'attachment', phase: 'complete', fileKind: file.kind, before: requested, after: completed });
      d = completed;
    }
  };
  upload(final.attachments.filter((a) => a.kind === 'application' && a.round === 0));
  let apologies = 0;
  for (const event of generated.history) {
    if (event.action === 'supplement') upload(final.attachments.filter((a) => a.kind === 'application' && a.round === d.supplementRounds));
    if (event.action === 'finish') upload(final.attachments.filter((a) => a.kind === 'result'));
    const decision = decide(stateOf(d), { action: event.action, actor: event.actor, input: inputOf(event, final, d, apologies), now: new Date(event.at) });
    if (!decision.ok) throw new Error(`walkOf: ${event.action} refused on ${d.status}: ${decision.details.map((x) => x.message).join('; ')}`);
    if (event.action === 'issue_apology') apologies++;
    const after = applyDecision(d, decision, { calendar, code: event.code ?? undefined });
    steps.push({ kind: 'transition', action: event.action, actorKind: event.actor.kind, before: d, after, event });
    d = after;
  }
  return { draft, steps, final: generated };
};
