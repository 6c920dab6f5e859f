// 503 PAYMENTS_UNAVAILABLE, the one answer of POST /v1/dossiers/{id}/payments the running portal
// cannot provoke (it always configures the sandbox provider): the payments handler with no provider
// configured, invoked as API Gateway would (test/support/invoke.ts), its answer checked against the
// OpenAPI document (the status must be declared, the body the error envelope). Nothing is written.
import { describe, expect, it } from 'vitest';
import type { CatalogueReader } from '../../functions/catalogue/public';
import type { DossierRecord } from '../../functions/dossiers/public';
import type { DossierGateway } from '../../functions/payments/adapters/dossiers';
import type { PaymentStore } from '../../functions/payments/adapters/payment-store';
import { makeHandler } from '../../functions/payments/handler';
import type { ProviderRegistry } from '../../functions/payments/providers/registry';
import { invoke } from '../support/invoke';

const DOSSIER_ID = '22222222-2222-4222-8222-222222222222';
const SUB = 'no-provider-citizen';

/** A dossier that awaits payment of a fee its agency's treasury account can take: only the provider is missing. */
const handler = makeHandler({
  store: { orderKey: async () => undefined, create: async () => { throw new Error('nothing may be written without a provider'); } } as Partial<PaymentStore> as PaymentStore,
  dossiers: {
    get: async (id: string) => ({
      id, code: '000.00.00004.H26-261201-0001', status: 'payment_required', version: 7, procedureCode: '1.001', procedureName: 'Đăng ký tạm trú',
      agencyCode: '000.00.00004.H26', agencyName: 'UBND phường Ba Đình', agencyParentCode: '000.00.00.H26', channel: 'online',
      applicant: { sub: SUB, type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
    }) as unknown as DossierRecord,
  } as Partial<DossierGateway> as DossierGateway,
  catalogue: {
    getProcedure: async () => ({ fees: [{ code: 'F', name: 'Lệ phí', amount: 7000, kind: 'fee', revenueItemCode: '2767' }] }),
    treasuryAccount: async () => ({ code: 'TK-000.00.00.H26', accountNumber: '3511.0.1010000', treasuryName: 'Kho bạc Nhà nước Hà Nội', bankCode: 'ICB' }),
  } as unknown as CatalogueReader,
  providers: () => ({ default: () => undefined }) as unknown as ProviderRegistry,
  returnUrl: 'https://portal.example/thanh-toan/{orderId}',
});

describe('paying with no payment provider configured', () => {
  it('answers 503 PAYMENTS_UNAVAILABLE in the error envelope, as the OpenAPI document declares', async () => {
    const res = await invoke(handler, {
      method: 'POST', path: `/v1/dossiers/${DOSSIER_ID}/payments`,
      headers: { 'idempotency-key': 'no-provider-0001' },
      claims: { sub: SUB, 'cognito:groups': '[citizen]' },
    });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'PAYMENTS_UNAVAILABLE', message: 'No payment provider is configured' });
  });
});
