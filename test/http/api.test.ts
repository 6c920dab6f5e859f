// The kit (shared/http/api.ts) on the events the local gateway builds, as the runtime invokes it: one
// case per concern end to end. Each concern's own cases (exact field paths, request-id rules, ...)
// are beside its file under shared/http/ (the unit project).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiHandler, implement, ok, MAX_BODY_BYTES } from '../../shared/http/api';
import { conflict } from '../../shared/errors/domain-error';
import { defineRoute } from '../../shared/platform/routes';
import { buildHttpApiEvent } from '../../local/gateway/event';
import { lambdaContext } from '../support/invoke';

const echo = defineRoute({
  id: 'echo', method: 'POST', path: '/v1/echo/{id}', fn: 'test', auth: { kind: 'public' },
  summary: 'echo', description: 'Echoes its input.', tags: [],
  request: {
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    query: z.object({ n: z.coerce.number().int().max(5).default(1) }),
    body: z.object({ name: z.string().min(1), nested: z.object({ n: z.number() }).optional() }),
  },
  responses: { 200: { description: 'echo' } },
});
const adminOnly = defineRoute({
  id: 'adminOnly', method: 'GET', path: '/v1/admin-thing', fn: 'test', auth: { kind: 'user', groups: ['admin'] },
  summary: 'admin', description: 'Admins only.', tags: [], request: {}, responses: { 200: { description: 'ok' } },
});
const fails = defineRoute({
  id: 'fails', method: 'GET', path: '/v1/fails', fn: 'test', auth: { kind: 'public' },
  summary: 'fails', description: 'Always fails.', tags: [], request: {}, responses: { 200: { description: 'ok' } },
});
const conflicts = defineRoute({ ...fails, id: 'conflicts', path: '/v1/conflicts' });

const handler = createApiHandler([
  implement(echo, async ({ params, query, body }) => ok({ id: params.id, n: query.n, name: body.name })),
  implement(adminOnly, async ({ principal }) => ok({ kind: principal.kind })),
  implement(fails, async () => { throw new Error('database exploded'); }),
  implement(conflicts, async () => { throw conflict('VERSION_CONFLICT', 'stale'); }),
]);

const call = async (opts: { method: string; path: string; routeKey: string; params?: Record<string, string>; query?: string; headers?: Record<string, string>; body?: string | Buffer; claims?: Record<string, unknown> }) => {
  const event = buildHttpApiEvent(
    { method: opts.method, path: opts.path, rawQueryString: opts.query, headers: opts.headers, body: opts.body },
    { routeKey: opts.routeKey, pathParameters: opts.params, authorizer: opts.claims ? { jwt: { claims: opts.claims, scopes: null } } : undefined },
  );
  const res = await handler(event, lambdaContext());
  return { status: res.statusCode, headers: res.headers as Record<string, string>, body: res.body ? JSON.parse(res.body) : undefined };
};

const post = (body: string | Buffer | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, query = '', id = '7') =>
  call({ method: 'POST', path: `/v1/echo/${id}`, routeKey: 'POST /v1/echo/{id}', params: { id }, query, headers, body });

describe('shared HTTP stack', () => {
  it('parses, validates and answers with typed values', async () => {
    const res = await post(JSON.stringify({ name: 'Lan' }), undefined, 'n=3');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '7', n: 3, name: 'Lan' });
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it.each([
    ['malformed JSON', '{"name":', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
    ['wrong content type', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', '{"name":"x"}', {}, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['missing body', undefined, { 'content-type': 'application/json' }, 400, 'VALIDATION_FAILED'],
    ['JSON of the wrong shape', '[1,2]', { 'content-type': 'application/json' }, 400, 'VALIDATION_FAILED'],
    ['oversized body', JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }), { 'content-type': 'application/json' }, 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with the error envelope', async (_label, body, headers, status, code) => {
    const res = await post(body as string | undefined, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers 401 without a token and 403 for the wrong group', async () => {
    const anon = await call({ method: 'GET', path: '/v1/admin-thing', routeKey: 'GET /v1/admin-thing' });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    const citizen = await call({ method: 'GET', path: '/v1/admin-thing', routeKey: 'GET /v1/admin-thing', claims: { sub: 'u1', 'cognito:groups': '[citizen]' } });
    expect(citizen.status).toBe(403);
    const admin = await call({ method: 'GET', path: '/v1/admin-thing', routeKey: 'GET /v1/admin-thing', claims: { sub: 'u2', 'cognito:groups': '[citizen admin]' } });
    expect(admin.status).toBe(200);
  });

  it('maps domain errors to their status and hides unexpected ones behind a generic 500', async () => {
    const c = await call({ method: 'GET', path: '/v1/conflicts', routeKey: 'GET /v1/conflicts' });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('VERSION_CONFLICT');
    const f = await call({ method: 'GET', path: '/v1/fails', routeKey: 'GET /v1/fails' });
    expect(f.status).toBe(500);
    expect(JSON.stringify(f.body)).not.toContain('database exploded');
  });

  it('answers an unknown route key with 404 ROUTE_NOT_FOUND', async () => {
    const res = await call({ method: 'GET', path: '/v1/nowhere', routeKey: '$default' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('sets security and CORS headers', async () => {
    const res = await post(JSON.stringify({ name: 'a' }), { 'content-type': 'application/json', origin: 'https://portal.example' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeTruthy();
  });
});
