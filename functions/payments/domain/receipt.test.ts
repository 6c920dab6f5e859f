// Receipts: numbers, the amount in words, the receipt of a paid order, the payer's name.
import { describe, expect, it } from 'vitest';
import { order } from './order.test-support';
import { amountInWords, formatReceiptNumber, payerName, receiptCounterKey, receiptOf } from './receipt';

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

describe('payerName', () => {
  const user = (name?: string) => ({ kind: 'user' as const, sub: 's', username: 'u', groups: ['citizen' as const], vneidVerified: true, agencyScope: [], name });
  it('the account holder first, else the requester declared on the form, else nobody', () => {
    expect(payerName(user('Trần Thị Bình'), { form: { requesterFullName: 'Nguyễn Văn An' } })).toBe('Trần Thị Bình');
    expect(payerName(user(), { form: { residentFullName: ' Lê Văn Cường ', phone: '0912345678' } })).toBe('Lê Văn Cường');
    expect(payerName(user(), { form: { residentFullName: 'Lê Văn Cường', requesterFullName: 'Nguyễn Văn An' } })).toBe('Nguyễn Văn An');
    expect(payerName(user(), { form: { phone: '0912345678' } })).toBeNull();
  });
});
