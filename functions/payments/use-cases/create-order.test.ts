// Creating an order once per Idempotency-Key (shared/idempotency) with stand-ins, for what the
// running portal cannot provoke on demand: the write's every outcome — created, key taken by a
// twin, round held, caught in a concurrent transaction once or every time. The real transaction
// runs in test/payments/payments.test.ts over DynamoDB Local.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { DomainError } from '../../../shared/errors/domain-error';
import { httpStatusOf } from '../../../shared/http/error-status';
import type { KeyRecord } from '../../../shared/idempotency/create-once';
import type { CatalogueReader } from '../../catalogue/public';
import type { DossierRecord } from '../../dossiers/public';
import type { DossierGateway } from '../adapters/dossiers';
import type { CreateResult, OrderKey, PaymentStore, RoundLock } from '../adapters/payment-store';
import { NOW, order as anOrder } from '../domain/order.test-support';
import { orderRequestFingerprint, type OrderRecord } from '../domain/order';
import type { ProviderRegistry } from '../providers/registry';
import { createOrder } from './create-order';
import type { PaymentDeps } from './payment-deps';

const APPLICANT: Principal = { kind: 'user', sub: 'sub-1', username: 'citizen', groups: ['citizen'], idNumber: '001099012345', vneidVerified: true, agencyScope: [] };
const DOSSIER_ID = anOrder().dossierId;

const dossier = (id: string) => ({
  id, code: '000.00.00004.H26-261201-0001', status: 'payment_required', version: 7, procedureCode: '1.001', procedureName: 'Đăng ký tạm trú',
  agencyCode: '000.00.00004.H26', agencyName: 'UBND phường Ba Đình', agencyParentCode: '000.00.00.H26', channel: 'online', form: {},
  applicant: { sub: 'sub-1', type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
}) as unknown as DossierRecord;

/**
 * A payments table in memory: key records and orders appear together when a write is `created`.
 * `outcomes` scripts what the next writes report; by default a write is created.
 */
const setUp = (opts: { outcomes?: CreateResult[]; lock?: RoundLock; keys?: Map<string, KeyRecord>; onTaken?: () => void } = {}) => {
  const keys = opts.keys ?? new Map<string, KeyRecord>();
  const orders = new Map<string, OrderRecord>();
  const writes: { order: OrderRecord; key: OrderKey }[] = [];
  let ids = 0;
  const store = {
    orderKey: async (sub: string, key: string) => keys.get(`${sub}#${key}`),
    get: async (id: string) => orders.get(id),
    roundLock: async () => opts.lock,
    async create(order: OrderRecord, key: OrderKey): Promise<CreateResult> {
      writes.push({ order, key });
      const outcome = opts.outcomes?.shift() ?? 'created';
      if (outcome === 'created') {
        keys.set(`${key.sub}#${key.key}`, { resultId: order.id, fingerprint: key.fingerprint });
        orders.set(order.id, order);
      }
      if (outcome === 'key_taken') opts.onTaken?.();
      return outcome;
    },
  } as Partial<PaymentStore> as PaymentStore;
  const deps: PaymentDeps = {
    store,
    dossiers: { get: async (id: string) => dossier(id) } as Partial<DossierGateway> as DossierGateway,
    catalogue: {
      getProcedure: async () => ({ fees: [{ code: 'F', name: 'Lệ phí', amount: 7000, kind: 'fee', revenueItemCode: '2767' }] }),
      treasuryAccount: async () => anOrder().treasuryAccount,
    } as unknown as CatalogueReader,
    providers: () => ({ default: () => ({ name: 'sandbox', checkoutUrl: async () => 'https://pay.example/checkout' }) }) as unknown as ProviderRegistry,
    returnUrl: 'https://portal.example/payments/{orderId}',
    now: () => NOW,
    newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
  };
  return { deps, keys, orders, writes };
};

/** What the caller sees of a refusal: status and code. */
const refusal = (p: Promise<unknown>) => p.then(() => 'done', (e: unknown) => (e instanceof DomainError ? [httpStatusOf(e), e.code] : Promise.reject(e)));

/** Runs `p` with the pauses between tries skipped. */
const withoutPauses = async <T>(p: () => Promise<T>): Promise<T> => {
  vi.useFakeTimers();
  const running = p();
  await vi.runAllTimersAsync();
  return running;
};
afterEach(() => { vi.useRealTimers(); });

describe('createOrder with an Idempotency-Key', () => {
  it('writes the order with the key’s record (the dossier’s fingerprint, 24 h); a replay for that dossier answers it without writing', async () => {
    const { deps, writes } = setUp();
    const first = await createOrder(deps, APPLICANT, DOSSIER_ID, 'k-1');
    expect(first).toMatchObject({ dossierId: DOSSIER_ID, amount: 7000, status: 'pending', round: 7 });
    expect(writes.map((w) => w.key)).toEqual([{ sub: 'sub-1', key: 'k-1', fingerprint: orderRequestFingerprint(DOSSIER_ID), ttlSeconds: 24 * 3600 }]);
    expect(await createOrder(deps, APPLICANT, DOSSIER_ID, 'k-1')).toEqual(first);
    expect(writes).toHaveLength(1);
  });

  it('the key used for another dossier is 422 IDEMPOTENCY_KEY_REUSED, before anything is checked or written', async () => {
    const { deps, writes } = setUp();
    await createOrder(deps, APPLICANT, DOSSIER_ID, 'k-1');
    expect(await refusal(createOrder(deps, APPLICANT, 'another-dossier', 'k-1'))).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(writes).toHaveLength(1);
  });

  it('a round held by another order is 409 PAYMENT_PENDING, by a paid one 409 ALREADY_PAID', async () => {
    const pending = setUp({ outcomes: ['round_taken'], lock: { orderId: 'o-9', status: 'pending', expiresAt: '2026-12-01T03:20:00.000Z' } });
    await expect(createOrder(pending.deps, APPLICANT, DOSSIER_ID, 'k-1')).rejects.toMatchObject({ code: 'PAYMENT_PENDING', message: expect.stringContaining('o-9') });
    const paid = setUp({ outcomes: ['round_taken'], lock: { orderId: 'o-9', status: 'paid', expiresAt: '2026-12-01T03:20:00.000Z' } });
    expect(await refusal(createOrder(paid.deps, APPLICANT, DOSSIER_ID, 'k-1'))).toEqual([409, 'ALREADY_PAID']);
  });

  it('a write caught in a concurrent transaction decided nothing: it is written again, not reported as the round being taken', async () => {
    const { deps, writes } = setUp({ outcomes: ['conflict', 'conflict', 'created'], lock: { orderId: 'o-9', status: 'pending', expiresAt: '2026-12-01T03:20:00.000Z' } });
    const created = await createOrder(deps, APPLICANT, DOSSIER_ID, 'k-1');
    expect(writes.map((w) => w.order.id)).toEqual([created.id, created.id, created.id]);
  });

  it('a write that keeps colliding gives up with 409 PAYMENT_BUSY (try again), never PAYMENT_PENDING', async () => {
    const { deps, writes } = setUp({ outcomes: Array(20).fill('conflict') });
    expect(await withoutPauses(() => refusal(createOrder(deps, APPLICANT, DOSSIER_ID, 'k-1')))).toEqual([409, 'PAYMENT_BUSY']);
    expect(writes.length).toBeGreaterThan(1);
  });

  it('a twin that lost the key waits for the winner’s order, else 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const keys = new Map<string, KeyRecord>();
    const winner = anOrder({ id: 'o-winner' });
    const twin = setUp({ outcomes: ['key_taken'], keys, onTaken: () => keys.set('sub-1#k-1', { resultId: winner.id, fingerprint: orderRequestFingerprint(DOSSIER_ID) }) });
    twin.orders.set(winner.id, winner);
    expect(await createOrder(twin.deps, APPLICANT, DOSSIER_ID, 'k-1')).toMatchObject({ id: 'o-winner' });
    const alone = setUp({ outcomes: ['key_taken'] });
    expect(await withoutPauses(() => refusal(createOrder(alone.deps, APPLICANT, DOSSIER_ID, 'k-1')))).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
  });
});
