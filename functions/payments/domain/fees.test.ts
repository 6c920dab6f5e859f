// What is owed: catalogue fees with the most favourable reduction, integer VND.
import { describe, expect, it } from 'vitest';
import { assessFees, type FeeRule } from './fees';

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
