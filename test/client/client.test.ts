// The client kit (client/): the signing and bearer middlewares over exactly what goes on the wire,
// the webhook verifier, and the typed client against the running portal (signed GET and POST,
// repeats in one second, a wrong secret, a user's token).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  agencySigning, bearerToken, canonicalString, createPortalClient, PortalError, sign, signIn, signRequest, unwrap, verifyWebhook,
} from '../../client';
import { vneidSignIn } from '../../local/demo-sign-in';
import { DEMO_PASSWORD } from '../../local/seed/accounts';
import { sha256Hex } from '../../shared/auth/agency-signature';

const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const NOW = 1_790_000_000;

/** A client whose requests are captured instead of sent (answered 200 `{}`). */
const capturing = (auth: Parameters<typeof createPortalClient>[0]['auth']) => {
  const sent: Request[] = [];
  const client = createPortalClient({
    baseUrl: 'https://portal.example.vn', auth,
    fetch: async (request) => {
      sent.push(request);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
};

describe('agencySigning', () => {
  it('signs the method, the encoded path and query, the timestamp and the serialized body', async () => {
    const { client, sent } = capturing(agencySigning({ ...HANOI, clock: () => NOW + 0.5 }));
    const items = [{ eventId: 'evt-0001-đã', code: 'x', status: 4, at: '2026-11-20T10:00:00+07:00' }];
    await client.POST('/v1/sync/statuses', { body: { items } });
    await client.GET('/v1/sync/outbox', { params: { query: { cursor: 'a b/c+d', limit: 5 } } });

    const [post, get] = sent as [Request, Request];
    const body = await post.clone().text();
    expect(body).toBe(JSON.stringify({ items }));
    const headersOf = (r: Request) => Object.fromEntries([...r.headers].filter(([k]) => k.startsWith('x-dvc-')));
    expect(headersOf(post)).toEqual(signRequest({ ...HANOI, method: 'POST', pathWithQuery: '/v1/sync/statuses', body, now: NOW }));
    const { pathname, search } = new URL(get.url);
    expect(search).toBe('?cursor=a%20b%2Fc%2Bd&limit=5');
    expect(headersOf(get)).toEqual(signRequest({ ...HANOI, method: 'GET', pathWithQuery: `${pathname}${search}`, now: NOW }));
  });

  it('never signs the same request twice in one second (the portal would refuse the repeat as a replay)', async () => {
    const { client, sent } = capturing(agencySigning({ ...HANOI, clock: () => NOW }));
    await client.GET('/v1/sync/whoami');
    await client.GET('/v1/sync/whoami');
    await client.GET('/v1/sync/outbox');
    const stamps = sent.map((r) => r.headers.get('x-dvc-timestamp'));
    expect(stamps).toEqual([String(NOW), String(NOW - 1), String(NOW)]);
    expect(new Set(sent.map((r) => r.headers.get('x-dvc-signature'))).size).toBe(3);
  });
});

it("docs/integrating.md's worked example is what the implementation computes", () => {
  const doc = readFileSync('docs/integrating.md', 'utf8');
  const section = doc.slice(doc.indexOf('A worked example'), doc.indexOf('- The path is the one on the wire'));
  const body = /^\{"items".*\}$/m.exec(section)?.[0];
  const bodyHash = /Its SHA-256 is `([0-9a-f]{64})`/.exec(section)?.[1];
  const canonical = /```\n(POST\n[^`]*?)\n```/.exec(section)?.[1];
  const headers = Object.fromEntries([...section.matchAll(/^(x-dvc-[a-z-]+): (\S+)$/gm)].map((m) => [m[1], m[2]]));
  expect(body && bodyHash && canonical).toBeTruthy();
  expect(sha256Hex(body)).toBe(bodyHash);
  expect(canonicalString('POST', '/v1/sync/statuses', '1790000000', bodyHash!)).toBe(canonical);
  expect(headers).toEqual(signRequest({ keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret', method: 'POST', pathWithQuery: '/v1/sync/statuses', body, now: 1_790_000_000 }));
  expect(headers['x-dvc-signature']).toBe(sign('demo-hanoi-secret', 'POST', '/v1/sync/statuses', '1790000000', bodyHash!));
});

describe('bearerToken', () => {
  it('sends the token, asking for it on every request when given a function', async () => {
    let n = 0;
    const { client, sent } = capturing(bearerToken(async () => `token-${++n}`));
    await client.GET('/v1/me/dossiers');
    await client.GET('/v1/me/dossiers');
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});

describe('verifyWebhook', () => {
  const body = JSON.stringify({ schemaVersion: 1, eventId: 'd1:2', type: 'dossier.submitted' });
  const delivery = (over: { body?: string; at?: number; secret?: string; keyId?: string; url?: string } = {}) => ({
    method: 'POST',
    url: over.url ?? '/dvc/events?tenant=hn',
    headers: {
      ...signRequest({ keyId: over.keyId ?? HANOI.keyId, secret: over.secret ?? HANOI.secret, method: 'POST', pathWithQuery: '/dvc/events?tenant=hn', body, now: over.at ?? NOW }),
      'content-type': 'application/json',
    },
    body: over.body ?? body,
  });
  const system = { keyId: HANOI.keyId, secrets: [HANOI.secret], now: NOW };

  it.each([
    ['a genuine delivery', delivery(), system, { ok: true, event: JSON.parse(body) }],
    ['the new secret during a rotation', delivery({ secret: 'next-secret' }), { ...system, secrets: [HANOI.secret, 'next-secret'] }, { ok: true, event: JSON.parse(body) }],
    ['a body changed on the way', delivery({ body: body.replace('submitted', 'withdrawn') }), system, { ok: false, reason: 'bad_signature' }],
    ['another endpoint path', delivery({ url: '/dvc/events' }), system, { ok: false, reason: 'bad_signature' }],
    ['a delivery replayed 6 minutes later', delivery({ at: NOW - 360 }), system, { ok: false, reason: 'stale' }],
    ['another secret', delivery({ secret: 'guessed' }), system, { ok: false, reason: 'bad_signature' }],
    ['signed for another system', delivery({ keyId: 'demo-hue-system' }), system, { ok: false, reason: 'wrong_key' }],
  ] as const)('%s', (_label, d, s, verdict) => {
    expect(verifyWebhook(d, s)).toEqual(verdict);
  });
});

describe('the typed client against the running portal', () => {
  const baseUrl = process.env.DVC_BASE_URL!;

  it('signs GETs and POSTs as an agency system, repeats included; a wrong secret is refused', async () => {
    const portal = createPortalClient({ baseUrl, auth: agencySigning(HANOI) });
    const [first, second] = await Promise.all([portal.GET('/v1/sync/whoami'), portal.GET('/v1/sync/whoami')]);
    expect(unwrap(first, 'whoami')).toEqual({ keyId: HANOI.keyId, agencyCodes: ['000.00.00.H26'] });
    expect(unwrap(second, 'whoami again, same second')).toEqual({ keyId: HANOI.keyId, agencyCodes: ['000.00.00.H26'] });

    // The body's signature is checked by the handler: a 202 with a per-item verdict proves it passed.
    const batch = unwrap(await portal.POST('/v1/sync/statuses', { body: { items: [{ eventId: 'evt-client-test', code: 'not-a-code' } as never] } }), 'statuses', 202);
    expect(batch).toMatchObject({ accepted: 0, rejected: 1, results: [{ index: 0, eventId: 'evt-client-test', status: 'rejected' }] });

    const forger = createPortalClient({ baseUrl, auth: agencySigning({ keyId: HANOI.keyId, secret: 'guessed' }) });
    const refused = await forger.GET('/v1/sync/whoami');
    expect(refused.response.status).toBe(403);
    expect(() => unwrap(refused, 'whoami')).toThrow(PortalError);
    const unsigned = await createPortalClient({ baseUrl }).POST('/v1/sync/statuses', { body: { items: [{} as never] } });
    expect(unsigned.response.status).toBe(401);
  });

  it('signs a user in and sends the ID token as a bearer token', async () => {
    const anonymous = createPortalClient({ baseUrl });
    const config = unwrap(await anonymous.GET('/v1/config'), 'config');
    // Password sign-in is the officials' (staff client); citizens sign in through VNeID.
    const official = createPortalClient({ baseUrl, auth: bearerToken(await signIn(config, 'official.hanoi', DEMO_PASSWORD)) });
    const queue = await official.GET('/v1/agency/dossiers', { params: { query: { limit: 1 } } });
    expect(queue.response.status).toBe(200);
    await expect(signIn(config, 'vneid-001099012345', DEMO_PASSWORD)).rejects.toThrow();
    const citizen = createPortalClient({ baseUrl, auth: bearerToken((await vneidSignIn(baseUrl, '001099012345')).idToken) });
    const mine = unwrap(await citizen.GET('/v1/me/dossiers', { params: { query: { limit: 1 } } }), 'my dossiers');
    expect(Array.isArray(mine.items)).toBe(true);
    const refused = await anonymous.GET('/v1/me/dossiers');
    expect(refused.response.status).toBe(401);
    expect(() => unwrap(refused, 'my dossiers')).toThrow(/my dossiers: HTTP 401/);
  });
});
