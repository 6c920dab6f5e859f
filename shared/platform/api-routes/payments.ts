// The routes of the `payments` function (SPEC §2); shared/platform/routes.ts merges every group.
import { IdempotencyHeaders, PdfFile } from '../../contracts/dossiers';
import {
  CallbackAck, CallbackParams, DossierPaymentParams, PaymentOrder, PaymentParams, ProviderCallback, Receipt,
  ReceiptQuery,
} from '../../contracts/payments';
import { page } from '../../contracts/common';
import { PUBLIC, APPLICANT, DOSSIER_READER, defineRoute } from './rules';

export const paymentRoutes = {
  createPayment: defineRoute({
    id: 'createPayment', method: 'POST', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: APPLICANT,
    summary: 'A payment order for the fees the agency requested (idempotent by Idempotency-Key; one open order at a time)',
    tags: ['payments'],
    request: { params: DossierPaymentParams, headers: IdempotencyHeaders },
    responses: { 201: { description: 'The order, with the provider page to pay it on (a replay returns the same order)', schema: PaymentOrder } },
  }),
  listDossierPayments: defineRoute({
    id: 'listDossierPayments', method: 'GET', path: '/v1/dossiers/{id}/payments', fn: 'payments', auth: DOSSIER_READER,
    summary: "A dossier's payment orders, newest first (the applicant's own, or an agency in the official's scope)",
    tags: ['payments'],
    request: { params: DossierPaymentParams },
    responses: { 200: { description: 'The orders', schema: page(PaymentOrder) } },
  }),
  getPayment: defineRoute({
    id: 'getPayment', method: 'GET', path: '/v1/payments/{id}', fn: 'payments', auth: DOSSIER_READER,
    summary: 'One payment order (the payer, or an official in scope)', tags: ['payments'],
    request: { params: PaymentParams },
    responses: { 200: { description: 'The order', schema: PaymentOrder } },
  }),
  getPaymentReceipt: defineRoute({
    id: 'getPaymentReceipt', method: 'GET', path: '/v1/payments/{id}/receipt', fn: 'payments', auth: DOSSIER_READER,
    summary: 'The electronic receipt of a paid order, as JSON or (format=pdf) as a PDF', tags: ['payments'],
    request: { params: PaymentParams, query: ReceiptQuery },
    responses: { 200: { description: 'The receipt (application/pdf when format=pdf)', schema: Receipt, alternatives: { 'application/pdf': PdfFile } } },
  }),
  paymentCallback: defineRoute({
    id: 'paymentCallback', method: 'POST', path: '/v1/payments/callback/{provider}', fn: 'payments', auth: PUBLIC,
    summary: "A payment provider's callback, authenticated by its HMAC signature and timestamp (docs/payments.md)",
    tags: ['payments'],
    request: { params: CallbackParams, body: ProviderCallback },
    responses: { 200: { description: 'Applied, a duplicate, or ignored (never un-pays)', schema: CallbackAck } },
  }),
} as const;
