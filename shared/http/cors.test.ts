import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CORS } from '../platform/cors';
import { corsHeaders } from './cors';

describe('CORS headers', () => {
  it('are the declared ones, with lower-case names, for the local gateway\'s own answers', async () => {
    const event = { version: '2.0', headers: { origin: 'https://portal.example' }, requestContext: { http: { method: 'GET' } } } as unknown as APIGatewayProxyEventV2;
    const headers = await corsHeaders(event);
    expect(headers).toMatchObject({
      'access-control-allow-origin': expect.any(String),
      'access-control-allow-headers': CORS.allowHeaders.join(','),
      'access-control-allow-methods': CORS.allowMethods.join(','),
      'access-control-expose-headers': CORS.exposeHeaders.join(','),
      'access-control-max-age': String(CORS.maxAgeSeconds),
    });
    expect(Object.keys(headers).filter((name) => name !== name.toLowerCase())).toEqual([]);
  });
});
