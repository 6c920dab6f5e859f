// The electronic receipt (biên lai điện tử) of a paid order: its number, the payer, the items with
// their revenue item codes, the treasury account the money goes to, the amount in figures and in
// words. Numbers run per agency and year (BL26-0000001), allocated once the order is paid.
// Pure: the caller supplies the allocated sequence and the issue time.
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';
import { localDate } from '../../../shared/calendar';
import type { UserPrincipal } from '../../../shared/auth/principal';
import type { Receipt } from '../../../shared/contracts/payments';
import type { OrderRecord } from './order';

/** The calendar year in Asia/Ho_Chi_Minh (no DST), which numbers a receipt. */
export const receiptYear = (paidAt: string): number => Number(localDate(paidAt).slice(0, 4));

export const receiptCounterKey = (agencyCode: string, paidAt: string) => `${agencyCode}#${receiptYear(paidAt)}`;

export const formatReceiptNumber = (paidAt: string, sequence: number): string => {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `BL${String(receiptYear(paidAt) % 100).padStart(2, '0')}-${String(sequence).padStart(7, '0')}`;
};

const words = new ReadingConfig();
words.unit = ['đồng'];

/** "Bảy nghìn đồng" — how the amount is written out on the receipt. */
export const amountInWords = (amount: number): string => {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative integer VND');
  const text = doReadNumber(String(amount), words);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const receiptOf = (order: OrderRecord, issuedAt: string): Receipt => {
  if (order.status !== 'paid' && order.status !== 'refunded') throw new Error(`Order ${order.id} is not paid`);
  if (!order.receiptNumber || !order.paidAt || !order.providerRef) throw new Error(`Order ${order.id} has no receipt number yet`);
  return {
    number: order.receiptNumber,
    orderId: order.id,
    dossierId: order.dossierId,
    dossierCode: order.dossierCode,
    procedureName: order.procedureName,
    agency: { code: order.agencyCode, name: order.agencyName },
    payer: order.payer,
    items: order.items,
    treasuryAccount: order.treasuryAccount,
    amount: order.amount,
    amountInWords: amountInWords(order.amount),
    currency: 'VND',
    provider: order.provider,
    providerRef: order.providerRef,
    paidAt: order.paidAt,
    issuedAt,
  };
};

/**
 * The name printed on the receipt: the account holder's (the token's `name`), else the requester's
 * full name as declared on the dossier's form (`requesterFullName`, then any `…FullName` field).
 */
export const payerName = (user: Pick<UserPrincipal, 'name'>, d: { form?: Record<string, unknown> | null }): string | null => {
  if (user.name) return user.name;
  const form = (d.form ?? {}) as Record<string, unknown>;
  const key = ['requesterFullName', ...Object.keys(form).filter((k) => /FullName$/.test(k))].find((k) => typeof form[k] === 'string' && (form[k] as string).trim());
  return key ? (form[key] as string).trim() : null;
};
