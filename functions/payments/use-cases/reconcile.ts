// Reconciliation (the nightly `reconcile` job, docs/payments.md): every provider's settlement
// report of one day against the orders here. Mismatches are flagged on the orders (once per day
// and provider, so a re-run adds nothing) and the report is kept; nothing is fixed automatically.
import { localDate } from '../../../shared/calendar';
import type { ReconciliationReport } from '../adapters/payment-store';
import { reconcile } from '../domain/reconcile';
import { nowOf, type PaymentDeps } from './payment-deps';

/** Yesterday in Asia/Ho_Chi_Minh: the day a nightly reconciliation covers. */
export const previousLocalDate = (now: Date) => localDate(new Date(now.getTime() - 86_400_000));

export const reconcileDay = async (deps: Pick<PaymentDeps, 'store' | 'providers' | 'now'>, date: string): Promise<ReconciliationReport[]> => {
  const reports: ReconciliationReport[] = [];
  const now = nowOf(deps);
  for (const provider of deps.providers().all()) {
    const lines = await provider.settlementReport(date, now);
    const [ordersById, paidHere] = await Promise.all([
      deps.store.getMany(lines.map((l) => l.orderId)),
      deps.store.paidOn(provider.name, date),
    ]);
    const mismatches = reconcile({ lines, ordersById, paidHere, now });
    // byPaidDay holds a summary: the whole record (its anomalies) of an order only paid here is read now.
    const onlyHere = await deps.store.getMany(mismatches.map((m) => m.orderId).filter((id) => !ordersById.has(id)));
    for (const m of mismatches) {
      const order = ordersById.get(m.orderId) ?? onlyHere.get(m.orderId);
      const detail = `reconciliation of ${date} with ${provider.name}`;
      if (!order || order.anomalies?.some((a) => a.kind === m.kind && a.detail === detail)) continue;
      await deps.store.addAnomaly(m.orderId, { at: now.toISOString(), kind: m.kind, detail });
    }
    const report = { provider: provider.name, date, ranAt: now.toISOString(), lines: lines.length, mismatches };
    await deps.store.saveReconciliation(report);
    reports.push(report);
  }
  return reports;
};
