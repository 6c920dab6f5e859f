// The catalogue table behind a small interface. Key design (shared/platform/tables.ts):
//   procedures        pk PROCEDURE        sk <code>
//   shared catalogues pk CAT#<name>       sk <id> (holidays: id = date, so `begins_with(sk, '2026')` is a year)
//                     gsi1pk CAT#<name>#<parentCode> on entries with a parent (GSI byParent, sort key sk)
//   version record    pk META             sk version   attribute `version` (number)
// Every single-item write bumps the version record in the same transaction, so a search snapshot
// can tell it is stale with one GetItem. Only Query and GetItem read; never Scan.
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CatalogueName, Procedure } from '../../../shared/contracts/catalogue';
import type { SearchDoc } from '../domain/search-model';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { assertItemFits } from '../../../shared/aws/item-size';
import { batchPutAll } from '../../../shared/aws/dynamo-batch';

export type CatalogueEntry = { id: string } & Record<string, unknown>;

export interface EntryListOptions {
  limit: number;
  /** The sort key of the last entry of the previous page. */
  after?: string;
  /** Only children of this parent (GSI byParent). */
  parent?: string;
  /** Sort-key prefix, e.g. a year for holidays. */
  prefix?: string;
}

export interface ListResult<T> {
  items: T[];
  /** Sort key of the last item when more may follow, else null. */
  last: string | null;
}

export interface CatalogueStore {
  getProcedure(code: string): Promise<Procedure | undefined>;
  /** Writes the procedure and bumps the catalogue version, atomically. */
  putProcedure(procedure: Procedure): Promise<void>;
  /** The indexed fields of every procedure, a page at a time (index rebuilds only, never per search). */
  listProcedures(options: { after?: string; limit?: number }): Promise<ListResult<SearchDoc>>;
  /** Whole procedure records, a page at a time (jobs only: the index job's transparency indicators). */
  listProcedureRecords(options: { after?: string; limit?: number }): Promise<ListResult<Procedure>>;
  getEntry(name: CatalogueName, id: string): Promise<CatalogueEntry | undefined>;
  /** Writes the entry and bumps the catalogue version, atomically. */
  putEntry(name: CatalogueName, entry: CatalogueEntry): Promise<void>;
  listEntries(name: CatalogueName, options: EntryListOptions): Promise<ListResult<CatalogueEntry>>;
  /** Monotonic counter, 0 before the first write. */
  getCatalogueVersion(): Promise<number>;
  /** Seeding: many procedures without a version bump each (call bumpCatalogueVersion once after). */
  batchPutProcedures(procedures: readonly Procedure[]): Promise<void>;
  batchPutEntries(name: CatalogueName, entries: readonly CatalogueEntry[]): Promise<void>;
  bumpCatalogueVersion(): Promise<void>;
}

export const PROCEDURE_PK = 'PROCEDURE';
export const catPk = (name: string) => `CAT#${name}`;
export const parentPk = (name: string, parent: string) => `CAT#${name}#${parent}`;
export const VERSION_KEY = { pk: 'META', sk: 'version' } as const;
export const BY_PARENT_INDEX = 'byParent';

/** Attributes the search index needs (lists read only these). */
export const SEARCH_FIELDS = [
  'code', 'name', 'level', 'sectorCode', 'onlineService', 'processingTime', 'fees', 'agencyKinds', 'ministryCodes',
] as const;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk']);
const stripKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as T;

const parentOf = (entry: CatalogueEntry): string | undefined =>
  typeof entry.parentCode === 'string' && entry.parentCode !== '' ? entry.parentCode : undefined;

const entryItem = (name: string, entry: CatalogueEntry) => {
  const parent = parentOf(entry);
  return { ...entry, pk: catPk(name), sk: entry.id, ...(parent ? { gsi1pk: parentPk(name, parent) } : {}) };
};

/** Chunks written at once by bulk loads. */
const BATCH_CONCURRENCY = 8;


/**
 * The SDK (commands and client) is loaded on the first call (see sdk.ts); the client and the table
 * name may be given as values or as factories evaluated then.
 */
export class DynamoCatalogueStore implements CatalogueStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  private versionBump(table: string) {
    return {
      Update: {
        TableName: table,
        Key: VERSION_KEY,
        UpdateExpression: 'ADD #v :one SET #at = :now',
        ExpressionAttributeNames: { '#v': 'version', '#at': 'updatedAt' },
        ExpressionAttributeValues: { ':one': 1, ':now': new Date().toISOString() },
      },
    };
  }

  async getProcedure(code: string): Promise<Procedure | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: PROCEDURE_PK, sk: code } }));
    return out.Item ? stripKeys<Procedure>(out.Item) : undefined;
  }

  async putProcedure(procedure: Procedure): Promise<void> {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: assertItemFits({ ...procedure, pk: PROCEDURE_PK, sk: procedure.code }, `the procedure ${procedure.code}`) } },
        this.versionBump(table),
      ],
    }));
  }

  async listProcedures(options: { after?: string; limit?: number }): Promise<ListResult<SearchDoc>> {
    const { db, table, lib } = await this.ready();
    const names = Object.fromEntries(SEARCH_FIELDS.map((f, i) => [`#f${i}`, f]));
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PROCEDURE_PK },
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
      ...(options.limit ? { Limit: options.limit } : {}),
      ...(options.after ? { ExclusiveStartKey: { pk: PROCEDURE_PK, sk: options.after } } : {}),
    }));
    const items = (out.Items ?? []) as SearchDoc[];
    return { items, last: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : null };
  }

  async listProcedureRecords(options: { after?: string; limit?: number }): Promise<ListResult<Procedure>> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PROCEDURE_PK },
      ...(options.limit ? { Limit: options.limit } : {}),
      ...(options.after ? { ExclusiveStartKey: { pk: PROCEDURE_PK, sk: options.after } } : {}),
    }));
    return { items: (out.Items ?? []).map((i) => stripKeys<Procedure>(i)), last: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : null };
  }

  async getEntry(name: CatalogueName, id: string): Promise<CatalogueEntry | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: catPk(name), sk: id } }));
    return out.Item ? stripKeys<CatalogueEntry>(out.Item) : undefined;
  }

  async putEntry(name: CatalogueName, entry: CatalogueEntry): Promise<void> {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.TransactWriteCommand({
      TransactItems: [{ Put: { TableName: table, Item: assertItemFits(entryItem(name, entry), `the ${name} entry ${entry.id}`) } }, this.versionBump(table)],
    }));
  }

  async listEntries(name: CatalogueName, options: EntryListOptions): Promise<ListResult<CatalogueEntry>> {
    const { db, table, lib } = await this.ready();
    const pk = catPk(name);
    // One more than asked tells whether another page exists, so the last page has no cursor.
    const input: QueryCommandInput = options.parent !== undefined
      ? {
          TableName: table,
          IndexName: BY_PARENT_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': parentPk(name, options.parent) },
          ...(options.after ? { ExclusiveStartKey: { gsi1pk: parentPk(name, options.parent), pk, sk: options.after } } : {}),
        }
      : {
          TableName: table,
          KeyConditionExpression: options.prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(options.prefix ? { ':prefix': options.prefix } : {}) },
          ...(options.after ? { ExclusiveStartKey: { pk, sk: options.after } } : {}),
        };
    const out = await db.send(new lib.QueryCommand({ ...input, Limit: options.limit + 1 }));
    const raw = out.Items ?? [];
    const items = raw.slice(0, options.limit).map((i) => stripKeys<CatalogueEntry>(i));
    const more = raw.length > options.limit || out.LastEvaluatedKey !== undefined;
    return { items, last: more && items.length ? items[items.length - 1]!.id : null };
  }

  async getCatalogueVersion(): Promise<number> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: VERSION_KEY, ConsistentRead: true }));
    const v = Number(out.Item?.version ?? 0);
    return Number.isFinite(v) ? v : 0;
  }

  async batchPutProcedures(procedures: readonly Procedure[]): Promise<void> {
    await this.batchWrite(procedures.map((p) => ({ ...p, pk: PROCEDURE_PK, sk: p.code })));
  }

  async batchPutEntries(name: CatalogueName, entries: readonly CatalogueEntry[]): Promise<void> {
    await this.batchWrite(entries.map((e) => entryItem(name, e)));
  }

  async bumpCatalogueVersion(): Promise<void> {
    const { db, table, lib } = await this.ready();
    const { Update } = this.versionBump(table);
    await db.send(new lib.UpdateCommand(Update));
  }

  /** Bulk loads are bound by round trips: a few batches in flight at once. */
  private async batchWrite(items: readonly Record<string, unknown>[]): Promise<void> {
    const { db, table, lib } = await this.ready();
    await batchPutAll(db, lib, table, items, { concurrency: BATCH_CONCURRENCY });
  }

}
