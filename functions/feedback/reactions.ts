// Likes and dislikes of published answers (docs/feedback.md "Reactions"): one reaction per person,
// counted exactly however many react at once (the store moves the person's reaction and the item's
// counts in one conditional transaction; a write that lost a race is read again and retried).
import type { Principal } from '../../shared/auth/principal';
import { conflict, forbidden, notFound } from '../../shared/errors/domain-error';
import { done, lostRace, retryOnConflict, type RetryPolicy } from '../../shared/retry/retry-on-conflict';
import type { FeedbackContext } from './deps';

/**
 * More attempts than the default: every reaction to an item moves that one item's counts, so a
 * popular answer liked by many people at once makes transactions conflict among different people,
 * not only one person racing themself (the integration test has a hundred at once).
 */
export const REACTION_RETRY: RetryPolicy = { attempts: 16, baseMs: 10 };

export const reactToFeedback = async (ctx: FeedbackContext, principal: Principal, id: string, like: boolean) => {
  if (principal.kind !== 'user') throw forbidden();
  return retryOnConflict(async () => {
    const f = await ctx.store.get(id);
    if (f?.status !== 'published') throw notFound('Feedback');
    const previous = await ctx.store.reaction(id, principal.sub);
    const outcome = await ctx.store.react(id, principal.sub, like, previous);
    // The same person reacting twice at once, or a transaction conflict: read again and retry.
    if (outcome === 'stale') return lostRace;
    const after = outcome === 'same' ? f : (await ctx.store.get(id))!;
    return done({ like, likes: after.likes, dislikes: after.dislikes });
  }, () => conflict('REACTION_BUSY', 'Too many simultaneous changes; try again'), REACTION_RETRY);
};
