import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badRequest, conflict, DomainError, notFound } from '../errors/domain-error';
import type { ApiContext, ApiMiddleware } from './context';
import { errorEnvelope, errorResult } from './error-envelope';
import { logger } from './logger';

const event = { routeKey: 'POST /v1/things', body: '{"idNumber":"001099012345"}', headers: { authorization: 'Bearer secret-token' } } as unknown as APIGatewayProxyEventV2;
const failingWith = (error: unknown, ...before: ApiMiddleware[]) =>
  middy(async (): Promise<APIGatewayProxyStructuredResultV2> => { throw error; }).use(before).use(errorEnvelope())(event, { requestId: 'req-12345678' } as ApiContext);

afterEach(() => { vi.restoreAllMocks(); });

describe('error envelope', () => {
  it('answers a domain error with its kind\'s status and exactly {"error":{"code","message","details?"}}', async () => {
    const invalid = await failingWith(badRequest('VALIDATION_FAILED', 'The request is not valid', [{ path: 'body.name', message: 'Required' }]));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(invalid.body).toBe('{"error":{"code":"VALIDATION_FAILED","message":"The request is not valid","details":[{"path":"body.name","message":"Required"}]}}');
    const missing = await failingWith(notFound('Dossier'));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('{"error":{"code":"NOT_FOUND","message":"Dossier was not found"}}');
    expect((await failingWith(conflict('VERSION_CONFLICT', 'stale'))).statusCode).toBe(409);
    expect(errorResult(new DomainError('method_not_allowed', 'METHOD_NOT_ALLOWED', 'no')).status).toBe(405);
  });

  it('hides anything else behind a generic 500 INTERNAL_ERROR and logs what failed, never the request', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await failingWith(new Error('database exploded at 10.0.0.7'));
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(String(res.body))).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
    expect(res.body).not.toContain('exploded');
    expect(logged).toHaveBeenCalledTimes(1);
    const [message, fields] = logged.mock.calls[0]!;
    expect(message).toBe('Unhandled error');
    expect(fields).toMatchObject({ requestId: 'req-12345678', routeKey: 'POST /v1/things', error: { message: 'database exploded at 10.0.0.7' } });
    expect(JSON.stringify(fields)).not.toMatch(/001099012345|secret-token/);
    // A thrown non-Error is not the client's fault either.
    expect((await failingWith('a string')).statusCode).toBe(500);
  });

  it('does not log a domain error: it is an answer, not a failure', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    await failingWith(notFound('Dossier'));
    expect(logged).not.toHaveBeenCalled();
  });

  it('sets the response without ending the error chain, so the middlewares used before it still add their headers', async () => {
    const addsHeader: ApiMiddleware = { onError: ({ response }) => { response!.headers = { ...response!.headers, 'x-added': 'yes' }; } };
    expect((await failingWith(notFound('Dossier'), addsHeader)).headers).toMatchObject({ 'x-added': 'yes' });
  });
});
