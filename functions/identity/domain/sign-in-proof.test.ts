import { describe, expect, it } from 'vitest';
import { PROOF_LIFETIME_SECONDS, checkProof, makeProof } from './sign-in-proof';

const KEY = 'k'.repeat(64);
const NOW = new Date('2026-12-06T08:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('sign-in proof', () => {
  it('is accepted for its username within its lifetime', () => {
    expect(checkProof(KEY, 'vneid-001099012345', makeProof(KEY, 'vneid-001099012345', NOW), later(30))).toEqual({ ok: true });
  });

  it('is refused for another username', () => {
    expect(checkProof(KEY, 'vneid-079088001122', makeProof(KEY, 'vneid-001099012345', NOW), NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('is refused when made with another key', () => {
    expect(checkProof(KEY, 'u', makeProof('other-key', 'u', NOW), NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('is refused once expired, and when it claims to live longer than a proof may', () => {
    expect(checkProof(KEY, 'u', makeProof(KEY, 'u', NOW), later(PROOF_LIFETIME_SECONDS + 1))).toEqual({ ok: false, reason: 'expired' });
    expect(checkProof(KEY, 'u', makeProof(KEY, 'u', later(3600)), NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused when its expiry was changed', () => {
    const [version, expires, mac] = makeProof(KEY, 'u', NOW).split('.');
    expect(checkProof(KEY, 'u', `${version}.${Number(expires) - 1}.${mac}`, NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses what is not a proof (a password, an empty answer)', () => {
    for (const answer of ['', 'Demo@2026!', 'p1..', 'p1.123', 'p2.1.abc', `${makeProof(KEY, 'u', NOW)}.x`]) {
      expect(checkProof(KEY, 'u', answer, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
