// The `evaluation` table (docs/data-model.md): each dossier's last applied contribution
// (pk DF#<dossierId>, sk FACTS), the per-agency monthly counters (pk AGG#<agency>, sk YYYY-MM), the
// index results (pk RESULT#<period>, sk <agencyCode>), the rankings (pk RANK#<period>, sk
// <level>#<province|->) and each job run (pk RUN#<period>, sk RUN).
//
// A contribution and the counter changes it makes are ONE transaction, conditional on the
// contribution still being the one the change was computed from: two consumers racing on one
// dossier cannot both apply a change (the loser re-reads and recomputes), and a redelivered
// event finds its version applied and changes nothing.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { batchGetAll, batchPutAll } from '../../../shared/aws/dynamo-batch';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import type { Contribution, Counters } from '../domain/dossier-facts';


export interface StoredContribution { version: number; contribution: Contribution | null }

export interface StoredRanking {
  period: string;
  level: string;
  province: string | null;
  definitionVersion: string;
  computedAt: string;
  items: Record<string, unknown>[];
}

export interface IndexRun {
  period: string;
  definitionVersion: string;
  computedAt: string;
  agencies: number;
  durationMs: number;
  trigger: string;
}

export interface CounterStore {
  contribution(dossierId: string): Promise<StoredContribution | undefined>;
  /**
   * Records `next` as the dossier's contribution at `version` and adds `deltas` to the counters,
   * only if the stored contribution is still at `expectedVersion` (undefined: none stored yet).
   * false when it is not (someone applied a change meanwhile).
   */
  applyContribution(dossierId: string, version: number, expectedVersion: number | undefined, next: Contribution | null, deltas: readonly Contribution[]): Promise<boolean>;
  /** Counters of agency-months, keyed `<agency>|<month>` (absent when nothing was counted). */
  counters(keys: readonly { agencyCode: string; month: string }[]): Promise<Map<string, Counters>>;
}

export interface ResultStore {
  putResults(period: string, results: readonly Record<string, unknown>[], rankings: readonly StoredRanking[], run: IndexRun): Promise<void>;
  result(period: string, agencyCode: string): Promise<Record<string, unknown> | undefined>;
  ranking(period: string, level: string, province: string | null): Promise<StoredRanking | undefined>;
  run(period: string): Promise<IndexRun | undefined>;
}

export type EvaluationStore = CounterStore & ResultStore;

const dfKey = (dossierId: string) => ({ pk: `DF#${dossierId}`, sk: 'FACTS' });
const aggKey = (agencyCode: string, month: string) => ({ pk: `AGG#${agencyCode}`, sk: month });
export const rankingSk = (level: string, province: string | null) => `${level}#${province ?? '-'}`;
const COUNTER_META = new Set(['pk', 'sk', 'agencyCode', 'month']);

export class DynamoEvaluationStore implements EvaluationStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async contribution(dossierId: string): Promise<StoredContribution | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: dfKey(dossierId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { version: Number(out.Item.version), contribution: (out.Item.contribution as Contribution | null) ?? null };
  }

  async applyContribution(dossierId: string, version: number, expectedVersion: number | undefined, next: Contribution | null, deltas: readonly Contribution[]): Promise<boolean> {
    const { db, table, lib } = await this.ready();
    const put = {
      Put: {
        TableName: table,
        Item: { ...dfKey(dossierId), version, contribution: next },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
      },
    };
    const updates = deltas.map((d) => {
      const names: Record<string, string> = { '#agency': 'agencyCode', '#month': 'month' };
      const values: Record<string, unknown> = { ':agency': d.agencyCode, ':month': d.month };
      const adds = Object.entries(d.counters).map(([name, n], i) => {
        names[`#c${i}`] = name;
        values[`:c${i}`] = n;
        return `#c${i} :c${i}`;
      });
      return {
        Update: {
          TableName: table,
          Key: aggKey(d.agencyCode, d.month),
          UpdateExpression: `SET #agency = :agency, #month = :month ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    });
    try {
      await db.send(new lib.TransactWriteCommand({ TransactItems: [put, ...updates] }));
      return true;
    } catch (error) {
      // A failed condition, or a conflict with a concurrent transaction on the same counters:
      // either way nothing was written, and the caller re-reads and tries again.
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async counters(keys: readonly { agencyCode: string; month: string }[]): Promise<Map<string, Counters>> {
    const { db, table, lib } = await this.ready();
    const unique = [...new Map(keys.map((k) => [`${k.agencyCode}|${k.month}`, aggKey(k.agencyCode, k.month)])).values()];
    const found = new Map<string, Counters>();
    for (const item of await batchGetAll(db, lib, table, unique, { consistentRead: true })) {
      const counters: Counters = {};
      for (const [k, v] of Object.entries(item)) if (!COUNTER_META.has(k) && typeof v === 'number') counters[k] = v;
      found.set(`${item.agencyCode}|${item.month}`, counters);
    }
    return found;
  }

  async putResults(period: string, results: readonly Record<string, unknown>[], rankings: readonly StoredRanking[], run: IndexRun): Promise<void> {
    const { db, table, lib } = await this.ready();
    const items = [
      ...results.map((r) => ({ ...r, pk: `RESULT#${period}`, sk: String(r.agencyCode) })),
      ...rankings.map((r) => ({ ...r, pk: `RANK#${period}`, sk: rankingSk(r.level, r.province) })),
    ];
    await batchPutAll(db, lib, table, items, { concurrency: 4 });
    // The run record last: a reader that finds it finds every result it announces.
    await db.send(new lib.PutCommand({ TableName: table, Item: { ...run, pk: `RUN#${period}`, sk: 'RUN' } }));
  }

  async result(period: string, agencyCode: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RESULT#${period}`, sk: agencyCode } }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return rest;
  }

  async ranking(period: string, level: string, province: string | null) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RANK#${period}`, sk: rankingSk(level, province) } }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return rest as unknown as StoredRanking;
  }

  async run(period: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RUN#${period}`, sk: 'RUN' } }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return rest as unknown as IndexRun;
  }
}
