// The agency authorizer's decision (docs/identity.md): form, window and key of a signed request,
// and for a request without a body also its signature and nonce (authenticate.ts). A request that
// carries a body passes as `signature: 'body-pending'` without a key id: the handler's signed-body
// middleware completes the check with the body. Any failure is a denial, logged without request data.
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { signedHeaders } from '../../../shared/auth/agency-signature';
import { logger } from '../../../shared/http/logger';
import type { AgencySystemRegistry } from '../adapters/registry';
import { authenticateSignedRequest, pathWithQuery } from '../authenticate';

/** The fields read; API Gateway's authorizer event and the local gateway's event both fit. */
export type AgencyAuthorizerEvent = Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'rawPath' | 'rawQueryString' | 'requestContext'>;

export type AgencyAuthorizerContext =
  | { keyId: string; agencyCodes: string; signature: 'verified' }
  | { pendingKeyId: string; signature: 'body-pending' };

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

/** Never throws: a configuration or DynamoDB failure is a denial too. `now` in unix seconds. */
export const authorizeAgencyRequest = async (registry: () => AgencySystemRegistry, event: AgencyAuthorizerEvent, now: number): Promise<AgencyAuthorizerResult> => {
  const headers = signedHeaders(event.headers);
  const method = (event.requestContext?.http?.method ?? '').toUpperCase();
  try {
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
      ? { isAuthorized: true, context: { keyId: system.keyId, agencyCodes: system.agencyCodes.join(','), signature: 'verified' } }
      : { isAuthorized: true, context: { pendingKeyId: system.keyId, signature: 'body-pending' } };
  } catch (error) {
    logger.error('agency authorizer failed', { error: error as Error });
    return { isAuthorized: false };
  }
};
