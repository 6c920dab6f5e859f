// The per-sign-in secrets of the authorization code flow: state (CSRF, and the key of the stored
// sign-in), nonce (binds the ID token to this sign-in) and the PKCE pair (RFC 7636, S256 only).
import { createHash, randomBytes } from 'node:crypto';

const random = () => randomBytes(32).toString('base64url');

export interface SignInSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
  codeChallenge: string;
}

export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export const newSignInSecrets = (): SignInSecrets => {
  const codeVerifier = random();
  return { state: random(), nonce: random(), codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
};

/** The state is stored under its hash: the table never holds a value an attacker could replay. */
export const stateKey = (state: string) => createHash('sha256').update(state).digest('base64url');
