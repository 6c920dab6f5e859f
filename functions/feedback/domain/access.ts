// Who the caller is for one feedback item, and which queue an official or administrator reads.
// Pure: the caller has the item (and, for a queue, the agency) in hand.
import type { Principal } from '../../../shared/auth/principal';
import { agencyInScope } from '../../../shared/auth/scope';
import type { FeedbackRecord } from './feedback';
import type { FeedbackActor } from './workflow';

/** The queue of items not yet routed to an agency: the portal's administrators handle it. */
export const PORTAL_QUEUE = 'portal';

/** Its sender, an official of the agency it is with, an administrator; anyone else is nobody here (null). */
export const actorFor = (principal: Principal, f: Pick<FeedbackRecord, 'agencyCode' | 'agencyParentCode' | 'sender'>): FeedbackActor | null => {
  if (principal.kind !== 'user') return null;
  if (principal.groups.includes('admin')) return 'admin';
  if (principal.groups.includes('official') && f.agencyCode && agencyInScope(principal, { code: f.agencyCode, parentCode: f.agencyParentCode })) return 'official';
  if (principal.sub === f.sender.sub) return 'sender';
  return null;
};

/** Whether the caller sent the item (only the sender adds evidence). */
export const isSender = (principal: Principal, f: Pick<FeedbackRecord, 'sender'>): boolean =>
  principal.kind === 'user' && principal.sub === f.sender.sub;

export const isAdmin = (principal: Principal): boolean => principal.kind === 'user' && principal.groups.includes('admin');

/**
 * The queue an official or administrator asked for: the one named, else an administrator's
 * PORTAL_QUEUE, else the official's first agency; null when the caller serves none.
 */
export const queueOf = (principal: Principal, asked: string | undefined): string | null =>
  asked ?? (isAdmin(principal) ? PORTAL_QUEUE : (principal.kind === 'user' ? principal.agencyScope[0] : undefined)) ?? null;
