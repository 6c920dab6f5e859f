// End to end against the emulators (DynamoDB Local, s3rver) the global setup started: the loader,
// then the real handler over the DynamoDB and S3 adapters. The test uses its own table and bucket
// (test/support/own-resources.ts: shaped by the platform declaration, named under the file's
// namespace), so the runtime's seeded catalogue neither disturbs it nor is disturbed by it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoCatalogueStore, PROCEDURE_PK } from '../../functions/catalogue/adapters/catalogue-store';
import { StoreCatalogueReader } from '../../functions/catalogue/public';
import { logger } from '../../shared/http/logger';
import { S3SnapshotStore, SNAPSHOT_KEY } from '../../functions/catalogue/adapters/search-snapshot';
import { fingerprint } from '../../shared/http/query-cursors';
import { makeHandler } from '../../functions/catalogue/handler';
import { loadCatalogue } from '../../functions/catalogue/load';
import { encodeCursor } from '../../shared/http/pagination';
import { CatalogueEntry, CataloguePage, Procedure, ProcedurePage } from '../../shared/contracts/catalogue';
import { expectBody, expectError } from '../support/body';
import { invoke } from '../support/invoke';
import { fileNamespace } from '../support/namespace';
import { ownBucket, ownTable } from '../support/own-resources';
import { ADMIN, CATALOGUES, FIXTURE, PROCEDURES, procedure } from './fixtures';

const ns = fileNamespace(import.meta.url);
let table: Awaited<ReturnType<typeof ownTable>>;
let bucket: Awaited<ReturnType<typeof ownBucket>>;

const ddb = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
const store = new DynamoCatalogueStore(doc, () => table.name);
const snapshots = new S3SnapshotStore(s3, () => bucket.name);
const deps = { store, snapshots };
let handler: ReturnType<typeof makeHandler>;

const get = (path: string) => invoke(handler, { method: 'GET', path });
const put = (path: string, json: unknown) => invoke(handler, { method: 'PUT', path, json, claims: ADMIN });
type Res = Awaited<ReturnType<typeof get>>;
const procedurePage = (res: Res) => expectBody(res, 200, ProcedurePage, 'procedure search');
const entryPage = (res: Res) => expectBody(res, 200, CataloguePage, 'catalogue list');
const codesOf = (res: Res) => procedurePage(res).items.map((i) => i.code);
const idsOf = (res: Res) => entryPage(res).items.map((i) => i.id);

beforeAll(async () => {
  [table, bucket] = await Promise.all([ownTable(ns, 'catalogue'), ownBucket(ns, 'catalogue-index', s3)]);
  const report = await loadCatalogue(store, FIXTURE, { snapshots });
  expect(report).toMatchObject({ procedures: PROCEDURES.length, version: 1, indexedProcedures: PROCEDURES.length });
  handler = makeHandler(deps);
});

afterAll(async () => {
  await Promise.all([bucket?.drop(), table?.drop()]);
});

describe('catalogue end to end on DynamoDB Local and s3rver', () => {
  it('the loader wrote the snapshot with the catalogue version', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: SNAPSHOT_KEY }));
    expect(head.Metadata?.['catalogue-version']).toBe('1');
    expect(await store.getCatalogueVersion()).toBe(1);
  });

  it('searches diacritics-insensitively, the exact name first', async () => {
    const res = await get('/v1/procedures?q=dang%20ky%20khai%20sinh');
    const plain = procedurePage(res);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(plain.items.slice(0, 3).map((i) => i.name)).toEqual([
      'Đăng ký khai sinh', 'Đăng ký khai sinh lưu động', 'Đăng ký khai sinh có yếu tố nước ngoài',
    ]);
    expect(plain.items[0]).toEqual({
      code: '1.000002', name: 'Đăng ký khai sinh', level: 'commune', sectorCode: 'G15-TP07', onlineService: 'partial',
      processingTime: { value: 3, unit: 'working_day' }, fees: PROCEDURES[1]!.fees,
    });
    for (const q of ['Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', 'đăng  ký   khai sinh']) {
      expect(procedurePage(await get(`/v1/procedures?q=${encodeURIComponent(q)}`))).toEqual(plain);
    }
    expect(codesOf(await get('/v1/procedures?q=1.001193'))).toEqual(['1.001193']);
  });

  it('filters and pages: every page once, the last without a cursor', async () => {
    const full = codesOf(await get('/v1/procedures?q=dang%20ky&limit=100'));
    expect(full.length).toBe(8);
    const seen: string[] = [];
    let path = '/v1/procedures?q=dang%20ky&limit=3';
    for (;;) {
      const page = procedurePage(await get(path));
      seen.push(...page.items.map((i) => i.code));
      if (!page.nextCursor) break;
      path = `/v1/procedures?q=dang%20ky&limit=3&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(full);
    expect((await get('/v1/procedures?q=khai%20sinh&cursor=eyJvIjozLCJoIjoieCJ9')).status).toBe(400);
    expect(codesOf(await get('/v1/procedures?online=full'))).toEqual(['1.001193']);
    expect(codesOf(await get('/v1/procedures?agency=000.00.00.G01'))).toEqual(['1.001471']);
    expect(codesOf(await get('/v1/procedures?agency=000.00.00.H26&q=ho%20chieu'))).toEqual(['1.001456']);
    expect(codesOf(await get('/v1/procedures?level=province&sector=G15-TP07'))).toEqual(['2.000528']);
  });

  it('reads one procedure, or 404', async () => {
    expect(expectBody(await get('/v1/procedures/1.001471'), 200, Procedure)).toEqual(PROCEDURES.find((p) => p.code === '1.001471'));
    expectError(await get('/v1/procedures/9.999999'), 404, 'NOT_FOUND');
  });

  it('an admin PUT is searchable at once, and a cold instance gets it from the new snapshot', async () => {
    const added = procedure('1.999001', 'Đăng ký khai sinh cho trẻ em bị bỏ rơi', { onlineService: 'full' });
    expect(expectBody(await put('/v1/procedures/1.999001', added), 200, Procedure)).toEqual(added);
    expect(await store.getCatalogueVersion()).toBe(2);
    expect(codesOf(await get('/v1/procedures?q=tre%20em%20bi%20bo%20roi'))).toEqual(['1.999001']);
    expect(codesOf(await get('/v1/procedures?online=full'))).toEqual(['1.001193', '1.999001']);

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: SNAPSHOT_KEY }));
    expect(head.Metadata?.['catalogue-version']).toBe('2');
    const cold = makeHandler(deps);
    const coldRes = await invoke(cold, { method: 'GET', path: '/v1/procedures?q=bo%20roi' });
    expect(codesOf(coldRes)).toEqual(['1.999001']);

    // Replacing it changes the name everywhere; the old name no longer matches.
    await put('/v1/procedures/1.999001', { ...added, name: 'Đăng ký khai sinh cho trẻ sơ sinh bị bỏ rơi' });
    expect(codesOf(await get('/v1/procedures?q=tre%20em%20bi%20bo%20roi'))).toEqual([]);
    expect(codesOf(await get('/v1/procedures?q=so%20sinh'))).toEqual(['1.999001']);
  });

  it('refuses an admin PUT with unknown references, writing nothing', async () => {
    const error = expectError(await put('/v1/procedures/1.999002', procedure('1.999002', 'X', { sectorCode: 'NOPE' })), 422);
    expect(error.details?.map((d) => d.path)).toEqual(['body.sectorCode']);
    expect((await get('/v1/procedures/1.999002')).status).toBe(404);
  });

  it('lists shared catalogues with paging and the parent filter (GSI byParent)', async () => {
    const all: string[] = [];
    let path = '/v1/catalogues/administrative-units?limit=4';
    for (;;) {
      const page = entryPage(await get(path));
      all.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      path = `/v1/catalogues/administrative-units?limit=4&cursor=${page.nextCursor}`;
    }
    expect(all).toEqual(CATALOGUES['administrative-units'].map((u) => u.id).sort());

    const first = entryPage(await get('/v1/catalogues/agencies?parent=000.00.00.H26&limit=2'));
    expect(first.items.map((i) => i.id)).toEqual(['000.01.26.H26', '000.02.26.H26']);
    const second = entryPage(await get(`/v1/catalogues/agencies?parent=000.00.00.H26&limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((i) => i.id)).toEqual(['000.03.26.H26']);
    expect(second.nextCursor).toBeNull();
    expect(idsOf(await get('/v1/catalogues/administrative-units?parent=46'))).toEqual(['19753']);
    expect(entryPage(await get('/v1/catalogues/administrative-units?parent=99'))).toEqual({ items: [], nextCursor: null });
  });

  it('a well-formed cursor with any sort key is a page, never a 500', async () => {
    for (const [name, parent, year, s] of [
      ['agencies', '000.00.00.H26', '', 'zzz'], ['agencies', '000.00.00.H26', '', '000'], ['banks', '', '', 'A'],
      ['holidays', '', '2026', '2026-99'], ['holidays', '', '2026', '2026'],
    ] as const) {
      const cursor = encodeCursor({ s, h: fingerprint([name, parent, year].join('\u0000')) });
      const query = [parent && `parent=${parent}`, year && `year=${year}`, `cursor=${cursor}`].filter(Boolean).join('&');
      const res = await get(`/v1/catalogues/${name}?${query}`);
      expect(res.status, `${name} ${s}`).toBe(200);
    }
  });

  it('lists holidays of one year by key prefix, and reads one entry', async () => {
    const res = await get('/v1/catalogues/holidays?year=2026');
    expect(idsOf(res)).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-04-30']);
    expect(expectBody(await get('/v1/catalogues/holidays/2027-01-01'), 200, CatalogueEntry)).toEqual(CATALOGUES.holidays.at(-1));
    expect((await get('/v1/catalogues/holidays/2027-01-02')).status).toBe(404);
  });

  it('an admin PUT of an entry is stored, bumps the version and moves the entry between parents', async () => {
    const before = await store.getCatalogueVersion();
    const moved = { ...CATALOGUES.agencies[5]!, parentCode: '000.00.00.H40', provinceCode: '46' };
    expectBody(await put(`/v1/catalogues/agencies/${moved.id}`, moved), 200, CatalogueEntry);
    expect(await store.getCatalogueVersion()).toBe(before + 1);
    expect(expectBody(await get(`/v1/catalogues/agencies/${moved.id}`), 200, CatalogueEntry)).toEqual(moved);
    expect(idsOf(await get('/v1/catalogues/agencies?parent=000.00.00.H40'))).toEqual(['000.01.40.H40', '000.03.26.H26']);
    expect(idsOf(await get('/v1/catalogues/agencies?parent=000.00.00.H26'))).toEqual(['000.01.26.H26', '000.02.26.H26']);
  });
});

describe('writes are validated at the edge; stored records are read defensively', () => {
  const paths = (error: { details?: { path: string }[] }) => (error.details ?? []).map((d) => d.path);

  it('refuses dates that are not dates (an announcedAt of "x" once broke every index computation)', async () => {
    const p = procedure('9.999701', 'Cấp hộ chiếu phổ thông', {
      announcedAt: 'x', publishedAt: '2026-02-30', legalBasis: [{ number: '1/2026/NĐ-CP', title: 'Nghị định', effectiveAt: '2026-13-01' }],
    });
    const error = expectError(await put('/v1/procedures/9.999701', p), 400, 'VALIDATION_FAILED');
    expect(paths(error)).toEqual(expect.arrayContaining(['body.announcedAt', 'body.publishedAt', 'body.legalBasis.0.effectiveAt']));
    expect((await get('/v1/procedures/9.999701')).status).toBe(404);
  });

  it('refuses result types and ministries that are not in their catalogues, naming each field', async () => {
    const p = procedure('9.999702', 'X', { resultTypes: ['KQ01', 'NOPE'], ministryCodes: ['000.00.00.G01', '000.00.00.H26', '000.00.00.G99'] });
    const error = expectError(await put('/v1/procedures/9.999702', p), 422, 'UNKNOWN_REFERENCE');
    expect(error.message).toMatch(/resultTypes, ministryCodes/);
    expect(paths(error)).toEqual(['body.resultTypes.1', 'body.ministryCodes.1', 'body.ministryCodes.2']);
    expect(error.details?.[1]?.message).toMatch(/not a central agency/);
    expect((await get('/v1/procedures/9.999702')).status).toBe(404);
  });

  it('bounds the lists: 3,000 steps (a body under the 1 MB limit) is a 400 naming body.steps, not a 500', async () => {
    const p = procedure('9.999703', 'X', { steps: Array.from({ length: 3000 }, (_, i) => `Bước ${i}: ${'nộp hồ sơ '.repeat(15)}`) });
    const body = JSON.stringify(p);
    // Under the API's 1 MB body limit, over DynamoDB's 400 KB item limit.
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(body)).toBeGreaterThan(400 * 1024);
    expect(paths(expectError(await put('/v1/procedures/9.999703', p), 400))).toEqual(['body.steps']);
  });

  it('a record within the bounds but over 400 KB stored is a 413 ITEM_TOO_LARGE naming the limit; nothing is written', async () => {
    const before = await store.getCatalogueVersion();
    const p = procedure('9.999704', 'X', { steps: Array.from({ length: 50 }, () => 'ệ'.repeat(5000)) });
    expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThan(1024 * 1024);
    const error = expectError(await put('/v1/procedures/9.999704', p), 413, 'ITEM_TOO_LARGE');
    expect(error.message).toMatch(/at most 409600 bytes/);
    expect((await get('/v1/procedures/9.999704')).status).toBe(404);
    expect(await store.getCatalogueVersion()).toBe(before);
  });

  it('a corrupt stored procedure is reported and skipped by the search index and the catalogue reader, never a 500', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const corrupt = [
      { ...procedure('9.999705', 'Thủ tục hỏng ngày công bố'), announcedAt: 'x' },
      { ...procedure('9.999706', 'Thủ tục hỏng'), name: undefined, processingTime: 'ba ngày' },
    ];
    for (const p of corrupt) await doc.send(new PutCommand({ TableName: table.name, Item: { ...p, pk: PROCEDURE_PK, sk: p.code } }));
    await store.bumpCatalogueVersion();
    try {
      // A cold instance rebuilds the index from the table: the search fields of 9.999705 are sound
      // (its date is not one of them), 9.999706 has none to search by.
      expect(codesOf(await invoke(makeHandler(deps), { method: 'GET', path: '/v1/procedures?q=thu%20tuc%20hong' }))).toEqual(['9.999705']);
      expect(codesOf(await invoke(makeHandler(deps), { method: 'GET', path: '/v1/procedures?q=dang%20ky%20khai%20sinh' }))).toContain('1.000002');

      const codes = (await new StoreCatalogueReader(store).procedures()).map((p) => p.code);
      expect(codes).toContain('1.000002');
      expect(codes).not.toContain('9.999705');
      expect(codes).not.toContain('9.999706');

      const reports = warn.mock.calls.filter(([message]) => message === 'Corrupt record skipped').map(([, extra]) => extra as Record<string, any>);
      expect(reports).toEqual(expect.arrayContaining([
        expect.objectContaining({ reader: 'catalogue.search', record: { kind: 'procedure', key: '9.999706', problems: ['name', 'processingTime'] } }),
        expect.objectContaining({ reader: 'catalogue.procedures', record: { kind: 'procedure', key: '9.999705', problems: ['announcedAt'] } }),
        expect.objectContaining({ reader: 'catalogue.procedures', record: { kind: 'procedure', key: '9.999706', problems: ['name', 'processingTime'] } }),
      ]));
      // Each report is an embedded-metric document counting one corrupt record.
      expect(reports[0]).toMatchObject({
        CorruptRecordsSkipped: 1,
        _aws: { CloudWatchMetrics: [{ Namespace: 'dvc-portal', Dimensions: [['service']], Metrics: [{ Name: 'CorruptRecordsSkipped', Unit: 'Count' }] }] },
      });
      expect(JSON.stringify(reports)).not.toContain('Thủ tục hỏng');
    } finally {
      warn.mockRestore();
      for (const p of corrupt) await doc.send(new DeleteCommand({ TableName: table.name, Key: { pk: PROCEDURE_PK, sk: p.code } }));
      await store.bumpCatalogueVersion();
    }
  });
});
