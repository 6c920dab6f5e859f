// Payment orders and callbacks for the payments unit tests.
import type { ProviderCallback } from '../../../shared/contracts/payments';
import type { OrderRecord } from './order';

export const NOW = new Date('2026-12-01T03:00:00Z');

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

export const callback = (over: Partial<ProviderCallback> = {}): ProviderCallback => ({
  eventId: 'evt-00000001', orderId: order().id, providerRef: 'SBX-1', status: 'paid', amount: 7000, currency: 'VND',
  paidAt: '2026-12-01T02:59:00.000Z', ...over,
});
