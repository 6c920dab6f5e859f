import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiContext, ApiMiddleware } from './context';
import { logger } from './logger';
import { requestIdOf, requestLog, requestLogging } from './request-log';

const eventWith = (headers: Record<string, string> = {}) => ({
  routeKey: 'POST /v1/things', headers, body: '{"idNumber":"001099012345"}', requestContext: { requestId: 'apigw-req-0001' },
}) as unknown as APIGatewayProxyEventV2;
const answering = (...middlewares: ApiMiddleware[]) =>
  middy(async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 201, headers: { 'x-request-id': 'from-route' }, body: '{}' })).use(middlewares);

afterEach(() => { vi.restoreAllMocks(); });

describe('request id', () => {
  it('keeps a well-formed x-request-id from the client, else takes API Gateway\'s', () => {
    expect(requestIdOf(eventWith({ 'x-request-id': 'client-req-12345' }))).toBe('client-req-12345');
    expect(requestIdOf(eventWith({ 'x-request-id': 'bad id with spaces' }))).toBe('apigw-req-0001');
    expect(requestIdOf(eventWith({ 'x-request-id': 'short' }))).toBe('apigw-req-0001');
    expect(requestIdOf(eventWith({ 'x-request-id': 'x'.repeat(129) }))).toBe('apigw-req-0001');
    expect(requestIdOf(eventWith())).toBe('apigw-req-0001');
  });

  it('makes one up when API Gateway gave none', () => {
    expect(requestIdOf({ headers: {} } as APIGatewayProxyEventV2)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request log', () => {
  it('puts the id on the context, answers it and logs one line: id, route key, status, duration; never the request', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const context = {} as ApiContext;
    const res = await answering(requestLog())(eventWith({ 'x-request-id': 'client-req-12345' }), context);
    expect(context.requestId).toBe('client-req-12345');
    expect(res.headers).toEqual({ 'x-request-id': 'client-req-12345' });
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith('request', { requestId: 'client-req-12345', routeKey: 'POST /v1/things', status: 201, durationMs: expect.any(Number) });
    expect(JSON.stringify(info.mock.calls)).not.toContain('001099012345');
  });

  it('logs and answers the id on the error path too, once a response has been set', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const envelope: ApiMiddleware = { onError: (request) => { request.response = { statusCode: 404, body: '{}' }; } };
    const failing = middy(async (): Promise<APIGatewayProxyStructuredResultV2> => { throw new Error('x'); }).use(requestLog()).use(envelope);
    const res = await failing(eventWith(), {} as ApiContext);
    expect(res.headers).toEqual({ 'x-request-id': 'apigw-req-0001' });
    expect(info).toHaveBeenCalledWith('request', expect.objectContaining({ requestId: 'apigw-req-0001', status: 404 }));
  });

  it('adds the Lambda context to what the function logs while handling (Powertools), not the event', async () => {
    const written: string[] = [];
    // Powertools writes warnings to stderr, in AWS as here.
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
    const warning: ApiMiddleware = { before: () => { logger.warn('while handling'); } };
    const lambdaContext = { functionName: 'dvc-things', awsRequestId: 'aws-req-42', invokedFunctionArn: 'arn:aws:lambda:x', memoryLimitInMB: '256', functionVersion: '$LATEST' };
    await answering(...requestLogging(), warning)(eventWith(), lambdaContext as ApiContext);
    vi.mocked(process.stderr.write).mockRestore();
    const line = JSON.parse(written.find((w) => w.includes('while handling'))!);
    expect(line).toMatchObject({ message: 'while handling', function_name: 'dvc-things', function_request_id: 'aws-req-42' });
    expect(written.join('')).not.toContain('001099012345');
  });
});
