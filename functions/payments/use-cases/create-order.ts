// Paying a dossier (POST /v1/dossiers/{id}/payments, docs/payments.md): the applicant of a dossier
// that awaits payment gets an order for the catalogue's fees (with the most favourable reduction)
// and the provider's checkout page. One order per payment round (the store's round lock); the
// same Idempotency-Key answers the same order.
import { randomUUID } from 'node:crypto';
import { userOf, type Principal, type UserPrincipal } from '../../../shared/auth/principal';
import { ownsResource } from '../../../shared/auth/scope';
import type { PaymentOrder } from '../../../shared/contracts/payments';
import { conflict, notFound, unavailable, unprocessable } from '../../../shared/errors/domain-error';
import { assessFees } from '../domain/fees';
import type { OrderRecord } from '../domain/order';
import { payerName } from '../domain/receipt';
import { nowOf, type PaymentDeps } from './payment-deps';
import { orderView } from './read-orders';

export const ORDER_TTL_MINUTES = 30;
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** The order an Idempotency-Key already made for this user, if any (the key names one dossier only). */
const replayed = async (deps: PaymentDeps, user: UserPrincipal, key: string, dossierId: string): Promise<PaymentOrder | undefined> => {
  const seen = await deps.store.idempotency(user.sub, key);
  if (!seen) return undefined;
  if (seen.dossierId !== dossierId) throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another dossier');
  const order = await deps.store.get(seen.orderId);
  return order && orderView(order, nowOf(deps));
};

export const createOrder = async (deps: PaymentDeps, principal: Principal, dossierId: string, idempotencyKey: string): Promise<PaymentOrder> => {
  const user = userOf(principal);
  const replay = await replayed(deps, user, idempotencyKey, dossierId);
  if (replay) return replay;

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
  const order: OrderRecord = {
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
  const created = await deps.store.create(order, { sub: user.sub, key: idempotencyKey, ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
  if (created.ok) return orderView(order, now);
  // Lost a race: the same key (the winner's order is the answer) or another live order.
  const again = await replayed(deps, user, idempotencyKey, dossierId);
  if (again) return again;
  const lock = await deps.store.roundLock(d.id, d.version);
  if (lock?.status === 'paid') throw conflict('ALREADY_PAID', 'This payment request has been paid');
  throw conflict('PAYMENT_PENDING', lock
    ? `Order ${lock.orderId} is still open for this dossier until ${lock.expiresAt}`
    : 'Another order is still open for this dossier');
};
