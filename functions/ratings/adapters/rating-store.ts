// Ratings and their aggregates in DynamoDB (the `ratings` table, docs/data-model.md). A rating and
// the change it makes to its agency-month aggregate are written in ONE TransactWriteItems: the
// rating conditional (a first rating on `attribute_not_exists`, a replacement on the revision it
// was decided from), the aggregate by `ADD` of the delta. Either both happen or neither, so the
// counters stay exact under concurrent ratings and retries (a retried transaction carries the
// SDK's ClientRequestToken; a re-decided one is conditional again).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { aggregateOf, type CounterDelta, type RatingAggregate } from '../domain/aggregate';
import type { RatingRecord } from '../domain/rating';
import { batchGetAll } from '../../../shared/aws/dynamo-batch';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';

export const ratingKey = (dossierId: string) => ({ pk: `R#${dossierId}`, sk: 'RATING' });
export const aggregateKey = (agencyCode: string, month: string) => ({ pk: `AGG#${agencyCode}`, sk: month });


export type WriteResult = 'written' | 'stale';

export interface RatingAggregateReader {
  /** One agency-month (zeros when nobody rated). */
  aggregate(agencyCode: string, month: string): Promise<RatingAggregate>;
  /** Many agencies of one month (zeros for those nobody rated), keyed by agency code. */
  aggregates(agencyCodes: readonly string[], month: string): Promise<Map<string, RatingAggregate>>;
  /** The months `from`..`to` (YYYY-MM, inclusive) of one agency that have ratings, in order. */
  aggregateMonths(agencyCode: string, from: string, to: string): Promise<RatingAggregate[]>;
}

export interface RatingStore extends RatingAggregateReader {
  get(dossierId: string): Promise<RatingRecord | undefined>;
  /** The first rating of a dossier with its aggregate delta; `stale` when a rating exists already. */
  create(record: RatingRecord, delta: CounterDelta): Promise<WriteResult>;
  /** A replacement, only if the stored rating is still at `previousRevisions`; `stale` otherwise. */
  replace(record: RatingRecord, previousRevisions: number, delta: CounterDelta): Promise<WriteResult>;
}

const recordOf = (item: Record<string, unknown>): RatingRecord => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as RatingRecord;
};

export class DynamoRatingStore implements RatingStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async get(dossierId: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: ratingKey(dossierId), ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  create(record: RatingRecord, delta: CounterDelta) {
    return this.write(
      {
        Put: {
          Item: { ...record, ...ratingKey(record.dossierId) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      record, delta,
    );
  }

  replace(record: RatingRecord, previousRevisions: number, delta: CounterDelta) {
    return this.write(
      {
        Put: {
          Item: { ...record, ...ratingKey(record.dossierId) },
          ConditionExpression: '#rev = :read',
          ExpressionAttributeNames: { '#rev': 'revisions' },
          ExpressionAttributeValues: { ':read': previousRevisions },
        },
      },
      record, delta,
    );
  }

  /** The rating write and the aggregate's `ADD` of the delta, in one transaction. */
  private async write(
    rating: { Put: { Item: Record<string, unknown>; ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } },
    record: RatingRecord,
    delta: CounterDelta,
  ): Promise<WriteResult> {
    const { db, table, lib } = await this.ready();
    const names: Record<string, string> = { '#agency': 'agencyCode', '#month': 'month', '#parent': 'agencyParentCode', '#at': 'updatedAt' };
    const values: Record<string, unknown> = { ':agency': record.agencyCode, ':month': record.month, ':parent': record.agencyParentCode, ':at': record.updatedAt };
    const adds = Object.entries(delta).map(([attr, n], i) => {
      names[`#c${i}`] = attr;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, ...rating.Put } },
          {
            Update: {
              TableName: table,
              Key: aggregateKey(record.agencyCode, record.month),
              UpdateExpression: `SET #agency = :agency, #month = :month, #parent = :parent, #at = :at${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
        ],
      }));
      return 'written';
    } catch (error) {
      if (isConditionFailure(error)) return 'stale';
      throw error;
    }
  }

  async aggregate(agencyCode: string, month: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: aggregateKey(agencyCode, month), ConsistentRead: true }));
    return aggregateOf(agencyCode, month, out.Item ?? {});
  }

  async aggregates(agencyCodes: readonly string[], month: string) {
    const { db, table, lib } = await this.ready();
    const unique = [...new Set(agencyCodes)];
    const found = new Map<string, Record<string, unknown>>();
    for (const item of await batchGetAll(db, lib, table, unique.map((a) => aggregateKey(a, month)), { consistentRead: true })) found.set(String(item.agencyCode), item);
    return new Map(unique.map((a) => [a, aggregateOf(a, month, found.get(a) ?? {})]));
  }

  async aggregateMonths(agencyCode: string, from: string, to: string) {
    if (from > to) return [];
    const { db, table, lib } = await this.ready();
    const out: RatingAggregate[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> } = await db.send(new lib.QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `AGG#${agencyCode}`, ':from': from, ':to': to },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map((item) => aggregateOf(agencyCode, String(item.sk), item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
