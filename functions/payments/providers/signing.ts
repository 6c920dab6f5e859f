// How the portal and a payment provider trust each other's messages (docs/payments.md):
//  - the checkout redirect (portal → provider): the query parameters, sorted and joined, signed
//    with HMAC-SHA256 under the shared secret in `signature` — the provider refuses a tampered amount;
//  - callbacks and settlement reports (provider → portal): `x-payment-timestamp` (unix seconds)
//    and `x-payment-signature` = hex HMAC-SHA256(secret, `${timestamp}.${raw body}`); a timestamp
//    outside five minutes is stale, so a captured message cannot be replayed later.
// Pure: node:crypto only, no clock of its own.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-payment-timestamp';
export const SIGNATURE_HEADER = 'x-payment-signature';
export const CALLBACK_WINDOW_SECONDS = 300;

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

const sameHex = (a: string, b: string) => {
  if (!/^[0-9a-f]{64}$/.test(a) || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
};

/** `a=1&b=x%20y`: keys sorted, values URI-encoded, `signature` itself left out. */
export const canonicalParams = (params: Record<string, string>): string =>
  Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');

export const signParams = (secret: string, params: Record<string, string>): string => hmacHex(secret, canonicalParams(params));

export const verifyParams = (secret: string, params: Record<string, string>): boolean =>
  typeof params.signature === 'string' && sameHex(params.signature, signParams(secret, params));

/** The two headers for a body sent at `now`. */
export const signBody = (secret: string, body: string, now: Date): Record<string, string> => {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: hmacHex(secret, `${timestamp}.${body}`) };
};

export type BodyVerdict = { ok: true } | { ok: false; reason: 'missing_signature' | 'stale' | 'bad_signature' };

export const verifyBody = (
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
  windowSeconds = CALLBACK_WINDOW_SECONDS,
): BodyVerdict => {
  const timestamp = headers[TIMESTAMP_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_signature' };
  // Checked before the signature too: a stale message is refused whoever signed it.
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) return { ok: false, reason: 'stale' };
  return sameHex(signature.toLowerCase(), hmacHex(secret, `${timestamp}.${body}`)) ? { ok: true } : { ok: false, reason: 'bad_signature' };
};
