// The catalogue handler's error paths, with the AWS SDK mocked (aws-sdk-client-mock): every
// catalogue route refuses bad input with the envelope, DynamoDB failures become a 500 that leaks
// nothing, a missing item is a 404, admin routes need an admin.
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../support/invoke';
import { ADMIN, CATALOGUES, CITIZEN, procedure } from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const env = { TABLE_CATALOGUE: 'dvc-catalogue-test', BUCKET_CATALOGUE_INDEX: 'dvc-catalogue-index-test' };
const saved: Record<string, string | undefined> = {};

let handler: Awaited<typeof import('../../functions/catalogue/handler')>['handler'];

beforeAll(async () => {
  for (const [k, v] of Object.entries(env)) { saved[k] = process.env[k]; process.env[k] = v; }
  ({ handler } = await import('../../functions/catalogue/handler'));
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  ddb.restore();
  s3.restore();
});
beforeEach(() => {
  ddb.reset();
  s3.reset();
  // An empty catalogue at version 0 unless a test says otherwise.
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
  s3.on(PutObjectCommand).resolves({});
});

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate exceeded for table dvc-catalogue-test (secret detail)', $metadata: { httpStatusCode: 400 } });

const call = (method: string, path: string, opts: { json?: unknown; claims?: Record<string, unknown>; body?: string; headers?: Record<string, string> } = {}) =>
  invoke(handler, { method, path, ...opts });

const expectEnvelope = (res: Awaited<ReturnType<typeof call>>, status: number, code?: string) => {
  expect(res.status).toBe(status);
  expect(typeof res.body.error.message).toBe('string');
  if (code) expect(res.body.error.code).toBe(code);
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.headers['cache-control']).toBe('no-store');
};

const validProcedure = procedure('1.001193', 'Thủ tục đăng ký khai sinh');
const validBank = CATALOGUES.banks[0]!;

describe('bad input on every catalogue route → 4xx with the error envelope', () => {
  it.each([
    ['GET', '/v1/procedures?limit=0', 'query.limit'],
    ['GET', '/v1/procedures?limit=101', 'query.limit'],
    ['GET', '/v1/procedures?limit=abc', 'query.limit'],
    ['GET', '/v1/procedures?level=district', 'query.level'],
    ['GET', '/v1/procedures?online=none', 'query.online'],
    ['GET', `/v1/procedures?q=${'a'.repeat(201)}`, 'query.q'],
    ['GET', '/v1/procedures/abc', 'params.code'],
    ['GET', '/v1/procedures/1.00119', 'params.code'],
    ['GET', '/v1/catalogues/planets', 'params.name'],
    ['GET', '/v1/catalogues/agencies?limit=0', 'query.limit'],
    ['GET', '/v1/catalogues/agencies?limit=101', 'query.limit'],
    ['GET', '/v1/catalogues/agencies?limit=abc', 'query.limit'],
    ['GET', '/v1/catalogues/holidays?year=26', 'query.year'],
    ['GET', '/v1/catalogues/sectors?parent=01', 'query.parent'],
    ['GET', '/v1/catalogues/planets/x', 'params.name'],
    ['GET', '/v1/catalogues/banks/has%20space', 'params.id'],
  ])('%s %s → 400 at %s', async (method, path, field) => {
    const res = await call(method, path);
    expectEnvelope(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it.each([
    ['/v1/procedures?cursor=garbage'],
    ['/v1/procedures?q=dang&cursor=eyJvIjoxMCwiaCI6Inh4In0'],
    ['/v1/catalogues/banks?cursor=garbage'],
    ['/v1/catalogues/holidays?year=2026&cursor=eyJzIjoiMjAyNy0wMS0wMSIsImgiOiJ4In0'],
  ])('GET %s → 400 INVALID_CURSOR', async (path) => {
    expectEnvelope(await call('GET', path), 400, 'INVALID_CURSOR');
  });

  it.each([
    ['PUT', '/v1/procedures/1.001193', validProcedure],
    ['PUT', '/v1/catalogues/banks/VCB', validBank],
  ])('%s %s without a token → 401, as a citizen → 403', async (method, path, json) => {
    expectEnvelope(await call(method, path, { json }), 401, 'UNAUTHENTICATED');
    expectEnvelope(await call(method, path, { json, claims: CITIZEN }), 403, 'FORBIDDEN');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('PUT procedure with an invalid body → 400 with field paths', async () => {
    const res = await call('PUT', '/v1/procedures/1.001193', {
      claims: ADMIN,
      json: { ...validProcedure, level: 'district', processingTime: { value: -1, unit: 'week' }, fees: [{ code: 'x' }] },
    });
    expectEnvelope(res, 400, 'VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.level', 'body.processingTime.value', 'body.processingTime.unit', 'body.fees.0.name']));
  });

  it('PUT procedure whose body code differs from the path → 400 CODE_MISMATCH', async () => {
    const res = await call('PUT', '/v1/procedures/1.000002', { claims: ADMIN, json: validProcedure });
    expectEnvelope(res, 400, 'CODE_MISMATCH');
    expect(res.body.error.details).toEqual([{ path: 'body.code', message: expect.any(String) }]);
  });

  it('PUT procedure referring to unknown sector, revenue item and result type → 422 with details', async () => {
    const res = await call('PUT', '/v1/procedures/1.001193', { claims: ADMIN, json: validProcedure });
    expectEnvelope(res, 422, 'UNKNOWN_REFERENCE');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.sectorCode', 'body.fees.0.revenueItemCode', 'body.resultTypes.0']);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it.each([
    ['an invalid body', 'banks', 'VCB', { ...validBank, bin: 'abc', shortName: '' }, 'VALIDATION_FAILED', ['body.shortName', 'body.bin']],
    ['a body for another catalogue', 'holidays', '2026-01-01', validBank, 'VALIDATION_FAILED', ['body.id', 'body.date', 'body.kind', 'body.year']],
    ['an id differing from the path', 'banks', 'ACB', validBank, 'ID_MISMATCH', ['body.id']],
  ])('PUT entry with %s → 400 with details', async (_label, name, id, json, code, paths) => {
    const res = await call('PUT', `/v1/catalogues/${name}/${id}`, { claims: ADMIN, json });
    expectEnvelope(res, 400, code);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(paths);
  });

  it('PUT with a body that is not JSON → 400 / 415', async () => {
    expectEnvelope(await call('PUT', '/v1/catalogues/banks/VCB', { claims: ADMIN, body: '{', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
    expectEnvelope(await call('PUT', '/v1/catalogues/banks/VCB', { claims: ADMIN, body: 'x', headers: { 'content-type': 'text/plain' } }), 415);
  });
});

describe('missing items → 404 NOT_FOUND', () => {
  it.each([['/v1/procedures/9.999999'], ['/v1/catalogues/banks/NOPE'], ['/v1/catalogues/holidays/2026-12-25']])('GET %s', async (path) => {
    expectEnvelope(await call('GET', path), 404, 'NOT_FOUND');
  });
});

describe('AWS failures → 500 envelope that leaks nothing', () => {
  const leaks = (res: Awaited<ReturnType<typeof call>>) => {
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/Rate exceeded|secret detail|dvc-catalogue-test|Throughput|stack/i);
  };

  it('DynamoDB throttling on a read', async () => {
    ddb.on(GetCommand).rejects(throttled());
    for (const path of ['/v1/procedures/1.001193', '/v1/catalogues/banks/VCB', '/v1/procedures?q=dang+ky']) {
      const res = await call('GET', path);
      expectEnvelope(res, 500, 'INTERNAL_ERROR');
      leaks(res);
    }
  });

  it('DynamoDB throttling on a list', async () => {
    ddb.on(QueryCommand).rejects(throttled());
    const res = await call('GET', '/v1/catalogues/agencies?parent=000.00.00.H26');
    expectEnvelope(res, 500, 'INTERNAL_ERROR');
    leaks(res);
  });

  it('DynamoDB throttling on an admin write', async () => {
    ddb.on(GetCommand).resolves({ Item: { id: 'x' } });
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await call('PUT', '/v1/procedures/1.001193', { claims: ADMIN, json: validProcedure });
    expectEnvelope(res, 500, 'INTERNAL_ERROR');
    leaks(res);
  });

  it('an unreadable snapshot is not an error: the index is rebuilt from the table', async () => {
    s3.on(GetObjectCommand).rejects(new Error('AccessDenied'));
    ddb.on(GetCommand, { Key: { pk: 'META', sk: 'version' } }).resolves({ Item: { pk: 'META', sk: 'version', version: 99 } });
    ddb.on(QueryCommand).resolves({ Items: [{ ...validProcedure }] });
    const res = await call('GET', '/v1/procedures?q=dang+ky+khai+sinh');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { code: string }) => i.code)).toEqual(['1.001193']);
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries.every((q) => typeof q.KeyConditionExpression === 'string')).toBe(true);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });
});
