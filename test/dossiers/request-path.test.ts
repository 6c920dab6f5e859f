// docs/requirements.md R-PERF-LISTS, R-PERF-SUBMIT: no Scan in a request path, and a submission
// costs at most 3 DynamoDB round trips. The dossier handler runs in this process over real SDK
// clients (DynamoDB Local, the S3 emulator) whose middleware records every command it sends.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { makeHandler } from '../../functions/dossiers/handler';
import { catalogueReader } from '../../functions/catalogue/public';
import { bucketName, tableName } from '../../shared/config';
import { CITIZEN_ID, HANOI_COMMUNE, PDF, postFile, PROCEDURE, sampleForm } from '../support/dossiers';
import { invoke } from '../support/invoke';

const commands: string[] = [];
const ddb = new DynamoDBClient({});
ddb.middlewareStack.add((next, context) => async (args) => {
  commands.push(String(context.commandName));
  if (context.commandName === 'ScanCommand') throw new Error('Scan issued in a request path');
  return next(args);
}, { step: 'initialize', name: 'recordCommands' });
const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

const CITIZEN = { sub: 'request-path-citizen', 'cognito:groups': ['citizen'], 'custom:id_number': CITIZEN_ID, 'custom:vneid_verified': 'true', 'custom:eid_level': '2' };
const OFFICIAL = { sub: 'request-path-official', 'cognito:groups': ['official'], 'custom:agency_scope': '000.00.00.H26' };

let handler: ReturnType<typeof makeHandler>;
beforeAll(() => {
  handler = makeHandler({
    store: new DynamoDossierStore(doc, tableName('dossiers')),
    files: new S3AttachmentStore(s3, bucketName('attachments')),
    catalogue: catalogueReader(doc),
  });
});

const call = (method: string, path: string, claims: Record<string, unknown>, json?: unknown, headers?: Record<string, string>) =>
  invoke(handler, { method, path, claims, json, headers });

const ok = <T extends { status: number; body: any }>(res: T, status = 200) => {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('request paths', () => {
  it('a whole dossier journey issues no Scan, and submission takes at most 3 DynamoDB round trips', async () => {
    const fields = (await catalogueReader(doc).getProcedure(PROCEDURE))!.form.fields;
    const d = ok(await call('POST', '/v1/dossiers', CITIZEN, {
      procedureCode: PROCEDURE, agencyCode: HANOI_COMMUNE, form: sampleForm(fields), delivery: 'online',
    }, { 'idempotency-key': `rp-${Date.now()}` }), 201);
    const ticket = ok(await call('POST', `/v1/dossiers/${d.id}/attachments`, CITIZEN, { componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: PDF.length }), 201);
    await postFile(ticket, PDF, 'application/pdf');
    ok(await call('POST', `/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, CITIZEN));

    commands.length = 0;
    const sub = ok(await call('POST', `/v1/dossiers/${d.id}/submit`, CITIZEN));
    const submitCommands = [...commands];
    expect(sub.status).toBe('submitted');
    // GetItem (the dossier), UpdateItem (the day's counter), TransactWriteItems (state + history).
    expect(submitCommands).toEqual(['GetItemCommand', 'UpdateItemCommand', 'TransactWriteItemsCommand']);

    let v = sub;
    for (const a of [{ action: 'receive' }, { action: 'start' }, { action: 'finish' }]) {
      v = ok(await call('POST', `/v1/dossiers/${d.id}/actions`, OFFICIAL, { ...a, version: v.version }));
    }
    ok(await call('GET', `/v1/dossiers/${d.id}`, CITIZEN));
    ok(await call('GET', '/v1/me/dossiers?limit=5', CITIZEN));
    ok(await call('GET', `/v1/agency/dossiers?agency=${HANOI_COMMUNE}&overdue=true`, OFFICIAL));
    ok(await call('GET', `/v1/dossiers/track?code=${encodeURIComponent(sub.code)}&applicantId=${CITIZEN_ID}`, {}));
    expect(commands).not.toContain('ScanCommand');
  });

  it('no product code under functions/ or shared/ sends a Scan', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(name) && /ScanCommand|\.scan\(/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk('functions');
    walk('shared');
    expect(offenders).toEqual([]);
  });
});
