// The `sync` table: every event received from an agency system with what became of it, each
// dossier's last applied event time, each system's error report and running statistics, the last
// failure of each message that could not be processed, and the sync-ratio counters (docs/sync.md).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { batchGetAll } from '../../../shared/aws/dynamo-batch';
import { failedConditions, isConditionFailure } from '../../../shared/aws/dynamo-errors';
import { shardOf } from '../../../shared/shards/key-shards';
import { addSystemStats, readSystemStats, type SystemStats } from './system-stats';

export type { SystemStats } from './system-stats';

/**
 * Shards of an agency-month's sync-ratio counter: the marker and its count stay in one transaction
 * (exact: the ratio is an index figure), and transactions on different shards do not conflict
 * (~5 tx/s a shard at the largest agency at 2,000 submits/s; docs/capacity.md).
 */
export const REPORTED_SHARDS = 32;
/**
 * A dossier's shard is fixed by its code (a retry meets the same item; shared/shards/key-shards.ts's
 * hash). Every shard is suffixed, shard 0 too (`#s0`): these keys were sharded from the start.
 */
export const reportedCounterKey = (agencyCode: string, code: string, month: string) =>
  ({ pk: `AGG#${agencyCode}#s${shardOf(code, REPORTED_SHARDS)}`, sk: month });

/**
 * `conflict`: a dossier upsert whose code belongs to another dossier; `refused`: an event whose time
 * is not believable (in the future, before the dossier, out of its history's order). Both go to the
 * error report, like `impossible`.
 */
export type EventOutcome = 'applied' | 'already' | 'stale' | 'impossible' | 'conflict' | 'refused';

export interface MessageFailure {
  messageId: string;
  why: string;
  attempts: number;
  at: string;
}

export interface SyncStore {
  /** What became of an event already processed, or undefined. */
  outcome(keyId: string, eventId: string): Promise<EventOutcome | undefined>;
  lastAppliedAt(code: string): Promise<string | null>;
  /**
   * Records the event's outcome once (a second record of the same event changes nothing) with the
   * system's statistics; for applied/already also moves the dossier's last applied time forward,
   * for impossible, conflict and refused adds it to the system's error report.
   */
  record(keyId: string, event: { eventId: string; code: string; at: string; status: string }, outcome: EventOutcome, why: string | null, now: string): Promise<void>;
  errors(keyId: string, limit: number): Promise<{ at: string; eventId: string; code: string; why: string }[]>;
  stats(keyId: string): Promise<SystemStats>;
  /** The last failure of a message the consumer could not process (shown next to its dead letter). */
  recordFailure(failure: MessageFailure): Promise<void>;
  failures(messageIds: readonly string[]): Promise<Map<string, MessageFailure>>;
  /**
   * Counts a dossier as reported by its agency's system, once, in the month of its receipt
   * (sync ratio, index 1.4 and 3.3). Returns whether this call counted it.
   */
  countReported(agencyCode: string, code: string, month: string): Promise<boolean>;
  reportedCount(agencyCode: string, month: string): Promise<number>;
}

export class DynamoSyncStore implements SyncStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async outcome(keyId: string, eventId: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `EVT#${keyId}#${eventId}`, sk: 'EVENT' }, ConsistentRead: true }));
    return out.Item?.outcome as EventOutcome | undefined;
  }

  async lastAppliedAt(code: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `DSYNC#${code}`, sk: 'STATE' }, ConsistentRead: true }));
    return (out.Item?.lastAppliedAt as string | undefined) ?? null;
  }

  async record(keyId: string, event: { eventId: string; code: string; at: string; status: string }, outcome: EventOutcome, why: string | null, now: string) {
    const { db, table, lib } = await this.ready();
    type Items = NonNullable<ConstructorParameters<typeof lib.TransactWriteCommand>[0]['TransactItems']>;
    const applied = outcome === 'applied' || outcome === 'already';
    // What goes to the system's error report: an impossible status, a code that is another dossier's, a time refused.
    const isError = outcome === 'impossible' || outcome === 'conflict' || outcome === 'refused';
    const eventItem: Items[number] = {
      Put: {
        TableName: table, Item: { pk: `EVT#${keyId}#${event.eventId}`, sk: 'EVENT', ...event, keyId, outcome, why, processedAt: now },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const dossierItem: Items[number] = {
      Update: {
        TableName: table, Key: { pk: `DSYNC#${event.code}`, sk: 'STATE' },
        UpdateExpression: 'SET lastAppliedAt = :at',
        ConditionExpression: 'attribute_not_exists(lastAppliedAt) OR lastAppliedAt < :at',
        ExpressionAttributeValues: { ':at': event.at },
      },
    };
    const errorItem: Items[number] = {
      Put: { TableName: table, Item: { pk: `ERR#${keyId}`, sk: `${now}#${event.eventId}`, eventId: event.eventId, code: event.code, at: now, why } },
    };
    const write = (items: Items) => db.send(new lib.TransactWriteCommand({ TransactItems: items }));
    const base = [eventItem, ...(isError ? [errorItem] : [])];
    try {
      await write(applied ? [...base, dossierItem] : base);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const conditions = failedConditions(error);
      if (conditions[0]) return; // recorded before (a redelivery after a crash): nothing more to do
      // A later event already moved the dossier's time on: record the event without it.
      if (applied && conditions[base.length]) await write(base);
      else throw error;
    }
    // The system's statistics, once per recorded event, after it is recorded and outside its
    // transaction (system-stats.ts: a crash between is an undercount of the health statistic).
    await addSystemStats({ db, table, lib }, keyId, { events: 1, applied: outcome === 'applied' ? 1 : 0, errors: isError ? 1 : 0 }, {
      lastEventAt: now, ...(outcome === 'applied' ? { lastAppliedAt: now } : {}), ...(isError ? { lastErrorAt: now } : {}),
    });
  }

  async errors(keyId: string, limit: number) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ERR#${keyId}` }, ScanIndexForward: false, Limit: limit,
    }));
    return (out.Items ?? []).map((i) => ({ at: String(i.at), eventId: String(i.eventId), code: String(i.code), why: String(i.why) }));
  }

  async stats(keyId: string): Promise<SystemStats> {
    return readSystemStats(await this.ready(), keyId);
  }

  async recordFailure(failure: MessageFailure) {
    const { db, table, lib } = await this.ready();
    // Kept for two weeks, the longest an SQS DLQ keeps a message.
    const expiresAt = Math.floor(Date.parse(failure.at) / 1000) + 14 * 24 * 3600;
    await db.send(new lib.PutCommand({ TableName: table, Item: { pk: `FAIL#${failure.messageId}`, sk: 'LAST', ...failure, expiresAt } }));
  }

  async failures(messageIds: readonly string[]) {
    const { db, table, lib } = await this.ready();
    const found = new Map<string, MessageFailure>();
    const unique = [...new Set(messageIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => ({ pk: `FAIL#${id}`, sk: 'LAST' }));
      // BatchGet may return some keys unprocessed under load: ask again for those.
      for (let round = 0; keys?.length && round < 5; round++) {
        const out = await db.send(new lib.BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
        for (const item of out.Responses?.[table] ?? []) {
          found.set(String(item.messageId), { messageId: String(item.messageId), why: String(item.why), attempts: Number(item.attempts), at: String(item.at) });
        }
        keys = out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  async countReported(agencyCode: string, code: string, month: string) {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: `REPORTED#${code}`, sk: 'DOSSIER', agencyCode, month }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: table, Key: reportedCounterKey(agencyCode, code, month),
              UpdateExpression: 'ADD reportedDossiers :one', ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }));
      return true;
    } catch (error) {
      // Counted before — only when the marker's own condition failed (a cancelled transaction may
      // also be a conflict with a concurrent one: that is thrown, and the message retried).
      if (failedConditions(error)[0] || (error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async reportedCount(agencyCode: string, month: string) {
    const { db, table, lib } = await this.ready();
    const keys = Array.from({ length: REPORTED_SHARDS }, (_, shard) => ({ pk: `AGG#${agencyCode}#s${shard}`, sk: month }));
    const shards = await batchGetAll(db, lib, table, keys, { consistentRead: true });
    return shards.reduce((sum, item) => sum + Number(item.reportedDossiers ?? 0), 0);
  }
}
