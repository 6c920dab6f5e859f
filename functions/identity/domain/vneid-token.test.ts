// The ID token checks one by one, with tokens jose makes here (no network): each refusal case
// differs from the accepted token in exactly one respect, and asserts the reason of that check.
import { SignJWT, base64url, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors/domain-error';
import { verifyIdToken, type IdTokenRefusal } from './vneid-token';

const ISSUER = 'http://127.0.0.1:4100';
const CLIENT = 'dvc-portal';
const NONCE = 'n-0S6_WzA2Mj';
const NOW = new Date('2026-12-06T08:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let issuerKey: CryptoKey;
let strangerKey: CryptoKey;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const issuer = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  issuerKey = issuer.privateKey;
  strangerKey = stranger.privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(issuer.publicKey)), kid: 'vneid-1', alg: 'RS256', use: 'sig' }] });
});

const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER, aud: CLIENT, sub: 'person-1', nonce: NONCE, iat: nowSeconds - 5, exp: nowSeconds + 300,
  account_type: 'citizen', id_number: '001099012345', name: 'Nguyễn Văn An', eid_level: '2', ...over,
});

const sign = (payload: JWTPayload, opts: { key?: CryptoKey; kid?: string } = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'vneid-1' }).sign(opts.key ?? issuerKey);

const verify = (token: string, over: Partial<{ nonce: string }> = {}) =>
  verifyIdToken(token, { issuer: ISSUER, clientId: CLIENT, nonce: over.nonce ?? NONCE, keys, now: NOW });

const refusal = async (token: Promise<string> | string, over: Partial<{ nonce: string }> = {}): Promise<IdTokenRefusal | 'accepted'> => {
  try {
    await verify(await token, over);
    return 'accepted';
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'VNEID_ID_TOKEN_REFUSED') throw e;
    expect(e.kind).toBe('unauthenticated');
    return e.details![0]!.message as IdTokenRefusal;
  }
};

describe('verifyIdToken', () => {
  it('accepts a token of the issuer for the portal with the sign-in\'s nonce', async () => {
    const payload = await verify(await sign(claims()));
    expect(payload).toMatchObject({ sub: 'person-1', id_number: '001099012345' });
  });

  it('refuses another issuer', async () => {
    expect(await refusal(sign(claims({ iss: 'https://vneid.evil.example' })))).toBe('issuer');
  });

  it('refuses a token for another client', async () => {
    expect(await refusal(sign(claims({ aud: 'another-portal' })))).toBe('audience');
  });

  it('refuses several audiences without an azp naming the portal', async () => {
    expect(await refusal(sign(claims({ aud: [CLIENT, 'another-portal'] })))).toBe('audience');
    expect(await refusal(sign(claims({ aud: [CLIENT, 'another-portal'], azp: CLIENT })))).toBe('accepted');
  });

  it('refuses another sign-in\'s nonce, and a token without one', async () => {
    expect(await refusal(sign(claims()), { nonce: 'another-nonce' })).toBe('nonce');
    expect(await refusal(sign(claims({ nonce: undefined })))).toBe('nonce');
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    expect(await refusal(sign(claims({ iat: nowSeconds - 400, exp: nowSeconds - 61 })))).toBe('expired');
  });

  it('refuses a token without an expiry', async () => {
    expect(await refusal(sign(claims({ exp: undefined })))).toBe('malformed');
  });

  it('refuses a token issued too long ago or in the future', async () => {
    expect(await refusal(sign(claims({ iat: nowSeconds - 3600, exp: nowSeconds + 3600 })))).toBe('issued_at');
    expect(await refusal(sign(claims({ iat: nowSeconds + 600 })))).toBe('issued_at');
  });

  it('refuses alg none', async () => {
    const part = (o: unknown) => base64url.encode(JSON.stringify(o));
    expect(await refusal(`${part({ alg: 'none', typ: 'JWT' })}.${part(claims())}.`)).toBe('algorithm');
  });

  it('refuses a symmetric algorithm (the RS/HS confusion)', async () => {
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'vneid-1' }).sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await refusal(hs)).toBe('algorithm');
  });

  it('refuses a token signed by a key outside the issuer\'s JWKS, under its kid or another', async () => {
    expect(await refusal(sign(claims(), { key: strangerKey }))).toBe('signature');
    expect(await refusal(sign(claims(), { key: strangerKey, kid: 'stranger' }))).toBe('signature');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const forged = `${header}.${base64url.encode(JSON.stringify(claims({ id_number: '079088001122' })))}.${signature}`;
    expect(await refusal(forged)).toBe('signature');
  });

  it('refuses what is not a JWS', async () => {
    expect(await refusal('not-a-token')).toBe('malformed');
  });
});
