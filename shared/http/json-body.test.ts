import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from './context';
import { bodyBytes, jsonBody, MAX_BODY_BYTES, parseJsonBody } from './json-body';

const JSON_TYPE = { 'content-type': 'application/json' };
const request = (body: string | undefined, headers: Record<string, string> = JSON_TYPE, isBase64Encoded = false) =>
  ({ body, headers, isBase64Encoded }) as APIGatewayProxyEventV2;
const refusal = (event: APIGatewayProxyEventV2) => {
  try {
    parseJsonBody(event);
  } catch (error) {
    return { kind: (error as { kind: string }).kind, code: (error as { code: string }).code };
  }
  return 'parsed';
};

describe('JSON body', () => {
  it('parses JSON, the +json types and parameters, and base64-encoded bodies', () => {
    expect(parseJsonBody(request('{"name":"Lan","n":[1,2]}'))).toEqual({ name: 'Lan', n: [1, 2] });
    expect(parseJsonBody(request('{"a":1}', { 'content-type': 'Application/Merge-Patch+JSON; charset=utf-8' }))).toEqual({ a: 1 });
    expect(parseJsonBody(request(Buffer.from('{"tên":"Hà Nội"}').toString('base64'), JSON_TYPE, true))).toEqual({ tên: 'Hà Nội' });
  });

  it('has no value when there is no body, whatever the content type', () => {
    expect(parseJsonBody(request(undefined, {}))).toBeUndefined();
    expect(parseJsonBody(request('', { 'content-type': 'text/plain' }))).toBeUndefined();
  });

  it('refuses more than MAX_BODY_BYTES of decoded bytes as too_large PAYLOAD_TOO_LARGE, before reading the type', () => {
    const atLimit = JSON.stringify('x'.repeat(MAX_BODY_BYTES - 2));
    expect(parseJsonBody(request(atLimit))).toHaveLength(MAX_BODY_BYTES - 2);
    // Base64 of exactly the limit is longer than the limit: the decoded size counts.
    expect(parseJsonBody(request(Buffer.from(atLimit).toString('base64'), JSON_TYPE, true))).toHaveLength(MAX_BODY_BYTES - 2);
    expect(refusal(request(`${atLimit} `, { 'content-type': 'text/plain' }))).toEqual({ kind: 'too_large', code: 'PAYLOAD_TOO_LARGE' });
    // Multi-byte characters count as bytes, not characters.
    expect(refusal(request(JSON.stringify('ệ'.repeat(MAX_BODY_BYTES / 3))))).toEqual({ kind: 'too_large', code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['plain text', { 'content-type': 'text/plain' }],
    ['no content type', {}],
    ['a type merely containing json', { 'content-type': 'text/json-ish' }],
  ])('refuses %s as unsupported_type UNSUPPORTED_MEDIA_TYPE', (_label, headers) => {
    expect(refusal(request('{"name":"x"}', headers))).toEqual({ kind: 'unsupported_type', code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses malformed JSON as invalid INVALID_JSON', () => {
    expect(refusal(request('{"name":'))).toEqual({ kind: 'invalid', code: 'INVALID_JSON' });
    expect(refusal(request(Buffer.from('not json').toString('base64'), JSON_TYPE, true))).toEqual({ kind: 'invalid', code: 'INVALID_JSON' });
  });

  it('puts the value on the context and leaves the raw body on the event', async () => {
    const event = request('{"n":1}');
    const seen = await middy(async (_event: APIGatewayProxyEventV2, context: ApiContext) => context.jsonBody).use(jsonBody())(event, {} as ApiContext);
    expect(seen).toEqual({ n: 1 });
    expect(event.body).toBe('{"n":1}');
  });

  it('reads the raw bytes, base64 or text', () => {
    expect(bodyBytes(request(undefined))).toEqual(Buffer.alloc(0));
    expect(bodyBytes(request('Hà')).toString('hex')).toBe('48c3a0');
    expect(bodyBytes(request(Buffer.from([1, 2, 255]).toString('base64'), {}, true))).toEqual(Buffer.from([1, 2, 255]));
  });
});
