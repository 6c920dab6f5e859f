// The agency authorizer's decision (docs/identity.md). Two ways in, one principal out (the same
// key id, agencies and, for tokens, scopes in the context `principalOf` reads):
//   - `Authorization: Bearer <access token>`: a client-credentials token (access-token.ts), its
//     client the app client of a registered system; the token's scopes go along.
//   - the three signature headers: form, window and key of a signed request, and for a request
//     without a body also its signature and nonce (authenticate.ts). A request that carries a body
//     passes as `signature: 'body-pending'` without a key id: the handler's signed-body middleware
//     completes the check with the body.
// A request with neither, or a token that does not verify, passes with no caller: the route's rule
// answers 401 with the error envelope (API Gateway has no identity sources to refuse on, as either
// way may be used). A bad signature is a denial (403). Every failure is logged without request data.
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { signedHeaders } from '../../../shared/auth/agency-signature';
import { logger } from '../../../shared/http/logger';
import { MACHINE_SCOPES } from '../../../shared/platform/identity';
import { bearerOf, type TokenVerifier } from '../access-token';
import type { AgencySystemRegistry } from '../adapters/registry';
import { authenticateSignedRequest, pathWithQuery } from '../authenticate';

/** The fields read; API Gateway's authorizer event and the local gateway's event both fit. */
export type AgencyAuthorizerEvent = Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'rawPath' | 'rawQueryString' | 'requestContext'>;

export type AgencyAuthorizerContext =
  | { keyId: string; agencyCodes: string; scopes: string; signature: 'verified' | 'token' }
  | { pendingKeyId: string; signature: 'body-pending' }
  | { signature: 'none' };

export interface AgencyAuthorizerResult {
  isAuthorized: boolean;
  context?: AgencyAuthorizerContext;
}

/** Methods whose requests carry no body here: the empty body's hash is what they sign. */
export const BODILESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

const deny = (reason: string, keyId?: string): AgencyAuthorizerResult => {
  logger.warn('agency request denied', { reason, ...(keyId ? { keyId } : {}) });
  return { isAuthorized: false };
};

/** No caller established: the handler's route rule answers 401. */
const noCaller = (reason: string): AgencyAuthorizerResult => {
  logger.warn('agency request without a caller', { reason });
  return { isAuthorized: true, context: { signature: 'none' } };
};

const authorizeBearer = async (registry: AgencySystemRegistry, tokens: TokenVerifier | undefined, token: string | 'malformed', now: number): Promise<AgencyAuthorizerResult> => {
  if (token === 'malformed') return noCaller('malformed_token');
  if (!tokens) return noCaller('no_token_issuer');
  const verdict = await tokens.verify(token, now);
  if (!verdict.ok) return noCaller(verdict.reason);
  const system = await registry.byClientId(verdict.clientId);
  if (!system) return noCaller('unknown_client');
  return {
    isAuthorized: true,
    context: { keyId: system.keyId, agencyCodes: system.agencyCodes.join(','), scopes: verdict.scopes.join(','), signature: 'token' },
  };
};

/** Never throws: a configuration or DynamoDB failure is a denial too. `now` in unix seconds. */
export const authorizeAgencyRequest = async (
  registry: () => AgencySystemRegistry, event: AgencyAuthorizerEvent, now: number, tokens?: () => TokenVerifier | undefined,
): Promise<AgencyAuthorizerResult> => {
  const headers = signedHeaders(event.headers);
  const method = (event.requestContext?.http?.method ?? '').toUpperCase();
  try {
    const bearer = bearerOf(event.headers?.authorization ?? event.headers?.Authorization);
    if (bearer !== undefined) return await authorizeBearer(registry(), tokens?.(), bearer, now);
    if (!headers.keyId || !headers.timestamp || !headers.signature) return noCaller('no_credentials');
    const result = await authenticateSignedRequest(registry(), {
      ...headers,
      method,
      pathWithQuery: pathWithQuery(event.rawPath ?? '', event.rawQueryString),
      body: BODILESS_METHODS.has(method) ? '' : 'unknown',
      now,
    });
    if (!result.ok) return deny(result.reason, result.reason === 'malformed' ? undefined : headers.keyId);
    const { system } = result;
    return result.signatureVerified
      ? { isAuthorized: true, context: { keyId: system.keyId, agencyCodes: system.agencyCodes.join(','), scopes: MACHINE_SCOPES.join(','), signature: 'verified' } }
      : { isAuthorized: true, context: { pendingKeyId: system.keyId, signature: 'body-pending' } };
  } catch (error) {
    logger.error('agency authorizer failed', { error: error as Error });
    return { isAuthorized: false };
  }
};
