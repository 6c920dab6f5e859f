// BatchGetItem and BatchWriteItem over any number of keys or items: chunks of the API's maxima
// (100 keys, 25 writes), and whatever DynamoDB leaves unprocessed (throttling, size) retried with a
// short exponential backoff, a bounded number of times (then an error: the caller's job or queue
// retries the whole, rather than a function spinning until its timeout). Every adapter that reads
// or writes many items at once uses these, rather than each keeping its own loop.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { dynamoLib } from './clients';

type Lib = Awaited<ReturnType<typeof dynamoLib>>;
type Item = Record<string, unknown>;

const BATCH_GET_MAX = 100;
const BATCH_WRITE_MAX = 25;
/** Retries of one chunk's unprocessed part; the pauses add up to about 10 s. */
export const MAX_UNPROCESSED_RETRIES = 12;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
const giveUp = (what: string, left: number) =>
  new Error(`${what} left ${left} item(s) unprocessed after ${MAX_UNPROCESSED_RETRIES} retries`);

const chunks = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/** Every item found for `keys` (in no particular order; absent keys are simply missing). */
export const batchGetAll = async (
  db: DynamoDBDocumentClient, lib: Lib, table: string, keys: readonly Item[], options: { consistentRead?: boolean } = {},
): Promise<Item[]> => {
  const found: Item[] = [];
  for (const chunk of chunks(keys, BATCH_GET_MAX)) {
    let pending: Item[] | undefined = chunk;
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > MAX_UNPROCESSED_RETRIES) throw giveUp('BatchGetItem', pending.length);
      if (attempt > 0) await pause(attempt);
      const out: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> } =
        await db.send(new lib.BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistentRead ?? false } } }));
      found.push(...(out.Responses?.[table] ?? []));
      pending = out.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return found;
};

/** Puts every item (last writer wins per key), `concurrency` batches at a time. */
export const batchPutAll = async (
  db: DynamoDBDocumentClient, lib: Lib, table: string, items: readonly Item[], options: { concurrency?: number } = {},
): Promise<void> => {
  const queue = chunks(items, BATCH_WRITE_MAX);
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      let pending: { PutRequest: { Item: Item } }[] | undefined = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > MAX_UNPROCESSED_RETRIES) throw giveUp('BatchWriteItem', pending.length);
        if (attempt > 0) await pause(attempt);
        const out = await db.send(new lib.BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = out.UnprocessedItems?.[table] as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
};
