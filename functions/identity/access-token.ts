// Verification of an agency system's OAuth 2.0 client-credentials access token (docs/identity.md
// "Client-credentials tokens"). In AWS, Cognito's /oauth2/token issues them; locally the local
// gateway's token endpoint issues tokens with the same claims. A token is accepted when:
//   - its signature verifies against the issuer's JWKS (RS256) and it has not expired;
//   - `iss` is the configured issuer (the user pool), `token_use` is `access`;
//   - `client_id` is the app client of a registered agency system (the caller resolves it).
// Cognito access tokens carry no `aud`: the client id is their audience, and an ID token of the
// same pool (token_use `id`, `aud` the web client) is refused here.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { readEnv } from '../../shared/config';
import { machineClients } from '../../shared/platform/identity';

export type TokenFailure = 'malformed' | 'expired' | 'bad_token' | 'wrong_issuer' | 'not_access_token' | 'no_client';

export type TokenVerdict =
  | { ok: true; clientId: string; scopes: string[] }
  | { ok: false; reason: TokenFailure };

export interface TokenVerifier {
  verify(token: string, now: number): Promise<TokenVerdict>;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The token of an `Authorization: Bearer …` header; undefined when there is none, 'malformed' when it is not a JWT. */
export const bearerOf = (authorization: string | undefined): string | 'malformed' | undefined => {
  if (!authorization || !/^bearer /i.test(authorization)) return undefined;
  return BEARER.exec(authorization.replace(/^bearer /i, 'Bearer ').trim())?.[1] ?? 'malformed';
};

/** The portal's scopes a token carries: `dvc/sync.write` → `sync.write`; other resource servers' are dropped. */
export const portalScopesOf = (scope: unknown): string[] => {
  if (typeof scope !== 'string') return [];
  const prefix = `${machineClients.resourceServer}/`;
  return scope.split(' ').filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
};

export const tokenVerifier = (opts: { issuer: string; keys: JWTVerifyGetKey }): TokenVerifier => ({
  async verify(token, now) {
    try {
      const { payload } = await jwtVerify(token, opts.keys, {
        issuer: opts.issuer, algorithms: ['RS256'], currentDate: new Date(now * 1000), requiredClaims: ['exp', 'client_id'],
      });
      if (payload.token_use !== 'access') return { ok: false, reason: 'not_access_token' };
      if (typeof payload.client_id !== 'string' || !payload.client_id) return { ok: false, reason: 'no_client' };
      return { ok: true, clientId: payload.client_id, scopes: portalScopesOf(payload.scope) };
    } catch (e) {
      if (e instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (e instanceof errors.JWTClaimValidationFailed && e.claim === 'iss') return { ok: false, reason: 'wrong_issuer' };
      if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: 'no_client' };
      if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return { ok: false, reason: 'malformed' };
      // A bad signature, an unknown key id, an unexpected algorithm.
      if (e instanceof errors.JOSEError) return { ok: false, reason: 'bad_token' };
      throw e;
    }
  },
});

let configured: TokenVerifier | undefined;
/** The issuer configured by AGENCY_TOKEN_ISSUER, its JWKS fetched (and cached) on first use; undefined when unset. */
export const configuredTokenVerifier = (): TokenVerifier | undefined => {
  const issuer = readEnv('AGENCY_TOKEN_ISSUER');
  if (!issuer) return undefined;
  configured ??= tokenVerifier({ issuer, keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)) });
  return configured;
};
