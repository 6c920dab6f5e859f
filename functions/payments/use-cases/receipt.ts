// Receipts (GET /v1/payments/{id}/receipt): a paid (or since refunded) order's electronic receipt,
// as JSON or as the PDF in the portal's official-document layout. Its number is allocated once,
// from the agency's yearly counter, by whichever comes first: the callback's follow-up or a read.
import type { Principal } from '../../../shared/auth/principal';
import { portalBaseUrl } from '../../../shared/config';
import type { Receipt } from '../../../shared/contracts/payments';
import { conflict } from '../../../shared/errors/domain-error';
import type { OrderRecord } from '../domain/order';
import { formatReceiptNumber, receiptCounterKey, receiptOf } from '../domain/receipt';
import type { PaymentDeps } from './payment-deps';
import { readableOrder } from './read-orders';

/** Numbers a paid order; when someone numbered it first, that number stands (the counter records the gap). */
export const allocateReceiptNumber = async (deps: Pick<PaymentDeps, 'store'>, order: OrderRecord): Promise<string> => {
  const sequence = await deps.store.nextReceiptSequence(receiptCounterKey(order.agencyCode, order.paidAt!));
  const number = formatReceiptNumber(order.paidAt!, sequence);
  if (await deps.store.setReceiptNumber(order.id, number)) return number;
  return (await deps.store.get(order.id))!.receiptNumber!;
};

export const getReceipt = async (deps: PaymentDeps, principal: Principal, id: string): Promise<Receipt> => {
  const order = await readableOrder(deps, principal, id);
  if (order.status !== 'paid' && order.status !== 'refunded') throw conflict('NOT_PAID', 'A receipt exists once the order is paid');
  const numbered = order.receiptNumber ? order : { ...order, receiptNumber: await allocateReceiptNumber(deps, order) };
  return receiptOf(numbered, numbered.paidAt!);
};

const trackingUrl = (code: string | null) => `${portalBaseUrl()}/tra-cuu${code ? `?code=${encodeURIComponent(code)}` : ''}`;

/** The receipt as a PDF with a QR code of the dossier's tracking page. */
export const getReceiptPdf = async (deps: PaymentDeps, principal: Principal, id: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
  const receipt = await getReceipt(deps, principal, id);
  // The PDF writer (font, layout, QR encoder) loads on the first PDF asked for, not at cold start.
  const { renderReceiptPdf } = await import('../receipt-pdf');
  return { bytes: await renderReceiptPdf(receipt, trackingUrl(receipt.dossierCode)), fileName: `bien-lai-${receipt.number}.pdf` };
};
