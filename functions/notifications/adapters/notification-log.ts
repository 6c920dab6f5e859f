// The notifications table: one item per (dossier, event version, message kind, channel), written
// BEFORE the message is sent. SQS delivers at least once, so the same event can arrive twice (or
// two copies at once): the conditional put is the claim, and only its winner sends. The item then
// records the outcome (sent, failed) and keeps the rendered message (text, HTML, SMS and the slip
// document the PDF is regenerated from — never the PDF itself, never the full address).
//
// Claims: `sending` → `sent` | `failed`. A `failed` item is claimed again by the next delivery (the
// sender's failure was reported for retry). A `sending` item whose claim is older than the lease
// belongs to an invocation that died mid-send (Lambda's timeout, 30 s, is well under the lease): it
// is claimed again — the one case where a message can go out twice (sent, then the invocation died
// before recording it), since neither SES nor SNS takes an idempotency key.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import type { MessageKind, SlipDocument } from '../domain/slip';
import { localDate } from '../domain/text';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';

export type NotificationChannel = 'email' | 'sms' | 'none';
export type NotificationStatus = 'sending' | 'sent' | 'failed' | 'no_contact';

export interface NotificationKey {
  dossierId: string;
  eventVersion: number;
  kind: MessageKind;
  channel: NotificationChannel;
}

/** What is known before sending: the message as rendered for this channel. */
export interface NotificationDraft extends NotificationKey {
  code: string | null;
  action: string;
  /** The address, masked ("a***@example.vn", "09******78"); null for `none`. */
  toMasked: string | null;
  subject: string;
  /** E-mail: text and HTML; SMS: the SMS body in `text`, no HTML. */
  text: string;
  html: string | null;
  trackingUrl: string;
  /** The document the PDF is regenerated from (only for the slips of Circular 01/2018). */
  slip: SlipDocument | null;
}

export interface NotificationRecord extends NotificationDraft {
  pk: string;
  sk: string;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  claimedAt: string;
  updatedAt: string;
  sentAt?: string;
  delivery?: 'outbox' | 'aws';
  providerMessageId?: string;
  /** The error's name only (messages can quote an address). */
  error?: string;
}

export type Claim =
  | { outcome: 'claimed'; attempt: number }
  /** Already sent (or recorded as having no contact): nothing to do. */
  | { outcome: 'done'; status: NotificationStatus }
  /** Another invocation holds a fresh claim: try again later. */
  | { outcome: 'busy' };

export interface NotificationLog {
  claim(draft: NotificationDraft, now: Date): Promise<Claim>;
  markSent(key: NotificationKey, result: { delivery: 'outbox' | 'aws'; providerMessageId: string }, now: Date): Promise<void>;
  markFailed(key: NotificationKey, errorName: string, now: Date): Promise<void>;
  /** Records that the applicant left no contact (once; a repeat is a no-op). */
  recordNoContact(draft: NotificationDraft, now: Date): Promise<void>;
  get(dossierId: string, sk: string): Promise<NotificationRecord | undefined>;
  /**
   * The newest first of one local (Asia/Ho_Chi_Minh) day `YYYY-MM-DD`, for the local outbox: its
   * index `byDay` is local-only (shared/platform/tables.ts), so in AWS there is nothing to query.
   */
  listDay(date: string, limit: number): Promise<NotificationRecord[]>;
}

export const BY_DAY = 'byDay';
/** How long a record is kept (DynamoDB TTL): two years, for questions about what was sent. */
export const RETENTION_DAYS = 730;
/** A claim older than this belongs to an invocation that is no longer running. */
export const DEFAULT_LEASE_MS = 60_000;

export const notificationPk = (dossierId: string) => `N#${dossierId}`;
export const notificationSk = (k: Pick<NotificationKey, 'eventVersion' | 'kind' | 'channel'>) =>
  `${String(k.eventVersion).padStart(6, '0')}#${k.kind}#${k.channel}`;
export const dayPk = (date: string) => `DAY#${date}`;


export class DynamoNotificationLog implements NotificationLog {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>, private readonly leaseMs = DEFAULT_LEASE_MS) {
    this.ready = dynamoTable(client, tableName);
  }

  private item(draft: NotificationDraft, status: NotificationStatus, now: Date) {
    const at = now.toISOString();
    return {
      ...draft,
      pk: notificationPk(draft.dossierId),
      sk: notificationSk(draft),
      status,
      attempts: status === 'sending' ? 1 : 0,
      createdAt: at,
      claimedAt: at,
      updatedAt: at,
      gsi1pk: dayPk(localDate(now)),
      gsi1sk: `${at}#${draft.dossierId}`,
      expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_DAYS * 86_400,
    };
  }

  async claim(draft: NotificationDraft, now: Date): Promise<Claim> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.PutCommand({
        TableName: table, Item: this.item(draft, 'sending', now), ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return { outcome: 'claimed', attempt: 1 };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(draft.dossierId, notificationSk(draft));
    if (!existing) return { outcome: 'busy' };
    if (existing.status === 'sent' || existing.status === 'no_contact') return { outcome: 'done', status: existing.status };
    const stale = existing.status === 'sending' && now.getTime() - Date.parse(existing.claimedAt) >= this.leaseMs;
    if (existing.status !== 'failed' && !stale) return { outcome: 'busy' };
    // Take the claim over only if nobody else did since we read it (attempts is the claim's version).
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table,
        Key: { pk: existing.pk, sk: existing.sk },
        UpdateExpression: 'SET #status = :sending, claimedAt = :now, updatedAt = :now, attempts = :next REMOVE #error',
        ConditionExpression: 'attempts = :seen AND #status = :seenStatus',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':sending': 'sending', ':now': now.toISOString(), ':next': existing.attempts + 1,
          ':seen': existing.attempts, ':seenStatus': existing.status,
        },
      }));
      return { outcome: 'claimed', attempt: existing.attempts + 1 };
    } catch (error) {
      if (isConditionFailure(error)) return { outcome: 'busy' };
      throw error;
    }
  }

  async markSent(key: NotificationKey, result: { delivery: 'outbox' | 'aws'; providerMessageId: string }, now: Date): Promise<void> {
    await this.update(key, 'SET #status = :sent, sentAt = :now, updatedAt = :now, delivery = :delivery, providerMessageId = :id', {
      ':sent': 'sent', ':now': now.toISOString(), ':delivery': result.delivery, ':id': result.providerMessageId,
    });
  }

  async markFailed(key: NotificationKey, errorName: string, now: Date): Promise<void> {
    await this.update(key, 'SET #status = :failed, updatedAt = :now, #error = :error', {
      ':failed': 'failed', ':now': now.toISOString(), ':error': errorName.slice(0, 200),
    });
  }

  async recordNoContact(draft: NotificationDraft, now: Date): Promise<void> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.PutCommand({
        TableName: table, Item: this.item(draft, 'no_contact', now), ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async get(dossierId: string, sk: string): Promise<NotificationRecord | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: notificationPk(dossierId), sk }, ConsistentRead: true }));
    return out.Item as NotificationRecord | undefined;
  }

  async listDay(date: string, limit: number): Promise<NotificationRecord[]> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table, IndexName: BY_DAY, KeyConditionExpression: 'gsi1pk = :day',
      ExpressionAttributeValues: { ':day': dayPk(date) }, ScanIndexForward: false, Limit: limit,
    }));
    return (out.Items ?? []) as NotificationRecord[];
  }

  private async update(key: NotificationKey, expression: string, values: Record<string, unknown>) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.UpdateCommand({
      TableName: table,
      Key: { pk: notificationPk(key.dossierId), sk: notificationSk(key) },
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status', ...(expression.includes('#error') ? { '#error': 'error' } : {}) },
      ExpressionAttributeValues: values,
    }));
  }
}
