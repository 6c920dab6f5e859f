// The test authenticator against RFC 6238's own test values (Appendix B, SHA-1, 8 digits) and
// RFC 4226's HOTP table (Appendix D), so a sign-in test's codes are what a real app would show.
import { describe, expect, it } from 'vitest';
import { base32Bytes, hotp, totpCode, wrongTotpCode } from './totp';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
// "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('test authenticator (RFC 4226 / RFC 6238)', () => {
  it('decodes base32 secrets', () => {
    expect(base32Bytes(RFC_SECRET)).toEqual(RFC_KEY);
    expect(base32Bytes(RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(RFC_KEY);
    expect(() => base32Bytes('ABC1')).toThrow();
  });

  it('gives RFC 4226 Appendix D HOTP values', () => {
    expect([0, 1, 2, 3, 9].map((c) => hotp(RFC_KEY, c))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });

  it('gives RFC 6238 Appendix B TOTP values (SHA-1, 8 digits)', () => {
    expect(totpCode(RFC_SECRET, 59_000, 8)).toBe('94287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totpCode(RFC_SECRET, 1_234_567_890_000, 8)).toBe('89005924');
    expect(totpCode(RFC_SECRET, 20_000_000_000_000, 8)).toBe('65353130');
  });

  it('makes a wrong code that no neighbouring step gives', () => {
    const at = 1_234_567_890_000;
    const wrong = wrongTotpCode(RFC_SECRET, at);
    expect(wrong).toMatch(/^\d{6}$/);
    for (const step of [-1, 0, 1]) expect(totpCode(RFC_SECRET, at + step * 30_000)).not.toBe(wrong);
  });
});
