// Completes the signature check of agency-system requests that carry a body: the HTTP API Lambda
// authorizer never sees the body (docs/identity.md), so it lets such requests through as
// `signature: 'body-pending'` with no key id. This middleware, used by every API function that
// serves a body-carrying agency-system route, verifies the signature over the real body, spends
// the nonce, and only then turns the request into an agency-system principal.
//
// Fail-closed: on any failure (or if a function forgets this middleware) the event keeps no
// `keyId`, `principalOf` sees an anonymous caller and the route's auth rule answers 401 with the
// error envelope, as docs/requirements.md R-SIGN-VERIFY asks for a stale, badly signed or replayed
// request.
//
//   export const handler = createApiHandler([...]).use(signedBodies());
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { signedHeaders } from '../../shared/auth/agency-signature';
import { logger } from '../../shared/http/logger';
import { AgencySystemRegistry } from './adapters/registry';
import { authenticateSignedRequest, pathWithQuery } from './authenticate';

type LambdaContext = Record<string, unknown>;

const lambdaContextOf = (event: APIGatewayProxyEventV2): LambdaContext | undefined =>
  (event.requestContext as { authorizer?: { lambda?: LambdaContext } }).authorizer?.lambda;

const rawBody = (event: APIGatewayProxyEventV2): Buffer => {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
};

/** Verifies a body-pending request in place; returns the outcome (for logs and tests). */
export const completeSignedBody = async (
  event: APIGatewayProxyEventV2,
  registry: AgencySystemRegistry,
  now = Date.now() / 1000,
): Promise<'not-pending' | 'verified' | string> => {
  const context = lambdaContextOf(event);
  if (!context || context.signature !== 'body-pending') return 'not-pending';
  const headers = signedHeaders(event.headers);
  // The authorizer already matched the key id; a different header now is tampering.
  if (typeof context.pendingKeyId !== 'string' || headers.keyId !== context.pendingKeyId) return 'malformed';
  const result = await authenticateSignedRequest(registry, {
    ...headers,
    method: event.requestContext.http.method,
    pathWithQuery: pathWithQuery(event.rawPath, event.rawQueryString),
    body: rawBody(event),
    now,
  });
  if (!result.ok) return result.reason;
  context.keyId = result.system.keyId;
  context.agencyCodes = result.system.agencyCodes.join(',');
  context.signature = 'verified';
  delete context.pendingKeyId;
  return 'verified';
};

let registry: AgencySystemRegistry | undefined;

export const signedBodies = (
  opts: { registry?: () => AgencySystemRegistry } = {},
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  before: async (request) => {
    let outcome: string;
    try {
      outcome = await completeSignedBody(request.event, opts.registry?.() ?? (registry ??= new AgencySystemRegistry()));
    } catch (error) {
      logger.error('signed body check failed', { error: error as Error });
      outcome = 'unavailable';
    }
    if (outcome !== 'verified' && outcome !== 'not-pending') {
      logger.warn('agency request refused', { reason: outcome });
      const context = lambdaContextOf(request.event);
      if (context) { delete context.keyId; context.signature = 'refused'; }
    }
  },
});
