// What an authenticator app computes (RFC 6238 TOTP over RFC 4226 HOTP: HMAC-SHA1, 6 digits, 30 s
// steps) from the base32 secret Cognito hands out at enrolment. Written here from the RFCs rather
// than taken from the emulator, so a test signs in as an official's phone would, not as the
// emulator checks.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of a base32 secret (RFC 4648; padding and spaces ignored, any case). */
export const base32Bytes = (secret: string): Buffer => {
  const chars = secret.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of chars) {
    const index = BASE32.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
};

/** The HOTP value of `key` at `counter` (RFC 4226 §5.3), `digits` long. */
export const hotp = (key: Buffer, counter: number, digits = 6): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
};

/** The TOTP code of a base32 secret at `at` (ms; default now). */
export const totpCode = (secret: string, at: number = Date.now(), digits = 6): string =>
  hotp(base32Bytes(secret), Math.floor(at / 30_000), digits);

/** A six-digit code the secret does not give now or in the neighbouring steps (a mistyped code). */
export const wrongTotpCode = (secret: string, at: number = Date.now()): string => {
  const near = new Set([-1, 0, 1].map((step) => totpCode(secret, at + step * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(totpCode(secret, at)) + 1 + n) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
};
