// A guided payment against a running `npm start` (README, "Pay a fee"): citizen.demo submits a
// fee-bearing dossier (Đăng ký tạm trú, 7,000 VND), official.hanoi receives it and requests payment,
// citizen.demo creates a payment order and pays it on the sandbox provider's page — in a browser
// (the script prints the link and waits) or, with --auto, by choosing "pay" on that page itself —
// then the dossier is back in processing and the receipt is downloaded as JSON and PDF. Every
// portal call goes through the typed client (client/).
//
//   npm run demo:payment [-- --auto]        (PORTAL_URL=http://127.0.0.1:3000 by default)
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { unwrap } from '../client';
import { act, FEE_PROCEDURE, portalAt, submitted } from './walkthrough';

const baseUrl = process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const auto = process.argv.includes('--auto');
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const vnd = (n: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(n);

const portal = await portalAt(baseUrl).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

step(1, 'citizen.demo and official.hanoi sign in');
const [citizen, official] = await Promise.all([portal.as('citizen.demo'), portal.as('official.hanoi')]);

step(2, `citizen.demo submits procedure ${FEE_PROCEDURE} (Đăng ký tạm trú) at a Hà Nội commune`);
const d = await submitted(citizen, { procedureCode: FEE_PROCEDURE });
console.log(`   → dossier ${d.code}`);
const id = { path: { id: d.id } };

step(3, 'official.hanoi receives it, starts and requests the fee (request_payment)');
const awaiting = await act(official, d, { action: 'receive' }, { action: 'start' }, { action: 'request_payment', note: 'Đề nghị nộp lệ phí đăng ký tạm trú' });
console.log(`   → status ${awaiting.status}`);

step(4, 'citizen.demo creates a payment order (POST /v1/dossiers/{id}/payments, Idempotency-Key)');
const order = unwrap(await citizen.POST('/v1/dossiers/{id}/payments', { params: { ...id, header: { 'idempotency-key': `demo-${randomUUID()}` } } }), 'order', 201);
console.log(`   → order ${order.id}: ${vnd(order.amount)} into ${order.treasuryAccount.accountNumber} (${order.treasuryAccount.treasuryName}), expires ${new Date(order.expiresAt).toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);
if (!order.redirectUrl) throw new Error('a pending order carries the provider page to pay on');

step(5, auto ? 'pays on the sandbox page (choosing "Thanh toán", as a person would)' : 'open this link in a browser and choose "Thanh toán":');
if (auto) {
  const page = new URL(order.redirectUrl);
  const form = new URLSearchParams(page.searchParams);
  form.set('decision', 'pay');
  form.set('behavior', 'normal');
  const res = await fetch(`${page.origin}${page.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
  console.log(`   → the sandbox answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}`);
} else {
  console.log(`   ${order.redirectUrl}`);
}

step(6, 'waiting for the provider callback (signed, asynchronous)…');
const orderId = { path: { id: order.id } };
let paid = order;
for (let i = 0; i < 600 && paid.status === 'pending'; i++) {
  await new Promise((r) => setTimeout(r, 500));
  paid = unwrap(await citizen.GET('/v1/payments/{id}', { params: orderId }), 'order');
}
console.log(`   → order ${paid.status}${paid.receiptNumber ? `, receipt ${paid.receiptNumber}` : ''}`);
if (paid.status !== 'paid') process.exit(1);
const after = unwrap(await citizen.GET('/v1/dossiers/{id}', { params: id }), 'dossier');
const last = after.history.at(-1)!;
console.log(`   → dossier ${after.code} is ${after.status} again (${last.action} by the ${last.actor.kind})`);

step(7, 'citizen.demo downloads the receipt (GET /v1/payments/{id}/receipt, and ?format=pdf)');
const receipt = unwrap(await citizen.GET('/v1/payments/{id}/receipt', { params: orderId }), 'receipt');
// The route answers JSON or, with format=pdf, a PDF: this call asked for JSON.
if (typeof receipt === 'string') throw new Error('the receipt came back as text, not JSON');
console.log(`   → ${receipt.number}: ${vnd(receipt.amount)} (${receipt.amountInWords}), paid ${new Date(receipt.paidAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);
const pdf = unwrap(await citizen.GET('/v1/payments/{id}/receipt', { params: { ...orderId, query: { format: 'pdf' } }, parseAs: 'arrayBuffer' }), 'receipt PDF');
const file = `bien-lai-${receipt.number}.pdf`;
writeFileSync(file, Buffer.from(pdf));
console.log(`   → saved ${file} (${pdf.byteLength} bytes)`);
