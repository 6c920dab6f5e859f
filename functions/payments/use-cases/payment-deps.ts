// What the payments use cases work with: the payments table, the dossiers capability as payments
// sees it, the catalogue (fees, treasury accounts) and the configured providers. Tests set the
// clock and the id generator.
import type { CatalogueReader } from '../../catalogue/public';
import type { DossierGateway } from '../adapters/dossiers';
import type { PaymentStore } from '../adapters/payment-store';
import type { ProviderRegistry } from '../providers/registry';

export interface PaymentDeps {
  store: PaymentStore;
  dossiers: DossierGateway;
  catalogue: CatalogueReader;
  providers: () => ProviderRegistry;
  /** Where the provider sends the payer back: a template with {orderId} and {dossierId}. */
  returnUrl: string;
  now?: () => Date;
  newId?: () => string;
}

export const nowOf = (deps: Pick<PaymentDeps, 'now'>): Date => (deps.now ?? (() => new Date()))();
