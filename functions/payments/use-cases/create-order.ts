// Paying a dossier (POST /v1/dossiers/{id}/payments, docs/payments.md): the applicant of a dossier
// that awaits payment gets an order for the catalogue's fees (with the most favourable reduction)
// and the provider's checkout page. One order per payment round (the store's round lock); created
// once per Idempotency-Key (shared/idempotency): a replay for the same dossier answers the same order.
import { randomUUID } from 'node:crypto';
import { userOf, type Principal, type UserPrincipal } from '../../../shared/auth/principal';
import { ownsResource } from '../../../shared/auth/scope';
import type { PaymentOrder } from '../../../shared/contracts/payments';
import { conflict, notFound, unavailable, unprocessable } from '../../../shared/errors/domain-error';
import { createOnce, KEY_TTL_SECONDS } from '../../../shared/idempotency/create-once';
import { done, lostRace, retryOnConflict } from '../../../shared/retry/retry-on-conflict';
import type { OrderKey } from '../adapters/payment-store';
import { assessFees } from '../domain/fees';
import { orderRequestFingerprint, type OrderRecord } from '../domain/order';
import { payerName } from '../domain/receipt';
import { nowOf, type PaymentDeps } from './payment-deps';
import { orderView } from './read-orders';

export const ORDER_TTL_MINUTES = 30;

/** The order the applicant's dossier awaits, after every check; not written yet. */
const newOrder = async (deps: PaymentDeps, principal: Principal, user: UserPrincipal, dossierId: string): Promise<OrderRecord> => {
  const d = await deps.dossiers.get(dossierId);
  if (!d || !ownsResource(principal, d.applicant)) throw notFound('Dossier');
  if (d.status !== 'payment_required') {
    throw conflict('NOT_AWAITING_PAYMENT', `The dossier is ${d.status}; it can be paid once the agency requests payment`);
  }
  const procedure = await deps.catalogue.getProcedure(d.procedureCode);
  if (!procedure) throw unprocessable('PROCEDURE_UNAVAILABLE', 'The procedure of this dossier is no longer in the catalogue');
  const fees = assessFees(procedure.fees, { applicantType: d.applicant.type, channel: d.channel === 'online' ? 'online' : 'desk' });
  if (fees.total <= 0) throw unprocessable('NO_FEES_DUE', 'Nothing is owed for this dossier');
  const account = await deps.catalogue.treasuryAccount(d.agencyCode);
  if (!account) throw unprocessable('NO_TREASURY_ACCOUNT', 'The agency has no treasury account in the catalogue');
  const provider = deps.providers().default();
  if (!provider) throw unavailable('PAYMENTS_UNAVAILABLE', 'No payment provider is configured');

  const now = nowOf(deps);
  const id = (deps.newId ?? randomUUID)();
  const expiresAt = new Date(now.getTime() + ORDER_TTL_MINUTES * 60_000);
  return {
    id, dossierId: d.id, dossierCode: d.code, procedureName: d.procedureName,
    agencyCode: d.agencyCode, agencyName: d.agencyName, agencyParentCode: d.agencyParentCode,
    applicantSub: d.applicant.sub,
    payer: { name: payerName(user, d), idNumber: d.applicant.idNumber, enterpriseCode: d.applicant.enterpriseCode },
    round: d.version,
    amount: fees.total, currency: 'VND', items: fees.items, treasuryAccount: account,
    status: 'pending', provider: provider.name,
    redirectUrl: await provider.checkoutUrl({
      orderId: id, amount: fees.total, expiresAt,
      description: `${d.code ?? d.id} – ${d.procedureName}`.slice(0, 200),
      returnUrl: deps.returnUrl.replace('{orderId}', id).replace('{dossierId}', d.id),
    }),
    createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(),
    paidAt: null, providerRef: null, receiptNumber: null, dossierConfirmedAt: null, anomalies: [], version: 1,
  };
};

/** Why the round's lock is held: 409 ALREADY_PAID, else 409 PAYMENT_PENDING naming the open order. */
const roundTaken = async (deps: PaymentDeps, order: OrderRecord) => {
  const lock = await deps.store.roundLock(order.dossierId, order.round);
  if (lock?.status === 'paid') return conflict('ALREADY_PAID', 'This payment request has been paid');
  return conflict('PAYMENT_PENDING', lock
    ? `Order ${lock.orderId} is still open for this dossier until ${lock.expiresAt}`
    : 'Another order is still open for this dossier');
};

/**
 * Writes the order with its key's record and its round's lock. A write caught in another order's
 * transaction on the lock decided nothing, so it is written again; the next try sees that order's
 * lock (409 PAYMENT_PENDING) or takes the round.
 */
const writeOrder = (deps: PaymentDeps, order: OrderRecord, key: OrderKey) =>
  retryOnConflict<{ created: PaymentOrder } | { keyTaken: true }>(async () => {
    const written = await deps.store.create(order, key);
    if (written === 'created') return done({ created: orderView(order, new Date(order.createdAt)) });
    if (written === 'key_taken') return done({ keyTaken: true });
    if (written === 'round_taken') throw await roundTaken(deps, order);
    return lostRace;
  }, () => conflict('PAYMENT_BUSY', 'Other orders for this dossier are being created at this moment; try again'));

export const createOrder = async (deps: PaymentDeps, principal: Principal, dossierId: string, idempotencyKey: string): Promise<PaymentOrder> => {
  const user = userOf(principal);
  const fingerprint = orderRequestFingerprint(dossierId);
  return createOnce<PaymentOrder>({
    fingerprint,
    readKey: () => deps.store.orderKey(user.sub, idempotencyKey),
    replay: async (orderId) => {
      const order = await deps.store.get(orderId);
      return order && orderView(order, nowOf(deps));
    },
    create: async () => {
      const order = await newOrder(deps, principal, user, dossierId);
      return writeOrder(deps, order, { sub: user.sub, key: idempotencyKey, fingerprint, ttlSeconds: KEY_TTL_SECONDS });
    },
  });
};
