// User tokens through the real local gateway: the demo accounts of docs/requirements.md
// R-LOCAL-SEED sign in (officials and admins at the Cognito endpoint /v1/config reports, citizens
// and businesses through VNeID and the portal's code flow) and carry their groups and
// attributes; the gateway's JWT authorizer (same rules as API Gateway's) accepts a valid token and
// answers 401 {"message":"Unauthorized"} to anything else, even a token signed with cognito-local's
// own key when a claim is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../../local/seed/accounts';
import { routes } from '../../shared/platform';
import {
  api, cognitoLocalPublicJwk, craftToken, decodePayload, portalConfig, signIn, tamperPayload, tokenIssuer,
} from '../support/auth';

// A route with auth.kind === 'user' (group admin), read-only.
const ROUTE = routes.listAgencySystems;
const PATH = `${ROUTE.path}?limit=1`;

/** R-LOCAL-SEED: the demo accounts, what their ID tokens must carry. */
const ACCOUNTS = [
  { username: 'citizen.demo', group: 'citizen', claims: { 'custom:id_number': '001099012345', 'custom:vneid_verified': 'true', 'custom:eid_level': '2' } },
  { username: 'business.demo', group: 'business', claims: { 'custom:enterprise_code': '0101234567', 'custom:vneid_verified': 'true', 'custom:eid_level': '2' } },
  { username: 'official.hanoi', group: 'official', claims: { 'custom:agency_scope': '000.00.00.H26' } },
  { username: 'official.hue', group: 'official', claims: { 'custom:agency_scope': '000.00.00.H57' } },
  { username: 'admin.demo', group: 'admin', claims: {} },
] as const;

const expectGatewayUnauthorized = (res: { status: number; body: unknown }) => {
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ message: 'Unauthorized' });
};

describe('user tokens through the local gateway', () => {
  let admin: string;
  let citizen: string;

  beforeAll(async () => {
    expect(ROUTE.auth).toEqual({ kind: 'user', groups: ['admin'] });
    [admin, citizen] = await Promise.all([signIn('admin.demo'), signIn('citizen.demo')]);
  });

  it.each(ACCOUNTS)('$username signs in; its ID token carries group $group and its attributes', async (account) => {
    const config = await portalConfig();
    expect(config.cognitoEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const claims = decodePayload(await signIn(account.username));
    const applicant = account.group === 'citizen' || account.group === 'business';
    expect(claims).toMatchObject({
      iss: await tokenIssuer(),
      // Citizens and businesses: the web client (VNeID, CUSTOM_AUTH); officials and admins: the staff client.
      aud: applicant ? config.userPoolClientId : config.staffClientId,
      token_use: 'id',
      'cognito:username': demoAccount(account.username)!.cognitoUsername,
      'cognito:groups': [account.group],
      ...account.claims,
    });
    expect(claims.sub).toEqual(expect.any(String));
    // No account carries another kind's identity.
    if (account.group !== 'citizen') expect(claims['custom:id_number']).toBeUndefined();
    if (account.group !== 'business') expect(claims['custom:enterprise_code']).toBeUndefined();
    if (account.group !== 'official') expect(claims['custom:agency_scope']).toBeUndefined();
  });

  it('accepts a valid admin ID token (200)', async () => {
    const res = await api('GET', PATH, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: expect.any(Array) });
  });

  it('accepts a token crafted with cognito-local\'s key and valid claims (control for the cases below)', async () => {
    const res = await api('GET', PATH, { token: await craftToken({ 'cognito:groups': ['admin'] }) });
    expect(res.status).toBe(200);
  });

  it('answers 403 with the error envelope to a valid token of the wrong group', async () => {
    for (const username of ['citizen.demo', 'business.demo', 'official.hanoi']) {
      const res = await api('GET', PATH, { token: await signIn(username) });
      expect(res.status, username).toBe(403);
      expect(res.body, username).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
      expect(res.headers.get('x-request-id'), username).toBeTruthy();
    }
    const crafted = await api('GET', PATH, { token: await craftToken({ 'cognito:groups': ['citizen'] }) });
    expect(crafted.status).toBe(403);
  });

  describe('401 {"message":"Unauthorized"} from the gateway', () => {
    it('no token', async () => {
      expectGatewayUnauthorized(await api('GET', PATH));
      expectGatewayUnauthorized(await api('GET', PATH, { headers: { authorization: 'Bearer ' } }));
    });

    it('garbage token', async () => {
      for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30', `${admin}x`, admin.split('.').slice(0, 2).join('.')]) {
        expectGatewayUnauthorized(await api('GET', PATH, { token }));
      }
    });

    it('expired token (exp in the past, otherwise valid)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await craftToken({ 'cognito:groups': ['admin'], iat: now - 7200, auth_time: now - 7200, exp: now - 60 });
      expectGatewayUnauthorized(await api('GET', PATH, { token }));
    });

    it('token not valid yet (nbf in the future)', async () => {
      const token = await craftToken({ 'cognito:groups': ['admin'], nbf: Math.floor(Date.now() / 1000) + 600 });
      expectGatewayUnauthorized(await api('GET', PATH, { token }));
    });

    it('tampered token: payload changed after signing (a citizen promoting itself to admin)', async () => {
      const token = tamperPayload(citizen, (c) => ({ ...c, 'cognito:groups': ['admin'] }));
      expect(decodePayload(token)['cognito:groups']).toEqual(['admin']);
      expectGatewayUnauthorized(await api('GET', PATH, { token }));
      // Even an unchanged payload, re-encoded differently, no longer matches the signature.
      const reordered = tamperPayload(admin, (c) => Object.fromEntries(Object.entries(c).reverse()));
      expectGatewayUnauthorized(await api('GET', PATH, { token: reordered }));
    });

    it('token signed with a different RSA key under the same kid "CognitoLocal"', async () => {
      const token = await craftToken({ 'cognito:groups': ['admin'] }, { signWith: 'stranger' });
      expectGatewayUnauthorized(await api('GET', PATH, { token }));
      // ... or under a kid the JWKS does not have.
      const unknownKid = await craftToken({ 'cognito:groups': ['admin'] }, { kid: 'SomeOtherKey' });
      expectGatewayUnauthorized(await api('GET', PATH, { token: unknownKid }));
    });

    it('wrong issuer', async () => {
      const config = await portalConfig();
      for (const iss of [
        `${config.cognitoEndpoint}/ap-southeast-1_another`, // another pool on the same emulator
        `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`, // the AWS form
        `${await tokenIssuer()}/`,
        undefined, // none at all
      ]) {
        const token = await craftToken({ 'cognito:groups': ['admin'], iss });
        expectGatewayUnauthorized(await api('GET', PATH, { token }));
      }
    });

    it('wrong audience (aud = another app client id, or none)', async () => {
      for (const claims of [
        { aud: 'anotherappclientid0000000' },
        { aud: ['anotherappclientid0000000'] },
        { aud: undefined },
        // Access-token shape: client_id instead of aud, naming another client.
        { aud: undefined, token_use: 'access', client_id: 'anotherappclientid0000000' },
      ]) {
        const token = await craftToken({ 'cognito:groups': ['admin'], ...claims });
        expectGatewayUnauthorized(await api('GET', PATH, { token }));
      }
    });

    it('alg "none" (unsigned), and HS256 signed with the public key (key confusion)', async () => {
      const none = await craftToken({ 'cognito:groups': ['admin'] }, { signWith: 'none' });
      expect(none.endsWith('.')).toBe(true);
      expectGatewayUnauthorized(await api('GET', PATH, { token: none }));
      const jwk = cognitoLocalPublicJwk();
      const hs = await craftToken({ 'cognito:groups': ['admin'] }, { signWith: { hs256: new TextEncoder().encode(JSON.stringify(jwk)) } });
      expectGatewayUnauthorized(await api('GET', PATH, { token: hs }));
    });
  });

  it('a validly signed token without `sub` reaches no route as a user: 401 envelope from the handler', async () => {
    const res = await api('GET', PATH, { token: await craftToken({ 'cognito:groups': ['admin'], sub: undefined }) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });
});
