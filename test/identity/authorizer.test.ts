// The agency-system Lambda authorizer and the handler-side body check, against DynamoDB Local
// (the identity table is provisioned by the test run's global setup from the declaration).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler as authorizer } from '../../functions/identity/authorizer';
import { AgencySystemRegistry } from '../../functions/identity/adapters/registry';
import { signedBodies } from '../../functions/identity/signed-body';
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { defineRoute } from '../../shared/platform/routes';
import { lambdaContext } from '../support/invoke';
import { authorizerEvent, distinctSeconds, integrationEvent, nowSeconds, signedCall, switchOffTestSystems, uniqueKeyId, useTestSealingKey } from './support';

useTestSealingKey();
// The systems registered here (Hà Nội, endpoints that do not exist) are switched off at the end.
afterAll(switchOffTestSystems);

const HANOI = '000.00.00.H26';
const WHOAMI = 'GET /v1/sync/whoami';
let registry: AgencySystemRegistry;
const register = async (label: string, secret = `secret-${label}-${Math.random()}`) => {
  const keyId = uniqueKeyId(label);
  await registry.register({ keyId, name: `Test ${label}`, agencyCodes: [HANOI], endpointUrl: 'https://agency.example/in' }, { now: new Date(), secret });
  return { keyId, secret };
};
const second = distinctSeconds();
const whoami = (keyId: string, secret: string, extra: Partial<Parameters<typeof signedCall>[0]> = {}) =>
  authorizerEvent(signedCall({ keyId, secret, method: 'GET', path: '/v1/sync/whoami', at: second(), ...extra }), WHOAMI);

beforeAll(() => {
  expect(process.env.TABLE_IDENTITY, 'the global setup provisions the identity table').toBeTruthy();
  registry = new AgencySystemRegistry();
});

describe('agency authorizer: requests without a body (fully verified here)', () => {
  it('accepts a valid signed request and hands over key id and agency codes', async () => {
    const { keyId, secret } = await register('valid');
    expect(await authorizer(whoami(keyId, secret))).toEqual({
      isAuthorized: true,
      context: { keyId, agencyCodes: HANOI, scopes: 'sync.write,sync.read,catalogue.read', signature: 'verified' },
    });
  });

  it('accepts a signed query string and header names in any case', async () => {
    const { keyId, secret } = await register('query');
    const call = signedCall({ keyId, secret, method: 'GET', path: '/v1/sync/outbox', query: 'cursor=abc&limit=5' });
    const mixed = { ...call, headers: Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toUpperCase(), v])) };
    expect((await authorizer(authorizerEvent(mixed, 'GET /v1/sync/outbox'))).isAuthorized).toBe(true);
  });

  it.each([
    ['290 s old', -290, true],
    ['290 s ahead', 290, true],
    ['301 s old (stale)', -301, false],
    ['301 s ahead', 301, false],
    ['a day old', -86_400, false],
  ])('timestamp %s → %s', async (_label, offset, allowed) => {
    const { keyId, secret } = await register('window');
    expect((await authorizer(whoami(keyId, secret, { at: nowSeconds() + offset }))).isAuthorized).toBe(allowed);
  });

  it('refuses a bad signature, and tampering with path, query or method', async () => {
    const { keyId, secret } = await register('tamper');
    const cases = [
      whoami(keyId, 'not-the-secret'),
      authorizerEvent(signedCall({ keyId, secret, method: 'GET', path: '/v1/sync/outbox', query: 'cursor=a', tamper: { query: 'cursor=b' } }), 'GET /v1/sync/outbox'),
      authorizerEvent(signedCall({ keyId, secret, method: 'GET', path: '/v1/sync/outbox', query: 'cursor=a', tamper: { query: '' } }), 'GET /v1/sync/outbox'),
      authorizerEvent(signedCall({ keyId, secret, method: 'GET', path: '/v1/sync/outbox', tamper: { path: '/v1/sync/whoami' } }), WHOAMI),
      authorizerEvent(signedCall({ keyId, secret, method: 'DELETE', path: '/v1/sync/whoami', tamper: { method: 'GET' } }), WHOAMI),
    ];
    for (const event of cases) expect(await authorizer(event)).toEqual({ isAuthorized: false });
  });

  it('refuses the replay of a signature it already accepted, even concurrently', async () => {
    const { keyId, secret } = await register('replay');
    const event = whoami(keyId, secret);
    expect((await authorizer(event)).isAuthorized).toBe(true);
    expect((await authorizer(event)).isAuthorized).toBe(false);

    const burst = whoami(keyId, secret);
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => authorizer(burst)));
    expect(verdicts.filter((v) => v.isAuthorized)).toHaveLength(1);
  });

  it('accepts the old and the new secret during a rotation, and at most two', async () => {
    const { keyId, secret: first } = await register('rotate');
    const { issued: second } = await registry.rotate(keyId, { now: new Date() });
    expect((await authorizer(whoami(keyId, first))).isAuthorized).toBe(true);
    expect((await authorizer(whoami(keyId, second.secret))).isAuthorized).toBe(true);

    const { issued: third, revokedIds } = await registry.rotate(keyId, { now: new Date() });
    expect(revokedIds).toHaveLength(1);
    expect((await authorizer(whoami(keyId, first))).isAuthorized).toBe(false);
    expect((await authorizer(whoami(keyId, second.secret))).isAuthorized).toBe(true);
    expect((await authorizer(whoami(keyId, third.secret))).isAuthorized).toBe(true);
  });

  it('refuses a revoked secret at once, and a system with no active secret at all', async () => {
    const { keyId, secret } = await register('revoke');
    const { issued } = await registry.rotate(keyId, { now: new Date() });
    const firstId = (await registry.get(keyId))!.secrets[0]!.id;
    await registry.revoke(keyId, firstId, { now: new Date() });
    expect((await authorizer(whoami(keyId, secret))).isAuthorized).toBe(false);
    expect((await authorizer(whoami(keyId, issued.secret))).isAuthorized).toBe(true);
    await registry.revoke(keyId, issued.id, { now: new Date() });
    expect((await authorizer(whoami(keyId, issued.secret))).isAuthorized).toBe(false);
  });

  it('refuses an unknown key id', async () => {
    expect(await authorizer(whoami(uniqueKeyId('nobody'), 'whatever'))).toEqual({ isAuthorized: false });
  });

  // No identity sources (a token or the signature, docs/identity.md): an incomplete signature is no
  // credential at all, passed on with no caller for the route's rule to answer 401.
  it.each([
    ['no signature', { drop: ['x-dvc-signature'] }],
    ['no timestamp', { drop: ['x-dvc-timestamp'] }],
    ['no key id', { drop: ['x-dvc-key-id'] }],
  ])('passes on with no caller: %s', async (_label, change) => {
    const { keyId, secret } = await register('incomplete');
    expect(await authorizer(whoami(keyId, secret, change))).toEqual({ isAuthorized: true, context: { signature: 'none' } });
  });

  it.each([
    ['a timestamp that is not unix seconds', { tamper: { headers: { 'x-dvc-timestamp': '2026-11-22T07:00:00Z' } } }],
    ['a signature that is not hex', { tamper: { headers: { 'x-dvc-signature': 'sig' } } }],
    ['a key id with a separator in it', { tamper: { headers: { 'x-dvc-key-id': 'a#b c' } } }],
    ['a very long key id', { tamper: { headers: { 'x-dvc-key-id': 'k'.repeat(500) } } }],
  ])('refuses malformed headers: %s', async (_label, change) => {
    const { keyId, secret } = await register('malformed');
    expect(await authorizer(whoami(keyId, secret, change))).toEqual({ isAuthorized: false });
  });
});

// A body-carrying agency-system route, as the sync function will have.
const echoRoute = defineRoute({
  id: 'testSignedEcho', method: 'POST', path: '/v1/sync/test-echo', fn: 'test', auth: { kind: 'agency-system', scope: 'sync.write' },
  summary: 'test', description: 'Echoes a signed body.', tags: [], request: { body: z.object({ n: z.number() }) }, responses: { 200: { description: 'ok' } },
});
const ECHO = 'POST /v1/sync/test-echo';
const echoImpl = implement(echoRoute, async ({ principal, body }) =>
  ok({ n: body.n, keyId: principal.kind === 'agency-system' ? principal.keyId : null }));
const guarded = createApiHandler([echoImpl]).use(signedBodies());
const forgetful = createApiHandler([echoImpl]);

/** Authorizer, then (when allowed) the function, as API Gateway chains them. */
const through = async (fn: typeof guarded, call: ReturnType<typeof signedCall>) => {
  const verdict = await authorizer(authorizerEvent(call, ECHO));
  if (!verdict.isAuthorized) return { stage: 'authorizer' as const, status: 403 };
  const res = await fn(integrationEvent(call, ECHO, { ...verdict.context }), lambdaContext());
  return { stage: 'handler' as const, status: res.statusCode, body: JSON.parse(String(res.body)), context: verdict.context };
};

describe('requests with a body: authorizer, then the signed-body middleware', () => {
  it('lets the authorizer check key and window only, and the function verify the body', async () => {
    const { keyId, secret } = await register('body');
    const call = signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":7}' });
    const res = await through(guarded, call);
    expect(res.context).toEqual({ pendingKeyId: keyId, signature: 'body-pending' });
    expect(res).toMatchObject({ stage: 'handler', status: 200, body: { n: 7, keyId } });
  });

  it('leaves the event as API Gateway sent it: the verified caller travels on the context', async () => {
    const { keyId, secret } = await register('body-pristine');
    const call = signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":5}' });
    const verdict = await authorizer(authorizerEvent(call, ECHO));
    if (!verdict.isAuthorized) throw new Error('the authorizer refused a good request');
    const event = integrationEvent(call, ECHO, { ...verdict.context });
    const pristine = structuredClone(event);
    const res = await guarded(event, lambdaContext());
    expect({ status: res.statusCode, body: JSON.parse(String(res.body)) }).toEqual({ status: 200, body: { n: 5, keyId } });
    expect(event).toEqual(pristine);
  });

  it('answers 401 (envelope) to a tampered body, a bad signature and a replay', async () => {
    const { keyId, secret } = await register('body-bad');
    const tampered = await through(guarded, signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":7}', tamper: { body: '{"n":8}' } }));
    expect(tampered).toMatchObject({ stage: 'handler', status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const forged = await through(guarded, signedCall({ keyId, secret: 'guess', method: 'POST', path: '/v1/sync/test-echo', body: '{"n":7}' }));
    expect(forged).toMatchObject({ stage: 'handler', status: 401 });

    const call = signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":9}' });
    expect((await through(guarded, call)).status).toBe(200);
    expect(await through(guarded, call)).toMatchObject({ stage: 'handler', status: 401 });
  });

  it('does not spend the nonce of a request whose body has not been verified yet', async () => {
    const { keyId, secret } = await register('body-nonce');
    const call = signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":1}' });
    // The authorizer alone, twice (e.g. API Gateway retried): both allowed as body-pending.
    expect((await authorizer(authorizerEvent(call, ECHO))).isAuthorized).toBe(true);
    expect((await authorizer(authorizerEvent(call, ECHO))).isAuthorized).toBe(true);
    expect((await through(guarded, call)).status).toBe(200);
  });

  it('refuses at the authorizer what it can check without the body', async () => {
    const { keyId, secret } = await register('body-stale');
    const stale = signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":1}', at: nowSeconds() - 301 });
    expect(await through(guarded, stale)).toEqual({ stage: 'authorizer', status: 403 });
    const unknown = signedCall({ keyId: uniqueKeyId('ghost'), secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":1}' });
    expect(await through(guarded, unknown)).toEqual({ stage: 'authorizer', status: 403 });
  });

  it('refuses a key id swapped between the authorizer and the function', async () => {
    const a = await register('swap-a');
    const b = await register('swap-b');
    const call = signedCall({ keyId: b.keyId, secret: b.secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":1}' });
    const res = await guarded(integrationEvent(call, ECHO, { pendingKeyId: a.keyId, signature: 'body-pending' }), lambdaContext());
    expect(res.statusCode).toBe(401);
  });

  it('fails closed when a function forgets the middleware: 401, never the handler', async () => {
    const { keyId, secret } = await register('forgetful');
    const res = await through(forgetful, signedCall({ keyId, secret, method: 'POST', path: '/v1/sync/test-echo', body: '{"n":1}' }));
    expect(res).toMatchObject({ stage: 'handler', status: 401 });
  });
});
