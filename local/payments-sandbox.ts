// The local payment sandbox (local runtime only, never deployed): a payment gateway speaking the
// signed protocol of docs/payments.md (functions/payments/providers/signing.ts), so the payments
// capability runs locally exactly as it would against a real provider.
//   GET  /local/payments/sandbox/checkout?…&signature=  the payer's page (signed redirect from the portal)
//   POST /local/payments/sandbox/checkout               the payer's decision; callback sent afterwards
//   GET  /local/payments/sandbox/done?orderId=          where the payer lands without a usable returnUrl
//   GET  /local/payments/sandbox/settlement?date=       the signed settlement report of one local day
//   GET  /local/payments/sandbox/transactions           every transaction, as JSON
//   POST /local/payments/sandbox/settle                 returns once no callback is in flight
// Testers pick a behavior on the page to reproduce what real gateways do: duplicate callbacks,
// lost callbacks (reconciliation must catch them) and a recorded amount that differs from the order.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { signBody, verifyBody, verifyParams } from '../functions/payments/providers/signing';
import { escapeHtml as e, formatDateTime, localDate } from '../functions/notifications/domain/text';
import type { ProviderCallback, SettlementReport } from '../shared/contracts/payments';
import { paymentCallbackPath } from '../shared/platform/api-routes/payments';
import type { LocalSettings } from './environment';
import type { LocalRoute } from './gateway/server';

export const SANDBOX_PROVIDER = 'sandbox';
const BASE = '/local/payments/sandbox';
const PAGE_TITLE = 'Cổng thanh toán thử nghiệm (sandbox)';

/** What the amount-mismatch behavior adds to what the provider records and reports. */
export const MISMATCH_EXTRA_VND = 1000;
const CALLBACK_DELAY_MS = 50;
const DUPLICATE_DELAY_MS = 150;
const RETRY_BASE_MS = 100;
const MAX_RETRIES = 5;
const SETTLE_MAX_MS = 20_000;

export const SANDBOX_BEHAVIORS = ['normal', 'duplicate', 'drop', 'amount-mismatch'] as const;
export type SandboxBehavior = (typeof SANDBOX_BEHAVIORS)[number];

export interface SandboxTransaction {
  providerRef: string;
  orderId: string;
  /** What the provider recorded: the ordered amount, plus 1,000 VND under amount-mismatch. */
  amount: number;
  status: 'paid' | 'failed';
  at: string;
  behavior: SandboxBehavior;
  /** The callback's eventId (a duplicate re-sends the same one). */
  eventId: string;
  /** What became of the (first) callback. */
  callback: 'pending' | 'delivered' | 'rejected' | 'undelivered' | 'dropped';
}

export interface PaymentSandbox {
  route: LocalRoute;
  transactions(): SandboxTransaction[];
  /** Resolves once no callback is scheduled or in flight. */
  idle(): Promise<void>;
}

export interface PaymentSandboxOptions {
  /** The portal's base URL; callbacks go to `<portal>/v1/payment-callbacks/sandbox`. */
  portalUrl: () => string;
  secret: string;
  /** JSON file keeping transactions across restarts (reconciliation needs them). */
  stateFile?: string;
  log?: (line: string) => void;
  now?: () => Date;
}

/**
 * The sandbox's shared secret: 32 random bytes, hex. With a state dir it is kept in
 * `<stateDir>/payments-sandbox-secret` (mode 600), so orders signed before a restart still verify.
 */
export const sandboxSecret = (stateDir?: string): string => {
  if (!stateDir) return randomBytes(32).toString('hex');
  const file = resolve(stateDir, 'payments-sandbox-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(secret)) return secret;
    throw new Error(`${file} does not hold a 32-byte hex secret; delete it to start over`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
};

/** The portal's configuration for this sandbox, as a real gateway would be configured. */
export const sandboxProviderEnv = (baseUrl: string, secret: string) => ({
  PAYMENT_PROVIDERS: JSON.stringify([
    { name: SANDBOX_PROVIDER, checkoutUrl: `${baseUrl}${BASE}/checkout`, settlementUrl: `${baseUrl}${BASE}/settlement` },
  ]),
  PAYMENT_PROVIDER_SECRETS: JSON.stringify({ [SANDBOX_PROVIDER]: secret }),
}) satisfies LocalSettings;

// ---- pages -------------------------------------------------------------------------------------

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

const STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f8}
main{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0 1rem}
.note{background:#fff4d6;border-left:4px solid #a86f00;padding:.5rem .75rem;margin:0 0 1rem}
.error{background:#fde8e8;border-left:4px solid #b00020;padding:.75rem}
dl{background:#fff;border:1px solid #c8cdd2;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
dt{font-weight:600;color:#3d3d3d}dd{margin:0 0 .5rem;overflow-wrap:anywhere}
.amount{font-size:1.6rem;font-weight:700;color:#8a0018}
fieldset{border:1px dashed #8a8f94;border-radius:8px;margin:0 0 1rem;padding:.5rem .75rem .75rem;font-size:.95rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.25rem 0}
select{width:100%;min-height:2.75rem;font-size:1rem;padding:.25rem}
button,.button{display:block;width:100%;min-height:3.25rem;margin:0 0 .75rem;padding:.5rem;font-size:1.15rem;font-weight:600;border-radius:8px;border:2px solid #0b5cad;cursor:pointer;text-align:center;text-decoration:none}
.pay{background:#0b5cad;color:#fff}.fail,.button{background:#fff;color:#0b5cad}
button:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}`;

const page = (title: string, content: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main>
${content}
</main></body></html>`;

const SANDBOX_NOTE = '<p class="note">Môi trường thử nghiệm trên máy cục bộ: không có tiền thật được chuyển.</p>';

const BEHAVIOR_LABELS: Record<SandboxBehavior, string> = {
  normal: 'Bình thường',
  duplicate: 'Gửi thông báo kết quả hai lần (trùng lặp)',
  drop: 'Không gửi thông báo kết quả (thất lạc trên đường truyền)',
  'amount-mismatch': `Ghi nhận lệch số tiền (thêm ${vnd.format(MISMATCH_EXTRA_VND)})`,
};

const checkoutPage = (c: Checkout) => page(PAGE_TITLE, `<h1>${e(PAGE_TITLE)}</h1>
${SANDBOX_NOTE}
<dl>
<dt>Mã đơn hàng</dt><dd>${e(c.orderId)}</dd>
<dt>Nội dung</dt><dd>${e(c.description)}</dd>
<dt>Số tiền</dt><dd class="amount">${e(vnd.format(c.amount))}</dd>
<dt>Hiệu lực đến</dt><dd>${e(formatDateTime(new Date(c.expiresAt * 1000).toISOString()))}</dd>
</dl>
<form method="post" action="${BASE}/checkout">
${Object.entries(c.params).map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`).join('\n')}
<fieldset>
<legend>Dành cho người kiểm thử</legend>
<label for="behavior">Hành vi của cổng thanh toán</label>
<select id="behavior" name="behavior">
${SANDBOX_BEHAVIORS.map((b) => `<option value="${b}"${b === 'normal' ? ' selected' : ''}>${e(BEHAVIOR_LABELS[b])}</option>`).join('\n')}
</select>
</fieldset>
<button type="submit" name="decision" value="pay" class="pay">Thanh toán</button>
<button type="submit" name="decision" value="fail" class="fail">Hủy / thanh toán thất bại</button>
</form>`);

const messagePage = (heading: string, message: string, kind: 'error' | 'info' = 'error') =>
  page(`${heading} · ${PAGE_TITLE}`, `<h1>${e(heading)}</h1>
${SANDBOX_NOTE}
<p${kind === 'error' ? ' class="error" role="alert"' : ''}>${e(message)}</p>`);

const donePage = (orderId: string, tx: SandboxTransaction | undefined) => page(`Đã gửi kết quả thanh toán · ${PAGE_TITLE}`, `<h1>Đã gửi kết quả thanh toán</h1>
${SANDBOX_NOTE}
<dl>
<dt>Mã đơn hàng</dt><dd>${e(orderId)}</dd>
${tx ? `<dt>Kết quả</dt><dd>${tx.status === 'paid' ? 'Đã thanh toán' : 'Thanh toán thất bại'}</dd>
<dt>Mã giao dịch</dt><dd>${e(tx.providerRef)}</dd>
<dt>Số tiền</dt><dd>${e(vnd.format(tx.amount))}</dd>` : ''}
</dl>
<p>Cổng thanh toán đã ghi nhận lựa chọn của bạn; Cổng dịch vụ công sẽ nhận thông báo kết quả. Bạn có thể đóng trang này.</p>`);

// ---- requests ----------------------------------------------------------------------------------

interface Checkout {
  orderId: string;
  amount: number;
  description: string;
  /** Unix seconds. */
  expiresAt: number;
  returnUrl: string;
  /** Exactly what the portal signed, signature included (carried through the form). */
  params: Record<string, string>;
}

const BAD_SIGNATURE = 'Chữ ký không hợp lệ: yêu cầu thanh toán thiếu chữ ký hoặc đã bị thay đổi sau khi Cổng dịch vụ công tạo ra.';
const MALFORMED = 'Yêu cầu thanh toán thiếu thông tin hoặc thông tin không đúng định dạng.';
const EXPIRED = 'Yêu cầu thanh toán đã hết hạn. Vui lòng quay lại Cổng dịch vụ công để tạo yêu cầu thanh toán mới.';

/** The signed checkout request, or why it is refused (signature first: nothing unsigned is trusted). */
const readCheckout = (secret: string, params: Record<string, string>, now: Date): Checkout | { refused: string } => {
  if (!verifyParams(secret, params)) return { refused: BAD_SIGNATURE };
  const { orderId, amount, currency, description, expiresAt, returnUrl } = params;
  if (!orderId || orderId.length > 100 || !amount || !/^\d{1,13}$/.test(amount) || Number(amount) > 1_000_000_000_000
    || currency !== 'VND' || description === undefined || !expiresAt || !/^\d{1,12}$/.test(expiresAt) || returnUrl === undefined) {
    return { refused: MALFORMED };
  }
  if (Number(expiresAt) * 1000 <= now.getTime()) return { refused: EXPIRED };
  return { orderId, amount: Number(amount), description, expiresAt: Number(expiresAt), returnUrl, params };
};

/** The form (or, for tests, JSON) fields as strings; undefined when the body is not that. */
const readFields = (req: IncomingMessage, body: Buffer): Record<string, string> | undefined => {
  const text = body.toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) as Record<string, string> : undefined;
};

const isWebUrl = (text: string) => {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

const headerRecord = (req: IncomingMessage): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
};

// A payment page: no script, nothing external, never framed by another site.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
const html = (res: ServerResponse, status: number, body: string) => send(res, status, 'text/html; charset=utf-8', body, PAGE_HEADERS);
const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, 'application/json', JSON.stringify(value), headers);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- the sandbox -------------------------------------------------------------------------------

const loadTransactions = (file: string | undefined): SandboxTransaction[] => {
  if (!file || !existsSync(file)) return [];
  const state = JSON.parse(readFileSync(file, 'utf8')) as { transactions?: unknown };
  if (!Array.isArray(state.transactions)) throw new Error(`${file} is not a payment sandbox state file; delete it to start over`);
  return state.transactions as SandboxTransaction[];
};

export const paymentSandbox = (opts: PaymentSandboxOptions): PaymentSandbox => {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  const stateFile = opts.stateFile && resolve(opts.stateFile);
  const transactions = loadTransactions(stateFile);

  const persist = () => {
    if (!stateFile) return;
    mkdirSync(dirname(stateFile), { recursive: true });
    // Written aside and renamed: a crash mid-write never leaves half a file.
    const temp = `${stateFile}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ transactions }, null, 2)}\n`);
    renameSync(temp, stateFile);
  };

  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const track = (work: Promise<unknown>) => {
    inFlight++;
    void work.catch((error: Error) => log(`payments sandbox: callback failed: ${error.message}`)).finally(() => {
      if (--inFlight > 0) return;
      const ready = waiters;
      waiters = [];
      for (const w of ready) w();
    });
  };
  const idle = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r)));

  /** One delivery as a real provider makes it: network errors and 5xx retried with backoff, 4xx final. */
  const deliver = async (tx: SandboxTransaction, body: string, headers: Record<string, string>, label: string) => {
    const target = `${opts.portalUrl().replace(/\/+$/, '')}${paymentCallbackPath(SANDBOX_PROVIDER)}`;
    const what = `payments sandbox: ${label} for order ${tx.orderId} (${tx.providerRef})`;
    for (let attempt = 1; ; attempt++) {
      let problem: string;
      try {
        const res = await fetch(target, {
          method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(30_000),
          headers: { 'content-type': 'application/json', ...headers },
        });
        await res.arrayBuffer();
        if (res.status >= 200 && res.status < 300) {
          log(`${what} delivered (${res.status})`);
          return 'delivered' as const;
        }
        if (res.status < 500) {
          log(`${what} refused with ${res.status}: not retried`);
          return 'rejected' as const;
        }
        problem = `answered ${res.status}`;
      } catch (error) {
        problem = `failed (${(error as Error).message})`;
      }
      if (attempt > MAX_RETRIES) {
        log(`${what} ${problem}; gave up after ${attempt} attempts`);
        return 'undelivered' as const;
      }
      const delay = RETRY_BASE_MS * 2 ** (attempt - 1);
      log(`${what} ${problem}; retrying in ${delay} ms`);
      await sleep(delay);
    }
  };

  const sendCallbacks = (tx: SandboxTransaction) => {
    if (tx.behavior === 'drop') {
      log(`payments sandbox: callback for order ${tx.orderId} (${tx.providerRef}) dropped on purpose`);
      return;
    }
    const callback: ProviderCallback = {
      eventId: tx.eventId, orderId: tx.orderId, providerRef: tx.providerRef, status: tx.status,
      amount: tx.amount, currency: 'VND', ...(tx.status === 'paid' ? { paidAt: tx.at } : {}),
    };
    const body = JSON.stringify(callback);
    track((async () => {
      await sleep(CALLBACK_DELAY_MS);
      const headers = signBody(opts.secret, body, now());
      const first = deliver(tx, body, headers, 'callback').then((outcome) => {
        tx.callback = outcome;
        persist();
      });
      // The very same message again, as from a provider that never saw the portal's answer.
      const again = tx.behavior === 'duplicate' ? sleep(DUPLICATE_DELAY_MS).then(() => deliver(tx, body, headers, 'duplicate callback')) : undefined;
      await Promise.all([first, again]);
    })());
  };

  const decide = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const fields = readFields(req, body);
    if (!fields) return html(res, 400, messagePage('Yêu cầu không hợp lệ', MALFORMED));
    const { decision, behavior = 'normal', ...params } = fields;
    const checkout = readCheckout(opts.secret, params, now());
    if ('refused' in checkout) return html(res, 400, messagePage('Yêu cầu không hợp lệ', checkout.refused));
    if ((decision !== 'pay' && decision !== 'fail') || !(SANDBOX_BEHAVIORS as readonly string[]).includes(behavior)) {
      return html(res, 400, messagePage('Lựa chọn không hợp lệ', 'Vui lòng chọn "Thanh toán" hoặc "Hủy / thanh toán thất bại" trên trang thanh toán.'));
    }
    const paid = transactions.find((t) => t.orderId === checkout.orderId && t.status === 'paid');
    if (paid) {
      return html(res, 409, messagePage('Đơn hàng đã được thanh toán',
        `Đơn hàng ${checkout.orderId} đã được thanh toán (mã giao dịch ${paid.providerRef}). Cổng thanh toán không thu tiền hai lần cho một đơn hàng.`));
    }
    const tx: SandboxTransaction = {
      providerRef: `SBX-${randomBytes(6).toString('hex').toUpperCase()}`,
      orderId: checkout.orderId,
      amount: checkout.amount + (behavior === 'amount-mismatch' ? MISMATCH_EXTRA_VND : 0),
      status: decision === 'pay' ? 'paid' : 'failed',
      at: now().toISOString(),
      behavior: behavior as SandboxBehavior,
      eventId: `sbx-${randomUUID()}`,
      callback: behavior === 'drop' ? 'dropped' : 'pending',
    };
    transactions.push(tx);
    persist();
    log(`payments sandbox: order ${tx.orderId} ${tx.status} (${tx.providerRef}, ${tx.amount} VND, ${tx.behavior})`);
    const location = isWebUrl(checkout.returnUrl) ? checkout.returnUrl : `${BASE}/done?orderId=${encodeURIComponent(tx.orderId)}`;
    send(res, 303, 'text/html; charset=utf-8', page(PAGE_TITLE, `<p><a href="${e(location)}">Tiếp tục</a></p>`), { location });
    // Only after the payer has their answer, as a gateway notifies the merchant separately.
    sendCallbacks(tx);
  };

  const settlement = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const date = url.searchParams.get('date') ?? '';
    const verdict = verifyBody(opts.secret, headerRecord(req), `date=${date}`, now());
    if (!verdict.ok) return json(res, 401, { error: { code: verdict.reason.toUpperCase(), message: 'Settlement request not signed with the sandbox secret, or stale' } });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return json(res, 400, { error: { code: 'VALIDATION_FAILED', message: 'date must be YYYY-MM-DD' } });
    const report: SettlementReport = {
      date,
      lines: transactions
        .filter((t) => t.status === 'paid' && localDate(new Date(t.at)) === date)
        .map((t) => ({ providerRef: t.providerRef, orderId: t.orderId, amount: t.amount, status: 'paid' as const, settledAt: t.at })),
    };
    const body = JSON.stringify(report);
    json(res, 200, report, signBody(opts.secret, body, now()));
  };

  const settle = async (res: ServerResponse) => {
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      idle().then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), SETTLE_MAX_MS))),
    ]);
    clearTimeout(timer);
    json(res, settled ? 200 : 504, { settled });
  };

  const route: LocalRoute = async (req, res, body, url) => {
    if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(BASE.length);
    if (path === '/checkout' && method === 'GET') {
      const checkout = readCheckout(opts.secret, Object.fromEntries(url.searchParams), now());
      if ('refused' in checkout) html(res, 400, messagePage('Yêu cầu không hợp lệ', checkout.refused));
      else html(res, 200, checkoutPage(checkout));
    } else if (path === '/checkout' && method === 'POST') decide(req, res, body);
    else if (path === '/done' && method === 'GET') {
      const orderId = url.searchParams.get('orderId') ?? '';
      html(res, 200, donePage(orderId, transactions.findLast((t) => t.orderId === orderId)));
    } else if (path === '/settlement' && method === 'GET') settlement(req, res, url);
    else if (path === '/transactions' && method === 'GET') json(res, 200, { items: transactions });
    else if (path === '/settle' && method === 'POST') await settle(res);
    else if (['/checkout', '/done', '/settlement', '/transactions', '/settle'].includes(path)) send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    else send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return true;
  };

  return { route, transactions: () => transactions.map((t) => ({ ...t })), idle };
};
