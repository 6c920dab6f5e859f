// The key's record and its transaction, with the SDK mocked (aws-sdk-client-mock): what is sent,
// and how each way a transaction can be cancelled is read. The real write runs in
// test/dossiers/dossiers.integration.test.ts (concurrent replays over DynamoDB Local).
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamoTable } from '../aws/clients';
import { keyRecordKey, outcomeOfCancelled, readKeyRecord, transactWithKey, type KeyRecordWrite } from './dynamo-key-record';

const db = lib.DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
const mock = mockClient(lib.DynamoDBDocumentClient);
afterEach(() => mock.reset());
const table = { db, table: 'orders', lib } as unknown as DynamoTable;

const write: KeyRecordWrite = {
  scope: 'sub-1', key: 'key-1', record: { resultId: 'r-1', fingerprint: 'f-1' }, ttl: { attribute: 'purgeAt', at: 1_900_000_000 },
};
const itemPut = { Put: { TableName: 'orders', Item: { pk: 'O#r-1', sk: 'ORDER' }, ConditionExpression: 'attribute_not_exists(pk)' } };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('transactWithKey', () => {
  it('sends the key’s record first, conditional on the key being new, then the caller’s items, in one transaction', async () => {
    mock.on(lib.TransactWriteCommand).resolves({});
    expect(await transactWithKey(table, write, [itemPut])).toEqual({ written: true });
    const sent = mock.commandCalls(lib.TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(sent).toEqual([
      {
        Put: {
          TableName: 'orders',
          Item: { pk: 'IDEM#sub-1#key-1', sk: 'IDEM', resultId: 'r-1', fingerprint: 'f-1', purgeAt: 1_900_000_000 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      itemPut,
    ]);
  });

  it('a key with a record, or held by a twin’s transaction, is `keyTaken`; an item’s own failure is reported by position', async () => {
    mock.on(lib.TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed'));
    expect(await transactWithKey(table, write, [itemPut])).toEqual({ written: false, keyTaken: true, failed: [false], conflict: false });
    expect(await transactWithKey(table, write, [itemPut])).toEqual({ written: false, keyTaken: true, failed: [false], conflict: false });
    expect(await transactWithKey(table, write, [itemPut, itemPut])).toEqual({ written: false, keyTaken: false, failed: [false, true], conflict: false });
  });

  it('an item caught in another transaction, with no condition failed, is a `conflict`: nothing was decided', async () => {
    mock.on(lib.TransactWriteCommand).rejectsOnce(cancelled('None', 'None', 'TransactionConflict'))
      .rejectsOnce(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'));
    expect(await transactWithKey(table, write, [itemPut, itemPut])).toEqual({ written: false, keyTaken: false, failed: [false, false], conflict: true });
    expect(await transactWithKey(table, write, [itemPut, itemPut])).toEqual({ written: false, keyTaken: false, failed: [true, false], conflict: false });
  });

  it('any other error is the caller’s', async () => {
    mock.on(lib.TransactWriteCommand).rejects(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(transactWithKey(table, write, [itemPut])).rejects.toThrow('throttled');
  });
});

describe('outcomeOfCancelled', () => {
  it('a cancellation without reasons says nothing about which item lost: the key counts as contended', () => {
    expect(outcomeOfCancelled(new TransactionCanceledException({ message: 'x', $metadata: {} }))).toEqual({ written: false, keyTaken: true, failed: [], conflict: false });
  });
});

describe('readKeyRecord', () => {
  it('reads the key’s item consistently, and nothing for a new key', async () => {
    mock.on(lib.GetCommand).resolvesOnce({ Item: { ...keyRecordKey('sub-1', 'key-1'), resultId: 'r-1', fingerprint: 'f-1', purgeAt: 1 } })
      .resolvesOnce({});
    expect(await readKeyRecord(table, 'sub-1', 'key-1')).toEqual({ resultId: 'r-1', fingerprint: 'f-1' });
    expect(await readKeyRecord(table, 'sub-1', 'key-2')).toBeUndefined();
    expect(mock.commandCalls(lib.GetCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: 'orders', Key: { pk: 'IDEM#sub-1#key-1', sk: 'IDEM' }, ConsistentRead: true },
      { TableName: 'orders', Key: { pk: 'IDEM#sub-1#key-2', sk: 'IDEM' }, ConsistentRead: true },
    ]);
  });

  it('reads a record without `resultId` with the capability’s reader of its earlier shape, if it has one', async () => {
    const earlier = { ...keyRecordKey('sub-1', 'key-1'), orderId: 'o-1', purgeAt: 1 };
    mock.on(lib.GetCommand).resolves({ Item: earlier });
    const seen: unknown[] = [];
    const earlierShape = (item: Record<string, unknown>) => {
      seen.push(item);
      return { resultId: String(item.orderId), fingerprint: 'f-old' };
    };
    expect(await readKeyRecord(table, 'sub-1', 'key-1', earlierShape)).toEqual({ resultId: 'o-1', fingerprint: 'f-old' });
    expect(seen).toEqual([earlier]);
    expect(await readKeyRecord(table, 'sub-1', 'key-1')).toBeUndefined();
  });
});
