// The composition: the kit's middlewares in their order, what a route implementation is given, and
// what a capability's own middleware (`.use`) can establish. Each concern's own cases are beside
// its file; test/http/api.test.ts runs the same handler on the local gateway's real events.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { conflict } from '../errors/domain-error';
import { defineRoute } from '../platform/routes';
import type { AuthRule, RouteRequest } from '../platform/types';
import { createApiHandler, implement, MAX_BODY_BYTES, ok, type ApiMiddleware, type RouteInput } from './api';
import { logger } from './logger';

const route = <Req extends RouteRequest>(id: string, method: 'GET' | 'POST', path: string, auth: AuthRule, request: Req) =>
  defineRoute({ id, method, path, fn: 'test', auth, summary: id, description: id, tags: [], request, responses: { 200: { description: 'ok' } } });
const officialsPost = route('officialsPost', 'POST', '/v1/kit/official', { kind: 'user', groups: ['official'] }, { body: z.object({ n: z.number() }) });
const systemsPost = route('systemsPost', 'POST', '/v1/kit/system', { kind: 'agency-system', scope: 'sync.write' }, { body: z.object({ n: z.number() }) });
const noBody = route('noBody', 'POST', '/v1/kit/no-body', { kind: 'public' }, {});
const conflicting = route('conflicting', 'GET', '/v1/kit/conflict', { kind: 'public' }, {});

const seen: Array<RouteInput<Record<string, never>>> = [];
const impls = [
  implement(officialsPost, async ({ body }) => ok({ n: body.n })),
  implement(systemsPost, async ({ body, principal }) => ok({ n: body.n, principal })),
  implement(noBody, async (input) => { seen.push(input); return ok({ body: input.body ?? null }); }),
  implement(conflicting, async () => { throw conflict('VERSION_CONFLICT', 'stale'); }),
];

const event = (method: string, path: string, opts: { body?: string; headers?: Record<string, string>; authorizer?: object; routeKey?: string } = {}) => ({
  version: '2.0', routeKey: opts.routeKey ?? `${method} ${path}`, rawPath: path, rawQueryString: '',
  headers: { 'content-type': 'application/json', origin: 'https://portal.example', ...opts.headers },
  requestContext: { requestId: 'apigw-req-0001', http: { method, path }, authorizer: opts.authorizer },
  body: opts.body, isBase64Encoded: false,
}) as unknown as APIGatewayProxyEventV2;
const bodyOf = (res: { body?: string }) => JSON.parse(String(res.body));
const OFFICIAL = { jwt: { claims: { sub: 'o1', 'cognito:groups': '[official]' } } };

afterEach(() => { vi.restoreAllMocks(); seen.length = 0; });

describe('the HTTP kit, composed', () => {
  const handler = createApiHandler(impls);

  it('checks the route\'s auth rule before reading the body: an anonymous oversized or non-JSON body is a 401', async () => {
    const huge = JSON.stringify({ n: 1, pad: 'x'.repeat(MAX_BODY_BYTES) });
    for (const res of [
      await handler(event('POST', '/v1/kit/official', { body: huge }), {} as never),
      await handler(event('POST', '/v1/kit/official', { body: 'n=1', headers: { 'content-type': 'text/plain' } }), {} as never),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(bodyOf(res).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await handler(event('POST', '/v1/kit/official', { body: huge, authorizer: OFFICIAL }), {} as never)).statusCode).toBe(413);
    expect(bodyOf(await handler(event('POST', '/v1/kit/official', { body: '{"n":3}', authorizer: OFFICIAL }), {} as never))).toEqual({ n: 3 });
  });

  it('does not read the body of a route that declares none', async () => {
    const res = await handler(event('POST', '/v1/kit/no-body', { body: 'n=1', headers: { 'content-type': 'text/plain' } }), {} as never);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({ body: null });
    expect(seen[0]).toMatchObject({ principal: { kind: 'anonymous' }, requestId: 'apigw-req-0001' });
  });

  it('answers every error in the envelope with the same headers as a success, names lower-case', async () => {
    const logged = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const answers = [
      await handler(event('GET', '/v1/kit/conflict'), {} as never),
      await handler(event('GET', '/v1/nowhere', { routeKey: '$default' }), {} as never),
      await handler(event('POST', '/v1/kit/no-body'), {} as never),
    ];
    expect(answers.map((res) => res.statusCode)).toEqual([409, 404, 200]);
    expect(bodyOf(answers[0]!).error.code).toBe('VERSION_CONFLICT');
    expect(bodyOf(answers[1]!)).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route' } });
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'x-request-id': 'apigw-req-0001', 'x-content-type-options': 'nosniff', 'access-control-allow-origin': expect.any(String),
        'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8',
      });
      expect(Object.keys(res.headers!).filter((name) => name !== name.toLowerCase())).toEqual([]);
    }
    // One log line per request, errors included.
    expect(logged.mock.calls.filter(([message]) => message === 'request').map(([, fields]) => (fields as { status: number }).status)).toEqual([409, 404, 200]);
  });

  it('gives an undeclared route key to the fallback with no request parts, the caller and the request id', async () => {
    const fallback = vi.fn(async () => ok({ fallback: true }));
    const withFallback = createApiHandler(impls, { fallback });
    const unknown = event('GET', '/v1/other', { routeKey: '$default', headers: { 'x-request-id': 'client-req-12345' }, authorizer: OFFICIAL });
    expect(bodyOf(await withFallback(unknown, {} as never))).toEqual({ fallback: true });
    expect(fallback).toHaveBeenCalledWith({
      params: undefined, query: undefined, body: undefined, headers: undefined,
      principal: expect.objectContaining({ kind: 'user', sub: 'o1' }), requestId: 'client-req-12345', event: unknown,
    });
  });
});

describe('a capability\'s own middleware (the extension point)', () => {
  // As functions/identity/signed-body.ts does once it has verified a signature over the body.
  const provesSystem: ApiMiddleware = {
    before: ({ event, context }) => {
      if (event.headers['x-proof'] === 'good') context.principal = { kind: 'agency-system', keyId: 'demo-system', agencyCodes: ['000.00.00.H26'], scopes: ['sync.write', 'sync.read', 'catalogue.read'] };
    },
  };

  it('runs after the caller is read and before the route\'s auth rule, and its caller reaches the implementation', async () => {
    const handler = createApiHandler(impls).use(provesSystem);
    const proven = event('POST', '/v1/kit/system', { body: '{"n":1}', headers: { 'x-proof': 'good' }, authorizer: { lambda: { pendingKeyId: 'demo-system', signature: 'body-pending' } } });
    const pristine = structuredClone(proven);
    const res = await handler(proven, {} as never);
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual({ n: 1, principal: { kind: 'agency-system', keyId: 'demo-system', agencyCodes: ['000.00.00.H26'], scopes: ['sync.write', 'sync.read', 'catalogue.read'] } });
    // What it established travels on the context: the event stays as API Gateway sent it.
    expect(proven).toEqual(pristine);
    const unproven = await handler(event('POST', '/v1/kit/system', { body: '{"n":1}', headers: { 'x-proof': 'bad' } }), {} as never);
    expect(unproven.statusCode).toBe(401);
  });

  it('is answered in the envelope when it fails', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const broken = createApiHandler(impls).use({ before: () => { throw new Error('registry down'); } });
    const res = await broken(event('POST', '/v1/kit/system', { body: '{"n":1}' }), {} as never);
    expect(res.statusCode).toBe(500);
    expect(bodyOf(res).error.code).toBe('INTERNAL_ERROR');
    expect(res.headers!['x-request-id']).toBe('apigw-req-0001');
  });
});
