// The local payment sandbox against a stand-in portal: the signed checkout page, the payer's
// decision, callbacks (signed, delayed, duplicated, dropped, retried), the signed settlement report
// and persistence. The portal side is the real HmacGatewayProvider where it can be.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { paymentSandbox, sandboxProviderEnv, sandboxSecret } from '../../local/payments-sandbox';
import { HmacGatewayProvider } from '../../functions/payments/providers/hmac-gateway';
import { signBody, verifyBody } from '../../functions/payments/providers/signing';
import { ProviderCallback } from '../../shared/contracts/payments';

const SECRET = 'a'.repeat(64);
const RETURN_URL = 'http://127.0.0.1:9/ho-so/thanh-toan/ket-qua';
const vnd = (n: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(n);

interface Received { path: string; headers: IncomingHttpHeaders; body: string; at: number }

const listen = async (server: Server) => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A portal stand-in answering callbacks with the given statuses in turn (then 200), and a sandbox. */
const setup = async (opts: { statuses?: number[]; stateFile?: string; clock?: { ms: number }; portalUrl?: string } = {}) => {
  const received: Received[] = [];
  const statuses = [...(opts.statuses ?? [])];
  const portal = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { result: 'applied', orderStatus: 'paid' } : { error: { code: 'X', message: 'no' } }));
    });
  });
  const portalUrl = await listen(portal);
  const clock = opts.clock ?? { ms: Date.parse('2026-11-30T17:30:00Z') };
  const now = () => new Date(clock.ms);
  const logs: string[] = [];
  const sandbox = paymentSandbox({ portalUrl: () => opts.portalUrl ?? portalUrl, secret: SECRET, stateFile: opts.stateFile, now, log: (l) => logs.push(l) });
  const gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void sandbox.route(req, res, Buffer.concat(chunks), new URL(req.url ?? '/', 'http://localhost')).then((mine) => {
        if (!mine) { res.writeHead(404); res.end('not the sandbox'); }
      });
    });
  });
  const url = await listen(gateway);
  cleanups.push(async () => {
    await sandbox.idle();
    for (const s of [portal, gateway]) {
      s.closeAllConnections();
      await new Promise<void>((ok) => s.close(() => ok()));
    }
  });
  const env = sandboxProviderEnv(url, SECRET);
  const provider = new HmacGatewayProvider(JSON.parse(env.PAYMENT_PROVIDERS)[0], async () => SECRET);

  const checkoutUrl = async (o: { amount?: number; description?: string; returnUrl?: string; expiresInMs?: number; orderId?: string } = {}) => {
    const orderId = o.orderId ?? randomUUID();
    const href = await provider.checkoutUrl({
      orderId, amount: o.amount ?? 150_000, description: o.description ?? 'Lệ phí đăng ký khai sinh',
      expiresAt: new Date(clock.ms + (o.expiresInMs ?? 15 * 60_000)), returnUrl: o.returnUrl ?? RETURN_URL,
    });
    return { orderId, href: new URL(href) };
  };

  /** What the browser posts from the page: the signed params, the decision and the behavior. */
  const decide = (href: URL, decision: string, behavior?: string, as: 'form' | 'json' = 'form') => {
    const fields: Record<string, string> = { ...Object.fromEntries(href.searchParams), decision, ...(behavior ? { behavior } : {}) };
    return fetch(`${url}/local/payments/sandbox/checkout`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: as === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
  };

  const pay = async (o: Parameters<typeof checkoutUrl>[0] = {}, behavior?: string, decision = 'pay') => {
    const c = await checkoutUrl(o);
    const sentAt = Date.now();
    const res = await decide(c.href, decision, behavior);
    const callbacksAtAnswer = received.length;
    await sandbox.idle();
    return { ...c, res, sentAt, callbacksAtAnswer, tx: sandbox.transactions().find((t) => t.orderId === c.orderId)! };
  };

  const settlementHeaders = (date: string, at = now()) => signBody(SECRET, `date=${date}`, at);
  return { url, sandbox, received, logs, clock, now, provider, checkoutUrl, decide, pay, settlementHeaders };
};

const callbackOf = (r: Received) => ProviderCallback.parse(JSON.parse(r.body));
const headerRecord = (h: IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

describe('checkout page', () => {
  it('renders the signed order with the VND amount and escapes a hostile description', async () => {
    const s = await setup();
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const { orderId, href } = await s.checkoutUrl({ amount: 1_234_500, description: hostile });
    const res = await fetch(`${s.url}${href.pathname}${href.search}`);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<title>Cổng thanh toán thử nghiệm (sandbox)</title>');
    expect(page).toContain(vnd(1_234_500));
    expect(page).toContain(orderId);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    // The form carries every signed parameter back, and offers both decisions and the behaviors.
    for (const [k, v] of href.searchParams) expect(page).toContain(`type="hidden" name="${k}" value="${k === 'description' ? '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;' : v}"`);
    expect(page).toContain('<form method="post" action="/local/payments/sandbox/checkout">');
    expect(page).toMatch(/<button type="submit" name="decision" value="pay"[^>]*>Thanh toán<\/button>/);
    expect(page).toMatch(/<button type="submit" name="decision" value="fail"[^>]*>Hủy \/ thanh toán thất bại<\/button>/);
    expect(page).toContain('<label for="behavior">');
    for (const b of ['normal" selected', 'duplicate"', 'drop"', 'amount-mismatch"']) expect(page).toContain(`<option value="${b}`);
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it('refuses a tampered amount or a missing signature with a Vietnamese error page, on the page and on submit', async () => {
    const s = await setup();
    const { href } = await s.checkoutUrl({ amount: 150_000 });
    expect((await fetch(`${s.url}${href.pathname}${href.search}`)).status).toBe(200);
    const tampered = new URL(href);
    tampered.searchParams.set('amount', '1000');
    const res = await fetch(`${s.url}${tampered.pathname}${tampered.search}`);
    const page = await res.text();
    expect(res.status).toBe(400);
    expect(page).toContain('lang="vi"');
    expect(page).toContain('Chữ ký không hợp lệ');
    const unsigned = new URL(href);
    unsigned.searchParams.delete('signature');
    expect((await fetch(`${s.url}${unsigned.pathname}${unsigned.search}`)).status).toBe(400);

    expect((await s.decide(tampered, 'pay')).status).toBe(400);
    expect((await s.decide(unsigned, 'pay')).status).toBe(400);
    await s.sandbox.idle();
    expect(s.sandbox.transactions()).toEqual([]);
    expect(s.received).toEqual([]);
  });

  it('refuses an expired request', async () => {
    const s = await setup();
    const { href } = await s.checkoutUrl({ expiresInMs: 60_000 });
    expect((await fetch(`${s.url}${href.pathname}${href.search}`)).status).toBe(200);
    s.clock.ms += 61_000;
    const res = await fetch(`${s.url}${href.pathname}${href.search}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('đã hết hạn');
    expect((await s.decide(href, 'pay')).status).toBe(400);
    expect(s.sandbox.transactions()).toEqual([]);
  });

  it('refuses an unknown decision or behavior', async () => {
    const s = await setup();
    const { href } = await s.checkoutUrl();
    expect((await s.decide(href, 'steal')).status).toBe(400);
    expect((await s.decide(href, 'pay', 'explode')).status).toBe(400);
    expect(s.sandbox.transactions()).toEqual([]);
  });
});

describe('decision and callback', () => {
  it('pay: answers 303 to returnUrl first, then posts a signed callback the portal can verify', async () => {
    const s = await setup();
    const { orderId, res, sentAt, callbacksAtAnswer, tx } = await s.pay({ amount: 150_000 });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(RETURN_URL);
    expect(callbacksAtAnswer).toBe(0);
    expect(s.received).toHaveLength(1);
    // Sent separately, like a gateway notifying the merchant: not within the payer's request.
    expect(s.received[0]!.at - sentAt).toBeGreaterThanOrEqual(45);
    const [cb] = s.received;
    expect(cb!.path).toBe('/v1/payment-callbacks/sandbox');
    expect(cb!.headers['content-type']).toBe('application/json');
    expect(verifyBody(SECRET, headerRecord(cb!.headers), cb!.body, s.now())).toEqual({ ok: true });
    expect(verifyBody('b'.repeat(64), headerRecord(cb!.headers), cb!.body, s.now()).ok).toBe(false);
    expect(callbackOf(cb!)).toEqual({
      eventId: tx.eventId, orderId, providerRef: tx.providerRef, status: 'paid', amount: 150_000, currency: 'VND', paidAt: '2026-11-30T17:30:00.000Z',
    });
    expect(tx.eventId).toMatch(/^sbx-[0-9a-f-]{36}$/);
    expect(tx.providerRef).toMatch(/^SBX-[0-9A-F]+$/);
    expect(tx).toMatchObject({ status: 'paid', amount: 150_000, behavior: 'normal', at: '2026-11-30T17:30:00.000Z', callback: 'delivered' });
  });

  it('accepts the decision as JSON too', async () => {
    const s = await setup();
    const { orderId, href } = await s.checkoutUrl();
    const res = await s.decide(href, 'pay', 'normal', 'json');
    expect(res.status).toBe(303);
    await s.sandbox.idle();
    expect(s.received.map((r) => callbackOf(r).orderId)).toEqual([orderId]);
  });

  it('duplicate: the identical callback arrives twice, same eventId', async () => {
    const s = await setup();
    const { tx } = await s.pay({}, 'duplicate');
    expect(s.received).toHaveLength(2);
    const [a, b] = s.received;
    expect(b!.body).toBe(a!.body);
    expect(b!.headers['x-payment-signature']).toBe(a!.headers['x-payment-signature']);
    expect(b!.headers['x-payment-timestamp']).toBe(a!.headers['x-payment-timestamp']);
    expect(callbackOf(a!).eventId).toBe(tx.eventId);
    expect(callbackOf(b!).eventId).toBe(tx.eventId);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(100);
  });

  it('drop: no callback at all, yet the payment is in the settlement report', async () => {
    const s = await setup();
    const { orderId, tx } = await s.pay({ amount: 50_000 }, 'drop');
    expect(s.received).toEqual([]);
    expect(tx).toMatchObject({ status: 'paid', callback: 'dropped' });
    const lines = await s.provider.settlementReport('2026-12-01', s.now());
    expect(lines).toEqual([{ providerRef: tx.providerRef, orderId, amount: 50_000, status: 'paid', settledAt: tx.at }]);
  });

  it('amount-mismatch: callback and settlement carry 1,000 VND more than ordered', async () => {
    const s = await setup();
    const { orderId } = await s.pay({ amount: 150_000 }, 'amount-mismatch');
    expect(callbackOf(s.received[0]!)).toMatchObject({ orderId, amount: 151_000, status: 'paid' });
    const lines = await s.provider.settlementReport('2026-12-01', s.now());
    expect(lines.map((l) => [l.orderId, l.amount])).toEqual([[orderId, 151_000]]);
  });

  it('fail: a failed callback without paidAt, and nothing to settle', async () => {
    const s = await setup();
    const { orderId, res, tx } = await s.pay({ amount: 150_000 }, undefined, 'fail');
    expect(res.status).toBe(303);
    const cb = callbackOf(s.received[0]!);
    expect(cb).toMatchObject({ orderId, status: 'failed', amount: 150_000, providerRef: tx.providerRef });
    expect(cb.paidAt).toBeUndefined();
    expect(await s.provider.settlementReport('2026-12-01', s.now())).toEqual([]);
  });

  it('retries a callback answered 503 twice: delivered on the third attempt, same message', async () => {
    const s = await setup({ statuses: [503, 503, 200] });
    const { tx } = await s.pay();
    expect(s.received).toHaveLength(3);
    expect(new Set(s.received.map((r) => r.body)).size).toBe(1);
    expect(callbackOf(s.received[2]!).eventId).toBe(tx.eventId);
    // Exponential backoff: 100 ms, then 200 ms.
    expect(s.received[1]!.at - s.received[0]!.at).toBeGreaterThanOrEqual(90);
    expect(s.received[2]!.at - s.received[1]!.at).toBeGreaterThanOrEqual(190);
    expect(tx.callback).toBe('delivered');
  });

  it('does not retry a 4xx, and logs it', async () => {
    const s = await setup({ statuses: [400] });
    const { tx } = await s.pay();
    expect(s.received).toHaveLength(1);
    expect(tx.callback).toBe('rejected');
    expect(s.logs.some((l) => l.includes(tx.providerRef) && l.includes('400'))).toBe(true);
  });

  it('retries a portal that is unreachable, then gives up after 5 retries', async () => {
    const dead = createServer();
    const deadUrl = await listen(dead);
    await new Promise<void>((ok) => dead.close(() => ok()));
    const s = await setup({ portalUrl: deadUrl });
    const { tx } = await s.pay();
    expect(s.received).toEqual([]);
    expect(tx.callback).toBe('undelivered');
    expect(s.logs.filter((l) => l.includes('retrying in'))).toHaveLength(5);
    expect(s.logs.at(-1)).toContain('gave up after 6 attempts');
  }, 15_000);

  it('refuses a second decision for an order already paid (409), but lets a failed one be retried', async () => {
    const s = await setup();
    const { href } = await s.checkoutUrl();
    expect((await s.decide(href, 'fail')).status).toBe(303);
    expect((await s.decide(href, 'pay')).status).toBe(303);
    const again = await s.decide(href, 'pay');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('đã được thanh toán');
    expect((await s.decide(href, 'fail')).status).toBe(409);
    await s.sandbox.idle();
    expect(s.sandbox.transactions().map((t) => t.status)).toEqual(['failed', 'paid']);
    expect(s.received).toHaveLength(2);
  });

  it('sends the payer to the local done page when returnUrl is not http(s)', async () => {
    const s = await setup();
    const { orderId, res, tx } = await s.pay({ returnUrl: 'javascript:alert(1)' });
    const location = res.headers.get('location')!;
    expect(location).toBe(`/local/payments/sandbox/done?orderId=${orderId}`);
    const done = await fetch(`${s.url}${location}`);
    const page = await done.text();
    expect(done.status).toBe(200);
    expect(page).toContain('Đã gửi kết quả thanh toán');
    expect(page).toContain(tx.providerRef);
    expect(page).not.toContain('javascript:');
  });

  it('POST /settle returns only once the callbacks in flight are done', async () => {
    const s = await setup({ statuses: [503] });
    const { href } = await s.checkoutUrl();
    expect((await s.decide(href, 'pay', 'duplicate')).status).toBe(303);
    expect(s.received).toHaveLength(0);
    const settle = await fetch(`${s.url}/local/payments/sandbox/settle`, { method: 'POST' });
    expect(settle.status).toBe(200);
    expect(await settle.json()).toEqual({ settled: true });
    // The first delivery retried once; the duplicate went through at once.
    expect(s.received).toHaveLength(3);
  });
});

describe('settlement report', () => {
  it('refuses an unsigned, wrongly signed or stale request with 401', async () => {
    const s = await setup();
    const at = `${s.url}/local/payments/sandbox/settlement?date=2026-12-01`;
    expect((await fetch(at)).status).toBe(401);
    expect((await fetch(at, { headers: signBody('b'.repeat(64), 'date=2026-12-01', s.now()) })).status).toBe(401);
    expect((await fetch(at, { headers: s.settlementHeaders('2026-11-30') })).status).toBe(401);
    const stale = await fetch(at, { headers: s.settlementHeaders('2026-12-01', new Date(s.clock.ms - 10 * 60_000)) });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: { code: 'STALE', message: expect.any(String) } });
    expect((await fetch(at, { headers: s.settlementHeaders('2026-12-01') })).status).toBe(200);
  });

  it('reports the paid transactions of that local day (UTC+7), signed', async () => {
    const s = await setup();
    s.clock.ms = Date.parse('2026-11-30T16:59:00Z'); // 23:59 on 30/11 in Hà Nội
    const lateNov = await s.pay({ amount: 10_000 });
    s.clock.ms = Date.parse('2026-11-30T17:30:00Z'); // 00:30 on 01/12 in Hà Nội
    const earlyDec = await s.pay({ amount: 20_000 });
    await s.pay({ amount: 30_000 }, undefined, 'fail');
    s.clock.ms = Date.parse('2026-12-01T16:59:59Z'); // 23:59:59 on 01/12
    const lateDec = await s.pay({ amount: 40_000 }, 'drop');

    const res = await fetch(`${s.url}/local/payments/sandbox/settlement?date=2026-12-01`, { headers: s.settlementHeaders('2026-12-01') });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(verifyBody(SECRET, Object.fromEntries(res.headers), body, s.now())).toEqual({ ok: true });
    expect(JSON.parse(body)).toEqual({
      date: '2026-12-01',
      lines: [
        { providerRef: earlyDec.tx.providerRef, orderId: earlyDec.orderId, amount: 20_000, status: 'paid', settledAt: '2026-11-30T17:30:00.000Z' },
        { providerRef: lateDec.tx.providerRef, orderId: lateDec.orderId, amount: 40_000, status: 'paid', settledAt: '2026-12-01T16:59:59.000Z' },
      ],
    });
    // The portal's own adapter accepts it (signature, shape and date checked there).
    expect((await s.provider.settlementReport('2026-11-30', s.now())).map((l) => l.orderId)).toEqual([lateNov.orderId]);
    expect(await s.provider.settlementReport('2026-12-02', s.now())).toEqual([]);
  });
});

describe('state', () => {
  it('lists transactions and keeps them across a restart on the same state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-sandbox-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'payments-sandbox.json');
    const first = await setup({ stateFile });
    const { orderId, tx } = await first.pay({ amount: 70_000 }, 'drop');
    const listed = (await (await fetch(`${first.url}/local/payments/sandbox/transactions`)).json()) as { items: unknown[] };
    expect(listed.items).toEqual([tx]);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).transactions).toEqual([tx]);

    const second = await setup({ stateFile });
    expect(second.sandbox.transactions()).toEqual([tx]);
    expect((await second.provider.settlementReport('2026-12-01', second.now())).map((l) => [l.orderId, l.amount])).toEqual([[orderId, 70_000]]);
    // A restarted gateway still does not charge the same order twice.
    const { href } = await second.checkoutUrl({ orderId });
    expect((await second.decide(href, 'pay')).status).toBe(409);
  });

  it('sandboxSecret: fresh without a state dir, kept (mode 600) with one', () => {
    const a = sandboxSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(sandboxSecret()).not.toBe(a);
    const dir = mkdtempSync(join(tmpdir(), 'dvc-sandbox-secret-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const kept = sandboxSecret(dir);
    expect(kept).toMatch(/^[0-9a-f]{64}$/);
    expect(sandboxSecret(dir)).toBe(kept);
    expect(statSync(join(dir, 'payments-sandbox-secret')).mode & 0o777).toBe(0o600);
  });

  it('sandboxProviderEnv: the portal configuration of this sandbox', () => {
    const env = sandboxProviderEnv('http://127.0.0.1:3000', SECRET);
    expect(JSON.parse(env.PAYMENT_PROVIDERS)).toEqual([{
      name: 'sandbox',
      checkoutUrl: 'http://127.0.0.1:3000/local/payments/sandbox/checkout',
      settlementUrl: 'http://127.0.0.1:3000/local/payments/sandbox/settlement',
    }]);
    expect(JSON.parse(env.PAYMENT_PROVIDER_SECRETS)).toEqual({ sandbox: SECRET });
  });
});
