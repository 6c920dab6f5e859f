// Agency-system secrets are stored sealed, never in clear (SPEC §2: "stored encrypted").
//
// The sealed form is `<scheme>:<payload>`; the scheme names the implementation that can open it,
// so another sealer (e.g. `kms1:` over AWS KMS Encrypt/Decrypt) can be added later and records
// sealed by either keep working while they are rotated over.
//
// Configuration: AGENCY_SECRET_KEY = base64 of a 32-byte AES-256 key.
//   - AWS: the CDK stack creates a Secrets Manager secret holding that key and sets the variable
//     on the functions that open secrets (agency-authorizer, identity, and any function that
//     completes body signatures or signs outbound deliveries).
//   - Local runtime: local/seed/agency-systems.ts derives a key and keeps it under the state dir.
// Which key is used is configuration only; the code is the same everywhere.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretSealer {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export const AES_GCM_SCHEME = 'aes256gcm1';
export const SECRET_KEY_ENV = 'AGENCY_SECRET_KEY';

export class SealerConfigError extends Error {
  override name = 'SealerConfigError';
}

const b64u = (b: Buffer) => b.toString('base64url');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM, a random 96-bit IV per seal: `aes256gcm1:<iv>.<ciphertext>.<tag>` (base64url). */
export class AesGcmSecretSealer implements SecretSealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new SealerConfigError('The sealing key must be 32 bytes (AES-256)');
    this.key = key;
  }

  /** From `AGENCY_SECRET_KEY` (base64, 32 bytes). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): AesGcmSecretSealer {
    const value = env[SECRET_KEY_ENV];
    if (!value) throw new SealerConfigError(`${SECRET_KEY_ENV} is not configured`);
    return new AesGcmSecretSealer(Buffer.from(value, 'base64'));
  }

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${AES_GCM_SCHEME}:${b64u(iv)}.${b64u(body)}.${b64u(cipher.getAuthTag())}`;
  }

  async open(sealed: string): Promise<string> {
    const colon = sealed.indexOf(':');
    const scheme = colon > 0 ? sealed.slice(0, colon) : '';
    if (scheme !== AES_GCM_SCHEME) throw new Error(`Cannot open a secret sealed with scheme "${scheme}"`);
    const [iv, body, tag, extra] = sealed.slice(colon + 1).split('.').map((p) => Buffer.from(p, 'base64url'));
    // Full-length IV and tag only: GCM would otherwise accept a truncated (weaker) tag.
    if (!iv || !body || !tag || extra || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}

let configured: SecretSealer | undefined;
/** The sealer configuration selects; created on first use so module initialisation stays cheap. */
export const configuredSealer = (): SecretSealer => (configured ??= AesGcmSecretSealer.fromEnv());
