import { describe, expect, it } from 'vitest';
import { created, fileResult, ok, toResponse } from './response';

describe('response', () => {
  it('sends a JSON body with its type, not to be cached', () => {
    expect(toResponse(ok({ a: 1, name: 'Lan' }))).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: '{"a":1,"name":"Lan"}',
    });
    expect(toResponse(created({ id: 'x' })).statusCode).toBe(201);
  });

  it('lets the route set its own headers over the defaults', () => {
    expect(toResponse(ok({}, { 'cache-control': 'public, max-age=300', etag: '"1"' })).headers).toEqual({
      'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', etag: '"1"',
    });
  });

  it('sends no body and no content type when there is none', () => {
    expect(toResponse({ status: 204 })).toEqual({ statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' });
  });

  it('sends a file base64-encoded, as an attachment with a safe name, private to the caller', () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const res = toResponse(fileResult('application/pdf', bytes, 'biên lai "1".pdf'));
    expect(res).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="bi_n_lai__1_.pdf"',
        'cache-control': 'private, no-store',
      },
      body: Buffer.from(bytes).toString('base64'),
      isBase64Encoded: true,
    });
  });
});
