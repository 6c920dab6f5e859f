// The payments capability (docs/requirements.md R-CAP-PAYMENTS, docs/payments.md): creates payment
// orders for dossiers that await payment, applies providers' signed callbacks, moves the dossier on
// through the dossier transition function, issues receipts and reconciles with the providers'
// settlement reports. Rules live in domain/; this file orders the steps and enforces who may do
// what.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../shared/auth/principal';
import { agencyInScope, ownsResource } from '../../shared/auth/scope';
import type { PaymentOrder, ProviderCallback, Receipt } from '../../shared/contracts/payments';
import { conflict, notFound, unauthenticated, unavailable, unprocessable } from '../../shared/errors/domain-error';
import { logger } from '../../shared/http/logger';
import { localDate } from '../../shared/calendar';
import type { CatalogueReader } from '../catalogue/public';
import type { DossierRecord } from '../dossiers/public';
import type { DossierGateway } from './adapters/dossiers';
import type { PaymentStore, ReconciliationReport } from './adapters/payment-store';
import { assessFees } from './domain/fees';
import { decideCallback, effectiveStatus, type OrderRecord } from './domain/order';
import { formatReceiptNumber, receiptCounterKey, receiptOf } from './domain/receipt';
import { reconcile } from './domain/reconcile';
import type { ProviderRegistry } from './providers/registry';

export const ORDER_TTL_MINUTES = 30;
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface PaymentDeps {
  store: PaymentStore;
  dossiers: DossierGateway;
  catalogue: CatalogueReader;
  providers: () => ProviderRegistry;
  /** Where the provider sends the payer back: a template with {orderId} and {dossierId}. */
  returnUrl: string;
  now?: () => Date;
  newId?: () => string;
}

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/**
 * The name printed on the receipt: the account holder's (the token's `name`), else the requester's
 * full name as declared on the dossier's form (`requesterFullName`, then any `…FullName` field).
 */
export const payerName = (user: UserPrincipal, d: Pick<DossierRecord, 'form'>): string | null => {
  if (user.name) return user.name;
  const form = (d.form ?? {}) as Record<string, unknown>;
  const key = ['requesterFullName', ...Object.keys(form).filter((k) => /FullName$/.test(k))].find((k) => typeof form[k] === 'string' && (form[k] as string).trim());
  return key ? (form[key] as string).trim() : null;
};

const agencyRef = (o: OrderRecord) => ({ code: o.agencyCode, parentCode: o.agencyParentCode });

export class PaymentService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: PaymentDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  // ---------------------------------------------------------------------------------------------
  // Orders

  async createOrder(principal: Principal, dossierId: string, idempotencyKey: string): Promise<PaymentOrder> {
    const user = principal as UserPrincipal;
    const replay = await this.replayed(user, idempotencyKey, dossierId);
    if (replay) return replay;

    const d = await this.deps.dossiers.get(dossierId);
    if (!d || !ownsResource(principal, d.applicant)) throw notFound('Dossier');
    if (d.status !== 'payment_required') {
      throw conflict('NOT_AWAITING_PAYMENT', `The dossier is ${d.status}; it can be paid once the agency requests payment`);
    }
    const procedure = await this.deps.catalogue.getProcedure(d.procedureCode);
    if (!procedure) throw unprocessable('PROCEDURE_UNAVAILABLE', 'The procedure of this dossier is no longer in the catalogue');
    const fees = assessFees(procedure.fees, { applicantType: d.applicant.type, channel: d.channel === 'online' ? 'online' : 'desk' });
    if (fees.total <= 0) throw unprocessable('NO_FEES_DUE', 'Nothing is owed for this dossier');
    const account = await this.deps.catalogue.treasuryAccount(d.agencyCode);
    if (!account) throw unprocessable('NO_TREASURY_ACCOUNT', 'The agency has no treasury account in the catalogue');
    const provider = this.deps.providers().default();
    if (!provider) throw unavailable('PAYMENTS_UNAVAILABLE', 'No payment provider is configured');

    const now = this.now();
    const id = this.newId();
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
        returnUrl: this.deps.returnUrl.replace('{orderId}', id).replace('{dossierId}', d.id),
      }),
      createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(),
      paidAt: null, providerRef: null, receiptNumber: null, dossierConfirmedAt: null, anomalies: [], version: 1,
    };
    const created = await this.deps.store.create(order, { sub: user.sub, key: idempotencyKey, ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
    if (created.ok) return this.view(order);
    // Lost a race: the same key (the winner's order is the answer) or another live order.
    const again = await this.replayed(user, idempotencyKey, dossierId);
    if (again) return again;
    const lock = await this.deps.store.roundLock(d.id, d.version);
    if (lock?.status === 'paid') throw conflict('ALREADY_PAID', 'This payment request has been paid');
    throw conflict('PAYMENT_PENDING', lock
      ? `Order ${lock.orderId} is still open for this dossier until ${lock.expiresAt}`
      : 'Another order is still open for this dossier');
  }

  private async replayed(user: UserPrincipal, key: string, dossierId: string): Promise<PaymentOrder | undefined> {
    const seen = await this.deps.store.idempotency(user.sub, key);
    if (!seen) return undefined;
    if (seen.dossierId !== dossierId) throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another dossier');
    const order = await this.deps.store.get(seen.orderId);
    return order && this.view(order);
  }

  async getOrder(principal: Principal, id: string): Promise<PaymentOrder> {
    return this.view(await this.readable(principal, id));
  }

  async listForDossier(principal: Principal, dossierId: string): Promise<{ items: PaymentOrder[]; nextCursor: null }> {
    const d = await this.deps.dossiers.get(dossierId);
    if (!d || (!ownsResource(principal, d.applicant) && !agencyInScope(principal, { code: d.agencyCode, parentCode: d.agencyParentCode }))) {
      throw notFound('Dossier');
    }
    const orders = await this.deps.store.listForDossier(dossierId);
    return { items: orders.map((o) => this.view(o)), nextCursor: null };
  }

  private async readable(principal: Principal, id: string): Promise<OrderRecord> {
    const order = await this.deps.store.get(id);
    if (!order || (!ownsResource(principal, { sub: order.applicantSub }) && !agencyInScope(principal, agencyRef(order)))) {
      throw notFound('Payment order');
    }
    return order;
  }

  private view(o: OrderRecord): PaymentOrder {
    const status = effectiveStatus(o, this.now());
    return {
      id: o.id, dossierId: o.dossierId, dossierCode: o.dossierCode, round: o.round, amount: o.amount, currency: 'VND',
      items: o.items, status, provider: o.provider, redirectUrl: status === 'pending' ? o.redirectUrl : null,
      expiresAt: o.expiresAt, createdAt: o.createdAt, paidAt: o.paidAt, receiptNumber: o.receiptNumber,
      treasuryAccount: o.treasuryAccount,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Provider callbacks

  async callback(
    providerName: string,
    headers: Record<string, string | undefined>,
    rawBody: string,
    body: ProviderCallback,
  ): Promise<{ result: 'applied' | 'duplicate' | 'ignored'; orderStatus: OrderRecord['status'] }> {
    const provider = this.deps.providers().get(providerName);
    if (!provider) throw notFound('Payment provider');
    const now = this.now();
    const verdict = await provider.verifyCallback(headers, rawBody, now);
    if (!verdict.ok) {
      logger.warn('payment callback refused', { provider: providerName, reason: verdict.reason });
      throw unauthenticated(
        verdict.reason === 'stale' ? 'The callback timestamp is outside the accepted window' : 'The callback signature is missing or wrong',
        verdict.reason === 'stale' ? 'STALE_CALLBACK' : 'BAD_SIGNATURE');
    }
    let order = /^[0-9a-f-]{36}$/.test(body.orderId) ? await this.deps.store.get(body.orderId) : undefined;
    if (!order || order.provider !== providerName) {
      logger.warn('payment callback for an unknown order', { provider: providerName, eventId: body.eventId });
      throw unprocessable('UNKNOWN_ORDER', 'No such payment order at this provider');
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const decision = decideCallback(order, body, now);
      if (decision.outcome === 'reject') {
        if (await this.deps.store.recordCallback(providerName, body.eventId, order.id, now.toISOString())) {
          await this.deps.store.addAnomaly(order.id, { at: now.toISOString(), kind: 'amount_mismatch', detail: decision.message });
        }
        logger.warn('payment callback amount mismatch', { orderId: order.id, eventId: body.eventId });
        throw unprocessable('AMOUNT_MISMATCH', decision.message);
      }
      if (decision.outcome === 'ignore') {
        const fresh = await this.deps.store.recordCallback(providerName, body.eventId, order.id, now.toISOString());
        if (fresh && decision.anomaly) await this.deps.store.addAnomaly(order.id, { at: now.toISOString(), kind: 'paid_twice', detail: decision.anomaly });
        if (order.status === 'paid') await this.followUp(order);
        return { result: fresh ? 'ignored' : 'duplicate', orderStatus: effectiveStatus(order, now) };
      }
      const applied = await this.deps.store.applyCallback(order, {
        from: decision.from, to: decision.to, paidAt: decision.paidAt, providerRef: body.providerRef, eventId: body.eventId,
      });
      if (applied === 'stale') {
        order = (await this.deps.store.get(order.id))!;
        continue;
      }
      const current = (await this.deps.store.get(order.id))!;
      // A duplicate still finishes the follow-up: a crash after the payment was recorded must not
      // leave the dossier waiting, and the provider's retry is the chance to finish it.
      if (current.status === 'paid') await this.followUp(current);
      return { result: applied === 'applied' ? 'applied' : 'duplicate', orderStatus: effectiveStatus(current, now) };
    }
    throw conflict('ORDER_BUSY', 'The order changed repeatedly while the callback was applied; retry');
  }

  /** What a paid order entails, each step idempotent: a receipt number, the dossier moved on. */
  private async followUp(order: OrderRecord): Promise<void> {
    if (!order.receiptNumber) await this.allocateReceiptNumber(order);
    if (order.dossierConfirmedAt) return;
    const note = `Đã thanh toán trực tuyến ${order.amount} VND, đơn ${order.id} qua ${order.provider}`;
    for (let attempt = 0; attempt < 4; attempt++) {
      const d: DossierRecord | undefined = await this.deps.dossiers.get(order.dossierId);
      if (!d) return;
      if (d.status !== 'payment_required' || d.version !== order.round) {
        // Moved on without this payment (withdrawn, or confirmed by another order): the money is
        // here and owed back unless an operator decides otherwise — flagged, never silent.
        const confirmedByThis = d.status !== 'payment_required' && (await this.deps.store.get(order.id))?.dossierConfirmedAt;
        if (!confirmedByThis) {
          await this.deps.store.addAnomaly(order.id, {
            at: this.now().toISOString(), kind: 'dossier_not_awaiting_payment',
            detail: `Paid while the dossier was ${d.status} (version ${d.version}, payment requested at ${order.round}): refund or apply manually`,
          });
          await this.deps.store.markDossierConfirmed(order.id, this.now().toISOString());
        }
        return;
      }
      if ((await this.deps.dossiers.confirmPayment(d, note)) === 'confirmed') {
        await this.deps.store.markDossierConfirmed(order.id, this.now().toISOString());
        return;
      }
    }
    throw conflict('DOSSIER_BUSY', 'The dossier changed repeatedly; the provider will retry');
  }

  private async allocateReceiptNumber(order: OrderRecord): Promise<string> {
    const sequence = await this.deps.store.nextReceiptSequence(receiptCounterKey(order.agencyCode, order.paidAt!));
    const number = formatReceiptNumber(order.paidAt!, sequence);
    if (await this.deps.store.setReceiptNumber(order.id, number)) return number;
    // Someone numbered it first; that number stands (the sequence gap is recorded by the counter).
    return (await this.deps.store.get(order.id))!.receiptNumber!;
  }

  // ---------------------------------------------------------------------------------------------
  // Receipts and reconciliation

  async receipt(principal: Principal, id: string): Promise<Receipt> {
    const order = await this.readable(principal, id);
    if (order.status !== 'paid' && order.status !== 'refunded') throw conflict('NOT_PAID', 'A receipt exists once the order is paid');
    const numbered = order.receiptNumber ? order : { ...order, receiptNumber: await this.allocateReceiptNumber(order) };
    return receiptOf(numbered, numbered.paidAt!);
  }

  /** Compares every provider's settlement report of `date` with the orders here; flags, never fixes. */
  async reconcile(date: string): Promise<ReconciliationReport[]> {
    const reports: ReconciliationReport[] = [];
    const now = this.now();
    for (const provider of this.deps.providers().all()) {
      const lines = await provider.settlementReport(date, now);
      const [ordersById, paidHere] = await Promise.all([
        this.deps.store.getMany(lines.map((l) => l.orderId)),
        this.deps.store.paidOn(provider.name, date),
      ]);
      const mismatches = reconcile({ lines, ordersById, paidHere, now });
      for (const m of mismatches) {
        const order = ordersById.get(m.orderId) ?? paidHere.find((o) => o.id === m.orderId);
        const detail = `reconciliation of ${date} with ${provider.name}`;
        // Flag once: running the same day again (a retry, an operator's re-run) adds nothing.
        if (!order || order.anomalies?.some((a) => a.kind === m.kind && a.detail === detail)) continue;
        await this.deps.store.addAnomaly(m.orderId, { at: now.toISOString(), kind: m.kind, detail });
      }
      const report = { provider: provider.name, date, ranAt: now.toISOString(), lines: lines.length, mismatches };
      await this.deps.store.saveReconciliation(report);
      reports.push(report);
    }
    return reports;
  }
}

/** Yesterday in Asia/Ho_Chi_Minh: the day a nightly reconciliation covers. */
export const previousLocalDate = (now: Date) => localDate(new Date(now.getTime() - 86_400_000));
