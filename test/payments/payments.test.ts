// Payments through the running local portal (gateway, handlers, DynamoDB Local): orders for a
// dossier awaiting payment, replayed and concurrent creation, signed callbacks — duplicated,
// reordered, forged, stale, for unknown orders, with a wrong amount — receipts and expiry.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoPaymentStore } from '../../functions/payments/adapters/payment-store';
import { Procedure } from '../../shared/contracts/catalogue';
import { Dossier } from '../../shared/contracts/dossiers';
import { CallbackAck, PaymentOrder, Receipt } from '../../shared/contracts/payments';
import { page } from '../../shared/contracts/common';
import { api, decodePayload, signIn, type ApiResponse } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { awaitingPayment, callbackFor, createOrder, FEE_PROCEDURE, newOrder, paidOrder, sendCallback } from '../support/payments';

const ns = fileNamespace(import.meta.url);

let citizen: string;
let business: string;
let official: string;
let officialHue: string;
const store = new DynamoPaymentStore(dynamoClient, () => tableName('payments'));

beforeAll(async () => {
  [citizen, business, official, officialHue] = (await Promise.all(['citizen.demo', 'business.demo', 'official.hanoi', 'official.hue'].map((u) => signIn(u)))) as [string, string, string, string];
});

const dossierOf = async (id: string) => expectBody(await api('GET', `/v1/dossiers/${id}`, { token: citizen }), 200, Dossier, 'get dossier');
const orderOf = async (id: string, token = citizen) => expectBody(await api('GET', `/v1/payments/${id}`, { token }), 200, PaymentOrder, 'get order');
/** What the portal answered the provider (200). */
const ack = (res: ApiResponse) => expectBody(res, 200, CallbackAck, 'callback');

describe('payment orders', () => {
  it('an order for the catalogue fees, with the provider page, the treasury account and an expiry; a replay returns it', async () => {
    const d = await awaitingPayment(citizen, official);
    const key = randomUUID();
    const order = await newOrder(citizen, d.id, key);
    expect(order).toMatchObject({
      dossierId: d.id, dossierCode: d.code, round: d.version, amount: 7000, currency: 'VND', status: 'pending', provider: 'sandbox',
      items: [{ revenueItemCode: '2767', baseAmount: 7000, amount: 7000, kind: 'fee' }],
      treasuryAccount: { code: 'TK-000.00.00.H26', treasuryName: 'Kho bạc Nhà nước Hà Nội' },
      paidAt: null, receiptNumber: null,
    });
    const redirect = new URL(order.redirectUrl!);
    expect(redirect.pathname).toBe('/local/payments/sandbox/checkout');
    expect(redirect.searchParams.get('amount')).toBe('7000');
    expect(redirect.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(30 * 60_000);

    expect(await newOrder(citizen, d.id, key)).toEqual(order);
    const listed = expectBody(await api('GET', `/v1/dossiers/${d.id}/payments`, { token: official }), 200, page(PaymentOrder), 'list');
    expect(listed.items.map((o) => o.id)).toEqual([order.id]);
  });

  it('twenty concurrent creations with different keys give one order; the rest are 409 PAYMENT_PENDING', async () => {
    const d = await awaitingPayment(citizen, official);
    const results = await Promise.all(Array.from({ length: 20 }, () => createOrder(citizen, d.id)));
    const ok = results.filter((r) => r.status === 201).map((r) => expectBody(r, 201, PaymentOrder));
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => expectError(r, 409).code)).toEqual(Array(19).fill('PAYMENT_PENDING'));
    expect((await store.listForDossier(d.id)).map((o) => o.id)).toEqual([ok[0]!.id]);
  });

  it('ten concurrent replays of one key give that one order, written once', async () => {
    const d = await awaitingPayment(citizen, official);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => newOrder(citizen, d.id, key)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await store.listForDossier(d.id)).toHaveLength(1);
  });

  it('a key recorded before payments adopted shared/idempotency (`orderId`, `dossierId`) still replays its order; for another dossier it is 422', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = expectBody(await createOrder(citizen, d.id), 201, PaymentOrder, 'order');
    const key = ns.key('earlier');
    // The record as payments wrote it until then (it lives 24 h after the deploy).
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await (await dynamoClient()).send(new PutCommand({
      TableName: tableName('payments'),
      Item: { pk: `IDEM#${String(decodePayload(citizen).sub)}#${key}`, sk: 'IDEM', orderId: order.id, dossierId: d.id, purgeAt: Math.floor(Date.now() / 1000) + 3600 },
    }));
    expect(expectBody(await createOrder(citizen, d.id, key), 201, PaymentOrder, 'replay of an earlier key')).toEqual(order);
    const other = await awaitingPayment(citizen, official);
    expectError(await createOrder(citizen, other.id, key), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a dossier not awaiting payment, someone else\'s dossier, a key reused for another dossier', async () => {
    const notYet = await submitted(citizen, { procedureCode: FEE_PROCEDURE });
    expectError(await createOrder(citizen, notYet.id), 409, 'NOT_AWAITING_PAYMENT');
    const d = await awaitingPayment(citizen, official);
    expect((await createOrder(business, d.id)).status).toBe(404);
    const key = randomUUID();
    expect((await createOrder(citizen, d.id, key)).status).toBe(201);
    const other = await awaitingPayment(citizen, official);
    expectError(await createOrder(citizen, other.id, key), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('an expired order reads as expired and lets a new order be created', async () => {
    const d = await awaitingPayment(citizen, official);
    const first = await newOrder(citizen, d.id);
    // Age it: what 30 minutes without payment does (the lock and the order both carry the expiry).
    const db = await dynamoClient();
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.send(new UpdateCommand({ TableName: tableName('payments'), Key: { pk: `O#${first.id}`, sk: 'ORDER' }, UpdateExpression: 'SET expiresAt = :p', ExpressionAttributeValues: { ':p': past } }));
    await db.send(new UpdateCommand({
      TableName: tableName('payments'), Key: { pk: `D#${d.id}`, sk: `ROUND#${String(d.version).padStart(6, '0')}` },
      UpdateExpression: 'SET expiresAt = :p, expiresAtMs = :ms', ExpressionAttributeValues: { ':p': past, ':ms': Date.parse(past) },
    }));
    expect(await orderOf(first.id)).toMatchObject({ status: 'expired', redirectUrl: null });
    expect((await newOrder(citizen, d.id)).id).not.toBe(first.id);
  });
});

describe('provider callbacks', () => {
  it('a paid callback pays the order, numbers the receipt and moves the dossier to processing through the transition code', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = await newOrder(citizen, d.id);
    expect(ack(await sendCallback(callbackFor(order)))).toEqual({ result: 'applied', orderStatus: 'paid' });
    const paid = await orderOf(order.id);
    expect(paid).toMatchObject({ status: 'paid', redirectUrl: null, receiptNumber: expect.stringMatching(/^BL\d{2}-\d{7}$/) });
    const after = await dossierOf(d.id);
    expect(after.status).toBe('processing');
    expect(after.history.at(-1)).toMatchObject({ action: 'confirm_payment', actor: { kind: 'system' } });
  });

  it('duplicated: the same callback five times at once applies once; the dossier moves once', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = await newOrder(citizen, d.id);
    const body = callbackFor(order);
    const results = (await Promise.all(Array.from({ length: 5 }, () => sendCallback(body)))).map(ack);
    expect(results.filter((r) => r.result === 'applied')).toHaveLength(1);
    const after = await dossierOf(d.id);
    expect(after.history.filter((h) => h.action === 'confirm_payment')).toHaveLength(1);
    expect(after.status).toBe('processing');
  });

  it('reordered: a failure arriving after the payment never un-pays; a success after a failure pays', async () => {
    const a = await awaitingPayment(citizen, official);
    const orderA = await newOrder(citizen, a.id);
    const ref = 'SBX-reordered';
    expect(ack(await sendCallback(callbackFor(orderA, { providerRef: ref }))).result).toBe('applied');
    expect(ack(await sendCallback(callbackFor(orderA, { status: 'failed', providerRef: ref })))).toEqual({ result: 'ignored', orderStatus: 'paid' });

    const b = await awaitingPayment(citizen, official);
    const orderB = await newOrder(citizen, b.id);
    expect(ack(await sendCallback(callbackFor(orderB, { status: 'failed' })))).toEqual({ result: 'applied', orderStatus: 'failed' });
    expect((await dossierOf(b.id)).status).toBe('payment_required');
    expect(ack(await sendCallback(callbackFor(orderB)))).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect((await dossierOf(b.id)).status).toBe('processing');
  });

  it('forged and stale callbacks change nothing', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = await newOrder(citizen, d.id);
    const body = callbackFor(order);
    expectError(await sendCallback(body, { secret: 'not-the-sandbox-secret-at-all' }), 401, 'BAD_SIGNATURE');
    expectError(await sendCallback(body, { tamper: (raw) => raw.replace('"paid"', '"paid" ') }), 401, 'BAD_SIGNATURE');
    expectError(await sendCallback(body, { at: new Date(Date.now() - 10 * 60_000) }), 401, 'STALE_CALLBACK');
    const unsigned = await fetch(`${process.env.DVC_BASE_URL}/v1/payment-callbacks/sandbox`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    const unknownProvider = await sendCallback(body, { provider: 'vnpay' });
    expect(unknownProvider.status).toBe(404);

    expectError(await sendCallback(callbackFor({ id: randomUUID(), amount: 7000 })), 422, 'UNKNOWN_ORDER');
    expectError(await sendCallback(callbackFor(order, { amount: 700 })), 422, 'AMOUNT_MISMATCH');

    const stored = (await store.get(order.id))!;
    expect(stored).toMatchObject({ status: 'pending', paidAt: null, receiptNumber: null });
    expect(stored.anomalies.map((a) => a.kind)).toEqual(['amount_mismatch']);
    expect((await dossierOf(d.id)).status).toBe('payment_required');
    // The genuine callback still pays afterwards.
    expect(ack(await sendCallback(body)).result).toBe('applied');
  });

  it('a payment for a withdrawn dossier is kept and flagged for refund, not applied to the dossier', async () => {
    const d = await awaitingPayment(citizen, official);
    const order = await newOrder(citizen, d.id);
    expectBody(await api('POST', `/v1/dossiers/${d.id}/withdraw`, { token: citizen, json: { reason: 'Không cần nữa' } }), 200, Dossier, 'withdraw');
    expect(ack(await sendCallback(callbackFor(order)))).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect((await dossierOf(d.id)).status).toBe('withdrawn');
    expect((await store.get(order.id))!.anomalies.map((a) => a.kind)).toEqual(['dossier_not_awaiting_payment']);
  });
});

describe('receipts', () => {
  it('the payer and the official in scope download it as JSON and PDF; others cannot; unpaid has none', async () => {
    const { dossier, order } = await paidOrder(citizen, official);
    const receiptFor = async (token: string) => expectBody(await api('GET', `/v1/payments/${order.id}/receipt`, { token }), 200, Receipt, 'receipt');
    const receipt = await receiptFor(citizen);
    expect(receipt).toMatchObject({
      orderId: order.id, dossierId: dossier.id, dossierCode: dossier.code, amount: 7000, amountInWords: 'Bảy nghìn đồng', currency: 'VND',
      payer: { name: 'Nguyễn Văn An', idNumber: '001099012345' }, provider: 'sandbox',
      items: [{ revenueItemCode: '2767', amount: 7000 }], treasuryAccount: { accountNumber: '3511.0.1010000' },
      number: expect.stringMatching(/^BL\d{2}-\d{7}$/),
    });
    expect((await receiptFor(official)).number).toBe(receipt.number);

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
    const pending = await newOrder(citizen, d.id);
    expectError(await api('GET', `/v1/payments/${pending.id}/receipt`, { token: citizen }), 409, 'NOT_PAID');
  });

  it('receipt numbers of one agency and year are distinct and consecutive under concurrent payments', async () => {
    // Receipts are numbered per agency: at a commune of this file's own, no other file's payment
    // takes a number in between.
    const agencyCode = ns.agency('receipts');
    const orders = await Promise.all(Array.from({ length: 6 }, async () => newOrder(citizen, (await awaitingPayment(citizen, official, { agencyCode })).id)));
    expect((await Promise.all(orders.map((o) => sendCallback(callbackFor(o))))).map((r) => ack(r).orderStatus)).toEqual(Array(6).fill('paid'));
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
    const proc = expectBody(await api('GET', `/v1/procedures/${PROCEDURE}`), 200, Procedure, 'procedure');
    const reduced = {
      ...proc,
      fees: proc.fees.map((f) => ({ ...f, reductions: [{ channel: 'online' as const, percent: 50, basis: 'Thông tư 75/2022/TT-BTC (nộp trực tuyến)' }] })),
    };
    expectBody(await api('PUT', `/v1/procedures/${PROCEDURE}`, { token: admin, json: reduced }), 200, Procedure, 'put');
    try {
      const d = await awaitingPayment(citizen, official, { procedureCode: PROCEDURE });
      const order = await newOrder(citizen, d.id);
      expect(order).toMatchObject({ amount: 3500, items: [{ baseAmount: 7000, amount: 3500, reduction: { percent: 50 } }] });
    } finally {
      expectBody(await api('PUT', `/v1/procedures/${PROCEDURE}`, { token: admin, json: proc }), 200, Procedure, 'restore');
    }
  });
});
