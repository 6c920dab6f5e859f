// The support table behind a small interface. Key design (shared/platform/tables.ts):
//   FAQ entry   pk FAQ   sk <id>
// The whole FAQ is one partition read with Query a page at a time (never Scan); a few thousand
// small items are a few 1 MB pages at most.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FaqEntry } from '../../../shared/contracts/support';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { batchPutAll } from '../../../shared/aws/dynamo-batch';

export interface FaqStore {
  get(id: string): Promise<FaqEntry | undefined>;
  put(entry: FaqEntry): Promise<void>;
  /** Every entry (the warm function's in-memory index). */
  all(): Promise<FaqEntry[]>;
  /** Seeding: many entries at once (BatchWriteItem, unprocessed items retried: shared/aws/dynamo-batch.ts). */
  batchPut(entries: readonly FaqEntry[]): Promise<void>;
}

export const FAQ_PK = 'FAQ';

const toEntry = (item: Record<string, unknown>): FaqEntry => {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as FaqEntry;
};

export class DynamoFaqStore implements FaqStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async get(id: string): Promise<FaqEntry | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: FAQ_PK, sk: id } }));
    return out.Item ? toEntry(out.Item) : undefined;
  }

  async put(entry: FaqEntry): Promise<void> {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.PutCommand({ TableName: table, Item: { ...entry, pk: FAQ_PK, sk: entry.id } }));
  }

  async all(): Promise<FaqEntry[]> {
    const { db, table, lib } = await this.ready();
    const out: FaqEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new lib.QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': FAQ_PK },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      out.push(...(page.Items ?? []).map(toEntry));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async batchPut(entries: readonly FaqEntry[]): Promise<void> {
    const { db, table, lib } = await this.ready();
    await batchPutAll(db, lib, table, entries.map((e) => ({ ...e, pk: FAQ_PK, sk: e.id })));
  }
}

/** An in-memory store for unit tests. */
export class MemoryFaqStore implements FaqStore {
  readonly items = new Map<string, FaqEntry>();
  loads = 0;
  async get(id: string) { return this.items.get(id); }
  async put(entry: FaqEntry) { this.items.set(entry.id, entry); }
  async all() { this.loads++; return [...this.items.values()]; }
  async batchPut(entries: readonly FaqEntry[]) { for (const e of entries) this.items.set(e.id, e); }
}
