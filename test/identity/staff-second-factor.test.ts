// Officials' and admins' password sign-in with its challenges, on the local user pool as Cognito
// answers them (docs/identity.md "Officials' second factor"; local/emulators/runners/
// cognito-sign-in-challenges.mjs): a new password for an account an admin created, an authenticator
// app enrolled at the first sign-in where the pool requires it (AWS), its codes at every later
// sign-in, and sessions bound to their user and challenge. Codes come from an RFC 6238
// authenticator of the test's own (test/support/totp.ts), as an official's phone would give them.
import {
  AssociateSoftwareTokenCommand, CognitoIdentityProviderClient, DeleteUserPoolCommand, InitiateAuthCommand, RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, decodePayload, portalConfig } from '../support/auth';
import { fileNamespace } from '../support/namespace';
import { CHOSEN_PASSWORD as CHOSEN, createOfficial as createOfficialIn, createPoolRequiringMfa, TEMPORARY_PASSWORD as TEMPORARY } from '../support/staff-accounts';
import { totpCode, wrongTotpCode } from '../support/totp';

const ns = fileNamespace(import.meta.url);

let idp: CognitoIdentityProviderClient;
let poolId = '';
let staffClientId = '';
beforeAll(async () => {
  const config = await portalConfig();
  idp = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint! });
  poolId = config.userPoolId;
  staffClientId = config.staffClientId;
});
afterAll(() => idp?.destroy());

/** An official of this file's own in `pool`, with a temporary password. */
const createOfficial = (pool: string, name: string) => createOfficialIn(idp, pool, ns.key(name).toLowerCase().slice(0, 60));

const passwordSignIn = (clientId: string, username: string, password: string) =>
  idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));

const respond = (clientId: string, challenge: string, session: string | undefined, responses: Record<string, string>) =>
  idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challenge as never, Session: session, ChallengeResponses: responses }));

/** The error name a call fails with (it must fail). */
const failure = async (call: Promise<unknown>): Promise<string> => {
  try {
    await call;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error('expected the call to fail');
};

describe('officials\' password sign-in (local pool: the second factor optional)', () => {
  it('asks a new official for a new password that meets the policy, then signs them in', async () => {
    const username = await createOfficial(poolId, 'new-password');
    expect(await failure(passwordSignIn(staffClientId, username, 'wrong-Password-1!'))).toBe('NotAuthorizedException');
    const first = await passwordSignIn(staffClientId, username, TEMPORARY);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(await failure(respond(staffClientId, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: username, NEW_PASSWORD: 'short' }))).toBe('InvalidPasswordException');
    const done = await respond(staffClientId, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: username, NEW_PASSWORD: CHOSEN });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    expect(decodePayload(done.AuthenticationResult!.IdToken!)).toMatchObject({ 'cognito:groups': ['official'], 'custom:agency_scope': '000.00.00.H26' });
    expect((await api('GET', '/v1/agency/dossiers?agency=000.00.00.H26&limit=1', { token: done.AuthenticationResult!.IdToken })).status).toBe(200);
    // The temporary password is spent; the chosen one signs in.
    expect(await failure(passwordSignIn(staffClientId, username, TEMPORARY))).toMatch(/NotAuthorized|InvalidPassword/);
    expect((await passwordSignIn(staffClientId, username, CHOSEN)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('asks an official with an authenticator app for its code; a wrong code may be retried; sessions serve their own user once', async () => {
    const username = await createOfficial(poolId, 'totp');
    const first = await passwordSignIn(staffClientId, username, TEMPORARY);
    const tokens = (await respond(staffClientId, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: username, NEW_PASSWORD: CHOSEN })).AuthenticationResult!;
    // Enrolled from a signed-in session (as an official may do where the pool does not require it).
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totpCode(SecretCode!) }));
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const challenged = await passwordSignIn(staffClientId, username, CHOSEN);
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.AuthenticationResult).toBeUndefined();
    expect(await failure(respond(staffClientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: wrongTotpCode(SecretCode!) })))
      .toBe('CodeMismatchException');
    // The mistyped code is retried on the same session.
    const signedIn = await respond(staffClientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) });
    expect(decodePayload(signedIn.AuthenticationResult!.IdToken!)['cognito:username']).toBe(username);
    // A session answers once.
    expect(await failure(respond(staffClientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) })))
      .toBe('NotAuthorizedException');

    // Another user's name on a session: refused, and the session is spent. A made-up session, or
    // another challenge's answer on it: refused.
    const other = await createOfficial(poolId, 'totp-other');
    const misused = await passwordSignIn(staffClientId, username, CHOSEN);
    expect(await failure(respond(staffClientId, 'SOFTWARE_TOKEN_MFA', misused.Session, { USERNAME: other, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) })))
      .toBe('NotAuthorizedException');
    expect(await failure(respond(staffClientId, 'SOFTWARE_TOKEN_MFA', misused.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) })))
      .toBe('NotAuthorizedException');
    expect(await failure(respond(staffClientId, 'SOFTWARE_TOKEN_MFA', 'made-up', { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) })))
      .toBe('NotAuthorizedException');
    const fresh = await passwordSignIn(staffClientId, username, CHOSEN);
    expect(await failure(respond(staffClientId, 'NEW_PASSWORD_REQUIRED', fresh.Session, { USERNAME: username, NEW_PASSWORD: CHOSEN })))
      .toBe('NotAuthorizedException');
  });
});

describe('officials\' password sign-in where the pool requires the second factor (as in AWS)', () => {
  let requiredPool = '';
  let clientId = '';
  beforeAll(async () => {
    ({ poolId: requiredPool, clientId } = await createPoolRequiringMfa(idp, ns.key('mfa-on')));
  });
  afterAll(async () => { if (requiredPool) await idp.send(new DeleteUserPoolCommand({ UserPoolId: requiredPool })); });

  it('enrols an authenticator app at the first sign-in (MFA_SETUP), then asks for its codes', async () => {
    const username = await createOfficial(requiredPool, 'enrol');
    const first = await passwordSignIn(clientId, username, TEMPORARY);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    // A new password is not the end: the app comes next, before any token.
    const setup = await respond(clientId, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: username, NEW_PASSWORD: CHOSEN });
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(setup.AuthenticationResult).toBeUndefined();

    const associated = await idp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{16,}$/);
    // Answering before the app is verified: refused. The spent session: refused.
    expect(await failure(respond(clientId, 'MFA_SETUP', associated.Session, { USERNAME: username }))).toMatch(/InvalidParameter/);
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })))).toBe('NotAuthorizedException');
    expect(await failure(idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongTotpCode(associated.SecretCode!) }))))
      .toBe('CodeMismatchException');
    const verified = await idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(associated.SecretCode!), FriendlyDeviceName: 'Điện thoại' }));
    expect(verified.Status).toBe('SUCCESS');
    const tokens = await respond(clientId, 'MFA_SETUP', verified.Session, { USERNAME: username });
    expect(decodePayload(tokens.AuthenticationResult!.IdToken!)).toMatchObject({ 'cognito:username': username, 'cognito:groups': ['official'] });

    const later = await passwordSignIn(clientId, username, CHOSEN);
    expect(later.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const again = await respond(clientId, 'SOFTWARE_TOKEN_MFA', later.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(associated.SecretCode!) });
    expect(again.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('asks an existing official with no app to enrol one at sign-in, and gives no token on the password alone', async () => {
    const username = await createOfficial(requiredPool, 'existing');
    const first = await passwordSignIn(clientId, username, TEMPORARY);
    const setup = await respond(clientId, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: username, NEW_PASSWORD: CHOSEN });
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    // Leaving enrolment half-way: the next sign-in asks for it again.
    const next = await passwordSignIn(clientId, username, CHOSEN);
    expect(next.ChallengeName).toBe('MFA_SETUP');
    expect(next.AuthenticationResult).toBeUndefined();
  });
});
