// Local provisioning of a table kept from an earlier run (`.local/` state, `npm start` without
// --fresh) whose indexes the declaration has changed since: the dossiers table of before issue 20
// had byAgencyQueue and byAgencyStatus projecting ALL; the declaration now has byAgencyQueueList and
// byAgencyStatusList projecting the list summary (docs/capacity.md "Changing an index"). Provisioning
// migrates it as a deployment does: the old indexes are dropped, the new ones created (and filled from
// the items); a second run changes nothing. Payments' byPaidDay changed its projection under the same
// name (ALL to INCLUDE): it is dropped and created again.
import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTable } from '../../local/provision';
import { tables } from '../../shared/platform/tables';
import type { TableDecl } from '../../shared/platform/types';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const db = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(db);
const name = ns.key('dossiers-kept').toLowerCase().slice(0, 63);
const declared: TableDecl = { ...tables.find((t) => t.name === 'dossiers')!, stream: undefined };
/** The dossiers table as declared before the lists were projected: the same keys, ALL, the old names. */
const earlier: TableDecl = {
  ...declared,
  globalIndexes: declared.globalIndexes!.map((g) => {
    const { projection: _projection, ...rest } = g;
    return g.name.endsWith('List') ? { ...rest, name: g.name.replace(/List$/, '') } : rest;
  }),
};

const paymentsName = ns.key('payments-kept').toLowerCase().slice(0, 63);
const payments: TableDecl = tables.find((t) => t.name === 'payments')!;
/** The payments table as declared before issue 20: byPaidDay, same name and keys, projecting ALL. */
const paymentsEarlier: TableDecl = {
  ...payments,
  globalIndexes: payments.globalIndexes!.map(({ projection: _projection, ...rest }) => rest),
};

/** Kept tables' TTL, off while their indexes change: turned on again once every table is done, as provision() does. */
const ttlRestores: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  await db.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  await db.send(new DeleteTableCommand({ TableName: paymentsName })).catch(() => undefined);
});

const indexes = async () => (await db.send(new DescribeTableCommand({ TableName: name }))).Table!.GlobalSecondaryIndexes ?? [];

describe('provisioning a kept table whose indexes were redeclared', () => {
  it('creates the new indexes from the items, drops the old ones, and is idempotent', async () => {
    await createTable(db, earlier, name);
    expect((await indexes()).map((g) => g.IndexName).sort()).toEqual(['byAgencyQueue', 'byAgencyStatus', 'byApplicant', 'byCode']);
    const item = {
      pk: 'D#kept-1', sk: 'META', id: 'kept-1', status: 'received', version: 3, procedureCode: '1.001266', dueAt: '2026-11-23T10:00:00.000Z',
      gsi2pk: 'QUEUE#000.00.00.H26#open', gsi2sk: 'D#2026-11-23T10:00:00.000Z#kept-1', gsi3pk: 'STATUS#000.00.00.H26#received',
      form: { ownerName: 'Nguyễn Văn An' }, attachments: [],
    };
    await doc.send(new PutCommand({ TableName: name, Item: item }));

    await createTable(db, declared, name, ttlRestores);
    const after = await indexes();
    expect(after.map((g) => g.IndexName).sort()).toEqual(['byAgencyQueueList', 'byAgencyStatusList', 'byApplicant', 'byCode']);
    expect(after.every((g) => g.IndexStatus === 'ACTIVE')).toBe(true);
    const list = after.find((g) => g.IndexName === 'byAgencyQueueList')!;
    expect(list.Projection).toMatchObject({ ProjectionType: 'INCLUDE' });
    expect([...list.Projection!.NonKeyAttributes!].sort()).toEqual([...declared.globalIndexes!.find((g) => g.name === 'byAgencyQueueList')!.projection!].sort());
    expect(after.find((g) => g.IndexName === 'byApplicant')!.Projection).toEqual({ ProjectionType: 'ALL' });

    // The item written before is in the new index, as its projection: no form.
    const out = await doc.send(new QueryCommand({
      TableName: name, IndexName: 'byAgencyQueueList', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': item.gsi2pk },
    }));
    expect(out.Items).toHaveLength(1);
    expect(out.Items![0]).toMatchObject({ id: 'kept-1', status: 'received', version: 3 });
    expect(out.Items![0]).not.toHaveProperty('form');

    await createTable(db, declared, name, ttlRestores);
    expect((await indexes()).map((g) => g.IndexName).sort()).toEqual(['byAgencyQueueList', 'byAgencyStatusList', 'byApplicant', 'byCode']);
  }, 120_000);

  it('gives a kept byPaidDay its summary projection under the same name (dropped, created again, filled)', async () => {
    await createTable(db, paymentsEarlier, paymentsName);
    const projectionOf = async () => (await db.send(new DescribeTableCommand({ TableName: paymentsName }))).Table!.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'byPaidDay')!.Projection;
    expect(await projectionOf()).toEqual({ ProjectionType: 'ALL' });
    const order = {
      pk: 'ORDER#kept-1', sk: 'META', id: 'kept-1', dossierId: 'd-1', round: 1, amount: 50_000, status: 'paid', paidAt: '2026-11-23T03:00:00.000Z',
      gsi2pk: 'PAID#vnpay#2026-11-23', gsi2sk: '2026-11-23T03:00:00.000Z#kept-1', items: [{ code: 'fee', amount: 50_000 }],
    };
    await doc.send(new PutCommand({ TableName: paymentsName, Item: order }));

    // In the same round as the dossiers table (DynamoDB Local stops finishing index changes anywhere
    // once a table's TTL is turned on again): the TTL of both comes back after.
    await createTable(db, payments, paymentsName, ttlRestores);
    const projection = await projectionOf();
    expect(projection).toMatchObject({ ProjectionType: 'INCLUDE' });
    expect([...projection!.NonKeyAttributes!].sort()).toEqual([...payments.globalIndexes!.find((g) => g.name === 'byPaidDay')!.projection!].sort());
    const out = await doc.send(new QueryCommand({
      TableName: paymentsName, IndexName: 'byPaidDay', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': order.gsi2pk },
    }));
    expect(out.Items).toHaveLength(1);
    expect(out.Items![0]).toMatchObject({ id: 'kept-1', amount: 50_000, status: 'paid' });
    expect(out.Items![0]).not.toHaveProperty('items');
  }, 120_000);

  it('turns TTL, off while the indexes changed (DynamoDB Local), on again once every kept table is done', async () => {
    expect(ttlRestores).toHaveLength(2);
    for (const restore of ttlRestores) await restore();
    const ttlOf = async (table: string) => (await db.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
    expect(await ttlOf(name)).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(await ttlOf(paymentsName)).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'purgeAt' });
  });
});
