// The Lambda REQUEST authorizer of the agency-system routes (HTTP API, payload 2.0, simple
// responses). Identity sources: x-dvc-key-id, x-dvc-timestamp, x-dvc-signature; API Gateway
// answers 401 itself when one is missing, and 403 when this returns isAuthorized: false.
//
// HTTP API does not pass the request body to a Lambda authorizer, so the signature, which covers
// sha256(body), can be checked here only for requests without a body (GET, DELETE, HEAD). For the
// others this checks form, window and key, and hands over `signature: 'body-pending'` without a
// `keyId`: the handler's signed-body middleware completes the check with the body, or the request
// is an anonymous one and the route's auth rule answers 401. See docs/identity.md.
//
// Never throws: any failure (configuration, DynamoDB) is a denial, logged without request data.
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { signedHeaders } from '../../shared/auth/agency-signature';
import { logger } from '../../shared/http/logger';
import { AgencySystemRegistry } from './adapters/registry';
import { authenticateSignedRequest, pathWithQuery } from './authenticate';

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

let registry: AgencySystemRegistry | undefined;
const registryOf = () => (registry ??= new AgencySystemRegistry());

const deny = (reason: string, keyId?: string): AgencyAuthorizerResult => {
  logger.warn('agency request denied', { reason, ...(keyId ? { keyId } : {}) });
  return { isAuthorized: false };
};

export const handler = async (event: AgencyAuthorizerEvent): Promise<AgencyAuthorizerResult> => {
  const headers = signedHeaders(event.headers);
  const method = (event.requestContext?.http?.method ?? '').toUpperCase();
  const bodiless = BODILESS_METHODS.has(method);
  try {
    const result = await authenticateSignedRequest(registryOf(), {
      ...headers,
      method,
      pathWithQuery: pathWithQuery(event.rawPath ?? '', event.rawQueryString),
      body: bodiless ? '' : 'unknown',
      now: Date.now() / 1000,
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
