// The payment order and its state machine (docs/payments.md). One explicit table says which
// provider outcome moves an order from which state to which; `decideCallback` applies it to a
// verified callback. The store writes a decision only if the order is still in the state it was
// decided from, so a late, duplicated or reordered callback can never pay twice or un-pay.
// Pure: no clock of its own, no I/O.
import type { PaymentItem, PaymentStatus, ProviderCallback } from '../../../shared/contracts/payments';
import { fingerprintOf } from '../../../shared/idempotency/create-once';

export interface OrderRecord {
  id: string;
  dossierId: string;
  dossierCode: string | null;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  agencyParentCode: string | null;
  applicantSub: string;
  payer: { name: string | null; idNumber: string | null; enterpriseCode: string | null };
  /** The dossier version at which payment was requested: one order at a time per round. */
  round: number;
  amount: number;
  currency: 'VND';
  items: PaymentItem[];
  treasuryAccount: { code: string; accountNumber: string; treasuryName: string; bankCode: string | null };
  status: PaymentStatus;
  provider: string;
  redirectUrl: string;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  providerRef: string | null;
  receiptNumber: string | null;
  /** Set once the dossier has been moved on (payment_required → processing). */
  dossierConfirmedAt: string | null;
  /** What reconciliation or a callback found wrong; never changes money state by itself. */
  anomalies: { at: string; kind: string; detail: string }[];
  version: number;
}

/** What an order request is to its Idempotency-Key (shared/idempotency): the dossier it pays; a key serves one dossier. */
export const orderRequestFingerprint = (dossierId: string): string => fingerprintOf({ dossierId });

export type ProviderOutcome = 'paid' | 'failed' | 'expire' | 'refund';

/** Every allowed move. Anything else is ignored (recorded, never applied). */
export const ORDER_TRANSITIONS: readonly { from: PaymentStatus; on: ProviderOutcome; to: PaymentStatus; why: string }[] = [
  { from: 'pending', on: 'paid', to: 'paid', why: 'the payer paid' },
  { from: 'pending', on: 'failed', to: 'failed', why: 'the payer cancelled or the bank refused' },
  { from: 'pending', on: 'expire', to: 'expired', why: 'nobody paid before the order expired' },
  { from: 'expired', on: 'paid', to: 'paid', why: 'the money moved at the provider just as the order expired: it is paid' },
  { from: 'failed', on: 'paid', to: 'paid', why: 'a later success for the same order (callbacks arrived out of order)' },
  { from: 'paid', on: 'refund', to: 'refunded', why: 'refunded by the treasury after reconciliation (an operator action)' },
];

export const nextStatus = (from: PaymentStatus, on: ProviderOutcome): PaymentStatus | undefined =>
  ORDER_TRANSITIONS.find((t) => t.from === from && t.on === on)?.to;

/** A pending order past its expiry is expired, whether or not anything has written that yet. */
export const effectiveStatus = (order: Pick<OrderRecord, 'status' | 'expiresAt'>, now: Date): PaymentStatus =>
  order.status === 'pending' && now.getTime() >= Date.parse(order.expiresAt) ? 'expired' : order.status;

export type CallbackDecision =
  | { outcome: 'apply'; from: PaymentStatus; to: PaymentStatus; paidAt: string | null }
  | { outcome: 'ignore'; reason: string; anomaly?: string }
  | { outcome: 'reject'; code: 'AMOUNT_MISMATCH'; message: string };

export const decideCallback = (order: OrderRecord, callback: ProviderCallback, now: Date): CallbackDecision => {
  if (callback.amount !== order.amount || callback.currency !== order.currency) {
    return {
      outcome: 'reject', code: 'AMOUNT_MISMATCH',
      message: `The provider reports ${callback.amount} ${callback.currency}; the order is for ${order.amount} ${order.currency}`,
    };
  }
  const current = effectiveStatus(order, now);
  const to = nextStatus(current, callback.status);
  if (!to) {
    const twice = callback.status === 'paid' && current === 'paid' && order.providerRef !== null && order.providerRef !== callback.providerRef;
    return {
      outcome: 'ignore',
      reason: `${callback.status} does not apply to a ${current} order`,
      anomaly: twice ? `a second payment ${callback.providerRef} for an order already paid by ${order.providerRef}: refund it` : undefined,
    };
  }
  return { outcome: 'apply', from: order.status, to, paidAt: to === 'paid' ? callback.paidAt ?? now.toISOString() : null };
};
