// Reading feedback: the public list and item (published only, without the sender's personal data),
// the sender's own list, and an official's (or an administrator's) queue and item.
import type * as z from 'zod';
import type { Principal } from '../../shared/auth/principal';
import { agencyInScope } from '../../shared/auth/scope';
import type {
  AgencyFeedbackQuery, FeedbackView, MyFeedbackQuery, PublicFeedbackView, PublishedQuery,
} from '../../shared/contracts/feedback';
import { forbidden, notFound } from '../../shared/errors/domain-error';
import { decodeCursor, encodeCursor, isStoreKey } from '../../shared/http/pagination';
import type { FeedbackRecordPage } from './adapters/feedback-store';
import type { FeedbackContext } from './deps';
import { actorFor, isAdmin, PORTAL_QUEUE, queueOf } from './domain/access';
import { fullView, publicView } from './domain/views';
import type { FeedbackRecord } from './domain/feedback';

const pageOf = <T>(page: FeedbackRecordPage, view: (f: FeedbackRecord) => T) =>
  ({ items: page.items.map(view), nextCursor: page.last ? encodeCursor(page.last) : null });

/** Public: a published item without the sender's data; anything else does not exist. */
export const getPublished = async (ctx: FeedbackContext, id: string): Promise<PublicFeedbackView> => {
  const f = await ctx.store.get(id);
  if (f?.status !== 'published') throw notFound('Feedback');
  return publicView(f);
};

export const listPublished = async (ctx: FeedbackContext, query: z.infer<typeof PublishedQuery>) =>
  pageOf(await ctx.store.published({ q: query.q, agency: query.agency }, query.limit, decodeCursor(query.cursor, isStoreKey)), publicView);

export const listMine = async (ctx: FeedbackContext, principal: Principal, query: z.infer<typeof MyFeedbackQuery>) => {
  if (principal.kind !== 'user') throw forbidden();
  const page = await ctx.store.bySender(principal.sub, query.limit, decodeCursor(query.cursor, isStoreKey));
  const [calendar, now] = [await ctx.calendar(), ctx.now()];
  return pageOf(page, (f) => fullView(f, 'sender', calendar, now));
};

/** An official's (or an administrator's) queue: one agency, oldest first, optionally one status. */
export const agencyQueue = async (ctx: FeedbackContext, principal: Principal, query: z.infer<typeof AgencyFeedbackQuery>) => {
  const agency = queueOf(principal, query.agency);
  if (!agency) throw forbidden('You serve no agency');
  if (agency === PORTAL_QUEUE) {
    if (!isAdmin(principal)) throw forbidden('Only the portal administrators route unaddressed feedback');
  } else {
    const info = await ctx.catalogue.getAgency(agency);
    if (!info || !agencyInScope(principal, info)) throw forbidden('That agency is not in your scope');
  }
  const page = await ctx.store.queue(agency, query.status, query.limit, decodeCursor(query.cursor, isStoreKey));
  const [calendar, now] = [await ctx.calendar(), ctx.now()];
  const actor = isAdmin(principal) ? 'admin' : 'official';
  return pageOf(page, (f) => fullView(f, actor, calendar, now));
};

/**
 * One item for an official of the agency it is with, or an administrator: the full view the queue
 * shows. Anyone else (an official of another agency, the sender through this route) gets 404,
 * as for an item that does not exist.
 */
export const getForOffice = async (ctx: FeedbackContext, principal: Principal, id: string): Promise<FeedbackView> => {
  const f = await ctx.store.get(id);
  const actor = f && actorFor(principal, f);
  if (!f || (actor !== 'official' && actor !== 'admin')) throw notFound('Feedback');
  return fullView(f, actor, await ctx.calendar(), ctx.now());
};
