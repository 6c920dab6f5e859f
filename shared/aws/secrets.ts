// A declared secret's value (shared/platform/secrets.ts): the variable itself where the local
// runtime sets it, else fetched once from Secrets Manager by the ARN the CDK stack passes in
// `<envVar>_SECRET_ARN`. The SDK client loads on first use only (cold start).
import { secretSource, type EnvSource } from '../config';
import { secretArnEnvVar } from '../platform/naming';
import type { SecretEnvVar } from '../platform/secrets';

const cache = new Map<string, Promise<string>>();

export class SecretNotConfiguredError extends Error {}

export const secretValue = (envVar: SecretEnvVar, env?: EnvSource): Promise<string> => {
  const { value: direct, arn } = secretSource(envVar, env);
  if (direct) return Promise.resolve(direct);
  if (!arn) return Promise.reject(new SecretNotConfiguredError(`Neither ${envVar} nor ${secretArnEnvVar(envVar)} is configured`));
  let value = cache.get(arn);
  if (!value) {
    value = (async () => {
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({});
      try {
        const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
        if (!out.SecretString) throw new SecretNotConfiguredError(`Secret ${arn} has no string value`);
        return out.SecretString;
      } finally {
        client.destroy();
      }
    })();
    value.catch(() => cache.delete(arn));
    cache.set(arn, value);
  }
  return value;
};
