// Public tracking by dossier code and the applicant's ID number or enterprise code (R-DOSSIER-TRACKING):
// no account needed, and nothing revealed unless both match.
import type * as z from 'zod';
import { statusCode } from '../../../shared/contracts/dossier-status';
import type { TrackQuery } from '../../../shared/contracts/dossiers';
import { notFound } from '../../../shared/errors/domain-error';
import type { DossierContext } from './context';
import { lateOf } from './views';

export const track = async (ctx: DossierContext, query: z.output<typeof TrackQuery>) => {
  const d = await ctx.store.findByCode(query.code);
  // The same answer for "no such code" and "wrong ID": the code alone reveals nothing.
  if (!d || (d.applicant.idNumber !== query.applicantId && d.applicant.enterpriseCode !== query.applicantId)) throw notFound('Dossier');
  const [history, calendar] = await Promise.all([ctx.store.history(d.id), d.dueAt ? ctx.calendar() : null]);
  // The same judgement as the dossier's own read (`late`), so the public page never re-derives it.
  const { late, appointmentAt } = lateOf(ctx, d, calendar);
  return {
    code: d.code!,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyName: d.agencyName,
    status: d.status,
    statusCode: statusCode(d.status),
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueDate: d.dueAt,
    late,
    appointmentAt,
    history: history.filter((h) => h.from !== h.to).map((h) => ({ at: h.at, status: h.to, statusCode: statusCode(h.to) })),
  };
};
