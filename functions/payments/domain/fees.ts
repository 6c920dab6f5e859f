// What a dossier owes (docs/requirements.md R-CAP-PAYMENTS): the procedure's fees and charges from
// the catalogue, each with the most favourable reduction or exemption the catalogue grants this
// applicant and channel. Integer VND throughout; a reduced amount is rounded down, so the portal
// never asks for more than the rule allows.
import type { PaymentItem } from '../../../shared/contracts/payments';

export interface FeeRule {
  code: string;
  name: string;
  amount: number;
  kind: 'fee' | 'charge';
  revenueItemCode: string;
  reductions?: readonly { applicantType?: 'citizen' | 'business'; channel?: 'online' | 'desk' | 'post'; percent: number; basis: string }[];
}

export interface FeeContext {
  applicantType: 'citizen' | 'business';
  channel: 'online' | 'desk' | 'post';
}

export interface FeeAssessment {
  items: PaymentItem[];
  total: number;
}

const reduce = (amount: number, percent: number) => Math.floor((amount * (100 - percent)) / 100);

export const assessFees = (fees: readonly FeeRule[], context: FeeContext): FeeAssessment => {
  const items = fees.map((fee): PaymentItem => {
    if (!Number.isSafeInteger(fee.amount) || fee.amount < 0) throw new RangeError(`Fee ${fee.code}: amount must be a non-negative integer VND`);
    const applicable = (fee.reductions ?? []).filter(
      (r) => (!r.applicantType || r.applicantType === context.applicantType) && (!r.channel || r.channel === context.channel),
    );
    const best = applicable.reduce<(typeof applicable)[number] | undefined>((a, r) => (!a || r.percent > a.percent ? r : a), undefined);
    return {
      code: fee.code,
      name: fee.name,
      kind: fee.kind,
      revenueItemCode: fee.revenueItemCode,
      baseAmount: fee.amount,
      amount: best ? reduce(fee.amount, best.percent) : fee.amount,
      reduction: best ? { percent: best.percent, basis: best.basis } : null,
    };
  });
  return { items, total: items.reduce((sum, i) => sum + i.amount, 0) };
};
