// Sending feedback (docs/feedback.md "Sending"): about an agency and a procedure of the catalogue
// or neither (then the portal's administrators route it), numbered on the portal-wide daily
// sequence, marked `repeated` when the sender sent the same subject to the same agency before.
import type * as z from 'zod';
import type { Principal } from '../../shared/auth/principal';
import { localDate } from '../../shared/calendar';
import type { FeedbackView, SubmitFeedback } from '../../shared/contracts/feedback';
import { forbidden, unprocessable } from '../../shared/errors/domain-error';
import type { FeedbackContext } from './deps';
import { formatFeedbackCode, type AgencyInfo, type FeedbackRecord } from './domain/feedback';
import { fullView } from './domain/views';

/** The catalogue's agency, or 422 UNKNOWN_AGENCY on `body.agencyCode`. */
export const knownAgency = async (ctx: FeedbackContext, code: string): Promise<AgencyInfo> => {
  const agency = await ctx.catalogue.getAgency(code);
  if (!agency) throw unprocessable('UNKNOWN_AGENCY', 'No such agency in the catalogue', [{ path: 'body.agencyCode', message: 'unknown agency' }]);
  return agency;
};

export const submitFeedback = async (ctx: FeedbackContext, principal: Principal, body: z.infer<typeof SubmitFeedback>): Promise<FeedbackView> => {
  if (principal.kind !== 'user') throw forbidden();
  const agency = body.agencyCode ? await knownAgency(ctx, body.agencyCode) : undefined;
  if (body.procedureCode && !(await ctx.catalogue.getProcedure(body.procedureCode))) {
    throw unprocessable('UNKNOWN_PROCEDURE', 'No such procedure in the catalogue', [{ path: 'body.procedureCode', message: 'unknown procedure' }]);
  }
  const now = ctx.now();
  const at = now.toISOString();
  const id = ctx.newId();
  const [sequence, firstOfSubject] = await Promise.all([
    ctx.store.nextCode(localDate(now)),
    ctx.store.claimSubject(principal.sub, agency?.code ?? null, body.subject, id),
  ]);
  const f: FeedbackRecord = {
    id, code: formatFeedbackCode(localDate(now), sequence), category: body.category, subject: body.subject, content: body.content,
    procedureCode: body.procedureCode ?? null, agencyCode: agency?.code ?? null, agencyName: agency?.name ?? null,
    agencyParentCode: agency?.parentCode ?? null, status: 'submitted', version: 1,
    sender: {
      sub: principal.sub, name: principal.name ?? null, idNumber: principal.idNumber ?? principal.enterpriseCode ?? null,
      email: principal.email ?? null, phone: principal.phone ?? null,
    },
    submittedAt: at, receivedAt: at, decidedAt: null, firstInfoRequestAt: null, infoRequest: null, rejection: null,
    answer: null, answeredAt: null, publishedAt: null, likes: 0, dislikes: 0, repeated: !firstOfSubject, attachments: [], history: [],
  };
  await ctx.store.create(f);
  return fullView(f, 'sender', await ctx.calendar(), ctx.now());
};
