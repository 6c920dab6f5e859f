// Authentication of an agency system's signed request, shared by the Lambda authorizer (which
// sees everything but the body) and the handler-side completion for requests that carry a body
// (see signed-body.ts and docs/identity.md for why there are two stages).
import {
  fresh, KEY_ID_PATTERN, verifySignedRequest, wellFormed, type Body, type SignatureFailure, type SignedHeaders,
} from '../../shared/auth/agency-signature';
import type { AgencySystemRecord, AgencySystemRegistry } from './adapters/registry';

export type AuthFailure = SignatureFailure | 'unknown_key' | 'replayed';

export const pathWithQuery = (rawPath: string, rawQueryString: string | undefined) =>
  rawQueryString ? `${rawPath}?${rawQueryString}` : rawPath;

export type Authentication =
  | { ok: true; system: AgencySystemRecord; signatureVerified: boolean }
  | { ok: false; reason: AuthFailure };

/**
 * Form, window, key, then (when the body is known) signature and replay. With `body: 'unknown'`
 * the signature cannot be checked: the result says so and no nonce is written, so the stage that
 * later sees the body completes the check and spends the nonce exactly once.
 */
export const authenticateSignedRequest = async (
  registry: AgencySystemRegistry,
  req: SignedHeaders & { method: string; pathWithQuery: string; body: Body | 'unknown'; now: number },
): Promise<Authentication> => {
  if (!req.keyId || !KEY_ID_PATTERN.test(req.keyId) || !wellFormed(req.timestamp, req.signature)) {
    return { ok: false, reason: 'malformed' };
  }
  // Cheap checks before any read.
  if (!fresh(req.timestamp!, req.now)) return { ok: false, reason: 'stale' };
  const system = await registry.get(req.keyId);
  if (!system) return { ok: false, reason: 'unknown_key' };
  const secrets = await registry.activeSecrets(system);
  if (secrets.length === 0) return { ok: false, reason: 'unknown_key' };
  if (req.body === 'unknown') return { ok: true, system, signatureVerified: false };

  const verdict = verifySignedRequest({
    method: req.method, pathWithQuery: req.pathWithQuery, timestamp: req.timestamp, signature: req.signature,
    body: req.body, now: req.now, secrets,
  });
  if (!verdict.ok) return verdict;
  // Only a verified signature is spent: unsigned noise writes nothing.
  if (!(await registry.recordNonce(req.keyId, req.signature!, { now: req.now }))) return { ok: false, reason: 'replayed' };
  return { ok: true, system, signatureVerified: true };
};
