// The receipt as a PDF, in the portal's official-document layout (notifications' public module):
// agency header, national motto, "BIÊN LAI THU PHÍ, LỆ PHÍ", the fields of the receipt and a QR
// code of the dossier's tracking URL.
import type { Receipt } from '../../shared/contracts/payments';
import { formatDateline, formatDateTime, renderDocumentPdf, type SlipDocument } from '../notifications/public';

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;

export const receiptDocument = (r: Receipt, trackingUrl: string): SlipDocument => ({
  kind: 'payment_receipt',
  form: null,
  agencyName: r.agency.name,
  unitName: null,
  title: 'BIÊN LAI THU PHÍ, LỆ PHÍ (BIÊN LAI ĐIỆN TỬ)',
  code: r.dossierCode,
  issuedAt: r.issuedAt,
  dateline: formatDateline(r.paidAt),
  addressee: `Số biên lai: ${r.number}`,
  blocks: [
    { type: 'field', label: 'Người nộp', value: r.payer.name ?? '—' },
    { type: 'field', label: r.payer.enterpriseCode ? 'Mã số doanh nghiệp' : 'Số định danh cá nhân', value: r.payer.enterpriseCode ?? r.payer.idNumber ?? '—' },
    { type: 'field', label: 'Thủ tục', value: r.procedureName },
    {
      type: 'list', heading: 'Các khoản thu',
      items: r.items.map((i) => `${i.name} (tiểu mục ${i.revenueItemCode}): ${vnd(i.amount)}${i.reduction ? ` — giảm ${i.reduction.percent}% theo ${i.reduction.basis}` : ''}`),
    },
    { type: 'field', label: 'Tổng số tiền', value: vnd(r.amount) },
    { type: 'field', label: 'Bằng chữ', value: r.amountInWords },
    { type: 'field', label: 'Nộp vào tài khoản', value: `${r.treasuryAccount.accountNumber} tại ${r.treasuryAccount.treasuryName}` },
    { type: 'field', label: 'Hình thức', value: `Thanh toán trực tuyến qua ${r.provider}, mã giao dịch ${r.providerRef}` },
    { type: 'field', label: 'Thời điểm thanh toán', value: formatDateTime(r.paidAt) },
  ],
  closing: null,
  trackingUrl,
});

export const renderReceiptPdf = (r: Receipt, trackingUrl: string): Promise<Uint8Array> =>
  renderDocumentPdf({ subject: `Biên lai ${r.number}`, trackingUrl }, receiptDocument(r, trackingUrl));
