// The `sync` table: every event received from an agency system with what became of it, each
// dossier's last applied event time, each system's error report and running statistics, the last
// failure of each message that could not be processed, and the sync-ratio counters (docs/sync.md).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { failedConditions, isConditionFailure } from '../../../shared/aws/dynamo-errors';

/**
 * `conflict`: a dossier upsert whose code belongs to another dossier; `refused`: an event whose time
 * is not believable (in the future, before the dossier, out of its history's order). Both go to the
 * error report, like `impossible`.
 */
export type EventOutcome = 'applied' | 'already' | 'stale' | 'impossible' | 'conflict' | 'refused';

export interface SystemStats {
  /** Events processed (each once), by outcome. */
  events: number;
  applied: number;
  errors: number;
  lastEventAt: string | null;
  lastAppliedAt: string | null;
  lastErrorAt: string | null;
  /** Outbound (outbox-store.ts keeps these): events waiting for delivery, delivered, the last delivery. */
  outboundPending: number;
  outboundDelivered: number;
  lastDeliveredAt: string | null;
}

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

const EMPTY_STATS: SystemStats = {
  events: 0, applied: 0, errors: 0, lastEventAt: null, lastAppliedAt: null, lastErrorAt: null, outboundPending: 0, outboundDelivered: 0, lastDeliveredAt: null,
};

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
    const statsItem: Items[number] = {
      Update: {
        TableName: table, Key: { pk: `SYS#${keyId}`, sk: 'STATS' },
        UpdateExpression: `ADD events :one, applied :applied, errors :error SET lastEventAt = :now${outcome === 'applied' ? ', lastAppliedAt = :now' : ''}${isError ? ', lastErrorAt = :now' : ''}`,
        ExpressionAttributeValues: { ':one': 1, ':applied': outcome === 'applied' ? 1 : 0, ':error': isError ? 1 : 0, ':now': now },
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
    const base = [eventItem, statsItem, ...(isError ? [errorItem] : [])];
    try {
      await write(applied ? [...base, dossierItem] : base);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const [eventRecorded, , dossierMovedOn] = failedConditions(error);
      if (eventRecorded) return; // recorded before (a redelivery after a crash): nothing more to do
      // A later event already moved the dossier's time on: record the event without it.
      if (applied && dossierMovedOn) await write(base);
      else throw error;
    }
  }

  async errors(keyId: string, limit: number) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ERR#${keyId}` }, ScanIndexForward: false, Limit: limit,
    }));
    return (out.Items ?? []).map((i) => ({ at: String(i.at), eventId: String(i.eventId), code: String(i.code), why: String(i.why) }));
  }

  async stats(keyId: string): Promise<SystemStats> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `SYS#${keyId}`, sk: 'STATS' } }));
    const i = out.Item;
    if (!i) return { ...EMPTY_STATS };
    return {
      events: Number(i.events ?? 0), applied: Number(i.applied ?? 0), errors: Number(i.errors ?? 0),
      lastEventAt: (i.lastEventAt as string) ?? null, lastAppliedAt: (i.lastAppliedAt as string) ?? null, lastErrorAt: (i.lastErrorAt as string) ?? null,
      outboundPending: Number(i.outboundPending ?? 0), outboundDelivered: Number(i.outboundDelivered ?? 0), lastDeliveredAt: (i.lastDeliveredAt as string) ?? null,
    };
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
              TableName: table, Key: { pk: `AGG#${agencyCode}`, sk: month },
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
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `AGG#${agencyCode}`, sk: month }, ConsistentRead: true }));
    return Number(out.Item?.reportedDossiers ?? 0);
  }
}
