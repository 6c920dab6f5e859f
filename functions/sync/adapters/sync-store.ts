// The `sync` table: every event received from an agency system with what became of it, each
// dossier's last applied event time, and each system's error report (docs/sync.md).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';

/** `conflict`: a dossier upsert whose code belongs to another dossier (error report, like `impossible`). */
export type EventOutcome = 'applied' | 'already' | 'stale' | 'impossible' | 'conflict';

export interface SyncStore {
  /** What became of an event already processed, or undefined. */
  outcome(keyId: string, eventId: string): Promise<EventOutcome | undefined>;
  lastAppliedAt(code: string): Promise<string | null>;
  /** Records the event's outcome; for applied/already also moves the dossier's last applied time forward. */
  record(keyId: string, event: { eventId: string; code: string; at: string; status: string }, outcome: EventOutcome, why: string | null, now: string): Promise<void>;
  errors(keyId: string, limit: number): Promise<{ at: string; eventId: string; code: string; why: string }[]>;
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
    const items: NonNullable<ConstructorParameters<typeof lib.TransactWriteCommand>[0]['TransactItems']> = [
      { Put: { TableName: table, Item: { pk: `EVT#${keyId}#${event.eventId}`, sk: 'EVENT', ...event, keyId, outcome, why, processedAt: now } } },
    ];
    if (outcome === 'applied' || outcome === 'already') {
      items.push({
        Update: {
          TableName: table, Key: { pk: `DSYNC#${event.code}`, sk: 'STATE' },
          UpdateExpression: 'SET lastAppliedAt = :at',
          ConditionExpression: 'attribute_not_exists(lastAppliedAt) OR lastAppliedAt < :at',
          ExpressionAttributeValues: { ':at': event.at },
        },
      });
    }
    if (outcome === 'impossible' || outcome === 'conflict') {
      items.push({ Put: { TableName: table, Item: { pk: `ERR#${keyId}`, sk: `${now}#${event.eventId}`, eventId: event.eventId, code: event.code, at: now, why } } });
    }
    try {
      await db.send(new lib.TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      // A later event already moved the dossier's time on: record the event alone.
      if (!isConditionFailure(error)) throw error;
      await db.send(new lib.PutCommand(items[0]!.Put!));
    }
  }

  async errors(keyId: string, limit: number) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ERR#${keyId}` }, ScanIndexForward: false, Limit: limit,
    }));
    return (out.Items ?? []).map((i) => ({ at: String(i.at), eventId: String(i.eventId), code: String(i.code), why: String(i.why) }));
  }
}
