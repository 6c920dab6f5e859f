// Verification of a VNeID ID token (OpenID Connect Core 1.0 §3.1.3.7), pure: the caller gives the
// issuer's key set, so tests run with keys they make. Every refusal names its reason, so each check
// is proven by a test that fails when the check is removed.
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../../../shared/errors/domain-error';

/** Signature algorithms accepted from VNeID (asymmetric only: never `none`, never HS*). */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256'] as const;
/** Clock skew tolerated between VNeID and the portal. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** An ID token issued longer ago than this is stale even if it has not expired. */
export const MAX_TOKEN_AGE_SECONDS = 600;

export type IdTokenRefusal =
  | 'malformed' | 'algorithm' | 'signature' | 'issuer' | 'audience' | 'expired' | 'issued_at' | 'nonce';

export const idTokenRefused = (reason: IdTokenRefusal, message: string) =>
  new DomainError('unauthenticated', 'VNEID_ID_TOKEN_REFUSED', `The VNeID ID token was refused (${reason}): ${message}`, [
    { path: 'idToken', message: reason },
  ]);

export interface IdTokenExpectation {
  issuer: string;
  clientId: string;
  /** The nonce stored with the sign-in's state. */
  nonce: string;
  /** The issuer's keys (its JWKS), resolved by kid. */
  keys: JWTVerifyGetKey;
  now?: Date;
}

const reasonOfClaimFailure = (claim: string): IdTokenRefusal =>
  claim === 'iss' ? 'issuer' : claim === 'aud' ? 'audience' : claim === 'iat' ? 'issued_at' : 'malformed';

/** The verified claims of `token`, or a refusal naming the failed check. */
export const verifyIdToken = async (token: string, expect: IdTokenExpectation): Promise<JWTPayload> => {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw idTokenRefused('malformed', 'not a JWS');
  }
  // The allow-list, checked here once (before any key is looked up): the portal's decision, not a library default.
  if (!(ID_TOKEN_ALGORITHMS as readonly string[]).includes(alg ?? '')) throw idTokenRefused('algorithm', `alg ${alg ?? 'missing'} is not accepted`);
  const now = expect.now ?? new Date();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, expect.keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      requiredClaims: ['sub', 'iat', 'exp'],
    }));
  } catch (e) {
    // jose reports a too-old iat (maxTokenAge) as JWTExpired on the iat claim.
    if (e instanceof errors.JWTExpired) throw e.claim === 'iat' ? idTokenRefused('issued_at', 'issued too long ago') : idTokenRefused('expired', 'the token has expired');
    if (e instanceof errors.JWTClaimValidationFailed) throw idTokenRefused(reasonOfClaimFailure(e.claim), e.message);
    if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) {
      throw idTokenRefused('signature', 'not signed by a key of the issuer');
    }
    throw idTokenRefused('malformed', (e as Error).message);
  }
  // OIDC Core 3.1.3.7 (8): several audiences need an azp naming the portal.
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expect.clientId) {
    throw idTokenRefused('audience', 'azp does not name the portal');
  }
  if (payload.nonce !== expect.nonce) throw idTokenRefused('nonce', 'the nonce is not the sign-in\'s');
  return payload;
};
