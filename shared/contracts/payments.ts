// Payments (docs/requirements.md R-CAP-PAYMENTS): payment orders, the provider callback, the
// electronic receipt and the settlement report a provider publishes. Money is integer VND
// everywhere, never a float.
import * as z from 'zod';
import { DossierId } from './dossiers';
import { IsoDate, IsoDateTime } from './common';

export const Vnd = z.number().int().min(0).max(1_000_000_000_000).describe('VND, integer');

export const PaymentId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected a payment order id');
export const ProviderName = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'expected a provider name such as sandbox');

export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const FeeReductionApplied = z.object({ percent: z.number().int().min(1).max(100), basis: z.string() });

export const PaymentItem = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['fee', 'charge']),
  revenueItemCode: z.string(),
  /** The catalogue amount before any reduction. */
  baseAmount: Vnd,
  amount: Vnd,
  reduction: FeeReductionApplied.nullable(),
});
export type PaymentItem = z.infer<typeof PaymentItem>;

export const TreasuryAccount = z.object({
  code: z.string(),
  accountNumber: z.string(),
  treasuryName: z.string(),
  bankCode: z.string().nullable(),
});

export const PaymentOrder = z
  .object({
    id: PaymentId,
    dossierId: DossierId,
    dossierCode: z.string().nullable(),
    /** The dossier's payment request this order pays (its version when payment was requested). */
    round: z.number().int().min(1),
    amount: Vnd,
    currency: z.literal('VND'),
    items: z.array(PaymentItem),
    status: PaymentStatus,
    provider: ProviderName,
    redirectUrl: z.string().nullable().describe('Where the payer completes the payment (null once the order is no longer pending)'),
    expiresAt: IsoDateTime,
    createdAt: IsoDateTime,
    paidAt: IsoDateTime.nullable(),
    receiptNumber: z.string().nullable(),
    treasuryAccount: TreasuryAccount,
  })
  .meta({ id: 'PaymentOrder' });
export type PaymentOrder = z.infer<typeof PaymentOrder>;

export const PaymentParams = z.object({ id: PaymentId });
export const DossierPaymentParams = z.object({ id: DossierId });
export const CallbackParams = z.object({ provider: ProviderName });

/** What a provider posts to `POST /v1/payment-callbacks/{provider}` (signed, see docs/payments.md). */
export const ProviderCallback = z.object({
  eventId: z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/),
  orderId: z.string().min(1).max(100),
  providerRef: z.string().min(1).max(100),
  status: z.enum(['paid', 'failed']),
  amount: Vnd,
  currency: z.literal('VND'),
  paidAt: IsoDateTime.optional(),
});
export type ProviderCallback = z.infer<typeof ProviderCallback>;

export const CallbackAck = z.object({
  result: z.enum(['applied', 'duplicate', 'ignored']),
  orderStatus: PaymentStatus,
});

export const ReceiptQuery = z.object({ format: z.enum(['json', 'pdf']).default('json') });

/** Biên lai điện tử: the electronic receipt of one paid order. */
export const Receipt = z
  .object({
    number: z.string(),
    orderId: PaymentId,
    dossierId: DossierId,
    dossierCode: z.string().nullable(),
    procedureName: z.string(),
    agency: z.object({ code: z.string(), name: z.string() }),
    payer: z.object({ name: z.string().nullable(), idNumber: z.string().nullable(), enterpriseCode: z.string().nullable() }),
    items: z.array(PaymentItem),
    treasuryAccount: TreasuryAccount,
    amount: Vnd,
    amountInWords: z.string(),
    currency: z.literal('VND'),
    provider: ProviderName,
    providerRef: z.string(),
    paidAt: IsoDateTime,
    issuedAt: IsoDateTime,
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof Receipt>;

/** One transaction in a provider's daily settlement report. */
export const SettlementLine = z.object({
  providerRef: z.string(),
  orderId: z.string(),
  amount: Vnd,
  status: z.enum(['paid', 'refunded']),
  settledAt: IsoDateTime,
});
export type SettlementLine = z.infer<typeof SettlementLine>;

export const SettlementReport = z.object({ date: IsoDate, lines: z.array(SettlementLine) });
export type SettlementReport = z.infer<typeof SettlementReport>;
