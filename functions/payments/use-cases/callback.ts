// A provider's callback (POST /v1/payment-callbacks/{provider}, docs/payments.md): verified with
// the provider's signature, decided by the order's state machine (domain/order.ts) and written
// only if the order is still in the state it was decided from (a lost race decides again from a
// fresh read). A paid order is then followed up, each step idempotent: a receipt number, the
// dossier moved on through the dossier transition function. A duplicate callback still finishes
// the follow-up, so a crash after the payment was recorded does not leave the dossier waiting.
import type { ProviderCallback } from '../../../shared/contracts/payments';
import { conflict, notFound, unauthenticated, unprocessable } from '../../../shared/errors/domain-error';
import { logger } from '../../../shared/http/logger';
import { done, lostRace, retryOnConflict } from '../../../shared/retry/retry-on-conflict';
import { decideCallback, effectiveStatus, type OrderRecord } from '../domain/order';
import { nowOf, type PaymentDeps } from './payment-deps';
import { allocateReceiptNumber } from './receipt';

export interface CallbackOutcome {
  result: 'applied' | 'duplicate' | 'ignored';
  orderStatus: OrderRecord['status'];
}

/** What a paid order entails: a receipt number, the dossier moved on (or, if it moved on without this payment, an anomaly). */
const followUp = async (deps: PaymentDeps, order: OrderRecord): Promise<void> => {
  if (!order.receiptNumber) await allocateReceiptNumber(deps, order);
  if (order.dossierConfirmedAt) return;
  const note = `Đã thanh toán trực tuyến ${order.amount} VND, đơn ${order.id} qua ${order.provider}`;
  await retryOnConflict(async () => {
    const d = await deps.dossiers.get(order.dossierId);
    if (!d) return done(undefined);
    if (d.status !== 'payment_required' || d.version !== order.round) {
      // Moved on without this payment (withdrawn, or confirmed by another order): the money is
      // here and owed back unless an operator decides otherwise — flagged, never silent.
      const confirmedByThis = d.status !== 'payment_required' && (await deps.store.get(order.id))?.dossierConfirmedAt;
      if (!confirmedByThis) {
        await deps.store.addAnomaly(order.id, {
          at: nowOf(deps).toISOString(), kind: 'dossier_not_awaiting_payment',
          detail: `Paid while the dossier was ${d.status} (version ${d.version}, payment requested at ${order.round}): refund or apply manually`,
        });
        await deps.store.markDossierConfirmed(order.id, nowOf(deps).toISOString());
      }
      return done(undefined);
    }
    if ((await deps.dossiers.confirmPayment(d, note)) !== 'confirmed') return lostRace;
    await deps.store.markDossierConfirmed(order.id, nowOf(deps).toISOString());
    return done(undefined);
  }, () => conflict('DOSSIER_BUSY', 'The dossier changed repeatedly; the provider will retry'));
};

export const applyCallback = async (
  deps: PaymentDeps,
  providerName: string,
  headers: Record<string, string | undefined>,
  rawBody: string,
  body: ProviderCallback,
): Promise<CallbackOutcome> => {
  const provider = deps.providers().get(providerName);
  if (!provider) throw notFound('Payment provider');
  const now = nowOf(deps);
  const verdict = await provider.verifyCallback(headers, rawBody, now);
  if (!verdict.ok) {
    logger.warn('payment callback refused', { provider: providerName, reason: verdict.reason });
    throw unauthenticated(
      verdict.reason === 'stale' ? 'The callback timestamp is outside the accepted window' : 'The callback signature is missing or wrong',
      verdict.reason === 'stale' ? 'STALE_CALLBACK' : 'BAD_SIGNATURE');
  }
  const found = /^[0-9a-f-]{36}$/.test(body.orderId) ? await deps.store.get(body.orderId) : undefined;
  if (!found || found.provider !== providerName) {
    logger.warn('payment callback for an unknown order', { provider: providerName, eventId: body.eventId });
    throw unprocessable('UNKNOWN_ORDER', 'No such payment order at this provider');
  }
  let order = found;
  return retryOnConflict<CallbackOutcome>(async (attempt) => {
    if (attempt > 1) order = (await deps.store.get(order.id))!;
    const decision = decideCallback(order, body, now);
    if (decision.outcome === 'reject') {
      if (await deps.store.recordCallback(providerName, body.eventId, order.id, now.toISOString())) {
        await deps.store.addAnomaly(order.id, { at: now.toISOString(), kind: 'amount_mismatch', detail: decision.message });
      }
      logger.warn('payment callback amount mismatch', { orderId: order.id, eventId: body.eventId });
      throw unprocessable('AMOUNT_MISMATCH', decision.message);
    }
    if (decision.outcome === 'ignore') {
      const fresh = await deps.store.recordCallback(providerName, body.eventId, order.id, now.toISOString());
      if (fresh && decision.anomaly) await deps.store.addAnomaly(order.id, { at: now.toISOString(), kind: 'paid_twice', detail: decision.anomaly });
      if (order.status === 'paid') await followUp(deps, order);
      return done({ result: fresh ? 'ignored' : 'duplicate', orderStatus: effectiveStatus(order, now) });
    }
    const applied = await deps.store.applyCallback(order, {
      from: decision.from, to: decision.to, paidAt: decision.paidAt, providerRef: body.providerRef, eventId: body.eventId,
    });
    if (applied === 'stale') return lostRace;
    const current = (await deps.store.get(order.id))!;
    if (current.status === 'paid') await followUp(deps, current);
    return done({ result: applied === 'applied' ? 'applied' : 'duplicate', orderStatus: effectiveStatus(current, now) });
  }, () => conflict('ORDER_BUSY', 'The order changed repeatedly while the callback was applied; retry'));
};
