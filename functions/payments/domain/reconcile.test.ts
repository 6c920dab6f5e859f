// Reconciliation: a settlement report against the orders here → mismatches.
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from './order';
import { order, NOW } from './order.test-support';
import { reconcile } from './reconcile';

describe('reconcile', () => {
  const paid = (id: string, over: Partial<OrderRecord> = {}) => order({ id, dossierId: `d-${id}`, status: 'paid', providerRef: `SBX-${id}`, paidAt: '2026-11-30T03:00:00Z', ...over });
  const line = (orderId: string, amount = 7000) => ({ providerRef: `SBX-${orderId}`, orderId, amount, status: 'paid' as const, settledAt: '2026-11-30T03:00:00Z' });

  it('a clean day has no mismatch', () => {
    const a = paid('a');
    expect(reconcile({ lines: [line('a')], ordersById: new Map([['a', a]]), paidHere: [a], now: NOW })).toEqual([]);
  });

  it('finds every planted mismatch, once', () => {
    const pendingHere = order({ id: 'p' });
    const wrongAmount = paid('w');
    const onlyHere = paid('h');
    const first = paid('t1', { dossierId: 'd-twice', createdAt: '2026-11-30T01:00:00Z' });
    const second = paid('t2', { dossierId: 'd-twice', createdAt: '2026-11-30T02:00:00Z' });
    const found = reconcile({
      lines: [line('p'), line('w', 8000), line('ghost'), line('t1'), line('t2'), { ...line('r'), status: 'refunded' }],
      ordersById: new Map<string, OrderRecord | undefined>([['p', pendingHere], ['w', wrongAmount], ['ghost', undefined], ['t1', first], ['t2', second]]),
      paidHere: [wrongAmount, onlyHere, first, second],
      now: NOW,
    });
    expect(found.map((m) => [m.kind, m.orderId]).sort()).toEqual([
      ['amount_differs', 'w'], ['paid_at_provider_not_here', 'p'], ['paid_here_not_at_provider', 'h'], ['paid_twice', 't2'], ['unknown_order', 'ghost'],
    ].sort());
    expect(found.find((m) => m.kind === 'amount_differs')).toMatchObject({ providerAmount: 8000, portalAmount: 7000 });
  });
});
