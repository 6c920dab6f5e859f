// Sign-in through VNeID end to end on the local runtime (docs/identity.md): the portal's code flow
// against the VNeID sandbox, the account rules (no password for citizens, one account per ID
// number, attributes updated on every sign-in), the claims the API receives, and the protocol
// checks that need a provider: a state used once, the PKCE verifier, a code used once.
import {
  AdminGetUserCommand, AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributesOf, claimsOf, groupOf, usernameOf } from '../../functions/identity/domain/vneid-account';
import { startVneidSignIn, vneidCallback } from '../../local/demo-sign-in';
import { DEMO_PASSWORD } from '../../local/seed/accounts';
import { identities } from '../../local/vneid/identities';
import { api, baseUrl, decodePayload, portalConfig, signIn, vneidSignIn } from '../support/auth';

const ids = identities();
/** The claims VNeID (the sandbox) gives for a seeded ID number or enterprise code. */
const vneidClaims = (key: string) => ids.claims(ids.byKey(key)!);

let idp: CognitoIdentityProviderClient;
beforeAll(async () => {
  const config = await portalConfig();
  idp = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint });
});
afterAll(() => idp.destroy());

/** The claims of a portal ID token that come from the account (not the token's own: iat, jti, ...). */
const accountClaims = (token: string) => {
  const claims = decodePayload(token);
  const names = ['name', 'cognito:groups', 'custom:id_number', 'custom:enterprise_code', 'custom:eid_level', 'custom:vneid_verified', 'custom:agency_scope'];
  return Object.fromEntries(names.filter((n) => claims[n] !== undefined).map((n) => [n, claims[n]]));
};

describe('sign-in through VNeID', () => {
  it('gives a citizen the portal\'s tokens carrying exactly what the declared mapping derives from the VNeID claims', async () => {
    const idNumber = '046088001122';
    const tokens = await vneidSignIn(idNumber);
    expect(tokens).toEqual({ idToken: expect.any(String), accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) });
    const config = await portalConfig();
    const claims = claimsOf(vneidClaims(idNumber));
    expect(decodePayload(tokens.idToken)).toMatchObject({ aud: config.userPoolClientId, token_use: 'id', 'cognito:username': usernameOf(claims) });
    // The same declared mapping (shared/platform/identity.ts) the CDK test checks the pool against.
    expect(accountClaims(tokens.idToken)).toEqual({ ...attributesOf(claims), 'cognito:groups': [groupOf(claims)] });
    expect(accountClaims(tokens.idToken)).toMatchObject({ 'custom:id_number': idNumber, 'custom:vneid_verified': 'true', 'cognito:groups': ['citizen'] });
    // The API accepts it as a citizen's.
    const mine = await api('GET', '/v1/me/dossiers?limit=1', { token: tokens.idToken });
    expect(mine.status).toBe(200);
  });

  it('gives an organisation a business account keyed by its enterprise code', async () => {
    const tokens = await vneidSignIn('0401876543');
    expect(accountClaims(tokens.idToken)).toEqual({
      name: 'Công ty Cổ phần Du lịch Sông Hàn', 'custom:enterprise_code': '0401876543', 'custom:eid_level': '2',
      'custom:vneid_verified': 'true', 'cognito:groups': ['business'],
    });
    expect(decodePayload(tokens.idToken)['cognito:username']).toBe('vneid-org-0401876543');
  });

  it('two sign-ins of one person give one account, its attributes brought up to date on the second', async () => {
    const idNumber = '046190003344';
    const first = decodePayload((await vneidSignIn(idNumber)).idToken);
    const config = await portalConfig();
    // The account drifts from VNeID (an old name, a stale level)...
    await idp.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: config.userPoolId, Username: String(first['cognito:username']),
      UserAttributes: [{ Name: 'name', Value: 'Tên cũ' }, { Name: 'custom:eid_level', Value: '2' }],
    }));
    const second = decodePayload((await vneidSignIn(idNumber)).idToken);
    expect(second.sub).toBe(first.sub);
    expect(second['cognito:username']).toBe(first['cognito:username']);
    // ...and the next sign-in writes what VNeID says again.
    expect(second.name).toBe(vneidClaims(idNumber).name);
    expect(second['custom:eid_level']).toBe('1');
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: String(first['cognito:username']) }));
    expect(user.Username).toBe(`vneid-${idNumber}`);
  });

  it('keeps working with refresh: REFRESH_TOKEN_AUTH with the web client gives a new ID token of the same account', async () => {
    const config = await portalConfig();
    const tokens = await vneidSignIn('001185004321');
    const refreshed = await idp.send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config.userPoolClientId, AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
    }));
    const idToken = refreshed.AuthenticationResult?.IdToken;
    expect(idToken).toBeTruthy();
    expect(decodePayload(idToken!).sub).toBe(decodePayload(tokens.idToken).sub);
    expect(accountClaims(idToken!)).toEqual(accountClaims(tokens.idToken));
  });
});

describe('password sign-in', () => {
  it('is refused to a citizen, with either client', async () => {
    await signIn('citizen.demo'); // the account exists (and signs in through VNeID)
    const config = await portalConfig();
    for (const ClientId of [config.userPoolClientId, config.staffClientId]) {
      for (const PASSWORD of [DEMO_PASSWORD, 'Anything@2026!']) {
        const attempt = idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'vneid-001099012345', PASSWORD } }));
        await expect(attempt, `${ClientId} ${PASSWORD}`).rejects.toThrow(/not enabled for this client|Incorrect username or password/);
      }
    }
  });

  it('works for an official (staff client) and not through the citizens\' web client', async () => {
    const config = await portalConfig();
    const official = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.staffClientId, AuthParameters: { USERNAME: 'official.hanoi', PASSWORD: DEMO_PASSWORD } }));
    expect(decodePayload(official.AuthenticationResult!.IdToken!)['cognito:groups']).toEqual(['official']);
    await expect(idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId, AuthParameters: { USERNAME: 'official.hanoi', PASSWORD: DEMO_PASSWORD } })))
      .rejects.toThrow(/not enabled for this client/);
  });

  it('cannot get an official into the custom sign-in: the triggers refuse accounts VNeID did not verify', async () => {
    const config = await portalConfig();
    const custom = (USERNAME: string) => idp.send(new AdminInitiateAuthCommand({
      UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME },
    }));
    // Control: a VNeID account gets the challenge (which only the identity function's proof answers).
    await signIn('citizen.demo');
    expect((await custom('vneid-001099012345')).ChallengeName).toBe('CUSTOM_CHALLENGE');
    await expect(custom('official.hanoi')).rejects.toThrow(/Incorrect username or password/);
  });

  it('a challenge answered with anything but the identity function\'s proof gives no tokens', async () => {
    const config = await portalConfig();
    await signIn('citizen.demo');
    const started = await idp.send(new AdminInitiateAuthCommand({
      UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'vneid-001099012345' },
    }));
    await expect(idp.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: started.Session,
      ChallengeResponses: { USERNAME: 'vneid-001099012345', ANSWER: DEMO_PASSWORD },
    }))).rejects.toThrow(/Incorrect username or password/);
  });
});

describe('the code flow\'s protocol checks against the sandbox', () => {
  const complete = (body: unknown) => api('POST', '/v1/auth/vneid/token', { json: body });

  it('a state completes once: the replay is refused with 400 SIGN_IN_STATE_INVALID', async () => {
    const callback = await vneidCallback(await startVneidSignIn(baseUrl(), '001099012345'));
    expect((await complete(callback)).status).toBe(200);
    const replay = await complete(callback);
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('SIGN_IN_STATE_INVALID');
  });

  it('a state the portal never issued is refused before VNeID is asked', async () => {
    const { code } = await vneidCallback(await startVneidSignIn(baseUrl(), '001099012345'));
    const forged = await complete({ code, state: 'forged-state-0123456789abcdef' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('SIGN_IN_STATE_INVALID');
  });

  it('a code issued for another sign-in (another PKCE challenge) is refused: 401 VNEID_CODE_REFUSED', async () => {
    const mine = await vneidCallback(await startVneidSignIn(baseUrl(), '001099012345'));
    const theirs = await vneidCallback(await startVneidSignIn(baseUrl(), '001099012345'));
    const crossed = await complete({ code: theirs.code, state: mine.state });
    expect(crossed.status).toBe(401);
    expect(crossed.body.error.code).toBe('VNEID_CODE_REFUSED');
  });

  describe('at the token endpoint (the portal\'s client credentials)', () => {
    const exchange = async (code: string, verifier?: string) => {
      const issuer = process.env.VNEID_ISSUER!;
      const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json() as { token_endpoint: string };
      const basic = Buffer.from(`${process.env.VNEID_CLIENT_ID}:${process.env.VNEID_CLIENT_SECRET}`).toString('base64');
      const res = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code', code, redirect_uri: process.env.VNEID_REDIRECT_URI!, ...(verifier === undefined ? {} : { code_verifier: verifier }),
        }),
      });
      return { status: res.status, body: await res.json() as Record<string, unknown> };
    };
    /** A sign-in at the sandbox with our own PKCE pair (the portal keeps its verifier to itself). */
    const ownCode = async () => {
      const { authorizationRequest, followAuthorization } = await import('../../local/vneid/sign-in');
      const request = await authorizationRequest({
        issuer: process.env.VNEID_ISSUER!, clientId: process.env.VNEID_CLIENT_ID!, redirectUri: process.env.VNEID_REDIRECT_URI!, loginHint: '001099012345',
      });
      const back = await followAuthorization(request.url);
      return { code: back.searchParams.get('code')!, verifier: request.codeVerifier };
    };

    it('refuses a missing or wrong PKCE verifier, accepts the right one', async () => {
      const missing = await ownCode();
      expect((await exchange(missing.code)).body.error).toBe('invalid_grant');
      const wrong = await ownCode();
      expect((await exchange(wrong.code, `${wrong.verifier.slice(0, -1)}x`)).body.error).toBe('invalid_grant');
      const right = await ownCode();
      expect((await exchange(right.code, right.verifier)).status).toBe(200);
    });

    it('accepts a code once', async () => {
      const { code, verifier } = await ownCode();
      expect((await exchange(code, verifier)).status).toBe(200);
      const again = await exchange(code, verifier);
      expect(again.status).toBe(400);
      expect(again.body.error).toBe('invalid_grant');
    });
  });
});
