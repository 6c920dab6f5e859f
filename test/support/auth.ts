// Helpers for tests that go through the running local gateway (process.env.DVC_BASE_URL, started
// by test/global-setup.ts): sign in (officials and admins through the Cognito endpoint the portal
// reports, citizens and businesses through the VNeID sandbox and the portal's code flow), call routes
// with a bearer token or as a signed agency system, and craft JWTs signed with cognito-local's own
// key (expired, wrong issuer, wrong audience, ...) to prove the gateway refuses them.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SignJWT, base64url, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type * as z from 'zod';
import { uniqueSigningSeconds } from '../../client/auth';
import { demoSignIn, vneidSignIn as vneidSignInAt } from '../../local/demo-sign-in';
import { DEMO_PASSWORD } from '../../local/seed/accounts';
import { signRequest } from '../../shared/auth/agency-signature';
import type { PortalConfig as PortalConfigSchema } from '../../shared/contracts/meta';

export { DEMO_PASSWORD } from '../../local/seed/accounts';

export const baseUrl = (): string => {
  const url = process.env.DVC_BASE_URL;
  if (!url) throw new Error('DVC_BASE_URL is not set: run the tests through vitest (test/global-setup.ts starts the runtime)');
  return url;
};

// ---------------------------------------------------------------------------------------------
// HTTP

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, the text otherwise (undefined when empty). */
  body: T;
}

const readResponse = async (res: Response): Promise<ApiResponse> => {
  const text = await res.text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(res.headers.get('content-type') ?? '')) {
    try { body = JSON.parse(text); } catch { /* keep the text */ }
  }
  return { status: res.status, headers: res.headers, body };
};

export interface ApiOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialized as the JSON body (content-type application/json). */
  json?: unknown;
  headers?: Record<string, string>;
}

/** One request through the local gateway. `path` is the path with its query, e.g. `/v1/procedures?q=a`. */
export const api = async (method: string, path: string, opts: ApiOptions = {}): Promise<ApiResponse> => {
  const headers: Record<string, string> = {
    ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(opts.token !== undefined ? { authorization: `Bearer ${opts.token}` } : {}),
    ...opts.headers,
  };
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers,
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  });
  return readResponse(res);
};

export interface SignedApiOptions {
  keyId: string;
  secret: string;
  json?: unknown;
  /** Unix seconds to sign at; by default now (stepped back a second to avoid signing a replay). */
  at?: number;
  headers?: Record<string, string>;
}

/** Repeats of one request in one second are signed a second apart (the client kit's rule, client/auth.ts). */
const signingSecond = uniqueSigningSeconds();

/** One request signed as an agency system (docs/requirements.md R-SIGN-REQUEST), through the local gateway. */
export const signedApi = async (method: string, path: string, opts: SignedApiOptions): Promise<ApiResponse> => {
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : undefined;
  const now = signingSecond(`${opts.keyId}\n${method.toUpperCase()}\n${path}\n${body ?? ''}`, opts.at);
  const headers: Record<string, string> = {
    ...signRequest({ keyId: opts.keyId, secret: opts.secret, method: method.toUpperCase(), pathWithQuery: path, body, now }),
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...opts.headers,
  };
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  return readResponse(res);
};

// ---------------------------------------------------------------------------------------------
// Cognito

export type PortalConfig = z.infer<typeof PortalConfigSchema>;

let configPromise: Promise<PortalConfig> | undefined;

/** `GET /v1/config`, once per worker. */
export const portalConfig = (): Promise<PortalConfig> =>
  (configPromise ??= api('GET', '/v1/config').then((res) => {
    if (res.status !== 200) throw new Error(`GET /v1/config answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as PortalConfig;
  }).catch((e: unknown) => {
    configPromise = undefined;
    throw e;
  }));

/** The issuer the portal accepts: `<cognitoEndpoint>/<userPoolId>` (cognito-local's form). */
export const tokenIssuer = async (): Promise<string> => {
  const config = await portalConfig();
  if (!config.cognitoEndpoint) throw new Error('/v1/config reports no cognitoEndpoint: not a local runtime');
  return `${config.cognitoEndpoint}/${config.userPoolId}`;
};

const tokens = new Map<string, Promise<string>>();

/**
 * Signs a demo account in and returns its ID token: citizen.demo and business.demo through the
 * real VNeID code flow (local/demo-sign-in.ts), officials and admins with USER_PASSWORD_AUTH at the
 * Cognito endpoint and staff client `/v1/config` reports. Cached per username (and password) for
 * the worker's lifetime.
 */
export const signIn = (username: string, password: string = DEMO_PASSWORD): Promise<string> => {
  const key = `${username}\u0000${password}`;
  let token = tokens.get(key);
  if (!token) {
    token = portalConfig().then((config) => demoSignIn(baseUrl(), config, username, password));
    token.catch(() => tokens.delete(key));
    tokens.set(key, token);
  }
  return token;
};

/** A VNeID sign-in of a seeded identity (ID number or enterprise code), uncached: the portal's tokens. */
export const vneidSignIn = (loginHint: string) => vneidSignInAt(baseUrl(), loginHint);

/** The payload of a JWT, unverified (for asserting what a token carries). */
export const decodePayload = (token: string): Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1] ?? ''))) as Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Crafted tokens

const require = createRequire(import.meta.url);

/** cognito-local's bundled signing key (a JWK; it signs RS256 with kid "CognitoLocal"). */
export const COGNITO_LOCAL_KID = 'CognitoLocal';
let cognitoLocalKey: Promise<CryptoKey | Uint8Array> | undefined;
const cognitoLocalPrivateKey = () =>
  (cognitoLocalKey ??= (async () => {
    const file = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
    const { jwk } = JSON.parse(readFileSync(file, 'utf8')) as { jwk: JWK };
    return importJWK(jwk, 'RS256');
  })());

let strangerKey: Promise<CryptoKey> | undefined;
/** A freshly generated RSA key nobody trusts (one per worker). */
export const strangerPrivateKey = () =>
  (strangerKey ??= generateKeyPair('RS256', { extractable: false }).then((pair) => pair.privateKey));

export interface CraftOptions {
  /**
   * How to sign: with cognito-local's key (default), with another RSA key (still under kid
   * `CognitoLocal` unless `kid` says otherwise), unsigned (`alg: none`), or HS256 with the given
   * secret (the RS/HS key-confusion attack).
   */
  signWith?: 'cognito-local' | 'stranger' | 'none' | { hs256: Uint8Array };
  kid?: string;
  /** Start from the claims a real ID token of the portal's pool would carry (default true). */
  defaults?: boolean;
}

/**
 * A JWT with `claims` merged over a valid ID token's claims (issuer, audience = the portal's app
 * client, iat, exp in an hour, token_use id, a random sub). A claim given as `undefined` is left
 * out. Signed RS256 with cognito-local's own private key unless `opts.signWith` says otherwise, so
 * a rejection proves the claim (not the signature) was refused.
 */
export const craftToken = async (claims: Record<string, unknown> = {}, opts: CraftOptions = {}): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  const base: Record<string, unknown> = opts.defaults === false ? {} : {
    sub: randomUUID(),
    'cognito:username': 'crafted.user',
    iss: await tokenIssuer(),
    aud: (await portalConfig()).userPoolClientId,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
  };
  const payload = Object.fromEntries(
    Object.entries({ ...base, ...claims }).filter(([, v]) => v !== undefined),
  ) as JWTPayload;
  const signWith = opts.signWith ?? 'cognito-local';
  const kid = opts.kid ?? COGNITO_LOCAL_KID;
  if (signWith === 'none') {
    const part = (o: unknown) => base64url.encode(JSON.stringify(o));
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
  }
  if (typeof signWith === 'object') {
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(signWith.hs256);
  }
  const key = signWith === 'stranger' ? await strangerPrivateKey() : await cognitoLocalPrivateKey();
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);
};

/** The same token with its payload replaced and the original signature kept. */
export const tamperPayload = (token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string => {
  const [header, , signature] = token.split('.');
  const payload = base64url.encode(JSON.stringify(change(decodePayload(token))));
  return `${header}.${payload}.${signature}`;
};

/** cognito-local's public key as served in the pool's JWKS (for the HS256 key-confusion case). */
export const cognitoLocalPublicJwk = (): JWK => {
  const file = require.resolve('cognito-local/lib/keys/cognitoLocal.public.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { jwk: JWK }).jwk;
};
