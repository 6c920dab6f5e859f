// Sign-in through VNeID (docs/identity.md "Sign-in through VNeID"): the portal is the OpenID
// Connect relying party, Cognito keeps issuing the portal's tokens.
//   start:    new state, nonce and PKCE verifier, stored once; the authorization URL to send the browser to.
//   complete: the state consumed (once), the code exchanged with the verifier, the ID token
//             verified, the account created or updated, the portal's tokens through CUSTOM_AUTH.
import { badRequest } from '../../../shared/errors/domain-error';
import type { AccountChange, PortalTokens } from '../adapters/cognito-accounts';
import type { PendingSignIn } from '../adapters/sign-in-states';
import type { AuthorizationRequest } from '../adapters/vneid-provider';
import { newSignInSecrets } from '../domain/pkce';
import { makeProof } from '../domain/sign-in-proof';
import { attributesOf, claimsOf, groupOf, usernameOf } from '../domain/vneid-account';
import { verifyIdToken } from '../domain/vneid-token';
import type { JWTVerifyGetKey } from 'jose';

export interface VneidSignInDeps {
  states: {
    save(state: string, pending: Omit<PendingSignIn, 'expiresAt'>, now: Date): Promise<PendingSignIn>;
    consume(state: string, now: Date): Promise<PendingSignIn | undefined>;
  };
  provider: {
    readonly client: { issuer: string; clientId: string };
    authorizationUrl(request: AuthorizationRequest): Promise<string>;
    exchangeCode(code: string, codeVerifier: string): Promise<string>;
    keys(): Promise<JWTVerifyGetKey>;
  };
  accounts: {
    upsert(change: AccountChange): Promise<'created' | 'updated'>;
    signIn(username: string, proof: string): Promise<PortalTokens>;
  };
  proofKey: () => Promise<string>;
  now?: () => Date;
}

const nowOf = (deps: Pick<VneidSignInDeps, 'now'>) => (deps.now ?? (() => new Date()))();

export const startVneidSignIn = async (deps: VneidSignInDeps, input: { loginHint?: string }) => {
  const secrets = newSignInSecrets();
  const authorizationUrl = await deps.provider.authorizationUrl({ ...secrets, loginHint: input.loginHint });
  const pending = await deps.states.save(secrets.state, { nonce: secrets.nonce, codeVerifier: secrets.codeVerifier }, nowOf(deps));
  return { authorizationUrl, expiresAt: new Date(pending.expiresAt * 1000).toISOString() };
};

export const completeVneidSignIn = async (deps: VneidSignInDeps, input: { code: string; state: string }): Promise<PortalTokens> => {
  const now = nowOf(deps);
  // Consumed before anything else: a replayed or forged state never reaches VNeID.
  const pending = await deps.states.consume(input.state, now);
  if (!pending) throw badRequest('SIGN_IN_STATE_INVALID', 'This sign-in is unknown, expired or already completed: start again');
  const idToken = await deps.provider.exchangeCode(input.code, pending.codeVerifier);
  const payload = await verifyIdToken(idToken, {
    issuer: deps.provider.client.issuer,
    clientId: deps.provider.client.clientId,
    nonce: pending.nonce,
    keys: await deps.provider.keys(),
    now,
  });
  const claims = claimsOf(payload);
  const username = usernameOf(claims);
  await deps.accounts.upsert({ username, attributes: attributesOf(claims), group: groupOf(claims) });
  return deps.accounts.signIn(username, makeProof(await deps.proofKey(), username, now));
};
