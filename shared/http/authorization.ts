// Who is calling, and may they use this route (docs/requirements.md R-API-ROUTES). The caller is
// read once per request from the authorizer's verdict in the event; a middleware used after the
// kit's own may establish a caller the authorizer could not (signed bodies, functions/identity).
// The route's rule is checked before its body is even read: 401 when the caller is not the right
// kind, 403 when the group is wrong.
import { authorize, principalOf, type Principal } from '../auth/principal';
import type { AuthRule } from '../platform/types';
import type { ApiMiddleware } from './context';

const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Puts the caller the authorizer established on `context.principal`. */
export const callerPrincipal = (): ApiMiddleware => ({
  before: ({ event, context }) => {
    context.principal = principalOf(event);
  },
});

/** The caller established so far, anonymous when none was (fail-closed). */
export const principalIn = (context: { principal?: Principal }): Principal => context.principal ?? ANONYMOUS;

/** Enforces one route's declared rule on the caller. */
export const routeAuthorization = (rule: AuthRule): ApiMiddleware => ({
  before: ({ context }) => {
    authorize(rule, principalIn(context));
  },
});
