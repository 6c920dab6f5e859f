// The routes of the `payments` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import { IdempotencyHeaders, PdfFile } from '../../contracts/dossiers';
import {
  CallbackAck, CallbackParams, DossierPaymentParams, PaymentOrder, PaymentParams, ProviderCallback, Receipt,
  ReceiptQuery,
} from '../../contracts/payments';
import { page } from '../../contracts/common';
import { APPLICANT, DOSSIER_READER, PAYMENT_PROVIDER, defineRoute } from './rules';

export const paymentRoutes = {
  createPayment: defineRoute({
    id: 'createPayment', method: 'POST', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: APPLICANT,
    summary: 'Create a payment order', tags: ['payments'],
    description: 'A payment order for the fees the agency requested of the applicant\'s own dossier, with `redirectUrl`, the provider\'s page to pay on, valid 30 minutes. Idempotent by the `Idempotency-Key` header: a replay returns the same order; the key reused for another dossier is 422 `IDEMPOTENCY_KEY_REUSED`. One live order per payment request: 409 `NOT_AWAITING_PAYMENT`, `PAYMENT_PENDING`, `ALREADY_PAID`, `PAYMENT_BUSY` (orders for the dossier created at the same moment: try again); 422 `NO_FEES_DUE`, `NO_TREASURY_ACCOUNT`, `PROCEDURE_UNAVAILABLE`; 503 `PAYMENTS_UNAVAILABLE` when no provider is configured (docs/payments.md).',
    request: { params: DossierPaymentParams, headers: IdempotencyHeaders },
    errors: { unavailable: '`PAYMENTS_UNAVAILABLE`: no payment provider is configured; try again later' },
    responses: { 201: { description: 'The order, with the provider page to pay it on (a replay returns the same order)', schema: PaymentOrder } },
  }),
  listDossierPayments: defineRoute({
    id: 'listDossierPayments', method: 'GET', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: DOSSIER_READER,
    summary: 'List a dossier\'s payment orders', tags: ['payments'],
    description: 'The payment orders of a dossier, newest first: the applicant\'s own, or of an agency in the official\'s scope, or any for an admin; 404 otherwise.',
    request: { params: DossierPaymentParams },
    responses: { 200: { description: 'The orders', schema: page(PaymentOrder) } },
  }),
  getPayment: defineRoute({
    id: 'getPayment', method: 'GET', path: '/v1/payments/{id}', fn: 'payments', auth: DOSSIER_READER,
    summary: 'Get a payment order', tags: ['payments'],
    description: 'One payment order (`expired` once past `expiresAt` unpaid): for the payer, an official in scope or an admin; 404 otherwise.',
    request: { params: PaymentParams },
    responses: { 200: { description: 'The order', schema: PaymentOrder } },
  }),
  getPaymentReceipt: defineRoute({
    id: 'getPaymentReceipt', method: 'GET', path: '/v1/payments/{id}/receipt', fn: 'payments', auth: DOSSIER_READER,
    summary: 'Get a payment receipt', tags: ['payments'],
    description: 'The electronic receipt of a paid order, as JSON or, with `format=pdf`, as a PDF attachment. 409 `NOT_PAID` before the order is paid. Same readers as the order.',
    request: { params: PaymentParams, query: ReceiptQuery },
    responses: { 200: { description: 'The receipt (application/pdf when format=pdf)', schema: Receipt, alternatives: { 'application/pdf': PdfFile } } },
  }),
  paymentCallback: defineRoute({
    id: 'paymentCallback', method: 'POST', path: '/v1/payment-callbacks/{provider}', fn: 'payments', auth: PAYMENT_PROVIDER,
    summary: 'Payment provider callback', tags: ['payments'],
    description: 'A configured payment provider reports an order\'s outcome, signed with `x-payment-timestamp` and `x-payment-signature` (docs/payments.md): 401 `BAD_SIGNATURE` or `STALE_CALLBACK`, 404 for an unknown provider, 422 `UNKNOWN_ORDER` or `AMOUNT_MISMATCH`. Applied once: a replayed event id answers 200 `duplicate`, an outcome that does not apply is `ignored` (a paid order is never un-paid).',
    request: { params: CallbackParams, body: ProviderCallback },
    responses: { 200: { description: 'Applied, a duplicate, or ignored (never un-pays)', schema: CallbackAck } },
  }),
} as const;

/** Where a provider sends its callbacks: the address to give it (docs/payments.md), and where the sandbox calls. */
export const paymentCallbackPath = (provider: string) =>
  paymentRoutes.paymentCallback.path.replace('{provider}', encodeURIComponent(provider));
