// Verifies bearer tokens the way the API Gateway HTTP API JWT authorizer does: signature from the
// issuer's JWKS, exact issuer, `aud` or `client_id` in the audience list, exp/nbf, and hands the
// claims to Lambda in the same shape (every value a string, arrays as "[a b]").
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface JwtAuthorizerConfig {
  issuer: string;
  audience: readonly string[];
}

export type JwtResult = { ok: true; claims: Record<string, string> } | { ok: false; reason: string };

const asLambdaClaim = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(String).join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

export const createJwtVerifier = (config: JwtAuthorizerConfig) => {
  const jwks = createRemoteJWKSet(new URL(`${config.issuer}/.well-known/jwks.json`));
  return async (authorization: string | undefined): Promise<JwtResult> => {
    if (!authorization) return { ok: false, reason: 'missing token' };
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ['RS256'], clockTolerance: 0 }));
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.some((a) => config.audience.includes(a))) return { ok: false, reason: 'audience mismatch' };
    return { ok: true, claims: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, asLambdaClaim(v)])) };
  };
};
