// The provider signatures of the signed gateway protocol (docs/payments.md).
import { describe, expect, it } from 'vitest';
import { callback, NOW } from '../domain/order.test-support';
import { canonicalParams, signBody, signParams, verifyBody, verifyParams } from './signing';

describe('provider signatures', () => {
  const secret = 'a-shared-secret-of-some-length';

  it('checkout parameters: sorted, encoded, tamper-evident', () => {
    const params = { orderId: 'o-1', amount: '7000', description: 'Hồ sơ & lệ phí', returnUrl: 'http://x/?a=1' };
    expect(canonicalParams(params)).toBe('amount=7000&description=H%E1%BB%93%20s%C6%A1%20%26%20l%E1%BB%87%20ph%C3%AD&orderId=o-1&returnUrl=http%3A%2F%2Fx%2F%3Fa%3D1');
    const signed = { ...params, signature: signParams(secret, params) };
    expect(verifyParams(secret, signed)).toBe(true);
    expect(verifyParams(secret, { ...signed, amount: '700' })).toBe(false);
    expect(verifyParams('another-secret-entirely', signed)).toBe(false);
    expect(verifyParams(secret, params as Record<string, string>)).toBe(false);
  });

  it('bodies: the right secret within five minutes only', () => {
    const body = JSON.stringify(callback());
    const headers = signBody(secret, body, NOW);
    expect(verifyBody(secret, headers, body, NOW)).toEqual({ ok: true });
    expect(verifyBody(secret, headers, body, new Date(NOW.getTime() + 299_000))).toEqual({ ok: true });
    expect(verifyBody(secret, headers, body, new Date(NOW.getTime() + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyBody(secret, headers, body.replace('7000', '70000'), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBody('another-secret-entirely', headers, body, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBody(secret, {}, body, NOW)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyBody(secret, { ...headers, 'x-payment-signature': 'zz' }, body, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
