import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { ApiMiddleware } from './context';
import { lowerCaseHeaderNames, lowerCaseResponseHeaders } from './header-names';

const event = { routeKey: 'GET /v1/x', headers: {} } as APIGatewayProxyEventV2;

describe('header names', () => {
  it('lower-cases the names and keeps the values', () => {
    expect(lowerCaseHeaderNames({ 'Content-Type': 'application/json', 'X-Request-Id': 'abc', vary: 'Origin' }))
      .toEqual({ 'content-type': 'application/json', 'x-request-id': 'abc', vary: 'Origin' });
    expect(lowerCaseHeaderNames({ 'Access-Control-Max-Age': 600 })).toEqual({ 'access-control-max-age': 600 });
    expect(lowerCaseHeaderNames(undefined)).toEqual({});
    expect(lowerCaseHeaderNames(null)).toEqual({});
  });

  it('spells the response headers lower-case on success and on error, whatever set them', async () => {
    const setsMixedCase: ApiMiddleware = {
      after: ({ response }) => { response!.headers = { ...response!.headers, 'Strict-Transport-Security': 'max-age=1' }; },
      onError: (request) => { request.response = { statusCode: 500, headers: { 'Content-Type': 'application/json' } }; },
    };
    const answering = middy(async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 200, headers: { 'Cache-Control': 'no-store' } }))
      .use(lowerCaseResponseHeaders()).use(setsMixedCase);
    expect((await answering(event, {} as never)).headers).toEqual({ 'cache-control': 'no-store', 'strict-transport-security': 'max-age=1' });

    const failing = middy(async (): Promise<APIGatewayProxyStructuredResultV2> => { throw new Error('boom'); })
      .use(lowerCaseResponseHeaders()).use(setsMixedCase);
    expect((await failing(event, {} as never)).headers).toEqual({ 'content-type': 'application/json' });
  });

  it('leaves a response without headers as it is', async () => {
    const bare = middy(async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 204 })).use(lowerCaseResponseHeaders());
    expect(await bare(event, {} as never)).toEqual({ statusCode: 204 });
  });
});
