// The FAQ through the running local portal (gateway, the support handler, DynamoDB Local) with the
// seed `npm start` loads: diacritics-insensitive search, filters, paging, errors, and the admins' write.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAQ_PK } from '../../functions/support/adapters/faq-store';
import { platformDeps } from '../../functions/support/deps';
import { makeHandler } from '../../functions/support/handler';
import { tableName } from '../../shared/config';
import { api, signIn } from '../support/auth';
import { invoke } from '../support/invoke';

let admin: string;
let citizen: string;
beforeAll(async () => {
  [admin, citizen] = await Promise.all([signIn('admin.demo'), signIn('citizen.demo')]);
});

const ID = `kiem-thu-${Date.now().toString(36)}`;
const ENTRY = {
  question: 'Kiểm thử: đăng ký tạm trú cho sinh viên ở ký túc xá cần gì?',
  answer: 'Sinh viên nộp tờ khai CT01 kèm xác nhận của ký túc xá.\n\nThời hạn giải quyết là 3 ngày làm việc.',
  procedureCode: '1.004194',
};

describe('GET /v1/faq', () => {
  it('finds the birth-registration questions for q="dang ky khai sinh", cacheable like the catalogue', async () => {
    const res = await api('GET', '/v1/faq?q=dang%20ky%20khai%20sinh');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0].question).toMatch(/[Đđ]ăng ký khai sinh/);
    expect(res.body.items.some((i: { procedureCode?: string }) => i.procedureCode === '1.001193')).toBe(true);
    for (const i of res.body.items) expect(Object.keys(i).sort()).toEqual(expect.arrayContaining(['answer', 'id', 'question', 'updatedAt']));
  });

  it('filters by procedure and by sector', async () => {
    const birth = await api('GET', '/v1/faq?procedure=1.001193');
    expect(birth.status).toBe(200);
    expect(birth.body.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(birth.body.items.map((i: { procedureCode: string }) => i.procedureCode))).toEqual(new Set(['1.001193']));
    const civil = await api('GET', '/v1/faq?sector=G15-TP07&limit=100');
    expect(civil.body.items.length).toBeGreaterThan(birth.body.items.length);
    expect(new Set(civil.body.items.map((i: { sectorCode: string }) => i.sectorCode))).toEqual(new Set(['G15-TP07']));
  });

  it('pages the whole set with cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api('GET', `/v1/faq?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(30);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers bad input with a 400 envelope naming the field, never a 500', async () => {
    for (const [query, path] of [['limit=0', 'query.limit'], ['limit=101', 'query.limit'], ['limit=abc', 'query.limit'], ['procedure=khai-sinh', 'query.procedure']]) {
      const res = await api('GET', `/v1/faq?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const cursor = await api('GET', '/v1/faq?cursor=bm90LWEtY3Vyc29y');
    expect([cursor.status, cursor.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
  });
});

describe('GET /v1/faq/{id}', () => {
  it('reads one entry; an unknown id is a 404, a malformed one a 400', async () => {
    const res = await api('GET', '/v1/faq/khai-sinh-giay-to');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'khai-sinh-giay-to', procedureCode: '1.001193', sectorCode: 'G15-TP07' });
    const missing = await api('GET', '/v1/faq/khong-co-cau-hoi-nay');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api('GET', '/v1/faq/Khong_Hop_Le')).status).toBe(400);
  });
});

describe('PUT /v1/faq/{id}', () => {
  it('an admin writes an entry; it is read and found at once, with the procedure\'s sector', async () => {
    const put = await api('PUT', `/v1/faq/${ID}`, { token: admin, json: ENTRY });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: ID, ...ENTRY, sectorCode: 'G01-CA05' });
    expect(Date.parse(put.body.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await api('GET', `/v1/faq/${ID}`)).body).toEqual(put.body);
    const found = await api('GET', '/v1/faq?q=ky%20tuc%20xa&procedure=1.004194');
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([ID]);

    const changed = await api('PUT', `/v1/faq/${ID}`, { token: admin, json: { ...ENTRY, answer: 'Câu trả lời đã sửa: nộp tờ khai CT01.' } });
    expect(changed.status).toBe(200);
    expect((await api('GET', `/v1/faq/${ID}`)).body.answer).toBe('Câu trả lời đã sửa: nộp tờ khai CT01.');
  });

  it('refuses an unknown procedure (422), invalid fields (400), and callers who are not admins (401, 403)', async () => {
    const unknown = await api('PUT', `/v1/faq/${ID}-2`, { token: admin, json: { ...ENTRY, procedureCode: '9.999999' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_REFERENCE']);
    const invalid = await api('PUT', `/v1/faq/${ID}-2`, { token: admin, json: { question: 'Hỏi', answer: '<b>đậm</b> không được', sector: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.question', 'body.answer']));
    expect((await api('PUT', `/v1/faq/${ID}-2`, { token: citizen, json: ENTRY })).status).toBe(403);
    expect((await api('PUT', `/v1/faq/${ID}-2`, { json: ENTRY })).status).toBe(401);
    expect((await api('GET', `/v1/faq/${ID}-2`)).status).toBe(404);
  });
});

describe('a corrupt stored entry', () => {
  it('is left out of the search index (and reported), never a 500 for every search', async () => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const id = `hong-${Date.now().toString(36)}`;
    // Written around the API: no question, an answer that is not text.
    await doc.send(new PutCommand({ TableName: tableName('support'), Item: { pk: FAQ_PK, sk: id, id, answer: 42, updatedAt: 'hôm qua' } }));
    try {
      // A fresh function instance reads the whole FAQ now (a warm one keeps its index a minute).
      const handler = makeHandler(platformDeps());
      const res = await invoke(handler, { method: 'GET', path: '/v1/faq?q=dang%20ky%20khai%20sinh' });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      const all = await invoke(handler, { method: 'GET', path: '/v1/faq?limit=100' });
      expect(all.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    } finally {
      await doc.send(new DeleteCommand({ TableName: tableName('support'), Key: { pk: FAQ_PK, sk: id } }));
      doc.destroy();
    }
  });
});
