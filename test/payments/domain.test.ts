// The payments rules, directly: fees with reductions, the order state machine and callback
// decisions, reconciliation, receipt numbers and words, and the provider signatures.
import { describe, expect, it } from 'vitest';
import { assessFees, type FeeRule } from '../../functions/payments/domain/fees';
import { decideCallback, effectiveStatus, nextStatus, ORDER_TRANSITIONS, type OrderRecord } from '../../functions/payments/domain/order';
import { reconcile } from '../../functions/payments/domain/reconcile';
import { amountInWords, formatReceiptNumber, receiptCounterKey, receiptOf } from '../../functions/payments/domain/receipt';
import { canonicalParams, signBody, signParams, verifyBody, verifyParams } from '../../functions/payments/providers/signing';
import { PaymentStatus, type ProviderCallback } from '../../shared/contracts/payments';

const NOW = new Date('2026-12-01T03:00:00Z');

export const order = (over: Partial<OrderRecord> = {}): OrderRecord => ({
  id: '11111111-1111-4111-8111-111111111111', dossierId: '22222222-2222-4222-8222-222222222222', dossierCode: '000.00.00004.H26-261201-0001',
  procedureName: 'Đăng ký tạm trú', agencyCode: '000.00.00004.H26', agencyName: 'UBND phường Ba Đình', agencyParentCode: '000.00.00.H26',
  applicantSub: 'sub-1', payer: { name: 'Nguyễn Văn An', idNumber: '001099012345', enterpriseCode: null }, round: 7,
  amount: 7000, currency: 'VND',
  items: [{ code: 'LE_PHI_CU_TRU', name: 'Lệ phí đăng ký tạm trú', kind: 'fee', revenueItemCode: '2767', baseAmount: 7000, amount: 7000, reduction: null }],
  treasuryAccount: { code: 'TK-000.00.00.H26', accountNumber: '3511.0.1010000', treasuryName: 'Kho bạc Nhà nước Hà Nội', bankCode: 'ICB' },
  status: 'pending', provider: 'sandbox', redirectUrl: 'https://pay.example/checkout', createdAt: '2026-12-01T02:50:00.000Z',
  expiresAt: '2026-12-01T03:20:00.000Z', paidAt: null, providerRef: null, receiptNumber: null, dossierConfirmedAt: null, anomalies: [], version: 1,
  ...over,
});

const callback = (over: Partial<ProviderCallback> = {}): ProviderCallback => ({
  eventId: 'evt-00000001', orderId: order().id, providerRef: 'SBX-1', status: 'paid', amount: 7000, currency: 'VND',
  paidAt: '2026-12-01T02:59:00.000Z', ...over,
});

describe('assessFees', () => {
  const fee = (over: Partial<FeeRule> = {}): FeeRule => ({ code: 'F', name: 'Lệ phí', amount: 20_000, kind: 'fee', revenueItemCode: '2767', ...over });

  it('sums integer VND; no reduction applies without a matching rule', () => {
    const r = assessFees([fee(), fee({ code: 'C', kind: 'charge', amount: 15_500 })], { applicantType: 'citizen', channel: 'online' });
    expect(r.total).toBe(35_500);
    expect(r.items.map((i) => [i.amount, i.reduction])).toEqual([[20_000, null], [15_500, null]]);
  });

  it.each([
    // [reductions, context, expected amount]
    [[{ channel: 'online' as const, percent: 50, basis: 'TT 75/2022/TT-BTC' }], { applicantType: 'citizen' as const, channel: 'online' as const }, 10_000],
    [[{ channel: 'online' as const, percent: 50, basis: 'TT 75' }], { applicantType: 'citizen' as const, channel: 'desk' as const }, 20_000],
    [[{ applicantType: 'business' as const, percent: 100, basis: 'exempt' }], { applicantType: 'business' as const, channel: 'online' as const }, 0],
    [[{ applicantType: 'business' as const, percent: 100, basis: 'exempt' }], { applicantType: 'citizen' as const, channel: 'online' as const }, 20_000],
    // the most favourable of several
    [[{ percent: 10, basis: 'a' }, { channel: 'online' as const, percent: 30, basis: 'b' }], { applicantType: 'citizen' as const, channel: 'online' as const }, 14_000],
    // rounded down to whole VND: 20,000 × 67% = 13,400; 7,001 × 50% = 3,500.5 → 3,500
  ])('%j for %j → %d', (reductions, context, amount) => {
    expect(assessFees([fee({ reductions })], context).total).toBe(amount);
  });

  it('rounds a reduced amount down, never up', () => {
    expect(assessFees([fee({ amount: 7_001, reductions: [{ percent: 50, basis: 'x' }] })], { applicantType: 'citizen', channel: 'online' }).total).toBe(3_500);
    expect(assessFees([fee({ amount: 1, reductions: [{ percent: 99, basis: 'x' }] })], { applicantType: 'citizen', channel: 'online' }).total).toBe(0);
  });

  it('refuses a non-integer or negative amount (money is never a float)', () => {
    expect(() => assessFees([fee({ amount: 10.5 })], { applicantType: 'citizen', channel: 'online' })).toThrow(RangeError);
    expect(() => assessFees([fee({ amount: -1 })], { applicantType: 'citizen', channel: 'online' })).toThrow(RangeError);
  });
});

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

describe('receipts', () => {
  it('numbers per agency and local year', () => {
    expect(formatReceiptNumber('2026-12-31T16:59:59Z', 1)).toBe('BL26-0000001');
    expect(formatReceiptNumber('2026-12-31T17:00:00Z', 123)).toBe('BL27-0000123'); // already 2027 in Hà Nội
    expect(receiptCounterKey('000.00.00.H26', '2026-12-31T17:00:00Z')).toBe('000.00.00.H26#2027');
    expect(() => formatReceiptNumber('2026-01-01T00:00:00Z', 0)).toThrow(RangeError);
  });

  it.each([[7000, 'Bảy nghìn đồng'], [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'], [0, 'Không đồng']])('%d → %s', (n, words) => {
    expect(amountInWords(n)).toBe(words);
  });

  it('a receipt carries payer, items, account and amount; an unpaid order has none', () => {
    const r = receiptOf(order({ status: 'paid', paidAt: '2026-12-01T02:59:00Z', providerRef: 'SBX-1', receiptNumber: 'BL26-0000001' }), '2026-12-01T03:00:00Z');
    expect(r).toMatchObject({ number: 'BL26-0000001', amount: 7000, amountInWords: 'Bảy nghìn đồng', treasuryAccount: { accountNumber: '3511.0.1010000' } });
    expect(() => receiptOf(order(), '2026-12-01T03:00:00Z')).toThrow(/not paid/);
  });
});

describe('provider signatures', () => {
  const secret = 'a-shared-secret-of-some-length';

  it('checkout parameters: sorted, encoded, tamper-evident', () => {
    const params = { orderId: 'o-1', amount: '7000', description: 'Hồ sơ & lệ phí', returnUrl: 'http://x/?a=1' };
    expect(canonicalParams(params)).toBe('amount=7000&description=H%E1%BB%93%20s%C6%A1%20%26%20l%E1%BB%87%20ph%C3%AD&orderId=o-1&returnUrl=http%3A%2F%2Fx%2F%3Fa%3D1');
    const signed = { ...params, signature: signParams(secret, params) };
    expect(verifyParams(secret, signed)).toBe(true);
    expect(verifyParams(secret, { ...signed, amount: '700' })).toBe(false);
    expect(verifyParams('another-secret-entirely', signed)).toBe(false);
    expect(verifyParams(secret, params as Record<string, string>)).toBe(false);
  });

  it('bodies: the right secret within five minutes only', () => {
    const body = JSON.stringify(callback());
    const headers = signBody(secret, body, NOW);
    expect(verifyBody(secret, headers, body, NOW)).toEqual({ ok: true });
    expect(verifyBody(secret, headers, body, new Date(NOW.getTime() + 299_000))).toEqual({ ok: true });
    expect(verifyBody(secret, headers, body, new Date(NOW.getTime() + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyBody(secret, headers, body.replace('7000', '70000'), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBody('another-secret-entirely', headers, body, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBody(secret, {}, body, NOW)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyBody(secret, { ...headers, 'x-payment-signature': 'zz' }, body, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('payerName', () => {
  const user = (name?: string) => ({ kind: 'user' as const, sub: 's', username: 'u', groups: ['citizen' as const], vneidVerified: true, agencyScope: [], name });
  it('the account holder first, else the requester declared on the form, else nobody', async () => {
    const { payerName } = await import('../../functions/payments/service');
    expect(payerName(user('Trần Thị Bình'), { form: { requesterFullName: 'Nguyễn Văn An' } })).toBe('Trần Thị Bình');
    expect(payerName(user(), { form: { residentFullName: ' Lê Văn Cường ', phone: '0912345678' } })).toBe('Lê Văn Cường');
    expect(payerName(user(), { form: { residentFullName: 'Lê Văn Cường', requesterFullName: 'Nguyễn Văn An' } })).toBe('Nguyễn Văn An');
    expect(payerName(user(), { form: { phone: '0912345678' } })).toBeNull();
  });
});
