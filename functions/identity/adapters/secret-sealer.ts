// Agency-system secrets are stored sealed, never in clear (docs/requirements.md R-SIGN-REGISTRY:
// "kept encrypted").
//
// The sealed form is `<scheme>:<payload>`; the scheme names the implementation that can open it,
// so another sealer (e.g. `kms1:` over AWS KMS Encrypt/Decrypt) can be added later and records
// sealed by either keep working while they are rotated over.
//
// Configuration (the declared secret `agency-secret-key`, shared/platform/secrets.ts), either:
//   - AGENCY_SECRET_KEY = base64 of a 32-byte AES-256 key (the local runtime keeps one under its
//     state dir: local/seed/agency-systems.ts), or
//   - AGENCY_SECRET_KEY_SECRET_ARN = a Secrets Manager secret (the deployed stacks create it with
//     64 random characters); the AES key is SHA-256 of its value, read once per warm function.
// Which source is used is configuration only; the code is the same everywhere.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { secretSource, type EnvSource } from '../../../shared/config';
import { secretArnEnvVar } from '../../../shared/platform/naming';
import { secretEnvVar } from '../../../shared/platform/secrets';

export interface SecretSealer {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export const AES_GCM_SCHEME = 'aes256gcm1';
export const SECRET_KEY_ENV = secretEnvVar('agency-secret-key');

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
  static fromEnv(env?: EnvSource): AesGcmSecretSealer {
    const { value } = secretSource(SECRET_KEY_ENV, env);
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

/** Reads the key material from Secrets Manager (SDK loaded on first use: cold start). */
const keyFromSecretsManager = async (arn: string): Promise<Buffer> => {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!out.SecretString) throw new SealerConfigError(`Secret ${arn} has no string value`);
    return createHash('sha256').update(out.SecretString, 'utf8').digest();
  } finally {
    client.destroy();
  }
};

/** The sealer the environment configures, resolved on first use and kept while warm. */
export const sealerFromConfiguration = async (env?: EnvSource): Promise<SecretSealer> => {
  const { value, arn } = secretSource(SECRET_KEY_ENV, env);
  if (value) return AesGcmSecretSealer.fromEnv(env);
  if (arn) return new AesGcmSecretSealer(await keyFromSecretsManager(arn));
  throw new SealerConfigError(`Neither ${SECRET_KEY_ENV} nor ${secretArnEnvVar(SECRET_KEY_ENV)} is configured`);
};

let configured: Promise<SecretSealer> | undefined;
/** The sealer configuration selects; created on first use so module initialisation stays cheap. */
export const configuredSealer = (): SecretSealer => ({
  seal: async (plain) => (await resolveConfigured()).seal(plain),
  open: async (sealed) => (await resolveConfigured()).open(sealed),
});
const resolveConfigured = () =>
  (configured ??= sealerFromConfiguration().catch((error: unknown) => {
    configured = undefined;
    throw error;
  }));
