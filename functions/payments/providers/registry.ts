// Which payment gateways this deployment uses: configuration, not code (docs/payments.md).
//   PAYMENT_PROVIDERS          JSON [{ "name", "checkoutUrl", "settlementUrl" }] (CDK context
//                              `paymentProviders`; the local runtime configures its sandbox)
//   PAYMENT_PROVIDER_SECRETS   the declared secret: JSON { "<name>": "<shared HMAC secret>" }
// The first provider is the default for new orders.
import * as z from 'zod';
import { secretValue } from '../../../shared/aws/secrets';
import { readEnv, type EnvSource } from '../../../shared/config';
import { secretEnvVar } from '../../../shared/platform/secrets';
import { ProviderName } from '../../../shared/contracts/payments';
import { HmacGatewayProvider } from './hmac-gateway';
import type { PaymentProvider } from './provider';

const PROVIDER_SECRETS_ENV = secretEnvVar('payment-provider-secrets');

const ProviderConfigs = z.array(z.object({ name: ProviderName, checkoutUrl: z.url(), settlementUrl: z.url() }));

export class ProviderConfigError extends Error {}

export interface ProviderRegistry {
  get(name: string): PaymentProvider | undefined;
  default(): PaymentProvider | undefined;
  all(): PaymentProvider[];
}

export const registryFromEnv = (env?: EnvSource): ProviderRegistry => {
  const parsed = ProviderConfigs.safeParse(JSON.parse(readEnv('PAYMENT_PROVIDERS', env)));
  if (!parsed.success) throw new ProviderConfigError('PAYMENT_PROVIDERS is not a list of { name, checkoutUrl, settlementUrl }');
  const secrets = async () => {
    const value = JSON.parse(await secretValue(PROVIDER_SECRETS_ENV, env)) as Record<string, unknown>;
    return value;
  };
  const providers = parsed.data.map((config) => new HmacGatewayProvider(config, async () => {
    const secret = (await secrets())[config.name];
    if (typeof secret !== 'string' || secret.length < 16) throw new ProviderConfigError(`No secret (≥ 16 characters) for payment provider ${config.name}`);
    return secret;
  }));
  return {
    get: (name) => providers.find((p) => p.name === name),
    default: () => providers[0],
    all: () => providers,
  };
};
