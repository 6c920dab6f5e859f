// The VNeID sandbox of the running local runtime (docs/identity.md "VNeID sandbox (local)"),
// spoken to as the portal will: plain HTTP against its discovery, the code flow with PKCE, state
// and nonce, the token endpoint with the client secret, the JWKS, userinfo; and the population
// data API. The runtime gives its settings to the portal's environment (VNEID_*, POPULATION_*).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVneidSandbox } from '../../local/vneid/sandbox';
import { VNEID_CALLBACK_PATH } from '../../shared/platform/environment';
import { STATE_FILE } from '../../local/vneid/state';
import { authorizationRequest, CookieJar, discover, followAuthorization, signInWithLoginHint, type AuthorizationRequest } from '../../local/vneid/sign-in';
import { scratchStateDir } from '../support/state-dir';

const issuer = () => process.env.VNEID_ISSUER!;
const clientId = () => process.env.VNEID_CLIENT_ID!;
const redirectUri = () => `${process.env.DVC_BASE_URL}${VNEID_CALLBACK_PATH}`;
const DEMO_CITIZEN = '001099012345';
const DEMO_BUSINESS = '0101234567';

type Discovery = Awaited<ReturnType<typeof discover>> & Record<string, unknown>;
let discovery: Discovery;
beforeAll(async () => {
  discovery = await discover(issuer()) as Discovery;
});

const request = (loginHint?: string) => authorizationRequest({ issuer: issuer(), clientId: clientId(), redirectUri: redirectUri(), loginHint });

/** Redeems a code at the token endpoint as the portal does (client_secret_basic). */
const redeem = (code: string, codeVerifier: string, secret = process.env.VNEID_CLIENT_SECRET!) => fetch(discovery.token_endpoint, {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from(`${clientId()}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: codeVerifier }),
});

const signIn = async (loginHint: string) => {
  const req = await request(loginHint);
  const back = await followAuthorization(req.url);
  return { req, back };
};

/** The ID token of a full sign-in, verified against the provider's JWKS. */
const idTokenOf = async (req: AuthorizationRequest, back: URL) => {
  expect(back.origin + back.pathname).toBe(redirectUri());
  expect(back.searchParams.get('state')).toBe(req.state);
  expect(back.searchParams.get('iss')).toBe(issuer());
  const res = await redeem(back.searchParams.get('code')!, req.codeVerifier);
  expect(res.status).toBe(200);
  const tokens = await res.json() as { id_token: string; access_token: string; token_type: string };
  expect(decodeProtectedHeader(tokens.id_token).alg).toBe('RS256');
  const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: issuer(), audience: clientId() });
  expect(payload.nonce).toBe(req.nonce);
  return { payload, tokens };
};

const idTokenFor = async (loginHint: string) => {
  const { req, back } = await signIn(loginHint);
  return idTokenOf(req, back);
};

/** The first answer of the authorization endpoint (not followed). */
const authorize = (params: Record<string, string | undefined>) => {
  const url = new URL(discovery.authorization_endpoint);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual' });
};

const pkce = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const complete = (overrides: Record<string, string | undefined> = {}) => ({
  client_id: clientId(), redirect_uri: redirectUri(), response_type: 'code', scope: 'openid profile', state: 'st-1', nonce: 'n-1',
  code_challenge: pkce('v'.repeat(43)), code_challenge_method: 'S256', login_hint: DEMO_CITIZEN, ...overrides,
});

describe('VNeID sandbox: discovery and keys', () => {
  it('is configured for the portal by the runtime: issuer, client and population settings', () => {
    expect(issuer()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(clientId()).toBe('dvc-portal');
    expect(process.env.VNEID_CLIENT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(process.env.POPULATION_API_URL).toBe(`${issuer()}/population`);
    expect(process.env.POPULATION_API_KEY).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a discovery document for the code flow with PKCE S256 and the claims of docs/identity.md', () => {
    expect(discovery.issuer).toBe(issuer());
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.grant_types_supported).toEqual(['authorization_code']);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(discovery.id_token_signing_alg_values_supported).toContain('RS256');
    expect(discovery.claims_supported).toEqual(expect.arrayContaining([
      'sub', 'account_type', 'eid_level', 'name', 'id_number', 'birthdate', 'gender', 'enterprise_code', 'legal_representative_id_number',
    ]));
  });

  it('publishes its public signing key only', async () => {
    const jwks = await (await fetch(discovery.jwks_uri)).json() as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(secret);
  });
});

describe('VNeID sandbox: the code flow', () => {
  it('signs a citizen in through login_hint: a verified ID token and userinfo with the citizen claims', async () => {
    const { req, back } = await signIn(DEMO_CITIZEN);
    const { payload, tokens } = await idTokenOf(req, back);
    expect(payload).toMatchObject({
      account_type: 'citizen', eid_level: '2', name: 'Nguyễn Văn An', id_number: DEMO_CITIZEN, birthdate: '1999-03-15', gender: 'male',
    });
    expect(payload.sub).toMatch(/^[0-9a-f]{32}$/);
    expect(payload.sub).not.toContain(DEMO_CITIZEN);
    expect(payload).not.toHaveProperty('enterprise_code');
    const info = await (await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
    expect(info).toEqual({
      sub: payload.sub, account_type: 'citizen', eid_level: '2', name: 'Nguyễn Văn An', id_number: DEMO_CITIZEN, birthdate: '1999-03-15', gender: 'male',
    });
  });

  it('gives the same sub to the same person on every sign-in, and a level-1 person eid_level "1"', async () => {
    const first = await idTokenFor(DEMO_CITIZEN);
    const again = await idTokenFor(DEMO_CITIZEN);
    expect(again.payload.sub).toBe(first.payload.sub);
    const minor = await idTokenFor('001314007788');
    expect(minor.payload).toMatchObject({ eid_level: '1', id_number: '001314007788', gender: 'female' });
    expect(minor.payload.sub).not.toBe(first.payload.sub);
  });

  it('signs an organisation in with the same flow: account_type organization, enterprise code and legal representative', async () => {
    const req = await request();
    const back = await signInWithLoginHint(req.url, DEMO_BUSINESS);
    const { payload } = await idTokenOf(req, back);
    expect(payload).toMatchObject({
      account_type: 'organization', eid_level: '2', name: 'Công ty TNHH Demo Việt', enterprise_code: DEMO_BUSINESS,
      legal_representative_id_number: '001185004321',
    });
    expect(payload).not.toHaveProperty('id_number');
  });

  it.each([
    ['PKCE', { code_challenge: undefined, code_challenge_method: undefined }],
    ['PKCE S256 (plain offered instead)', { code_challenge: 'v'.repeat(43), code_challenge_method: 'plain' }],
    ['state', { state: undefined }],
    ['nonce', { nonce: undefined }],
  ])('refuses an authorization request without %s: invalid_request back to the client, no code', async (_what, overrides) => {
    const res = await authorize(complete(overrides));
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(redirectUri());
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a redirect URI the portal did not register, on its own page (no redirect)', async () => {
    const res = await authorize(complete({ redirect_uri: 'http://127.0.0.1:9/elsewhere' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri did not match');
  });

  it('refuses a wrong code_verifier at the token endpoint', async () => {
    const { req, back } = await signIn(DEMO_CITIZEN);
    const res = await redeem(back.searchParams.get('code')!, `${req.codeVerifier}x`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const { req, back } = await signIn(DEMO_CITIZEN);
    const res = await redeem(back.searchParams.get('code')!, req.codeVerifier, 'f'.repeat(64));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('accepts a code once: the second redemption is refused', async () => {
    const { req, back } = await signIn(DEMO_CITIZEN);
    const code = back.searchParams.get('code')!;
    expect((await redeem(code, req.codeVerifier)).status).toBe(200);
    const again = await redeem(code, req.codeVerifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('VNeID sandbox: the pages', () => {
  /** A browser's visit, cookies kept: the answer to one step, not followed. */
  const browser = () => {
    const jar = new CookieJar();
    return async (url: string | URL, form?: Record<string, string>) => {
      const target = new URL(url, issuer());
      const cookie = jar.header(target);
      const res = await fetch(target, {
        redirect: 'manual', method: form ? 'POST' : 'GET',
        headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form) : undefined,
      });
      jar.store(res.headers.getSetCookie());
      return res;
    };
  };

  /** Follows redirects within the sandbox; returns the page shown, or the redirect back to the portal. */
  const visit = async (go: ReturnType<typeof browser>, url: string | URL, form?: Record<string, string>) => {
    let res = await go(url, form);
    while (res.status === 303 || res.status === 302) {
      const next = new URL(res.headers.get('location')!, issuer());
      if (next.origin !== issuer()) return { back: next, res };
      res = await go(next);
    }
    return { res, html: await res.text() };
  };

  it('without login_hint: choose a seeded account, then consent, then back with a code', async () => {
    const go = browser();
    const req = await request();
    const choose = await visit(go, req.url);
    expect(choose.res.status).toBe(200);
    expect(choose.res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*style-src 'sha256-/);
    expect(choose.html).toContain('Đăng nhập bằng tài khoản định danh điện tử');
    expect(choose.html).toContain('Nguyễn Văn An');
    expect(choose.html).toContain('Công ty TNHH Demo Việt');
    expect(choose.html).toContain('Mức độ 2');
    expect(choose.html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    const action = /action="([^"]+\/login)"/.exec(choose.html!)![1]!;
    const consent = await visit(go, action, { account: '048192002233' });
    expect(consent.html).toContain('Đồng ý chia sẻ thông tin');
    expect(consent.html).toContain('Võ Thị Lan');
    const allow = /action="([^"]+\/consent)"/.exec(consent.html!)![1]!;
    const done = await visit(go, allow, { decision: 'allow' });
    const { payload } = await idTokenOf(req, done.back!);
    expect(payload).toMatchObject({ id_number: '048192002233', name: 'Võ Thị Lan' });
  });

  it('asks again on the next sign-in in the same browser, and lets another person sign in', async () => {
    const go = browser();
    const first = await visit(go, (await request(DEMO_CITIZEN)).url);
    expect(first.back?.searchParams.has('code')).toBe(true);
    const req = await request('079187008899');
    const second = await visit(go, req.url);
    const { payload } = await idTokenOf(req, second.back!);
    expect(payload.id_number).toBe('079187008899');
    const third = await visit(go, (await request()).url);
    expect(third.html).toContain('Đăng nhập bằng tài khoản định danh điện tử');
  });

  it('declining consent sends access_denied back to the portal', async () => {
    const go = browser();
    const choose = await visit(go, (await request()).url);
    const consent = await visit(go, /action="([^"]+\/login)"/.exec(choose.html!)![1]!, { account: DEMO_CITIZEN });
    const done = await visit(go, /action="([^"]+\/consent)"/.exec(consent.html!)![1]!, { decision: 'deny' });
    expect(done.back?.searchParams.get('error')).toBe('access_denied');
    expect(done.back?.searchParams.has('code')).toBe(false);
  });

  it('an unknown login_hint shows the choose page saying so, and signInWithLoginHint fails clearly', async () => {
    const page = await visit(browser(), (await request('001000000000')).url);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('Không tìm thấy tài khoản');
    expect(page.html).toContain('001000000000');
    await expect(signInWithLoginHint((await request()).url, '001000000000')).rejects.toThrow(/answered 200 .*Không tìm thấy tài khoản/);
  });
});

describe('VNeID sandbox: population data API', () => {
  const population = (path: string, key: string | null = process.env.POPULATION_API_KEY!) =>
    fetch(`${process.env.POPULATION_API_URL}${path}`, { headers: key === null ? {} : { 'x-api-key': key } });

  it('needs the API key: 401 without it or with another', async () => {
    expect((await population(`/v1/citizens/${DEMO_CITIZEN}`, null)).status).toBe(401);
    const wrong = await population(`/v1/citizens/${DEMO_CITIZEN}`, 'f'.repeat(64));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('404 for an unknown ID number or enterprise code', async () => {
    for (const path of ['/v1/citizens/001000000000', '/v1/enterprises/0100000000', '/v1/nothing']) {
      const res = await population(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('a citizen\'s record: name, birth date, sex, both addresses with codes and text, the guardian of a minor', async () => {
    const res = await population('/v1/citizens/001314007788');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      idNumber: '001314007788', fullName: 'Lê Minh Châu', dateOfBirth: '2014-11-20', sex: 'female', guardianIdNumber: '001185004321',
      permanentAddress: { provinceCode: '01', communeCode: '00235', detail: 'Số 8 ngõ 92 phố Nguyễn Lương Bằng', text: 'Số 8 ngõ 92 phố Nguyễn Lương Bằng, Phường Đống Đa, Thành phố Hà Nội' },
      currentAddress: { provinceCode: '01', communeCode: '00235', detail: 'Số 8 ngõ 92 phố Nguyễn Lương Bằng', text: 'Số 8 ngõ 92 phố Nguyễn Lương Bằng, Phường Đống Đa, Thành phố Hà Nội' },
    });
    const adult = await (await population(`/v1/citizens/${DEMO_CITIZEN}`)).json() as { currentAddress: { text: string } };
    expect(adult).not.toHaveProperty('guardianIdNumber');
    expect(adult.currentAddress.text).toBe('Số 25 ngõ 68 đường Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội');
  });

  it('an enterprise\'s record with its legal representative\'s ID number and name', async () => {
    const res = await population(`/v1/enterprises/${DEMO_BUSINESS}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      enterpriseCode: DEMO_BUSINESS, name: 'Công ty TNHH Demo Việt', legalRepresentativeIdNumber: '001185004321', legalRepresentativeName: 'Trần Thị Mai',
      address: { provinceCode: '01', communeCode: '00070', detail: 'Tầng 5, số 18 phố Lý Thường Kiệt', text: 'Tầng 5, số 18 phố Lý Thường Kiệt, Phường Hoàn Kiếm, Thành phố Hà Nội' },
    });
  });
});

describe('VNeID sandbox: state kept under the state dir', () => {
  const stateDir = scratchStateDir('dvc-vneid-');
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('keeps its signing key, client secret and API key across a restart on the same dir (mode 600)', async () => {
    const options = { stateDir, redirectUris: ['http://127.0.0.1:9/dang-nhap/vneid'] };
    const first = await startVneidSandbox(options);
    const firstKeys = await (await fetch(`${first.issuer}/jwks`)).json();
    await first.stop();
    const file = join(stateDir, STATE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).signingKey.kid).toBe(first.kid);

    const second = await startVneidSandbox(options);
    try {
      expect(second.kid).toBe(first.kid);
      expect(await (await fetch(`${second.issuer}/jwks`)).json()).toEqual(firstKeys);
      expect(second.clientSecret).toBe(first.clientSecret);
      expect(second.populationApiKey).toBe(first.populationApiKey);
    } finally {
      await second.stop();
    }
    const elsewhere = await startVneidSandbox({ redirectUris: options.redirectUris });
    await elsewhere.stop();
    expect(elsewhere.kid).not.toBe(first.kid);
  });
});
