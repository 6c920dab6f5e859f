// Authentication middlewares of the typed client: a bearer token for users (the Cognito ID token)
// and the HMAC signature of agency systems (docs/integrating.md "Authentication"). The signature is
// computed by the portal's own implementation (shared/auth/agency-signature.ts), over exactly the
// bytes the request carries.
import type { Middleware } from 'openapi-fetch';
import { SIGNATURE_WINDOW_SECONDS, sha256Hex, signRequest } from '../shared/auth/agency-signature';

/** `Authorization: Bearer <token>`; the token may be fetched (or refreshed) per request. */
export const bearerToken = (token: string | (() => string | Promise<string>)): Middleware => ({
  async onRequest({ request }) {
    request.headers.set('authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
    return request;
  },
});

/**
 * Unix seconds to sign at, never the same second twice for the same request. The portal accepts a
 * signature once, and two identical requests signed in the same second carry the same signature:
 * the second would be refused as a replay. A repeat within a second is signed a second earlier
 * than the last (well inside the ±300 s window), so polling the same route never collides.
 */
export const uniqueSigningSeconds = (clock: () => number = () => Date.now() / 1000) => {
  const last = new Map<string, number>();
  return (request: string, at?: number): number => {
    if (at !== undefined) return at;
    const now = Math.floor(clock());
    let second = now;
    const used = last.get(request);
    if (used !== undefined && second >= used) second = used - 1;
    last.set(request, second);
    // Forget what the window has long left behind, so a long-running system keeps a small map.
    if (last.size > 1000) for (const [k, s] of last) if (s < now - SIGNATURE_WINDOW_SECONDS) last.delete(k);
    return second;
  };
};

export interface AgencyCredentials {
  keyId: string;
  secret: string;
  /** Unix seconds (fractions allowed); the default is the system clock. */
  clock?: () => number;
}

/** Signs every request as the agency system: x-dvc-key-id, x-dvc-timestamp, x-dvc-signature. */
export const agencySigning = (credentials: AgencyCredentials): Middleware => {
  const signingSecond = uniqueSigningSeconds(credentials.clock);
  return {
    async onRequest({ request }) {
      // What the signature covers is what goes on the wire: the serialized body, the encoded query.
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const url = new URL(request.url);
      const pathWithQuery = `${url.pathname}${url.search}`;
      const now = signingSecond(`${credentials.keyId}\n${request.method}\n${pathWithQuery}\n${sha256Hex(body)}`);
      const headers = signRequest({ keyId: credentials.keyId, secret: credentials.secret, method: request.method, pathWithQuery, body, now });
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return request;
    },
  };
};
