import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext } from './context';
import { requestValidation, validateRequest } from './validation';

const schemas = {
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  query: z.object({ n: z.coerce.number().int().max(5).default(1) }),
  body: z.object({ name: z.string().min(1), nested: z.object({ n: z.number() }).optional() }),
  headers: z.object({ 'idempotency-key': z.string().min(8) }),
};
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e as { kind: string; code: string; message: string; details: unknown });
  return error && { kind: error.kind, code: error.code, message: error.message, details: error.details };
};

describe('validation', () => {
  it('answers the parsed values of every declared part', async () => {
    const values = await validateRequest(schemas, {
      params: { id: '7' }, query: {}, body: { name: 'Lan', extra: true }, headers: { 'idempotency-key': 'key-12345', other: 'x' },
    });
    expect(values).toEqual({ params: { id: '7' }, query: { n: 1 }, body: { name: 'Lan' }, headers: { 'idempotency-key': 'key-12345' } });
  });

  it('checks every part, so one invalid VALIDATION_FAILED lists every bad field with its path and message', async () => {
    const raw = { params: { id: 'abc' }, query: { n: '99' }, body: { name: '', nested: { n: 'x' } }, headers: {} };
    expect(await failure(validateRequest(schemas, raw))).toEqual({
      kind: 'invalid',
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid',
      details: [
        { path: 'params.id', message: 'Invalid string: must match pattern /^\\d+$/' },
        { path: 'query.n', message: 'Too big: expected number to be <=5' },
        { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.nested.n', message: 'Invalid input: expected number, received string' },
        { path: 'headers.idempotency-key', message: 'Invalid input: expected string, received undefined' },
      ],
    });
  });

  it('names a missing body as the body itself', async () => {
    expect(await failure(validateRequest({ body: schemas.body }, { params: {}, query: {}, body: undefined, headers: {} })))
      .toMatchObject({ details: [{ path: 'body', message: 'Invalid input: expected object, received undefined' }] });
  });

  it('skips the parts a route declares no schema for', async () => {
    expect(await validateRequest({}, { params: { id: 'abc' }, query: { n: 'x' }, body: 1, headers: {} })).toEqual({});
  });

  it('validates the event (header names lower-cased) and the parsed body into the context', async () => {
    const event = {
      pathParameters: { id: '7' }, queryStringParameters: { n: '2' }, headers: { 'Idempotency-Key': 'key-12345' }, body: 'not read here',
    } as unknown as APIGatewayProxyEventV2;
    const validated = async (declared: typeof schemas | Omit<typeof schemas, 'body'>, jsonBody: unknown) =>
      middy(async (_event: APIGatewayProxyEventV2, context: ApiContext) => context.validated)
        .use(requestValidation(declared))(event, { jsonBody } as ApiContext);
    expect(await validated(schemas, { name: 'Lan' })).toEqual({
      params: { id: '7' }, query: { n: 2 }, body: { name: 'Lan' }, headers: { 'idempotency-key': 'key-12345' },
    });
    const { body: _, ...withoutBody } = schemas;
    expect(await validated(withoutBody, { name: 'ignored' })).not.toHaveProperty('body');
  });
});
