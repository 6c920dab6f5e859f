// The payments capability's adapters on the platform (the `payments` and `payment-jobs` functions).
import { dynamoClient } from '../../shared/aws/clients';
import { readEnv, tableName } from '../../shared/config';
import { catalogueReader } from '../catalogue/public';
import { dossierGateway } from './adapters/dossiers';
import { DynamoPaymentStore } from './adapters/payment-store';
import { registryFromEnv, type ProviderRegistry } from './providers/registry';
import type { PaymentDeps } from './use-cases/payment-deps';

let registry: ProviderRegistry | undefined;

export const platformDeps = (): PaymentDeps => ({
  store: new DynamoPaymentStore(dynamoClient, () => tableName('payments')),
  dossiers: dossierGateway(),
  catalogue: catalogueReader(),
  providers: () => (registry ??= registryFromEnv()),
  returnUrl: readEnv('PAYMENT_RETURN_URL'),
});
