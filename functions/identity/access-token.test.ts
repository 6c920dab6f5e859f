// The agency authorizer's token path, pure: tokens signed with a key made here and verified against
// it, the registry a fake. Expired, wrong-issuer, ID (wrong audience) and foreign-key tokens give no
// caller (the route answers 401); a valid one gives the same context an HMAC signature gives, with
// the token's scopes.
import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, portalScopesOf, tokenVerifier, type TokenVerifier } from './access-token';
import type { AgencySystemRecord, AgencySystemRegistry } from './adapters/registry';
import { authorizeAgencyRequest } from './use-cases/authorize-request';

const ISSUER = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_TEST';
const NOW = 1_800_000_000;
const system = { keyId: 'hn-system', agencyCodes: ['000.00.00.H26'], oauthClientId: 'client-hn' } as AgencySystemRecord;
const registry = { byClientId: async (id: string) => (id === system.oauthClientId ? system : undefined) } as unknown as AgencySystemRegistry;

let sign: (claims: JWTPayload, key?: 'own' | 'stranger') => Promise<string>;
let verifier: TokenVerifier;

beforeAll(async () => {
  const own = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  verifier = tokenVerifier({ issuer: ISSUER, keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(own.publicKey)), kid: 'k1', alg: 'RS256' }] }) });
  sign = (claims, key = 'own') => new SignJWT({
    iss: ISSUER, sub: 'client-hn', client_id: 'client-hn', token_use: 'access', scope: 'dvc/sync.write dvc/sync.read', iat: NOW - 60, exp: NOW + 3600, ...claims,
  }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key === 'own' ? own.privateKey : stranger.privateKey);
});

const authorize = async (token: string) =>
  authorizeAgencyRequest(() => registry, { headers: { authorization: `Bearer ${token}` }, rawPath: '/v1/qcvn120/sync', rawQueryString: '', requestContext: { http: { method: 'POST' } } } as never, NOW, () => verifier);

describe('client-credentials access tokens', () => {
  it('a valid token of a registered system gives its key id, agencies and the token\'s scopes', async () => {
    expect(await authorize(await sign({}))).toEqual({
      isAuthorized: true, context: { keyId: 'hn-system', agencyCodes: '000.00.00.H26', scopes: 'sync.write,sync.read', signature: 'token' },
    });
  });

  it.each([
    ['expired', { exp: NOW - 1 }, 'expired'],
    ['of another issuer', { iss: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_OTHER' }, 'wrong_issuer'],
    ['an ID token (wrong audience)', { token_use: 'id', aud: 'web-client' }, 'not_access_token'],
    ['without a client', { client_id: undefined }, 'no_client'],
  ])('refuses a token %s', async (_label, claims, reason) => {
    expect(await verifier.verify(await sign(claims), NOW)).toEqual({ ok: false, reason });
    expect(await authorize(await sign(claims))).toEqual({ isAuthorized: true, context: { signature: 'none' } });
  });

  it('refuses a token signed by another key, and a client no system owns', async () => {
    expect(await verifier.verify(await sign({}, 'stranger'), NOW)).toEqual({ ok: false, reason: 'bad_token' });
    expect(await authorize(await sign({ client_id: 'client-unknown', sub: 'client-unknown' }))).toEqual({ isAuthorized: true, context: { signature: 'none' } });
  });

  it('reads the bearer header and the portal\'s scopes only', () => {
    expect(bearerOf(undefined)).toBeUndefined();
    expect(bearerOf('Basic abc')).toBeUndefined();
    expect(bearerOf('Bearer nope')).toBe('malformed');
    expect(bearerOf('bearer a.b.c')).toBe('a.b.c');
    expect(portalScopesOf('dvc/sync.write other/x dvc/catalogue.read')).toEqual(['sync.write', 'catalogue.read']);
    expect(portalScopesOf(undefined)).toEqual([]);
  });
});
