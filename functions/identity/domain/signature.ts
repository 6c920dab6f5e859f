// Signed requests of agency systems (docs/requirements.md R-SIGN-REQUEST, R-SIGN-VERIFY). Pure: no
// AWS, no I/O, no clock.
//
//   x-dvc-signature = hex HMAC-SHA256(secret, METHOD "\n" path?query "\n" timestamp "\n" hex sha256(body))
//
// The same canonical form signs the portal's outbound deliveries to agency systems.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/** Headers a client sends; `signRequest` is what an agency system (or the portal, outbound) runs. */
export const signRequest = (opts: { keyId: string; secret: string; method: string; pathWithQuery: string; body?: Body; now: number }) => {
  const timestamp = String(Math.floor(opts.now));
  return {
    'x-dvc-key-id': opts.keyId,
    'x-dvc-timestamp': timestamp,
    'x-dvc-signature': sign(opts.secret, opts.method, opts.pathWithQuery, timestamp, sha256Hex(opts.body)),
  };
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
