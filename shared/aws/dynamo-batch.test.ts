// The batch helpers' chunking and their retry of what DynamoDB leaves unprocessed (throttling):
// a fake client records each call and answers as DynamoDB would.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchGetAll, batchPutAll, MAX_UNPROCESSED_RETRIES } from './dynamo-batch';
import { dynamoLib } from './clients';

const lib = await dynamoLib();

type Cmd = { input: { RequestItems: Record<string, { Keys?: unknown[] } | { PutRequest: { Item: unknown } }[]> } };

const fake = (answer: (cmd: Cmd, call: number) => unknown) => {
  const calls: Cmd[] = [];
  const db = { send: async (cmd: Cmd) => answer(cmd, calls.push(cmd)) } as unknown as DynamoDBDocumentClient;
  return { db, calls };
};

describe('batchGetAll', () => {
  it('reads 250 keys in chunks of 100 and retries the keys left unprocessed', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => ({ pk: `K#${i}`, sk: 'S' }));
    const { db, calls } = fake((cmd, call) => {
      const asked = (cmd.input.RequestItems.t as { Keys: { pk: string }[] }).Keys;
      // The first call leaves its last 10 keys unprocessed, as a throttled BatchGetItem does.
      const served = call === 1 ? asked.slice(0, 90) : asked;
      return { Responses: { t: served.map((k) => ({ ...k, v: 1 })) }, UnprocessedKeys: call === 1 ? { t: { Keys: asked.slice(90) } } : {} };
    });
    const items = await batchGetAll(db, lib, 't', keys, { consistentRead: true });
    expect(items).toHaveLength(250);
    expect(new Set(items.map((i) => i.pk)).size).toBe(250);
    expect(calls.map((c) => (c.input.RequestItems.t as { Keys: unknown[] }).Keys.length)).toEqual([100, 10, 100, 50]);
    expect((calls[0]!.input.RequestItems.t as { ConsistentRead?: boolean }).ConsistentRead).toBe(true);
  });
});

describe('batchPutAll', () => {
  it('writes 60 items in batches of 25 and retries unprocessed writes', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: `K#${i}` }));
    let throttled = false;
    const { db, calls } = fake((cmd) => {
      const asked = cmd.input.RequestItems.t as { PutRequest: { Item: unknown } }[];
      if (!throttled && asked.length === 25) {
        throttled = true;
        return { UnprocessedItems: { t: asked.slice(20) } };
      }
      return { UnprocessedItems: {} };
    });
    await batchPutAll(db, lib, 't', items, { concurrency: 2 });
    const written = calls.flatMap((c) => (c.input.RequestItems.t as { PutRequest: { Item: { pk: string } } }[]).map((r) => r.PutRequest.Item.pk));
    // 60 items + the 5 sent again.
    expect(written).toHaveLength(65);
    expect(new Set(written).size).toBe(60);
    expect(calls.map((c) => (c.input.RequestItems.t as unknown[]).length).sort((a, b) => a - b)).toEqual([5, 10, 25, 25]);
  });
});

describe('a table that keeps throttling', () => {
  afterEach(() => { vi.useRealTimers(); });

  it.each([
    ['BatchWriteItem', (db: DynamoDBDocumentClient) => batchPutAll(db, lib, 't', [{ pk: 'A', sk: 'S' }, { pk: 'B', sk: 'S' }])],
    ['BatchGetItem', (db: DynamoDBDocumentClient) => batchGetAll(db, lib, 't', [{ pk: 'A', sk: 'S' }, { pk: 'B', sk: 'S' }])],
  ] as const)('%s gives up after the bounded retries with an error naming what is left', async (what, run) => {
    vi.useFakeTimers();
    const { db, calls } = fake((cmd) => {
      const asked = cmd.input.RequestItems.t!;
      return 'Keys' in asked ? { Responses: { t: [] }, UnprocessedKeys: { t: asked } } : { UnprocessedItems: { t: asked } };
    });
    const outcome = run(db).then(() => 'done', (e: Error) => e.message);
    await vi.runAllTimersAsync();
    expect(await outcome).toBe(`${what} left 2 item(s) unprocessed after ${MAX_UNPROCESSED_RETRIES} retries`);
    expect(calls).toHaveLength(MAX_UNPROCESSED_RETRIES + 1);
  });
});
