// What the API shows of a dossier: the full view (with the history and the actions the viewer may
// take), the list summary, and "late" judged once on the working calendar (R-LATE), the same
// for every read.
import type { Principal } from '../../../shared/auth/principal';
import { ownsResource } from '../../../shared/auth/scope';
import type { WorkingCalendar } from '../../../shared/calendar';
import { statusCode } from '../../../shared/contracts/dossier-status';
import type { DossierView } from '../../../shared/contracts/dossiers';
import type { DossierEvent, DossierRecord, ListEntry } from '../domain/dossier';
import { lateState } from '../domain/late';
import { allowedActions, type ActorKind } from '../domain/transitions';
import { officialInScope, type DossierContext } from './context';

export const lateOf = (ctx: DossierContext, d: ListEntry, calendar: WorkingCalendar | null) => {
  if (!d.dueAt || !calendar) return { late: false, apologyRequired: false, appointmentAt: null };
  const state = lateState({ dueAt: d.dueAt, status: d.status, finishedAt: d.finishedAt, pausedAt: d.pausedAt, apologies: d.apologies, now: ctx.now() }, calendar);
  return { late: state.late, apologyRequired: state.apologyRequired, appointmentAt: state.appointmentAt?.toISOString() ?? null };
};

export const view = async (ctx: DossierContext, d: DossierRecord, history: readonly DossierEvent[], principal: Principal): Promise<DossierView> => {
  const calendar = d.dueAt ? await ctx.calendar() : null;
  const viewer: ActorKind | null = ownsResource(principal, d.applicant) ? 'applicant' : officialInScope(principal, d) ? 'official' : null;
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyCode: d.agencyCode,
    agencyName: d.agencyName,
    status: d.status,
    statusCode: statusCode(d.status),
    version: d.version,
    channel: d.channel,
    createdAt: d.createdAt,
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueDate: d.dueAt,
    finishedAt: d.finishedAt,
    returnedAt: d.returnedAt,
    delivery: d.delivery,
    postalAddress: (d.postalAddress as DossierView['postalAddress']) ?? null,
    contact: d.contact,
    applicant: { type: d.applicant.type, idNumber: d.applicant.idNumber, enterpriseCode: d.applicant.enterpriseCode, vneidVerified: d.applicant.vneidVerified },
    form: d.form,
    prefilled: (d.prefilled ?? []).map(({ name, source, readAt }) => ({ name, source, readAt })),
    components: d.components,
    attachments: d.attachments.map(({ round: _round, ...a }) => a),
    supplementRequest: d.supplementRequest,
    history: history.map((h) => ({ at: h.at, actor: { kind: h.actor.kind }, action: h.action, from: h.from, to: h.to, note: h.note })),
    apologies: d.apologies.map((a) => ({ issuedAt: new Date(a.issuedAt).toISOString(), newDueDate: a.newDueDate, reason: a.reason })),
    late: lateOf(ctx, d, calendar),
    allowedActions: viewer ? allowedActions(d.status, viewer) : [],
  };
};

/** The view of a dossier as stored now, with its history. */
export const currentView = async (ctx: DossierContext, d: DossierRecord, principal: Principal): Promise<DossierView> =>
  view(ctx, d, await ctx.store.history(d.id), principal);

/** List summaries of records or list entries (the work-queue lists hold only what this reads). */
export const summaries = async (ctx: DossierContext, items: readonly ListEntry[], nextCursor: string | null) => {
  const calendar = items.some((d) => d.dueAt) ? await ctx.calendar() : null;
  return {
    items: items.map((d) => ({
      id: d.id, code: d.code, procedureCode: d.procedureCode, procedureName: d.procedureName, agencyCode: d.agencyCode,
      status: d.status, statusCode: statusCode(d.status), version: d.version, createdAt: d.createdAt,
      submittedAt: d.submittedAt, dueDate: d.dueAt, late: lateOf(ctx, d, calendar),
    })),
    nextCursor,
  };
};
