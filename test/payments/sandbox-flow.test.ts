// The whole payment journey on the running local portal with its sandbox provider: the payer
// opens the provider page the order names, chooses "pay", the sandbox calls back (signed,
// asynchronously, sometimes twice), the dossier moves on; and the nightly reconciliation, run as
// the scheduled job, flags the mismatches planted through the sandbox without touching money state.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { BY_PAID_DAY, DynamoPaymentStore, paidDayShardKey } from '../../functions/payments/adapters/payment-store';
import { localDate } from '../../shared/calendar';
import { Dossier } from '../../shared/contracts/dossiers';
import { CallbackAck, PaymentOrder } from '../../shared/contracts/payments';
import { api, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { awaitingPayment, callbackFor, createOrder, newOrder, sendCallback } from '../support/payments';

const base = () => process.env.DVC_BASE_URL!;
const store = new DynamoPaymentStore(dynamoClient, () => tableName('payments'));
let citizen: string;
let official: string;

beforeAll(async () => {
  [citizen, official] = (await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')])) as [string, string];
});

const orderOf = async (id: string) => expectBody(await api('GET', `/v1/payments/${id}`, { token: citizen }), 200, PaymentOrder, 'order');
const dossierOf = async (id: string) => expectBody(await api('GET', `/v1/dossiers/${id}`, { token: citizen }), 200, Dossier, 'dossier');

/** A fresh order, and the payer's visit to its provider page. */
const orderWithPage = async () => {
  const d = await awaitingPayment(citizen, official);
  const order = await newOrder(citizen, d.id);
  const page = await fetch(order.redirectUrl!);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('7.000');
  return { d, order };
};

/** What the payer's browser posts when they press a button on the page. */
const choose = async (order: { redirectUrl: string | null }, decision: 'pay' | 'fail', behavior = 'normal') => {
  const href = new URL(order.redirectUrl!);
  const form = new URLSearchParams(href.searchParams);
  form.set('decision', decision);
  form.set('behavior', behavior);
  const res = await fetch(`${href.origin}${href.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('location');
};

const settled = async () => {
  expect((await fetch(`${base()}/local/payments/sandbox/settle`, { method: 'POST' })).status).toBe(200);
};

describe('paying on the sandbox page', () => {
  it('pay → the signed callback arrives, the order is paid, the dossier is processing, the payer lands on the return page', async () => {
    const { d, order } = await orderWithPage();
    const back = await choose(order, 'pay');
    expect(back).toBe(`${base()}/ho-so/${order.dossierId}?thanh-toan=${order.id}`);
    await settled();
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid', receiptNumber: expect.any(String) });
    expect((await dossierOf(d.id)).status).toBe('processing');
  });

  it('a duplicated callback applies once; failing leaves the dossier awaiting payment and a new order possible', async () => {
    const a = await orderWithPage();
    await choose(a.order, 'pay', 'duplicate');
    await settled();
    const dossier = await dossierOf(a.d.id);
    expect(dossier.history.filter((h) => h.action === 'confirm_payment')).toHaveLength(1);

    const b = await orderWithPage();
    await choose(b.order, 'fail');
    await settled();
    expect((await orderOf(b.order.id)).status).toBe('failed');
    expect((await dossierOf(b.d.id)).status).toBe('payment_required');
    expect((await createOrder(citizen, b.d.id)).status).toBe(201);
  });
});

describe('reconciliation (npm run job -- reconcile)', () => {
  it('flags a lost callback, a different amount and a payment the provider does not report — and changes no money state', async () => {
    const clean = await orderWithPage();
    await choose(clean.order, 'pay');
    const lost = await orderWithPage();
    await choose(lost.order, 'pay', 'drop');
    const differs = await orderWithPage();
    await choose(differs.order, 'pay', 'amount-mismatch');
    await settled();
    // Paid here through a callback the sandbox never made (not in its report).
    const d = await awaitingPayment(citizen, official);
    const onlyHere = await newOrder(citizen, d.id);
    expect(expectBody(await sendCallback(callbackFor(onlyHere)), 200, CallbackAck, 'callback')).toEqual({ result: 'applied', orderStatus: 'paid' });

    const date = localDate(new Date().toISOString());
    const res = await fetch(`${base()}/local/jobs/payment-reconcile`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date }),
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { date: string; reports: { provider: string; mismatches: { kind: string; orderId: string }[] }[] };
    expect(result.date).toBe(date);
    const sandbox = result.reports.find((r) => r.provider === 'sandbox')!;
    const kindOf = (id: string) => sandbox.mismatches.filter((m) => m.orderId === id).map((m) => m.kind);
    expect(kindOf(clean.order.id)).toEqual([]);
    expect(kindOf(lost.order.id)).toEqual(['paid_at_provider_not_here']);
    expect(kindOf(differs.order.id)).toEqual(['amount_differs']);
    expect(kindOf(onlyHere.id)).toEqual(['paid_here_not_at_provider']);

    // Flagged, not fixed: the lost one is still pending here, the different amount unpaid.
    const [lostAfter, differsAfter] = await Promise.all([store.get(lost.order.id), store.get(differs.order.id)]);
    expect(lostAfter).toMatchObject({ status: 'pending', paidAt: null });
    expect(lostAfter!.anomalies.map((a) => a.kind)).toEqual(['paid_at_provider_not_here']);
    expect(differsAfter).toMatchObject({ status: 'pending', paidAt: null });
    expect(differsAfter!.anomalies.map((a) => a.kind)).toEqual(['amount_mismatch', 'amount_differs']);
    expect((await dossierOf(lost.d.id)).status).toBe('payment_required');

    // Running the same day again flags nothing twice.
    const again = await fetch(`${base()}/local/jobs/payment-reconcile`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date }),
    });
    expect(again.status).toBe(200);
    expect((await store.get(lost.order.id))!.anomalies.map((a) => a.kind)).toEqual(['paid_at_provider_not_here']);
    expect((await store.get(differs.order.id))!.anomalies.map((a) => a.kind)).toEqual(['amount_mismatch', 'amount_differs']);
  });
});

describe('the paid day (byPaidDay, docs/capacity.md "Design: warm caches and sharded keys")', () => {
  it('writes each paid order to its shard as a summary, and reads every shard back merged by paid time', async () => {
    const orders = [];
    for (let i = 0; i < 3; i++) {
      const { order } = await orderWithPage();
      await choose(order, 'pay');
      orders.push(order);
    }
    await settled();
    const paid = await Promise.all(orders.map((o) => orderOf(o.id)));
    const date = localDate(paid[0]!.paidAt!);
    // Each entry under its own shard's key, holding the summary only (no checkout link, no fee items).
    const db = await dynamoClient();
    for (const o of paid) {
      const key = paidDayShardKey(o.provider, o.paidAt!, o.id);
      const out = await db.send(new QueryCommand({
        TableName: tableName('payments'), IndexName: BY_PAID_DAY, KeyConditionExpression: 'gsi2pk = :k', ExpressionAttributeValues: { ':k': key },
      }));
      const entry = out.Items!.find((i) => i.id === o.id)!;
      expect(entry).toMatchObject({ id: o.id, dossierId: o.dossierId, amount: o.amount, status: 'paid', paidAt: o.paidAt });
      expect(entry.redirectUrl).toBeUndefined();
      expect(entry.items).toBeUndefined();
    }
    const day = await store.paidOn('sandbox', date);
    for (const o of paid) expect(day.map((x) => x.id)).toContain(o.id);
    const times = day.map((x) => `${x.paidAt}#${x.id}`);
    expect(times).toEqual([...times].sort());
    expect(new Set(day.map((x) => x.id)).size).toBe(day.length);
  });
});
