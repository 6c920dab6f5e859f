// Reconciliation (docs/payments.md): a provider's settlement report of one day against the orders
// the portal holds. It only finds differences; nobody's money state changes because of it — an
// operator decides (refund, or mark paid after checking with the provider).
// Pure: the caller reads the report and the orders.
import type { SettlementLine } from '../../../shared/contracts/payments';
import { effectiveStatus, type OrderRecord } from './order';

/** What reconciliation reads of an order paid here (the byPaidDay summary, adapters/paid-day.ts). */
export type PaidHere = Pick<OrderRecord, 'id' | 'dossierId' | 'round' | 'amount' | 'status' | 'expiresAt' | 'providerRef' | 'createdAt'>;

export type MismatchKind =
  | 'unknown_order'
  | 'paid_at_provider_not_here'
  | 'amount_differs'
  | 'paid_here_not_at_provider'
  | 'paid_twice';

export interface Mismatch {
  kind: MismatchKind;
  orderId: string;
  dossierId: string | null;
  providerRef: string | null;
  providerAmount: number | null;
  portalAmount: number | null;
  portalStatus: string | null;
}

export interface ReconciliationInput {
  lines: readonly SettlementLine[];
  /** The orders the report's lines name (undefined: no such order here). */
  ordersById: ReadonlyMap<string, OrderRecord | undefined>;
  /** The orders this portal holds as paid on the report's day, by this provider. */
  paidHere: readonly PaidHere[];
  now: Date;
}

export const reconcile = ({ lines, ordersById, paidHere, now }: ReconciliationInput): Mismatch[] => {
  const out: Mismatch[] = [];
  const mismatch = (kind: MismatchKind, orderId: string, order: PaidHere | undefined, line?: SettlementLine) => out.push({
    kind, orderId,
    dossierId: order?.dossierId ?? null,
    providerRef: line?.providerRef ?? order?.providerRef ?? null,
    providerAmount: line?.amount ?? null,
    portalAmount: order?.amount ?? null,
    portalStatus: order ? effectiveStatus(order, now) : null,
  });

  const paidLines = lines.filter((l) => l.status === 'paid');
  for (const line of paidLines) {
    const order = ordersById.get(line.orderId);
    if (!order) { mismatch('unknown_order', line.orderId, undefined, line); continue; }
    if (line.amount !== order.amount) mismatch('amount_differs', order.id, order, line);
    else if (effectiveStatus(order, now) !== 'paid') mismatch('paid_at_provider_not_here', order.id, order, line);
  }

  const reported = new Set(paidLines.map((l) => l.orderId));
  for (const order of paidHere) if (!reported.has(order.id)) mismatch('paid_here_not_at_provider', order.id, order);

  // Two orders of one payment round both paid (at the provider or here): one must be refunded.
  const paidOrders = new Map<string, PaidHere>();
  for (const o of paidHere) paidOrders.set(o.id, o);
  for (const line of paidLines) {
    const o = ordersById.get(line.orderId);
    if (o) paidOrders.set(o.id, o);
  }
  const byRound = new Map<string, PaidHere[]>();
  for (const o of paidOrders.values()) byRound.set(`${o.dossierId}#${o.round}`, [...(byRound.get(`${o.dossierId}#${o.round}`) ?? []), o]);
  for (const group of byRound.values()) {
    if (group.length < 2) continue;
    for (const o of group.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(1)) mismatch('paid_twice', o.id, o);
  }
  return out;
};
