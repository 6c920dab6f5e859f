// Helpers of the identity tests: a sealing key, unique key ids, signed events.
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildHttpApiEvent } from '../../local/gateway/event';
import { AGENCY_IDENTITY_HEADERS, signRequest } from '../../shared/auth/agency-signature';
import { switchOffAgencySystems } from '../support/sync';

/** Every identity test worker seals with a key of its own (configuration, as in AWS). */
export const useTestSealingKey = () => {
  process.env.AGENCY_SECRET_KEY ??= randomBytes(32).toString('base64');
};

const issuedKeyIds = new Set<string>();

/** A key id of its own for a test system; the file's systems are switched off by `switchOffTestSystems`. */
export const uniqueKeyId = (label: string) => {
  const keyId = `test-${label}-${randomBytes(4).toString('hex')}`;
  issuedKeyIds.add(keyId);
  return keyId;
};

/** For a file's `afterAll`: every system registered under a key id from `uniqueKeyId` switched off. */
export const switchOffTestSystems = () => switchOffAgencySystems((keyId) => issuedKeyIds.has(keyId));

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Distinct signing times, counting down from when the file loaded. Two identical requests signed
 * in the same second carry the same signature, i.e. the second one is a replay; tests that mean
 * to send distinct requests sign each at its own second (a file stays well inside the window).
 */
export const distinctSeconds = () => {
  const base = nowSeconds();
  let n = 0;
  return () => base - ++n;
};

export interface SignedCall {
  method: string;
  path: string;
  query?: string;
  body?: string;
  headers: Record<string, string>;
}

/**
 * Signs a request as an agency system would. `tamper` changes what is sent after signing;
 * `drop` removes headers after signing.
 */
export const signedCall = (c: {
  keyId: string; secret: string; method: string; path: string; query?: string; body?: string; at?: number;
  tamper?: Partial<Pick<SignedCall, 'method' | 'path' | 'query' | 'body'>> & { headers?: Record<string, string> };
  drop?: string[];
}): SignedCall => {
  const pathWithQuery = c.query ? `${c.path}?${c.query}` : c.path;
  const headers: Record<string, string> = {
    ...signRequest({ keyId: c.keyId, secret: c.secret, method: c.method, pathWithQuery, body: c.body, now: c.at ?? nowSeconds() }),
    ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...c.tamper?.headers,
  };
  for (const name of c.drop ?? []) delete headers[name];
  const { headers: _h, ...sent } = c.tamper ?? {};
  return { method: c.method, path: c.path, query: c.query, body: c.body, ...sent, headers };
};

/**
 * The payload 2.0 event API Gateway sends a REQUEST authorizer: headers, raw path and query,
 * request context; no body (HTTP API never passes it to authorizers).
 */
export const authorizerEvent = (c: SignedCall, routeKey: string) => {
  const { body: _body, isBase64Encoded: _b64, ...event } = buildHttpApiEvent(
    { method: c.method, path: c.path, rawQueryString: c.query ?? '', headers: c.headers },
    { routeKey },
  );
  return {
    ...event,
    version: '2.0',
    type: 'REQUEST' as const,
    routeArn: `arn:aws:execute-api:ap-southeast-1:000000000000:local/$default/${c.method}${c.path}`,
    identitySource: AGENCY_IDENTITY_HEADERS.map((h) => c.headers[h] ?? ''),
    cookies: [],
  };
};

/** The integration event the function receives once the authorizer allowed the request. */
export const integrationEvent = (
  c: SignedCall, routeKey: string, lambda: Record<string, unknown> | undefined, pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 =>
  buildHttpApiEvent(
    { method: c.method, path: c.path, rawQueryString: c.query ?? '', headers: c.headers, body: c.body },
    { routeKey, pathParameters, authorizer: lambda ? { lambda } : undefined },
  );
