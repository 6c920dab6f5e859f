// The payments capability's routes (docs/requirements.md R-API-ROUTES, docs/payments.md). The
// route stack has parsed and validated the request and checked the caller's group; the use cases
// check ownership, scope and the provider's signature.
import { createApiHandler, created, implement, ok, pdfResult } from '../../shared/http/api';
import { lowerCaseHeaderNames } from '../../shared/http/header-names';
import { bodyBytes } from '../../shared/http/json-body';
import { paymentRoutes as routes } from '../../shared/platform/api-routes/payments';
import { platformDeps } from './deps';
import { applyCallback } from './use-cases/callback';
import { createOrder } from './use-cases/create-order';
import type { PaymentDeps } from './use-cases/payment-deps';
import { getOrder, listDossierOrders } from './use-cases/read-orders';
import { getReceipt, getReceiptPdf } from './use-cases/receipt';

export const makeHandler = (deps: PaymentDeps) =>
  createApiHandler([
    implement(routes.createPayment, async ({ principal, params, headers }) =>
      created(await createOrder(deps, principal, params.id, headers['idempotency-key']))),
    implement(routes.listDossierPayments, async ({ principal, params }) => ok(await listDossierOrders(deps, principal, params.id))),
    implement(routes.getPayment, async ({ principal, params }) => ok(await getOrder(deps, principal, params.id))),
    implement(routes.getPaymentReceipt, async ({ principal, params, query }) =>
      (query.format === 'pdf' ? pdfResult(await getReceiptPdf(deps, principal, params.id)) : ok(await getReceipt(deps, principal, params.id)))),
    // The provider signs the raw body: the callback checks it against the bytes as sent.
    implement(routes.paymentCallback, async ({ params, body, event }) =>
      ok(await applyCallback(deps, params.provider, lowerCaseHeaderNames(event.headers), bodyBytes(event).toString('utf8'), body))),
  ]);

export const handler = makeHandler(platformDeps());
