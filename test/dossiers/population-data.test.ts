// The PopulationData adapter over HTTP (functions/dossiers/adapters/population-data.ts) against a
// stand-in for the national data-sharing platform on 127.0.0.1: the key it sends, 404 as "no
// record", and every other failure — a 5xx, a body of another shape, a timeout, a refused
// connection, no key — as 503 POPULATION_UNAVAILABLE, with no ID number in the logs. Then the
// dossiers handler itself: a draft while the platform is down is a clear 503, not a 500.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogueReader } from '../../functions/catalogue/public';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { httpPopulationData } from '../../functions/dossiers/adapters/population-data';
import { DynamoRegisterReadLog } from '../../functions/dossiers/adapters/register-reads';
import { makeHandler } from '../../functions/dossiers/handler';
import { bucketName, tableName } from '../../shared/config';
import { isErrorKind } from '../../shared/errors/domain-error';
import { logger } from '../../shared/http/logger';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { expectError } from '../support/body';
import { CITIZEN_ID, HANOI_COMMUNE, procedure, sampleForm } from '../support/dossiers';
import { invoke } from '../support/invoke';

const PERSON = {
  idNumber: CITIZEN_ID, fullName: 'Nguyễn Văn An', dateOfBirth: '1999-03-15', sex: 'male',
  permanentAddress: { provinceCode: '01', communeCode: '00070', detail: 'Số 12 phố Hàng Bạc', text: 'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội' },
  currentAddress: { provinceCode: '01', communeCode: '00166', detail: 'Số 25 ngõ 68', text: 'Số 25 ngõ 68 đường Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội' },
};

/** What the stand-in answers next, by path; and the keys it was sent. */
let answer: (path: string) => { status: number; body?: unknown; delayMs?: number } = () => ({ status: 404 });
const keysSeen: (string | undefined)[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    keysSeen.push(req.headers['x-api-key'] as string | undefined);
    const a = answer(req.url ?? '');
    setTimeout(() => {
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.body === undefined ? '' : JSON.stringify(a.body));
    }, a.delayMs ?? 0);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/population`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const adapter = (options: { timeoutMs?: number; apiKey?: () => Promise<string> } = {}) =>
  httpPopulationData({ baseUrl: `${base}/`, apiKey: options.apiKey ?? (async () => 'key-123'), timeoutMs: options.timeoutMs });

const unavailable = async (read: Promise<unknown>) => {
  const error = await read.then(() => undefined, (e: unknown) => e);
  expect(isErrorKind(error, 'unavailable') && error.code).toBe('POPULATION_UNAVAILABLE');
};

describe('httpPopulationData', () => {
  it('reads a person with the key in x-api-key; 404 is no record', async () => {
    answer = (path) => (path === `/population/v1/citizens/${CITIZEN_ID}` ? { status: 200, body: PERSON } : { status: 404, body: { error: 'not found' } });
    expect(await adapter().citizen(CITIZEN_ID)).toEqual(PERSON);
    expect(keysSeen.at(-1)).toBe('key-123');
    expect(await adapter().citizen('079099000001')).toBeNull();
  });

  it('reads an enterprise, its address given as text or as an address', async () => {
    const enterprise = { enterpriseCode: '0101234567', name: 'Công ty TNHH Demo Việt', address: { text: 'Tầng 5, số 18 phố Lý Thường Kiệt, Hà Nội' }, legalRepresentativeIdNumber: '001185004321', legalRepresentativeName: 'Trần Thị Mai' };
    answer = () => ({ status: 200, body: enterprise });
    expect(await adapter().enterprise('0101234567')).toEqual(enterprise);
  });

  it('a 5xx, a body of another shape, a timeout, a refused connection and a missing key are all 503 POPULATION_UNAVAILABLE, logged without the ID number', async () => {
    const logged: unknown[] = [];
    const spies = (['warn', 'error', 'info'] as const).map((level) => vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => { logged.push(args); }));
    try {
      answer = () => ({ status: 502, body: { idNumber: CITIZEN_ID } });
      await unavailable(adapter().citizen(CITIZEN_ID));
      answer = () => ({ status: 200, body: { ...PERSON, sex: 'x' } });
      await unavailable(adapter().citizen(CITIZEN_ID));
      answer = () => ({ status: 200, body: PERSON, delayMs: 500 });
      await unavailable(adapter({ timeoutMs: 50 }).citizen(CITIZEN_ID));
      await unavailable(httpPopulationData({ baseUrl: 'http://127.0.0.1:9', apiKey: async () => 'k' }).citizen(CITIZEN_ID));
      await unavailable(adapter({ apiKey: () => Promise.reject(new Error('Neither POPULATION_API_KEY nor its ARN is configured')) }).citizen(CITIZEN_ID));
      expect(logged.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(logged)).not.toContain(CITIZEN_ID);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('the dossiers handler while the platform is down', () => {
  const ddb = new DynamoDBClient({});
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  afterAll(() => { ddb.destroy(); s3.destroy(); });

  it('a draft of a form with sourced fields is 503 POPULATION_UNAVAILABLE, and the preview too', async () => {
    answer = () => ({ status: 503, body: {} });
    const handler = makeHandler({
      store: new DynamoDossierStore(doc, tableName('dossiers')),
      files: new S3AttachmentStore(s3, bucketName('attachments')),
      catalogue: catalogueReader(doc),
      population: adapter(),
      registerReads: new DynamoRegisterReadLog(doc, tableName('dossiers')),
    });
    const claims = { sub: 'population-down-citizen', 'cognito:groups': ['citizen'], 'custom:id_number': CITIZEN_ID, 'custom:vneid_verified': 'true' };
    const form = sampleForm((await procedure('1.001193')).form.fields);
    expectError(await invoke(handler, {
      method: 'POST', path: '/v1/dossiers', claims, headers: { 'idempotency-key': `population-down-${Date.now()}` },
      json: { procedureCode: '1.001193', agencyCode: HANOI_COMMUNE, form, delivery: 'online' },
    }), 503, 'POPULATION_UNAVAILABLE');
    expectError(await invoke(handler, { method: 'GET', path: '/v1/me/prefill?procedureCode=1.001193', claims }), 503, 'POPULATION_UNAVAILABLE');
  });
});
