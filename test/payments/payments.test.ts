// Payments through the running local portal (gateway, handlers, DynamoDB Local): orders for a
// dossier awaiting payment, replayed and concurrent creation, signed callbacks — duplicated,
// reordered, forged, stale, for unknown orders, with a wrong amount — receipts and expiry.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoPaymentStore } from '../../functions/payments/adapters/payment-store';
import { api, decodePayload, signIn } from '../support/auth';
import { must, submitted } from '../support/dossiers';
import { awaitingPayment, callbackFor, createOrder, FEE_PROCEDURE, paidOrder, sendCallback } from '../support/payments';

let citizen: string;
let business: string;
let official: string;
let officialHue: string;
const store = new DynamoPaymentStore(dynamoClient, () => tableName('payments'));

beforeAll(async () => {
  [citizen, business, official, officialHue] = (await Promise.all(['citizen.demo', 'business.demo', 'official.hanoi', 'official.hue'].map((u) => signIn(u)))) as [string, string, string, string];
});

const dossierOf = async (id: string) => must(await api('GET', `/v1/dossiers/${id}`, { token: citizen }), 200, 'get dossier');

describe('payment orders', () => {
  it('an order for the catalogue fees, with the provider page, the treasury account and an expiry; a replay returns it', async () => {
    const d = await awaitingPayment(citizen, official);
    const key = randomUUID();
    const res = await createOrder(citizen, d.id, key);
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order).toMatchObject({
      dossierId: d.id, dossierCode: d.code, round: d.version, amount: 7000, currency: 'VND', status: 'pending', provider: 'sandbox',
      items: [{ revenueItemCode: '2767', baseAmount: 7000, amount: 7000, kind: 'fee' }],
      treasuryAccount: { code: 'TK-000.00.00.H26', treasuryName: 'Kho bạc Nhà nước Hà Nội' },
      paidAt: null, receiptNumber: null,
    });
    const redirect = new URL(order.redirectUrl);
    expect(redirect.pathname).toBe('/local/payments/sandbox/checkout');
    expect(redirect.searchParams.get('amount')).toBe('7000');
    expect(redirect.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(30 * 60_000);

    const replay = await createOrder(citizen, d.id, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(order);
    const listed = must(await api('GET', `/v1/dossiers/${d.id}/payments`, { token: official }), 200, 'list');
    expect(listed.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it('twenty concurrent creations with different keys give one order; the rest are 409 PAYMENT_PENDING', async () => {
    const d = await awaitingPayment(citizen, official);
    const results = await Promise.all(Array.from({ length: 20 }, () => createOrder(citizen, d.id)));
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(19).fill('PAYMENT_PENDING'));
    expect((await store.listForDossier(d.id)).map((o) => o.id)).toEqual([ok[0]!.body.id]);
  });

  it('ten concurrent replays of one key give that one order, written once', async () => {
    const d = await awaitingPayment(citizen, official);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => createOrder(citizen, d.id, key)));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await store.listForDossier(d.id)).toHaveLength(1);
  });

  it('a key recorded before payments adopted shared/idempotency (`orderId`, `dossierId`) still replays its order; for another dossier it is 422', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = must(await createOrder(citizen, d.id), 201, 'order');
    const key = `earlier-${randomUUID()}`;
    // The record as payments wrote it until then (it lives 24 h after the deploy).
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await (await dynamoClient()).send(new PutCommand({
      TableName: tableName('payments'),
      Item: { pk: `IDEM#${String(decodePayload(citizen).sub)}#${key}`, sk: 'IDEM', orderId: order.id, dossierId: d.id, purgeAt: Math.floor(Date.now() / 1000) + 3600 },
    }));
    const replay = await createOrder(citizen, d.id, key);
    expect([replay.status, replay.body]).toEqual([201, order]);
    const other = await awaitingPayment(citizen, official);
    const reused = await createOrder(citizen, other.id, key);
    expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses a dossier not awaiting payment, someone else\'s dossier, a key reused for another dossier', async () => {
    const notYet = await submitted(citizen, { procedureCode: FEE_PROCEDURE });
    expect((await createOrder(citizen, notYet.id)).body.error.code).toBe('NOT_AWAITING_PAYMENT');
    const d = await awaitingPayment(citizen, official);
    expect((await createOrder(business, d.id)).status).toBe(404);
    const key = randomUUID();
    expect((await createOrder(citizen, d.id, key)).status).toBe(201);
    const other = await awaitingPayment(citizen, official);
    const reused = await createOrder(citizen, other.id, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('an expired order reads as expired and lets a new order be created', async () => {
    const d = await awaitingPayment(citizen, official);
    const first = must(await createOrder(citizen, d.id), 201, 'first');
    // Age it: what 30 minutes without payment does (the lock and the order both carry the expiry).
    const db = await dynamoClient();
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.send(new UpdateCommand({ TableName: tableName('payments'), Key: { pk: `O#${first.id}`, sk: 'ORDER' }, UpdateExpression: 'SET expiresAt = :p', ExpressionAttributeValues: { ':p': past } }));
    await db.send(new UpdateCommand({
      TableName: tableName('payments'), Key: { pk: `D#${d.id}`, sk: `ROUND#${String(d.version).padStart(6, '0')}` },
      UpdateExpression: 'SET expiresAt = :p, expiresAtMs = :ms', ExpressionAttributeValues: { ':p': past, ':ms': Date.parse(past) },
    }));
    const read = must(await api('GET', `/v1/payments/${first.id}`, { token: citizen }), 200, 'get');
    expect(read).toMatchObject({ status: 'expired', redirectUrl: null });
    const second = await createOrder(citizen, d.id);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
  });
});

describe('provider callbacks', () => {
  it('a paid callback pays the order, numbers the receipt and moves the dossier to processing through the transition code', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = must(await createOrder(citizen, d.id), 201, 'order');
    const res = await sendCallback(callbackFor(order));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 'applied', orderStatus: 'paid' });
    const paid = must(await api('GET', `/v1/payments/${order.id}`, { token: citizen }), 200, 'get');
    expect(paid).toMatchObject({ status: 'paid', redirectUrl: null, receiptNumber: expect.stringMatching(/^BL\d{2}-\d{7}$/) });
    const after = await dossierOf(d.id);
    expect(after.status).toBe('processing');
    expect(after.history.at(-1)).toMatchObject({ action: 'confirm_payment', actor: { kind: 'system' } });
  });

  it('duplicated: the same callback five times at once applies once; the dossier moves once', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = must(await createOrder(citizen, d.id), 201, 'order');
    const body = callbackFor(order);
    const results = await Promise.all(Array.from({ length: 5 }, () => sendCallback(body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => r.body.result === 'applied')).toHaveLength(1);
    const after = await dossierOf(d.id);
    expect(after.history.filter((h: { action: string }) => h.action === 'confirm_payment')).toHaveLength(1);
    expect(after.status).toBe('processing');
  });

  it('reordered: a failure arriving after the payment never un-pays; a success after a failure pays', async () => {
    const a = await awaitingPayment(citizen, official);
    const orderA = must(await createOrder(citizen, a.id), 201, 'order');
    const ref = 'SBX-reordered';
    expect((await sendCallback(callbackFor(orderA, { providerRef: ref }))).body.result).toBe('applied');
    const late = await sendCallback(callbackFor(orderA, { status: 'failed', providerRef: ref }));
    expect(late.body).toEqual({ result: 'ignored', orderStatus: 'paid' });

    const b = await awaitingPayment(citizen, official);
    const orderB = must(await createOrder(citizen, b.id), 201, 'order');
    expect((await sendCallback(callbackFor(orderB, { status: 'failed' }))).body).toEqual({ result: 'applied', orderStatus: 'failed' });
    expect((await dossierOf(b.id)).status).toBe('payment_required');
    expect((await sendCallback(callbackFor(orderB))).body).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect((await dossierOf(b.id)).status).toBe('processing');
  });

  it('forged and stale callbacks change nothing', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = must(await createOrder(citizen, d.id), 201, 'order');
    const body = callbackFor(order);
    const wrongSecret = await sendCallback(body, { secret: 'not-the-sandbox-secret-at-all' });
    expect([wrongSecret.status, wrongSecret.body.error.code]).toEqual([401, 'BAD_SIGNATURE']);
    const tampered = await sendCallback(body, { tamper: (raw) => raw.replace('"paid"', '"paid" ') });
    expect([tampered.status, tampered.body.error.code]).toEqual([401, 'BAD_SIGNATURE']);
    const stale = await sendCallback(body, { at: new Date(Date.now() - 10 * 60_000) });
    expect([stale.status, stale.body.error.code]).toEqual([401, 'STALE_CALLBACK']);
    const unsigned = await fetch(`${process.env.DVC_BASE_URL}/v1/payment-callbacks/sandbox`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    const unknownProvider = await sendCallback(body, { provider: 'vnpay' });
    expect(unknownProvider.status).toBe(404);

    const unknown = await sendCallback(callbackFor({ id: randomUUID(), amount: 7000 }));
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_ORDER']);
    const wrongAmount = await sendCallback(callbackFor(order, { amount: 700 }));
    expect([wrongAmount.status, wrongAmount.body.error.code]).toEqual([422, 'AMOUNT_MISMATCH']);

    const stored = (await store.get(order.id))!;
    expect(stored).toMatchObject({ status: 'pending', paidAt: null, receiptNumber: null });
    expect(stored.anomalies.map((a) => a.kind)).toEqual(['amount_mismatch']);
    expect((await dossierOf(d.id)).status).toBe('payment_required');
    // The genuine callback still pays afterwards.
    expect((await sendCallback(body)).body.result).toBe('applied');
  });

  it('a payment for a withdrawn dossier is kept and flagged for refund, not applied to the dossier', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = must(await createOrder(citizen, d.id), 201, 'order');
    must(await api('POST', `/v1/dossiers/${d.id}/withdraw`, { token: citizen, json: { reason: 'Không cần nữa' } }), 200, 'withdraw');
    expect((await sendCallback(callbackFor(order))).body).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect((await dossierOf(d.id)).status).toBe('withdrawn');
    expect((await store.get(order.id))!.anomalies.map((a) => a.kind)).toEqual(['dossier_not_awaiting_payment']);
  });
});

describe('receipts', () => {
  it('the payer and the official in scope download it as JSON and PDF; others cannot; unpaid has none', async () => {
    const { dossier, order } = await paidOrder(citizen, official);
    const receipt = must(await api('GET', `/v1/payments/${order.id}/receipt`, { token: citizen }), 200, 'receipt');
    expect(receipt).toMatchObject({
      orderId: order.id, dossierId: dossier.id, dossierCode: dossier.code, amount: 7000, amountInWords: 'Bảy nghìn đồng', currency: 'VND',
      payer: { name: 'Nguyễn Văn An', idNumber: '001099012345' }, provider: 'sandbox',
      items: [{ revenueItemCode: '2767', amount: 7000 }], treasuryAccount: { accountNumber: '3511.0.1010000' },
      number: expect.stringMatching(/^BL\d{2}-\d{7}$/),
    });
    expect(must(await api('GET', `/v1/payments/${order.id}/receipt`, { token: official }), 200, 'official').number).toBe(receipt.number);

    const pdf = await fetch(`${process.env.DVC_BASE_URL}/v1/payments/${order.id}/receipt?format=pdf`, { headers: { authorization: `Bearer ${citizen}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`bien-lai-${receipt.number}.pdf`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    for (const token of [business, officialHue]) {
      expect((await api('GET', `/v1/payments/${order.id}/receipt`, { token })).status).toBe(404);
      expect((await api('GET', `/v1/payments/${order.id}`, { token })).status).toBe(404);
    }
    const d = await awaitingPayment(citizen, official);
    const pending = must(await createOrder(citizen, d.id), 201, 'order');
    const none = await api('GET', `/v1/payments/${pending.id}/receipt`, { token: citizen });
    expect([none.status, none.body.error.code]).toEqual([409, 'NOT_PAID']);
  });

  it('receipt numbers of one agency and year are distinct and consecutive under concurrent payments', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, async () => {
      const d = await awaitingPayment(citizen, official);
      return must(await createOrder(citizen, d.id), 201, 'order');
    }));
    await Promise.all(orders.map((o) => sendCallback(callbackFor(o))));
    const numbers = await Promise.all(orders.map(async (o) => (await store.get(o.id))!.receiptNumber!));
    const seq = numbers.map((n) => Number(n.slice(-7))).sort((a, b) => a - b);
    expect(new Set(seq).size).toBe(6);
    expect(seq.at(-1)! - seq[0]!).toBe(5);
  });
});

describe('a procedure with a reduction in the catalogue', () => {
  // Another commune procedure than FEE_PROCEDURE, so no other test file sees the change.
  const PROCEDURE = '1.002755';
  it('an admin adds an online reduction to the fee; the next order charges the reduced amount', async () => {
    const admin = await signIn('admin.demo');
    const proc = must(await api('GET', `/v1/procedures/${PROCEDURE}`), 200, 'procedure');
    const reduced = {
      ...proc,
      fees: proc.fees.map((f: Record<string, unknown>) => ({ ...f, reductions: [{ channel: 'online', percent: 50, basis: 'Thông tư 75/2022/TT-BTC (nộp trực tuyến)' }] })),
    };
    must(await api('PUT', `/v1/procedures/${PROCEDURE}`, { token: admin, json: reduced }), 200, 'put');
    try {
      const d = await awaitingPayment(citizen, official, PROCEDURE);
      const order = must(await createOrder(citizen, d.id), 201, 'order');
      expect(order).toMatchObject({ amount: 3500, items: [{ baseAmount: 7000, amount: 3500, reduction: { percent: 50 } }] });
    } finally {
      must(await api('PUT', `/v1/procedures/${PROCEDURE}`, { token: admin, json: proc }), 200, 'restore');
    }
  });
});
