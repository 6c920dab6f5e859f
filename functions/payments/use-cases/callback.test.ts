// The callback use case with stand-ins, for what the running portal cannot provoke on demand: a
// write that loses its race is decided again from a fresh read; one that keeps losing gives up
// with a conflict (the provider retries), and so does a dossier that keeps changing under the
// follow-up.
import { describe, expect, it } from 'vitest';
import { isErrorKind } from '../../../shared/errors/domain-error';
import type { DossierRecord } from '../../dossiers/public';
import type { DossierGateway } from '../adapters/dossiers';
import type { ApplyResult, PaymentStore } from '../adapters/payment-store';
import type { OrderRecord } from '../domain/order';
import { callback, NOW, order } from '../domain/order.test-support';
import type { ProviderRegistry } from '../providers/registry';
import { applyCallback } from './callback';
import type { PaymentDeps } from './payment-deps';

const setup = (opts: { applyResults: ApplyResult[]; confirm?: 'confirmed' | 'conflict' }) => {
  let stored: OrderRecord = order();
  const calls = { apply: 0, reads: 0, confirm: 0 };
  const store = {
    get: async () => { calls.reads++; return stored; },
    async applyCallback(_o, change) {
      const result = opts.applyResults[calls.apply++] ?? 'stale';
      if (result === 'applied') stored = { ...stored, status: change.to, paidAt: change.paidAt, providerRef: change.providerRef };
      return result;
    },
    recordCallback: async () => true,
    addAnomaly: async () => undefined,
    nextReceiptSequence: async () => 1,
    async setReceiptNumber(_id, receiptNumber) { stored = { ...stored, receiptNumber }; return true; },
    async markDossierConfirmed(_id, at) { stored = { ...stored, dossierConfirmedAt: at }; },
  } as Partial<PaymentStore> as PaymentStore;
  const dossier = { id: stored.dossierId, status: 'payment_required', version: stored.round } as DossierRecord;
  const dossiers: DossierGateway = {
    get: async () => dossier,
    confirmPayment: async () => { calls.confirm++; return opts.confirm ?? 'confirmed'; },
  };
  const provider = { name: 'sandbox', verifyCallback: async () => ({ ok: true }) };
  const deps = {
    store, dossiers, providers: () => ({ get: () => provider }) as unknown as ProviderRegistry, now: () => NOW,
  } as Partial<PaymentDeps> as PaymentDeps;
  return { deps, calls, stored: () => stored };
};

const send = (deps: PaymentDeps) => applyCallback(deps, 'sandbox', {}, '{}', callback());

describe('applyCallback', () => {
  it('a write that lost its race is decided again from a fresh read, then the payment is followed up', async () => {
    const { deps, calls, stored } = setup({ applyResults: ['stale', 'stale', 'applied'] });
    expect(await send(deps)).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect(calls.apply).toBe(3);
    expect(stored()).toMatchObject({ status: 'paid', receiptNumber: 'BL26-0000001', dossierConfirmedAt: NOW.toISOString() });
  });

  it('an order that keeps changing: ORDER_BUSY, a conflict the provider retries', async () => {
    const { deps, calls } = setup({ applyResults: [] });
    const error = await send(deps).catch((e: unknown) => e);
    expect(isErrorKind(error, 'conflict') && error.code).toBe('ORDER_BUSY');
    expect(calls.apply).toBeGreaterThan(1);
  });

  it('a dossier that keeps changing under the follow-up: DOSSIER_BUSY, the payment stays recorded', async () => {
    const { deps, calls, stored } = setup({ applyResults: ['applied'], confirm: 'conflict' });
    const error = await send(deps).catch((e: unknown) => e);
    expect(isErrorKind(error, 'conflict') && error.code).toBe('DOSSIER_BUSY');
    expect(calls.confirm).toBeGreaterThan(1);
    expect(stored()).toMatchObject({ status: 'paid', dossierConfirmedAt: null });
  });
});
