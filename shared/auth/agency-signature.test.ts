// The signed-request rules (shared/auth/agency-signature.ts; docs/requirements.md R-SIGN-REQUEST,
// R-SIGN-VERIFY): canonical string, HMAC, window, constant-time checks, and the header-reading form
// agency systems verify the portal's pushes with.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalString, EMPTY_BODY_SHA256, KEY_ID_PATTERN, sha256Hex, sign, signedHeaders, signRequest, verifySignedDelivery,
  verifySignedRequest, type SignedRequest,
} from './agency-signature';
import { AGENCY_KEY_ID_PATTERN } from '../contracts/identity';

const NOW = 1_790_000_000;
const OLD = 'old-secret-0001';
const NEW = 'new-secret-0002';
const BODY = JSON.stringify({ items: [{ code: 'H26.01-260101-0001', status: 'received' }] });
const PATH = '/v1/sync/statuses?dryRun=false';

const signed = (over: Partial<SignedRequest> & { signWith?: string; signedAt?: number; signedPath?: string; signedBody?: string; signedMethod?: string } = {}): SignedRequest => {
  const timestamp = String(over.signedAt ?? NOW);
  const signature = sign(over.signWith ?? OLD, over.signedMethod ?? 'POST', over.signedPath ?? PATH, timestamp, sha256Hex(over.signedBody ?? BODY));
  return { method: 'POST', pathWithQuery: PATH, timestamp, signature, body: BODY, now: NOW, secrets: [OLD], ...over };
};

describe('canonical string and signature', () => {
  it('joins METHOD, path?query, timestamp and hex sha256(body) with newlines', () => {
    const hash = createHash('sha256').update(BODY).digest('hex');
    expect(canonicalString('post', PATH, '1790000000', hash)).toBe(`POST\n${PATH}\n1790000000\n${hash}`);
    expect(EMPTY_BODY_SHA256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(undefined)).toBe(EMPTY_BODY_SHA256);
    expect(sha256Hex(Buffer.from(BODY))).toBe(hash);
  });

  it('is hex HMAC-SHA256 of the canonical string', () => {
    const expected = createHmac('sha256', 'k').update(`GET\n/v1/sync/whoami\n1790000000\n${EMPTY_BODY_SHA256}`).digest('hex');
    expect(sign('k', 'GET', '/v1/sync/whoami', '1790000000', EMPTY_BODY_SHA256)).toBe(expected);
    expect(signRequest({ keyId: 'demo-hanoi-system', secret: 'k', method: 'GET', pathWithQuery: '/v1/sync/whoami', now: 1790000000.9 }))
      .toEqual({ 'x-dvc-key-id': 'demo-hanoi-system', 'x-dvc-timestamp': '1790000000', 'x-dvc-signature': expected });
  });

  it('keeps the key-id rule of the contract and of the domain equal', () => {
    expect(String(KEY_ID_PATTERN)).toBe(String(AGENCY_KEY_ID_PATTERN));
  });
});

describe('verifySignedRequest', () => {
  const cases: [string, SignedRequest, ReturnType<typeof verifySignedRequest>][] = [
    ['a valid request', signed(), { ok: true, matched: 0 }],
    ['a valid request with upper-case hex', { ...signed(), signature: signed().signature!.toUpperCase() }, { ok: true, matched: 0 }],
    ['the edge of the window, 300 s old', signed({ signedAt: NOW - 300 }), { ok: true, matched: 0 }],
    ['the edge of the window, 300 s ahead', signed({ signedAt: NOW + 300 }), { ok: true, matched: 0 }],
    ['a bad signature', signed({ signWith: 'guessed' }), { ok: false, reason: 'bad_signature' }],
    ['a stale timestamp, 301 s old', signed({ signedAt: NOW - 301 }), { ok: false, reason: 'stale' }],
    ['a timestamp 301 s ahead', signed({ signedAt: NOW + 301 }), { ok: false, reason: 'stale' }],
    ['a tampered body', signed({ body: BODY.replace('received', 'rejected') }), { ok: false, reason: 'bad_signature' }],
    ['a body sent but not signed', signed({ signedBody: '' }), { ok: false, reason: 'bad_signature' }],
    ['a tampered query', signed({ pathWithQuery: '/v1/sync/statuses?dryRun=true' }), { ok: false, reason: 'bad_signature' }],
    ['a dropped query', signed({ pathWithQuery: '/v1/sync/statuses' }), { ok: false, reason: 'bad_signature' }],
    ['a tampered path', signed({ pathWithQuery: '/v1/sync/dossiers?dryRun=false' }), { ok: false, reason: 'bad_signature' }],
    ['another method', signed({ method: 'PUT' }), { ok: false, reason: 'bad_signature' }],
    ['the old secret during a rotation', signed({ secrets: [OLD, NEW] }), { ok: true, matched: 0 }],
    ['the new secret during a rotation', signed({ signWith: NEW, secrets: [OLD, NEW] }), { ok: true, matched: 1 }],
    ['a revoked secret (no longer passed as active)', signed({ signWith: OLD, secrets: [NEW] }), { ok: false, reason: 'bad_signature' }],
    ['no active secret at all', signed({ secrets: [] }), { ok: false, reason: 'bad_signature' }],
    ['a missing timestamp', { ...signed(), timestamp: undefined }, { ok: false, reason: 'malformed' }],
    ['a missing signature', { ...signed(), signature: undefined }, { ok: false, reason: 'malformed' }],
    ['a timestamp in milliseconds-like garbage', { ...signed(), timestamp: '1790000000000000' }, { ok: false, reason: 'malformed' }],
    ['an ISO timestamp', { ...signed(), timestamp: '2026-09-21T10:00:00Z' }, { ok: false, reason: 'malformed' }],
    ['a negative timestamp', { ...signed(), timestamp: '-1790000000' }, { ok: false, reason: 'malformed' }],
    ['a short signature', { ...signed(), signature: 'abcd' }, { ok: false, reason: 'malformed' }],
    ['a non-hex signature', { ...signed(), signature: 'z'.repeat(64) }, { ok: false, reason: 'malformed' }],
    ['a base64 signature', { ...signed(), signature: Buffer.from(signed().signature!, 'hex').toString('base64') }, { ok: false, reason: 'malformed' }],
    ['a path that is not a path', { ...signed(), pathWithQuery: 'v1/sync' }, { ok: false, reason: 'malformed' }],
  ];
  it.each(cases)('%s', (_label, request, verdict) => {
    expect(verifySignedRequest(request)).toEqual(verdict);
  });

  it('accepts the body as bytes or as its hash', () => {
    const base = signed();
    expect(verifySignedRequest({ ...base, body: Buffer.from(BODY) }).ok).toBe(true);
    expect(verifySignedRequest({ ...base, body: undefined, bodySha256Hex: sha256Hex(BODY) }).ok).toBe(true);
  });

  it('reads a fractional clock as whole seconds', () => {
    expect(verifySignedRequest(signed({ signedAt: NOW - 300, now: NOW + 0.999 })).ok).toBe(true);
  });
});

describe('verifySignedDelivery (a request as it arrived: headers and raw body)', () => {
  const headers = signRequest({ keyId: 'demo-hanoi-system', secret: OLD, method: 'POST', pathWithQuery: PATH, body: BODY, now: NOW });
  const delivery = { method: 'POST', pathWithQuery: PATH, body: BODY, secrets: [OLD], now: NOW };

  it('reads the three headers in any case, from a plain object, Node\'s repeated headers or a Headers', () => {
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    const repeated = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v, 'ignored']]));
    for (const h of [headers, upper, repeated, new Headers(headers)]) {
      expect(signedHeaders(h)).toEqual({ keyId: 'demo-hanoi-system', timestamp: String(NOW), signature: headers['x-dvc-signature'] });
      expect(verifySignedDelivery({ ...delivery, headers: h })).toEqual({ ok: true, matched: 0, keyId: 'demo-hanoi-system' });
    }
  });

  it('refuses what verifySignedRequest refuses, and names the key id it was given', () => {
    expect(verifySignedDelivery({ ...delivery, headers, body: `${BODY} ` })).toEqual({ ok: false, reason: 'bad_signature', keyId: 'demo-hanoi-system' });
    expect(verifySignedDelivery({ ...delivery, headers, now: NOW + 301 })).toEqual({ ok: false, reason: 'stale', keyId: 'demo-hanoi-system' });
    expect(verifySignedDelivery({ ...delivery, headers: {} })).toEqual({ ok: false, reason: 'malformed', keyId: undefined });
  });
});
