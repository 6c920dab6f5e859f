// The payments capability's routes (docs/requirements.md R-API-ROUTES, docs/payments.md). The
// route stack has parsed and validated the request and checked the caller's group; the use cases
// check ownership, scope and the provider's signature.
import { createApiHandler, created, fileResult, implement, ok } from '../../shared/http/api';
import { paymentRoutes as routes } from '../../shared/platform/api-routes/payments';
import { platformDeps } from './deps';
import { applyCallback } from './use-cases/callback';
import { createOrder } from './use-cases/create-order';
import type { PaymentDeps } from './use-cases/payment-deps';
import { getOrder, listDossierOrders } from './use-cases/read-orders';
import { getReceipt, getReceiptPdf } from './use-cases/receipt';

/** The raw body exactly as the provider signed it. */
const rawBodyOf = (event: { body?: string; isBase64Encoded?: boolean }) =>
  !event.body ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

const lowerCaseKeys = (headers: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

const pdf = ({ bytes, fileName }: { bytes: Uint8Array; fileName: string }) => fileResult('application/pdf', bytes, fileName);

export const makeHandler = (deps: PaymentDeps) =>
  createApiHandler([
    implement(routes.createPayment, async ({ principal, params, headers }) =>
      created(await createOrder(deps, principal, params.id, headers['idempotency-key']))),
    implement(routes.listDossierPayments, async ({ principal, params }) => ok(await listDossierOrders(deps, principal, params.id))),
    implement(routes.getPayment, async ({ principal, params }) => ok(await getOrder(deps, principal, params.id))),
    implement(routes.getPaymentReceipt, async ({ principal, params, query }) =>
      (query.format === 'pdf' ? pdf(await getReceiptPdf(deps, principal, params.id)) : ok(await getReceipt(deps, principal, params.id)))),
    implement(routes.paymentCallback, async ({ params, body, event }) =>
      ok(await applyCallback(deps, params.provider, lowerCaseKeys(event.headers), rawBodyOf(event), body))),
  ]);

export const handler = makeHandler(platformDeps());
