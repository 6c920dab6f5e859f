// Reading payment orders: one order, or a dossier's orders, for its applicant or an official in
// scope of its agency (anyone else: 404, as if it did not exist); what the API shows of an order.
import type { Principal } from '../../../shared/auth/principal';
import { agencyInScope, ownsResource } from '../../../shared/auth/scope';
import type { PaymentOrder } from '../../../shared/contracts/payments';
import { notFound } from '../../../shared/errors/domain-error';
import { effectiveStatus, type OrderRecord } from '../domain/order';
import { nowOf, type PaymentDeps } from './payment-deps';

export const orderView = (o: OrderRecord, now: Date): PaymentOrder => {
  const status = effectiveStatus(o, now);
  return {
    id: o.id, dossierId: o.dossierId, dossierCode: o.dossierCode, round: o.round, amount: o.amount, currency: 'VND',
    items: o.items, status, provider: o.provider, redirectUrl: status === 'pending' ? o.redirectUrl : null,
    expiresAt: o.expiresAt, createdAt: o.createdAt, paidAt: o.paidAt, receiptNumber: o.receiptNumber,
    treasuryAccount: o.treasuryAccount,
  };
};

/** The order, if the caller may read it. */
export const readableOrder = async (deps: Pick<PaymentDeps, 'store'>, principal: Principal, id: string): Promise<OrderRecord> => {
  const order = await deps.store.get(id);
  if (!order || (!ownsResource(principal, { sub: order.applicantSub }) && !agencyInScope(principal, { code: order.agencyCode, parentCode: order.agencyParentCode }))) {
    throw notFound('Payment order');
  }
  return order;
};

export const getOrder = async (deps: PaymentDeps, principal: Principal, id: string): Promise<PaymentOrder> =>
  orderView(await readableOrder(deps, principal, id), nowOf(deps));

export const listDossierOrders = async (deps: PaymentDeps, principal: Principal, dossierId: string): Promise<{ items: PaymentOrder[]; nextCursor: null }> => {
  const d = await deps.dossiers.get(dossierId);
  if (!d || (!ownsResource(principal, d.applicant) && !agencyInScope(principal, { code: d.agencyCode, parentCode: d.agencyParentCode }))) {
    throw notFound('Dossier');
  }
  const orders = await deps.store.listForDossier(dossierId);
  const now = nowOf(deps);
  return { items: orders.map((o) => orderView(o, now)), nextCursor: null };
};
