// CORS through the local gateway over a real socket, as a browser on another origin sees it. With a
// CORS configuration, API Gateway's HTTP API answers preflights itself and puts the configured
// headers on every response — its JWT authorizer's 401 and the Lambda authorizer's 401/403
// included — ignoring those the integration sends. The local gateway does the same, from the one
// declaration (shared/platform/cors.ts), so a browser can read every refusal.
import { describe, expect, it } from 'vitest';
import { CORS } from '../../shared/platform/cors';
import { baseUrl } from '../support/auth';

const ORIGIN = 'http://localhost:5173';

const corsOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: { origin: ORIGIN, ...headers } });
  const text = await res.text();
  return { res, text, cors: corsOf(res) };
};

describe('CORS headers on every answer of the local gateway', () => {
  it('a handler answer carries the declared headers (the reference the gateway answers must match)', async () => {
    const { res, cors } = await call('GET', '/v1/config');
    expect(res.status).toBe(200);
    expect(cors).toMatchObject({
      'access-control-allow-origin': expect.any(String),
      'access-control-expose-headers': CORS.exposeHeaders.join(','),
    });
  });

  it('the JWT authorizer 401, the Lambda authorizer 401 and 403, and the 404 of an unknown route carry the same headers', async () => {
    const reference = (await call('GET', '/v1/config')).cors;
    const answers = [
      ['a user route without a token', 'GET', '/v1/me/dossiers', {}, 401],
      ['a user route with a forged token', 'GET', '/v1/me/dossiers', { authorization: 'Bearer not.a.jwt' }, 401],
      ['an agency-system route without signature headers', 'GET', '/v1/sync/whoami', {}, 401],
      ['an agency-system route signed by an unknown key', 'GET', '/v1/sync/whoami',
        { 'x-dvc-key-id': 'no-such-system', 'x-dvc-timestamp': String(Math.floor(Date.now() / 1000)), 'x-dvc-signature': 'v1=00' }, 403],
      ['a path no route declares', 'GET', '/v1/definitely-not-a-route', {}, 404],
    ] as const;
    for (const [what, method, path, headers, status] of answers) {
      const { res, cors } = await call(method, path, headers);
      expect(res.status, what).toBe(status);
      expect(cors, what).toEqual(reference);
      expect(cors['access-control-allow-origin'], what).toBeTruthy();
    }
  });

  it('a preflight is answered by the gateway with the declared methods, headers and max age', async () => {
    const { res, cors } = await call('OPTIONS', '/v1/dossiers', {
      'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,idempotency-key',
    });
    expect(res.status).toBe(204);
    expect(cors).toMatchObject({
      'access-control-allow-origin': expect.any(String),
      'access-control-allow-methods': CORS.allowMethods.join(','),
      'access-control-allow-headers': CORS.allowHeaders.join(','),
      'access-control-max-age': String(CORS.maxAgeSeconds),
    });
  });
});
