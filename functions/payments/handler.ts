// The payments capability's routes (docs/requirements.md R-API-ROUTES): thin over PaymentService.
// The route stack has parsed and validated the request and checked the caller's group; the service
// checks ownership, scope and the provider's signature.
import { dynamoClient } from '../../shared/aws/clients';
import { portalBaseUrl, readEnv, tableName } from '../../shared/config';
import { createApiHandler, created, fileResult, implement, ok } from '../../shared/http/api';
import { lowerCaseHeaderNames } from '../../shared/http/header-names';
import { paymentRoutes as routes } from '../../shared/platform/api-routes/payments';
import { catalogueReader } from '../catalogue/public';
import { dossierGateway } from './adapters/dossiers';
import { DynamoPaymentStore } from './adapters/payment-store';
import { registryFromEnv, type ProviderRegistry } from './providers/registry';
import { PaymentService, type PaymentDeps } from './service';

let registry: ProviderRegistry | undefined;
export const defaultDeps = (): PaymentDeps => ({
  store: new DynamoPaymentStore(dynamoClient, () => tableName('payments')),
  dossiers: dossierGateway(),
  catalogue: catalogueReader(),
  providers: () => (registry ??= registryFromEnv()),
  returnUrl: readEnv('PAYMENT_RETURN_URL'),
});

const trackingUrl = (code: string | null) => `${portalBaseUrl()}/tra-cuu${code ? `?code=${encodeURIComponent(code)}` : ''}`;

/** The raw body exactly as the provider signed it. */
const rawBodyOf = (event: { body?: string; isBase64Encoded?: boolean }) =>
  !event.body ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

export const makeHandler = (deps: PaymentDeps | PaymentService) => {
  const service = deps instanceof PaymentService ? deps : new PaymentService(deps);
  return createApiHandler([
    implement(routes.createPayment, async ({ principal, params, headers }) =>
      created(await service.createOrder(principal, params.id, headers['idempotency-key']))),
    implement(routes.listDossierPayments, async ({ principal, params }) => ok(await service.listForDossier(principal, params.id))),
    implement(routes.getPayment, async ({ principal, params }) => ok(await service.getOrder(principal, params.id))),
    implement(routes.getPaymentReceipt, async ({ principal, params, query }) => {
      const receipt = await service.receipt(principal, params.id);
      if (query.format !== 'pdf') return ok(receipt);
      // The PDF writer (font, layout, QR encoder) loads on the first PDF asked for, not at cold start.
      const { renderReceiptPdf } = await import('./receipt-pdf');
      return fileResult('application/pdf', await renderReceiptPdf(receipt, trackingUrl(receipt.dossierCode)), `bien-lai-${receipt.number}.pdf`);
    }),
    implement(routes.paymentCallback, async ({ params, body, event }) =>
      ok(await service.callback(params.provider, lowerCaseHeaderNames(event.headers), rawBodyOf(event), body))),
  ]);
};

export const handler = makeHandler(defaultDeps());
