// Sealed storage of agency-system secrets: AES-256-GCM keyed by configuration, versioned form.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AES_GCM_SCHEME, AesGcmSecretSealer, SealerConfigError } from './secret-sealer';

const sealer = new AesGcmSecretSealer(randomBytes(32));

describe('AesGcmSecretSealer', () => {
  it('round-trips, with a scheme prefix and a fresh IV each time', async () => {
    const a = await sealer.seal('demo-hanoi-secret');
    const b = await sealer.seal('demo-hanoi-secret');
    expect(a.startsWith(`${AES_GCM_SCHEME}:`)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('demo-hanoi-secret');
    expect(await sealer.open(a)).toBe('demo-hanoi-secret');
    expect(await sealer.open(b)).toBe('demo-hanoi-secret');
    expect(await sealer.open(await sealer.seal('Bí mật có dấu 🔑'))).toBe('Bí mật có dấu 🔑');
  });

  it.each([
    ['another key', async (s: string) => ({ sealer: new AesGcmSecretSealer(randomBytes(32)), sealed: s })],
    ['a flipped ciphertext byte', async (s: string) => {
      const [scheme, rest] = s.split(':') as [string, string];
      const [iv, body, tag] = rest.split('.') as [string, string, string];
      const bytes = Buffer.from(body, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return { sealer, sealed: `${scheme}:${iv}.${bytes.toString('base64url')}.${tag}` };
    }],
    ['a truncated tag', async (s: string) => ({ sealer, sealed: s.slice(0, -4) })],
    ['a tag cut to 12 bytes (a length GCM itself allows)', async (s: string) => {
      const [head, tag] = [s.slice(0, s.lastIndexOf('.')), s.slice(s.lastIndexOf('.') + 1)];
      return { sealer, sealed: `${head}.${Buffer.from(tag, 'base64url').subarray(0, 12).toString('base64url')}` };
    }],
    ['an extra part', async (s: string) => ({ sealer, sealed: `${s}.AAAA` })],
    ['an unknown scheme (e.g. kms1 before that sealer exists)', async (s: string) => ({ sealer, sealed: s.replace(AES_GCM_SCHEME, 'kms1') })],
    ['no scheme at all', async () => ({ sealer, sealed: 'plain-text-secret' })],
    ['a missing part', async (s: string) => ({ sealer, sealed: s.split('.').slice(0, 2).join('.') })],
  ])('refuses to open %s', async (_label, make) => {
    const { sealer: opener, sealed } = await make(await sealer.seal('s3cret'));
    await expect(opener.open(sealed)).rejects.toThrow();
  });

  it('takes its key from AGENCY_SECRET_KEY (base64, 32 bytes) and refuses anything else', async () => {
    const key = randomBytes(32).toString('base64');
    const fromEnv = AesGcmSecretSealer.fromEnv({ AGENCY_SECRET_KEY: key });
    expect(await new AesGcmSecretSealer(Buffer.from(key, 'base64')).open(await fromEnv.seal('x'))).toBe('x');
    expect(() => AesGcmSecretSealer.fromEnv({})).toThrow(SealerConfigError);
    expect(() => AesGcmSecretSealer.fromEnv({ AGENCY_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(SealerConfigError);
  });
});

describe('sealer configuration', () => {
  it('uses AGENCY_SECRET_KEY when given, else the Secrets Manager secret named by AGENCY_SECRET_KEY_SECRET_ARN', async () => {
    const { mockClient } = await import('aws-sdk-client-mock');
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { createHash } = await import('node:crypto');
    const { sealerFromConfiguration } = await import('./secret-sealer');
    const sm = mockClient(SecretsManagerClient);
    try {
      const material = 'x'.repeat(64);
      sm.on(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:k' }).resolves({ SecretString: material });
      const deployed = await sealerFromConfiguration({ AGENCY_SECRET_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:k' });
      const expectedKey = createHash('sha256').update(material).digest();
      expect(await new AesGcmSecretSealer(expectedKey).open(await deployed.seal('s3cret'))).toBe('s3cret');

      const key = randomBytes(32).toString('base64');
      const local = await sealerFromConfiguration({ AGENCY_SECRET_KEY: key, AGENCY_SECRET_KEY_SECRET_ARN: 'ignored' });
      expect(await new AesGcmSecretSealer(Buffer.from(key, 'base64')).open(await local.seal('y'))).toBe('y');
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);

      await expect(sealerFromConfiguration({})).rejects.toThrow(SealerConfigError);
      sm.on(GetSecretValueCommand).resolves({});
      await expect(sealerFromConfiguration({ AGENCY_SECRET_KEY_SECRET_ARN: 'arn:other' })).rejects.toThrow(SealerConfigError);
    } finally {
      sm.restore();
    }
  });
});
