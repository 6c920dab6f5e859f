// A record over DynamoDB's 400 KB item limit is a 413 ITEM_TOO_LARGE before the write, not a 500
// from DynamoDB's ValidationException: a draft whose form fills a procedure's 100 text fields with
// 2,000 three-byte letters each (a 600 KB body, under the API's 1 MB limit), and a feedback item
// whose history grew past the limit. Real handler and adapters over DynamoDB Local.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueReader, type CatalogueReader } from '../../functions/catalogue/public';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { makeHandler } from '../../functions/dossiers/handler';
import { DynamoFeedbackStore } from '../../functions/feedback/adapters/feedback-store';
import type { FeedbackRecord } from '../../functions/feedback/domain/feedback';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { bucketName, tableName } from '../../shared/config';
import { CITIZEN_ID, HANOI_COMMUNE, PROCEDURE } from '../support/dossiers';
import { invoke } from '../support/invoke';

const ddb = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
afterAll(() => { ddb.destroy(); s3.destroy(); });

const CITIZEN = { sub: `item-size-citizen-${randomUUID()}`, 'cognito:groups': ['citizen'], 'custom:id_number': CITIZEN_ID, 'custom:vneid_verified': 'true', 'custom:eid_level': '2' };
const FIELDS = Array.from({ length: 100 }, (_, i) => ({ name: `ghiChu${i}`, label: `Ghi chú ${i}`, type: 'text' as const, required: false }));

describe('a dossier draft over 400 KB', () => {
  let handler: ReturnType<typeof makeHandler>;
  beforeAll(() => {
    const real = catalogueReader(doc);
    // The seeded procedure with a form of 100 text fields (a definition the catalogue allows).
    const catalogue: CatalogueReader = Object.assign(Object.create(real), {
      getProcedure: async (code: string) => {
        const p = await real.getProcedure(code);
        return p && { ...p, form: { fields: FIELDS } };
      },
    });
    handler = makeHandler({
      store: new DynamoDossierStore(doc, tableName('dossiers')),
      files: new S3AttachmentStore(s3, bucketName('attachments')),
      catalogue,
    });
  });

  it('is refused with 413 ITEM_TOO_LARGE naming the limit, and nothing is stored under its key', async () => {
    const form = Object.fromEntries(FIELDS.map((f) => [f.name, 'ệ'.repeat(2000)]));
    const json = { procedureCode: PROCEDURE, agencyCode: HANOI_COMMUNE, form, delivery: 'online' };
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(1024 * 1024);
    const key = `item-size-${randomUUID()}`;
    const res = await invoke(handler, { method: 'POST', path: '/v1/dossiers', claims: CITIZEN, json, headers: { 'idempotency-key': key } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('ITEM_TOO_LARGE');
    expect(res.body.error.message).toMatch(/at most 409600 bytes/);
    expect(await new DynamoDossierStore(doc, tableName('dossiers')).draftKey(CITIZEN.sub, key)).toBeUndefined();
    const mine = await invoke(handler, { method: 'GET', path: '/v1/me/dossiers', claims: CITIZEN });
    expect(mine.body.items).toEqual([]);

    // The same applicant with a form of ordinary size gets a draft.
    const small = { ...json, form: { ghiChu0: 'Nộp hồ sơ trực tuyến' } };
    const ok = await invoke(handler, { method: 'POST', path: '/v1/dossiers', claims: CITIZEN, json: small, headers: { 'idempotency-key': `${key}-2` } });
    expect(ok.status).toBe(201);
  });
});

describe('a feedback item over 400 KB', () => {
  it('is refused with 413 ITEM_TOO_LARGE before the write, and nothing is stored', async () => {
    const store = new DynamoFeedbackStore(doc, tableName('feedback'));
    const at = new Date().toISOString();
    const record: FeedbackRecord = {
      id: randomUUID(), code: 'PAKN-261206-9999', category: 'procedures', subject: 'Thời gian giải quyết', content: 'Hồ sơ bị chuyển nhiều lần.',
      // An agency no queue lists: were the write to happen, no other test would see the item.
      procedureCode: null, agencyCode: 'ITEM-SIZE-TEST', agencyName: 'Cơ quan thử', agencyParentCode: null,
      status: 'assigned', version: 4001,
      sender: { sub: CITIZEN.sub, name: null, idNumber: null, email: null, phone: null },
      submittedAt: at, receivedAt: at, decidedAt: at, firstInfoRequestAt: null, infoRequest: null, rejection: null,
      answer: null, answeredAt: null, publishedAt: null, likes: 0, dislikes: 0, repeated: false, attachments: [],
      // Transfer after transfer: the history is the part of the item that grows.
      history: Array.from({ length: 4000 }, () => ({ at, action: 'transfer' as const, from: 'assigned' as const, to: 'assigned' as const, actor: 'admin' as const, agencyCode: 'ITEM-SIZE-TEST' })),
    };
    await expect(store.create(record)).rejects.toMatchObject({ kind: 'too_large', code: 'ITEM_TOO_LARGE' });
    expect(await store.get(record.id)).toBeUndefined();
  });
});
