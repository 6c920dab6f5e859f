// Payment journeys through the real local gateway: a fee-bearing dossier brought to
// payment_required by official.hanoi, orders, and provider callbacks signed as the sandbox signs
// them (the secret is the local runtime's, from its environment).
import { randomUUID } from 'node:crypto';
import { signBody } from '../../functions/payments/providers/signing';
import { paymentCallbackPath } from '../../shared/platform/api-routes/payments';
import { PaymentOrder } from '../../shared/contracts/payments';
import { FEE_PROCEDURE } from '../../scripts/walkthrough';
import { api, type ApiResponse } from './auth';
import { expectBody } from './body';
import { act, submitted } from './dossiers';

export { FEE_PROCEDURE } from '../../scripts/walkthrough';

export const sandboxSecret = (): string => {
  const secrets = JSON.parse(process.env.PAYMENT_PROVIDER_SECRETS ?? '{}') as Record<string, string>;
  if (!secrets.sandbox) throw new Error('the local runtime did not configure the sandbox provider');
  return secrets.sandbox;
};

export interface PaymentDossierOptions {
  /** A fee-bearing procedure (default FEE_PROCEDURE). */
  procedureCode?: string;
  /** A Hà Nội commune (default the walkthroughs' one, shared by every file: receipts are numbered per agency). */
  agencyCode?: string;
}

/** A dossier of the applicant at a Hà Nội commune, received, processed and now awaiting payment. */
export const awaitingPayment = async (applicant: string, official: string, opts: PaymentDossierOptions = {}) => {
  const d = await submitted(applicant, { procedureCode: opts.procedureCode ?? FEE_PROCEDURE, agencyCode: opts.agencyCode });
  return act(official, d, { action: 'receive' }, { action: 'start' }, { action: 'request_payment', note: 'Đề nghị nộp lệ phí' });
};

export const createOrder = async (token: string, dossierId: string, key: string = randomUUID()) =>
  api('POST', `/v1/dossiers/${dossierId}/payments`, { token, headers: { 'idempotency-key': key } });

/** A new order (201), typed by the contract. */
export const newOrder = async (token: string, dossierId: string, key?: string) =>
  expectBody(await createOrder(token, dossierId, key), 201, PaymentOrder, 'create order');

export interface CallbackBody {
  eventId: string;
  orderId: string;
  providerRef: string;
  status: 'paid' | 'failed';
  amount: number;
  currency: 'VND';
  paidAt?: string;
}

export const callbackFor = (order: { id: string; amount: number }, over: Partial<CallbackBody> = {}): CallbackBody => ({
  eventId: `evt-${randomUUID()}`, orderId: order.id, providerRef: `SBX-${randomUUID().slice(0, 8)}`, status: 'paid',
  amount: order.amount, currency: 'VND', paidAt: new Date().toISOString(), ...over,
});

/** POSTs a callback exactly as a provider does: the raw body signed with the timestamp. */
export const sendCallback = async (
  body: CallbackBody | Record<string, unknown>,
  opts: { secret?: string; at?: Date; provider?: string; tamper?: (raw: string) => string } = {},
): Promise<ApiResponse> => {
  const raw = JSON.stringify(body);
  const headers = signBody(opts.secret ?? sandboxSecret(), raw, opts.at ?? new Date());
  const sent = opts.tamper ? opts.tamper(raw) : raw;
  const res = await fetch(`${process.env.DVC_BASE_URL}${paymentCallbackPath(opts.provider ?? 'sandbox')}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: sent,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined } as ApiResponse;
};

/** A paid order (created and paid through a signed callback). */
export const paidOrder = async (applicant: string, official: string, opts: PaymentDossierOptions = {}) => {
  const d = await awaitingPayment(applicant, official, opts);
  const order = await newOrder(applicant, d.id);
  const callback = callbackFor(order);
  const paid = await sendCallback(callback);
  if (paid.status !== 200) throw new Error(`paid callback: expected 200, got ${paid.status} ${JSON.stringify(paid.body)}`);
  return { dossier: d, order, callback };
};
