// Completes the signature check of agency-system requests that carry a body: the HTTP API Lambda
// authorizer never sees the body (docs/identity.md), so it lets such requests through as
// `signature: 'body-pending'` with no key id. This middleware, used by every API function that
// serves a body-carrying agency-system route, verifies the signature over the real body, spends
// the nonce, and only then establishes the agency-system caller on the kit's context
// (`context.principal`, docs/operations.md "The HTTP kit"); the event is only read.
//
// Fail-closed: on any failure (or if a function forgets this middleware) the caller stays
// anonymous, and the route's auth rule answers 401 with the error envelope, as
// docs/requirements.md R-SIGN-VERIFY asks for a stale, badly signed or replayed request.
//
//   export const handler = createApiHandler([...]).use(signedBodies());
// `.use` adds it after the kit's own middlewares: it runs once the authorizer's verdict has been
// read and before any route's auth rule.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../../shared/auth/principal';
import { signedHeaders } from '../../shared/auth/agency-signature';
import { MACHINE_SCOPES } from '../../shared/platform/identity';
import type { ApiMiddleware } from '../../shared/http/api';
import { bodyBytes } from '../../shared/http/json-body';
import { logger } from '../../shared/http/logger';
import { AgencySystemRegistry } from './adapters/registry';
import { authenticateSignedRequest, pathWithQuery } from './authenticate';

type LambdaAuthorizerContext = Record<string, unknown>;

const lambdaContextOf = (event: APIGatewayProxyEventV2): LambdaAuthorizerContext | undefined =>
  (event.requestContext as { authorizer?: { lambda?: LambdaAuthorizerContext } }).authorizer?.lambda;

export type SignedBodyVerdict =
  | { kind: 'not-pending' }
  | { kind: 'verified'; principal: Extract<Principal, { kind: 'agency-system' }> }
  | { kind: 'refused'; reason: string };

/** Verifies a body-pending request: the agency system it proves, or why not. */
export const verifySignedBody = async (
  event: APIGatewayProxyEventV2,
  registry: AgencySystemRegistry,
  now = Date.now() / 1000,
): Promise<SignedBodyVerdict> => {
  const context = lambdaContextOf(event);
  if (context?.signature !== 'body-pending') return { kind: 'not-pending' };
  const headers = signedHeaders(event.headers);
  // The authorizer already matched the key id; a different header now is tampering.
  if (typeof context.pendingKeyId !== 'string' || headers.keyId !== context.pendingKeyId) return { kind: 'refused', reason: 'malformed' };
  const result = await authenticateSignedRequest(registry, {
    ...headers,
    method: event.requestContext.http.method,
    pathWithQuery: pathWithQuery(event.rawPath, event.rawQueryString),
    body: bodyBytes(event),
    now,
  });
  if (!result.ok) return { kind: 'refused', reason: result.reason };
  // An HMAC signature holds every scope, as the authorizer's verdict for a bodiless request does.
  return { kind: 'verified', principal: { kind: 'agency-system', keyId: result.system.keyId, agencyCodes: [...result.system.agencyCodes], scopes: [...MACHINE_SCOPES] } };
};

let registry: AgencySystemRegistry | undefined;
const registryOf = () => (registry ??= new AgencySystemRegistry());

export const signedBodies = (opts: { registry?: () => AgencySystemRegistry } = {}): ApiMiddleware => ({
  before: async ({ event, context }) => {
    let verdict: SignedBodyVerdict;
    try {
      verdict = await verifySignedBody(event, opts.registry?.() ?? registryOf());
    } catch (error) {
      logger.error('signed body check failed', { error: error as Error });
      verdict = { kind: 'refused', reason: 'unavailable' };
    }
    if (verdict.kind === 'verified') {
      context.principal = verdict.principal;
    } else if (verdict.kind === 'refused') {
      logger.warn('agency request refused', { reason: verdict.reason });
      context.principal = { kind: 'anonymous' };
    }
  },
});
