// The feedback workflow's one write path (docs/requirements.md R-FEEDBACK-WORKFLOW): the caller's
// role for the item decides which actions it may take (domain/workflow.ts), at the version it read;
// an answer moves the agency's monthly indicator counters in the same transaction.
import type * as z from 'zod';
import type { Principal } from '../../shared/auth/principal';
import { localDate, type WorkingCalendar } from '../../shared/calendar';
import type { FeedbackActionBody, FeedbackView } from '../../shared/contracts/feedback';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../shared/errors/domain-error';
import type { FeedbackStore } from './adapters/feedback-store';
import type { FeedbackContext } from './deps';
import { actorFor } from './domain/access';
import { applyFeedbackTransition, type AgencyInfo, type FeedbackRecord } from './domain/feedback';
import { fullView } from './domain/views';
import { answeredOnTime, decideFeedback, deadlinesOf } from './domain/workflow';
import { knownAgency } from './submit';

type Counters = Parameters<FeedbackStore['save']>[2];

/** Indicators 5.2 (answered on time) and 5.3 (late or repeated answers), per agency and month of the answer. */
const answerCounters = (before: FeedbackRecord, answered: FeedbackRecord, calendar: WorkingCalendar): Counters => {
  const at = answered.answeredAt!;
  const onTime = answeredOnTime(at, deadlinesOf(before, calendar).answerBy);
  return {
    agencyCode: answered.answer!.agencyCode, month: localDate(at).slice(0, 7),
    add: { answered: 1, answeredOnTime: onTime ? 1 : 0, answeredLate: onTime ? 0 : 1, answeredRepeated: before.repeated ? 1 : 0 },
  };
};

export const actOnFeedback = async (
  ctx: FeedbackContext, principal: Principal, id: string, body: z.infer<typeof FeedbackActionBody>,
): Promise<FeedbackView> => {
  const f = await ctx.store.get(id);
  const actor = f && actorFor(principal, f);
  if (!f || !actor) throw notFound('Feedback');
  if (body.version !== f.version) throw conflict('VERSION_CONFLICT', `The feedback is at version ${f.version}; read it again`);
  const decision = decideFeedback(f.status, body.action, actor, body);
  if (!decision.ok) {
    if (decision.error === 'MISSING_FIELD') throw badRequest('VALIDATION_FAILED', decision.message, [{ path: `body.${decision.field}`, message: 'is required' }]);
    if (decision.error === 'NOT_ALLOWED') throw forbidden(decision.message);
    throw conflict('INVALID_TRANSITION', decision.message);
  }
  let agency: AgencyInfo | undefined;
  if (body.action === 'assign' || body.action === 'transfer') {
    agency = await knownAgency(ctx, body.agencyCode!);
    if (agency.code === f.agencyCode) throw unprocessable('SAME_AGENCY', 'The feedback is already with that agency');
  }
  const at = ctx.now().toISOString();
  const next = applyFeedbackTransition(f, decision.transition, { actor, at, input: body, agency });
  const calendar = await ctx.calendar();
  const counters = body.action === 'answer' ? answerCounters(f, next, calendar) : undefined;
  // Not retried: the actor decided on the version read, and someone else's change may change that decision.
  if (!(await ctx.store.save(next, f.version, counters))) {
    throw conflict('VERSION_CONFLICT', 'The feedback was changed by someone else; read it again');
  }
  return fullView(next, actor, calendar, ctx.now());
};
