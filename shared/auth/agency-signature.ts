// Signed requests of agency systems (docs/requirements.md R-SIGN-REQUEST, R-SIGN-VERIFY). Pure: no
// AWS, no I/O, no clock.
//
//   x-dvc-signature = hex HMAC-SHA256(secret, METHOD "\n" path?query "\n" timestamp "\n" hex sha256(body))
//
// One implementation for every side: the portal verifies agency systems' requests with it (identity),
// signs its outbound deliveries to them (sync), and the client kit (client/) signs requests and
// verifies the portal's webhooks with it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { lowerCaseHeaderNames } from '../http/header-names';

/** Accepted clock difference, both ways, between the signer and the portal. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** hex sha256 of the empty body: what a GET (or any bodiless request) signs. */
export const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;
const SIGNATURE_PATTERN = /^[0-9a-fA-F]{64}$/;

export type Body = string | Uint8Array | undefined;

export const sha256Hex = (body: Body): string =>
  createHash('sha256').update(body === undefined ? '' : body).digest('hex');

export const canonicalString = (method: string, pathWithQuery: string, timestamp: string, bodySha256Hex: string): string =>
  `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${bodySha256Hex}`;

export const sign = (secret: string, method: string, pathWithQuery: string, timestamp: string, bodySha256Hex: string): string =>
  createHmac('sha256', secret).update(canonicalString(method, pathWithQuery, timestamp, bodySha256Hex)).digest('hex');

/**
 * The identity headers of a signed request, declared once: the signer and verifiers here, the API
 * Gateway authorizer's identity sources (infra), the local gateway, the OpenAPI security schemes.
 */
export const SIGNATURE_HEADERS = {
  keyId: 'x-dvc-key-id',
  timestamp: 'x-dvc-timestamp',
  signature: 'x-dvc-signature',
} as const;

/** All three, in that order: a request without one of them is refused before any check (401). */
export const AGENCY_IDENTITY_HEADERS = [SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.timestamp, SIGNATURE_HEADERS.signature] as const;

/** On the portal's outbound deliveries, beside the signature: the event id, for deduplication (not signed; the body carries it too). */
export const DELIVERY_EVENT_ID_HEADER = 'x-dvc-event-id';

/** Headers a client sends; `signRequest` is what an agency system (or the portal, outbound) runs. */
export const signRequest = (opts: { keyId: string; secret: string; method: string; pathWithQuery: string; body?: Body; now: number }) => {
  const timestamp = String(Math.floor(opts.now));
  return {
    [SIGNATURE_HEADERS.keyId]: opts.keyId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: sign(opts.secret, opts.method, opts.pathWithQuery, timestamp, sha256Hex(opts.body)),
  };
};

export interface SignedHeaders {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** The three signature headers, read case-insensitively (API Gateway lower-cases them; tools may not). */
export const signedHeaders = (headers: Headers | Record<string, string | string[] | undefined> | undefined): SignedHeaders => {
  const lower = lowerCaseHeaderNames(headers instanceof Headers ? Object.fromEntries(headers.entries()) : headers);
  const value = (name: string) => { const v = lower[name]; return Array.isArray(v) ? v[0] : v; };
  return { keyId: value(SIGNATURE_HEADERS.keyId), timestamp: value(SIGNATURE_HEADERS.timestamp), signature: value(SIGNATURE_HEADERS.signature) };
};

export type SignatureFailure = 'stale' | 'bad_signature' | 'malformed';
export type SignatureVerdict = { ok: true; matched: number } | { ok: false; reason: SignatureFailure };

/** The header values parse: a decimal unix-seconds timestamp and a 64-digit hex signature. */
export const wellFormed = (timestamp: string | undefined, signature: string | undefined): boolean =>
  typeof timestamp === 'string' && TIMESTAMP_PATTERN.test(timestamp) &&
  typeof signature === 'string' && SIGNATURE_PATTERN.test(signature);

/** Within ±300 s of `now` (unix seconds). */
export const fresh = (timestamp: string, now: number): boolean =>
  Math.abs(Math.floor(now) - Number(timestamp)) <= SIGNATURE_WINDOW_SECONDS;

export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  timestamp: string | undefined;
  signature: string | undefined;
  /** The raw body bytes (or text); pass `bodySha256Hex` instead when only the hash is known. */
  body?: Body;
  bodySha256Hex?: string;
  /** Unix seconds. */
  now: number;
  /** Active secrets of the key id (two during a rotation). Revoked secrets are never passed. */
  secrets: readonly string[];
}

/**
 * Checks form, then window, then signature, against every active secret. Every candidate is
 * compared in constant time (equal-length buffers), and every candidate is computed, so the
 * timing does not tell which secret, if any, matched.
 */
export const verifySignedRequest = (req: SignedRequest): SignatureVerdict => {
  const { timestamp, signature } = req;
  if (!wellFormed(timestamp, signature) || !req.method || !req.pathWithQuery.startsWith('/')) {
    return { ok: false, reason: 'malformed' };
  }
  if (!fresh(timestamp!, req.now)) return { ok: false, reason: 'stale' };
  const given = Buffer.from(signature!, 'hex');
  const bodyHash = req.bodySha256Hex ?? sha256Hex(req.body);
  let matched = -1;
  req.secrets.forEach((secret, i) => {
    const expected = Buffer.from(sign(secret, req.method, req.pathWithQuery, timestamp!, bodyHash), 'hex');
    if (expected.length === given.length && timingSafeEqual(expected, given) && matched < 0) matched = i;
  });
  return matched >= 0 ? { ok: true, matched } : { ok: false, reason: 'bad_signature' };
};

/**
 * Verifies a signed request as it arrived — its method, path?query, headers and raw body — against
 * the signer's active secrets: what an agency system runs on the portal's pushes (and the local
 * runtime's demo receiver on the demo system's). The key id it names is returned for the caller
 * to check it is the expected one.
 */
export const verifySignedDelivery = (req: {
  method: string;
  pathWithQuery: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  body: Body;
  secrets: readonly string[];
  now: number;
}): SignatureVerdict & { keyId: string | undefined } => {
  const { keyId, timestamp, signature } = signedHeaders(req.headers);
  const verdict = verifySignedRequest({
    method: req.method, pathWithQuery: req.pathWithQuery, timestamp, signature, body: req.body, now: req.now, secrets: req.secrets,
  });
  return { ...verdict, keyId };
};
