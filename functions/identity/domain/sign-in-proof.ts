// The proof that answers the user pool's custom sign-in challenge (docs/identity.md): the identity
// function signs it after verifying the VNeID ID token; the auth-challenge trigger accepts it only
// for the same username and only within its short life. HMAC-SHA256 with the declared secret
// sign-in-proof-key, so nobody without that key can make one: this is not a password.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PROOF_VERSION = 'p1';
/** A proof is used within a second of being made; a minute covers clock skew and retries. */
export const PROOF_LIFETIME_SECONDS = 60;

const mac = (key: string, username: string, expiresAt: number) =>
  createHmac('sha256', key).update(`${PROOF_VERSION}\n${username}\n${expiresAt}`).digest('base64url');

export const makeProof = (key: string, username: string, now: Date = new Date()): string => {
  const expiresAt = Math.floor(now.getTime() / 1000) + PROOF_LIFETIME_SECONDS;
  return `${PROOF_VERSION}.${expiresAt}.${mac(key, username, expiresAt)}`;
};

export type ProofRefusal = 'malformed' | 'expired' | 'mismatch';

/** Whether `proof` was made with `key` for `username` and is still alive; else why not. */
export const checkProof = (key: string, username: string, proof: string, now: Date = new Date()): { ok: true } | { ok: false; reason: ProofRefusal } => {
  const [version, expires, given, extra] = proof.split('.');
  const expiresAt = Number(expires);
  if (version !== PROOF_VERSION || !given || extra !== undefined || !/^\d{1,12}$/.test(expires ?? '')) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // Too far in the future is as suspect as expired: no proof lives longer than its lifetime.
  if (expiresAt < nowSeconds || expiresAt > nowSeconds + PROOF_LIFETIME_SECONDS) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(mac(key, username, expiresAt));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
};
