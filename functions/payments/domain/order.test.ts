// The order state machine (one table) and the callback decision.
import { describe, expect, it } from 'vitest';
import { PaymentStatus } from '../../../shared/contracts/payments';
import { decideCallback, effectiveStatus, nextStatus, ORDER_TRANSITIONS } from './order';
import { callback, NOW, order } from './order.test-support';

describe('order state machine', () => {
  const outcomes = ['paid', 'failed', 'expire', 'refund'] as const;
  const allowed = new Set(ORDER_TRANSITIONS.map((t) => `${t.from}:${t.on}`));

  it.each(PaymentStatus.options.flatMap((from) => outcomes.map((on) => [from, on] as const)))('%s on %s', (from, on) => {
    const to = nextStatus(from, on);
    if (allowed.has(`${from}:${on}`)) expect(to).toBeDefined();
    else expect(to).toBeUndefined();
  });

  it('paid is never undone by a provider outcome, only refunded by an operator', () => {
    expect(nextStatus('paid', 'failed')).toBeUndefined();
    expect(nextStatus('paid', 'expire')).toBeUndefined();
    expect(nextStatus('paid', 'refund')).toBe('refunded');
    expect(nextStatus('refunded', 'paid')).toBeUndefined();
  });

  it('a pending order past its expiry is expired', () => {
    expect(effectiveStatus(order(), new Date('2026-12-01T03:19:59Z'))).toBe('pending');
    expect(effectiveStatus(order(), new Date('2026-12-01T03:20:00Z'))).toBe('expired');
    expect(effectiveStatus(order({ status: 'paid' }), new Date('2027-01-01T00:00:00Z'))).toBe('paid');
  });
});

describe('decideCallback', () => {
  it('pays a pending order at the provider\'s paid time', () => {
    expect(decideCallback(order(), callback(), NOW)).toEqual({ outcome: 'apply', from: 'pending', to: 'paid', paidAt: '2026-12-01T02:59:00.000Z' });
  });

  it('pays an order that expired here but was paid at the provider; a failure after expiry changes nothing', () => {
    const late = new Date('2026-12-01T04:00:00Z');
    expect(decideCallback(order(), callback(), late)).toMatchObject({ outcome: 'apply', from: 'pending', to: 'paid' });
    expect(decideCallback(order(), callback({ status: 'failed' }), late)).toMatchObject({ outcome: 'ignore' });
  });

  it('never un-pays: a failure (or a repeat) after payment is ignored', () => {
    const paid = order({ status: 'paid', providerRef: 'SBX-1', paidAt: '2026-12-01T02:59:00.000Z' });
    expect(decideCallback(paid, callback({ status: 'failed' }), NOW)).toMatchObject({ outcome: 'ignore' });
    expect(decideCallback(paid, callback(), NOW)).toEqual({ outcome: 'ignore', reason: 'paid does not apply to a paid order', anomaly: undefined });
  });

  it('a second, different payment of a paid order is flagged for refund', () => {
    const paid = order({ status: 'paid', providerRef: 'SBX-1' });
    const d = decideCallback(paid, callback({ providerRef: 'SBX-2' }), NOW);
    expect(d).toMatchObject({ outcome: 'ignore' });
    expect(d.outcome === 'ignore' && d.anomaly).toMatch(/SBX-2.*SBX-1.*refund/);
  });

  it('a success after a failure (reordered callbacks) pays', () => {
    expect(decideCallback(order({ status: 'failed' }), callback(), NOW)).toMatchObject({ outcome: 'apply', from: 'failed', to: 'paid' });
  });

  it('a different amount is rejected whatever the state', () => {
    expect(decideCallback(order(), callback({ amount: 8000 }), NOW)).toMatchObject({ outcome: 'reject', code: 'AMOUNT_MISMATCH' });
    expect(decideCallback(order({ status: 'paid' }), callback({ amount: 0 }), NOW)).toMatchObject({ outcome: 'reject' });
  });
});
