// Feedback in DynamoDB (the `feedback` table, docs/data-model.md). A transition is one Put of the
// item conditional on the version read, in the same transaction as the indicator counters it
// moves; a reaction is one transaction of the person's reaction item (conditional on what it was)
// and an atomic ADD to the item's counts — so counts are exact however many react at once.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { assertItemFits } from '../../../shared/aws/item-size';
import { PORTAL_QUEUE } from '../domain/access';
import type { FeedbackRecord } from '../domain/feedback';
import { batchGetAll } from '../../../shared/aws/dynamo-batch';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';

export const BY_AGENCY = 'byAgency';
export const BY_SENDER = 'bySender';
export const BY_PUBLISHED = 'byPublished';
export const BY_OPEN = 'byOpen';
const OPEN_SHARDS = 8;

const pk = (id: string) => `F#${id}`;
const META = 'META';
const isOpen = (f: FeedbackRecord) => f.status !== 'rejected' && f.status !== 'published';
const shardOf = (id: string) => parseInt(id.replace(/-/g, '').slice(-4), 16) % OPEN_SHARDS;

/** Vietnamese without diacritics, lower case: how public search matches. */
export const foldText = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();


/** One page of records read from an index; `last` is where the next page starts (null: the end). */
export interface FeedbackRecordPage { items: FeedbackRecord[]; last: Record<string, unknown> | null }

export interface IndicatorCounts {
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  answeredRepeated: number;
}

export interface FeedbackStore {
  nextCode(localDate: string): Promise<number>;
  /** False when the sender already sent this subject to this agency (a repeated feedback). */
  claimSubject(sub: string, agency: string | null, subject: string, id: string): Promise<boolean>;
  create(f: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  /** Writes the new state if the stored version is still `expectedVersion`; counters in the same transaction. */
  save(f: FeedbackRecord, expectedVersion: number, counters?: { agencyCode: string; month: string; add: Partial<IndicatorCounts> }): Promise<boolean>;
  queue(agency: string, status: string | undefined, limit: number, start?: Record<string, unknown>): Promise<FeedbackRecordPage>;
  bySender(sub: string, limit: number, start?: Record<string, unknown>): Promise<FeedbackRecordPage>;
  published(filter: { q?: string; agency?: string }, limit: number, start?: Record<string, unknown>): Promise<FeedbackRecordPage>;
  open(shard: number, start?: Record<string, unknown>): Promise<FeedbackRecordPage>;
  readonly openShards: number;
  reaction(id: string, sub: string): Promise<boolean | undefined>;
  /** Sets the person's reaction; 'changed' (counts moved), 'same', or 'stale' (it changed meanwhile: read again). */
  react(id: string, sub: string, like: boolean, previous: boolean | undefined): Promise<'changed' | 'same' | 'stale'>;
  counters(agencyCode: string, month: string): Promise<IndicatorCounts>;
}

const recordOf = (item: Record<string, unknown>): FeedbackRecord => {
  const { pk: _p, sk: _s, gsi1pk: _1, gsi1sk: _1s, gsi2pk: _2, gsi2sk: _2s, gsi3pk: _3, gsi3sk: _3s, gsi4pk: _4, gsi4sk: _4s, searchText: _t, ...rest } = item;
  return rest as unknown as FeedbackRecord;
};

export class DynamoFeedbackStore implements FeedbackStore {
  readonly openShards = OPEN_SHARDS;
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  /** The item as stored; one DynamoDB would refuse (over 400 KB: a history grown by many transfers) is a 413 before the write. */
  private item(f: FeedbackRecord) {
    return assertItemFits({
      ...f,
      pk: pk(f.id), sk: META,
      gsi1pk: `AGENCY#${f.agencyCode ?? PORTAL_QUEUE}`, gsi1sk: `${f.status}#${f.submittedAt}#${f.id}`,
      gsi2pk: `SENDER#${f.sender.sub}`, gsi2sk: `${f.submittedAt}#${f.id}`,
      ...(f.status === 'published' ? { gsi3pk: 'PUBLISHED', gsi3sk: `${f.publishedAt}#${f.id}`, searchText: foldText(`${f.subject} ${f.content} ${f.answer?.text ?? ''}`) } : {}),
      ...(isOpen(f) ? { gsi4pk: `OPEN#${shardOf(f.id)}`, gsi4sk: `${f.submittedAt}#${f.id}` } : {}),
    }, `the feedback ${f.code}`);
  }

  async nextCode(localDate: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.UpdateCommand({
      TableName: table, Key: { pk: `SEQ#${localDate}`, sk: 'SEQ' }, UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
    }));
    return Number(out.Attributes!.n);
  }

  async claimSubject(sub: string, agency: string | null, subject: string, id: string) {
    const { db, table, lib } = await this.ready();
    const hash = createHash('sha256').update(foldText(subject)).digest('hex').slice(0, 32);
    try {
      await db.send(new lib.PutCommand({
        TableName: table, Item: { pk: `SUBJ#${sub}#${agency ?? PORTAL_QUEUE}#${hash}`, sk: 'SUBJ', firstId: id },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async create(f: FeedbackRecord) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.PutCommand({ TableName: table, Item: this.item(f), ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(id: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: pk(id), sk: META }, ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async save(f: FeedbackRecord, expectedVersion: number, counters?: { agencyCode: string; month: string; add: Partial<IndicatorCounts> }) {
    const { db, table, lib } = await this.ready();
    const adds = Object.entries(counters?.add ?? {}).filter(([, v]) => v);
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          // Reactions (atomic ADDs to the counts) exist only once published, and nothing moves a
          // published item, so this Put never overwrites a count.
          {
            Put: {
              TableName: table,
              Item: this.item(f),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': expectedVersion },
            },
          },
          ...(counters && adds.length
            ? [{
                Update: {
                  TableName: table,
                  Key: { pk: `AGG#${counters.agencyCode}`, sk: counters.month },
                  UpdateExpression: `ADD ${adds.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
                  ExpressionAttributeNames: Object.fromEntries(adds.map(([k], i) => [`#c${i}`, k])),
                  ExpressionAttributeValues: Object.fromEntries(adds.map(([, v], i) => [`:c${i}`, v])),
                },
              }]
            : []),
        ],
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async query(index: string, key: string, value: string, opts: { limit: number; start?: Record<string, unknown>; forward: boolean; skPrefix?: string; filter?: { expression: string; values: Record<string, unknown> } }): Promise<FeedbackRecordPage> {
    const { db, table, lib } = await this.ready();
    const skName = key.replace('pk', 'sk');
    const items: FeedbackRecord[] = [];
    let start = opts.start;
    // A filtered query may return short pages: read on until the page is full or the index ends.
    for (let reads = 0; reads < 20; reads++) {
      const out = await db.send(new lib.QueryCommand({
        TableName: table, IndexName: index,
        KeyConditionExpression: opts.skPrefix ? '#k = :v AND begins_with(#s, :p)' : '#k = :v',
        ExpressionAttributeNames: { '#k': key, ...(opts.skPrefix ? { '#s': skName } : {}) },
        ExpressionAttributeValues: { ':v': value, ...(opts.skPrefix ? { ':p': opts.skPrefix } : {}), ...opts.filter?.values },
        ...(opts.filter ? { FilterExpression: opts.filter.expression } : {}),
        ScanIndexForward: opts.forward,
        Limit: opts.limit - items.length,
        ExclusiveStartKey: start,
      }));
      items.push(...(out.Items ?? []).map(recordOf));
      start = out.LastEvaluatedKey;
      if (!start || items.length >= opts.limit) break;
    }
    return { items, last: start ?? null };
  }

  queue(agency: string, status: string | undefined, limit: number, start?: Record<string, unknown>) {
    return this.query(BY_AGENCY, 'gsi1pk', `AGENCY#${agency}`, { limit, start, forward: true, skPrefix: status ? `${status}#` : undefined });
  }

  bySender(sub: string, limit: number, start?: Record<string, unknown>) {
    return this.query(BY_SENDER, 'gsi2pk', `SENDER#${sub}`, { limit, start, forward: false });
  }

  published(filter: { q?: string; agency?: string }, limit: number, start?: Record<string, unknown>) {
    const words = filter.q ? foldText(filter.q).split(' ').filter(Boolean).slice(0, 8) : [];
    const parts = [...words.map((_, i) => `contains(searchText, :w${i})`), ...(filter.agency ? ['agencyCode = :a'] : [])];
    const values = { ...Object.fromEntries(words.map((w, i) => [`:w${i}`, w])), ...(filter.agency ? { ':a': filter.agency } : {}) };
    return this.query(BY_PUBLISHED, 'gsi3pk', 'PUBLISHED', {
      limit, start, forward: false, filter: parts.length ? { expression: parts.join(' AND '), values } : undefined,
    });
  }

  /**
   * Per agency, the items published in [fromIso, toIso) whose answer drew more dislikes than likes
   * (index 5.3; read at index time, since reactions keep changing the counts).
   */
  async dislikedPublished(fromIso: string, toIso: string): Promise<Map<string, number>> {
    const { db, table, lib } = await this.ready();
    const out = new Map<string, number>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new lib.QueryCommand({
        TableName: table, IndexName: BY_PUBLISHED,
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        FilterExpression: 'dislikes > likes',
        ExpressionAttributeValues: { ':p': 'PUBLISHED', ':from': fromIso, ':to': toIso },
        ProjectionExpression: 'agencyCode',
        ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) {
        const agency = typeof item.agencyCode === 'string' ? item.agencyCode : null;
        if (agency) out.set(agency, (out.get(agency) ?? 0) + 1);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  open(shard: number, start?: Record<string, unknown>) {
    return this.query(BY_OPEN, 'gsi4pk', `OPEN#${shard}`, { limit: 100, start, forward: true });
  }

  async reaction(id: string, sub: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: pk(id), sk: `R#${sub}` }, ConsistentRead: true }));
    return out.Item ? Boolean(out.Item.like) : undefined;
  }

  async react(id: string, sub: string, like: boolean, previous: boolean | undefined): Promise<'changed' | 'same' | 'stale'> {
    if (previous === like) return 'same';
    const { db, table, lib } = await this.ready();
    const delta = { likes: (like ? 1 : 0) - (previous === true ? 1 : 0), dislikes: (like ? 0 : 1) - (previous === false ? 1 : 0) };
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table, Item: { pk: pk(id), sk: `R#${sub}`, like },
              ...(previous === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: '#l = :prev', ExpressionAttributeNames: { '#l': 'like' }, ExpressionAttributeValues: { ':prev': previous } }),
            },
          },
          {
            Update: {
              TableName: table, Key: { pk: pk(id), sk: META },
              UpdateExpression: 'ADD likes :dl, dislikes :dd',
              ConditionExpression: '#st = :published',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: { ':dl': delta.likes, ':dd': delta.dislikes, ':published': 'published' },
            },
          },
        ],
      }));
      return 'changed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return 'stale';
    }
  }

  /** Many agencies' counters of one month (BatchGetItem), zeros for those with none. */
  async countersMany(agencyCodes: readonly string[], month: string): Promise<Map<string, IndicatorCounts>> {
    const { db, table, lib } = await this.ready();
    const unique = [...new Set(agencyCodes)];
    const found = new Map<string, IndicatorCounts>();
    const countsOf = (item: Record<string, unknown> | undefined): IndicatorCounts => {
      const n = (k: string) => Number(item?.[k] ?? 0);
      return { answered: n('answered'), answeredOnTime: n('answeredOnTime'), answeredLate: n('answeredLate'), answeredRepeated: n('answeredRepeated') };
    };
    const items = await batchGetAll(db, lib, table, unique.map((a) => ({ pk: `AGG#${a}`, sk: month })), { consistentRead: true });
    for (const item of items) found.set(String(item.pk).slice('AGG#'.length), countsOf(item));
    return new Map(unique.map((a) => [a, found.get(a) ?? countsOf(undefined)]));
  }

  async counters(agencyCode: string, month: string): Promise<IndicatorCounts> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `AGG#${agencyCode}`, sk: month }, ConsistentRead: true }));
    const n = (k: string) => Number(out.Item?.[k] ?? 0);
    return { answered: n('answered'), answeredOnTime: n('answeredOnTime'), answeredLate: n('answeredLate'), answeredRepeated: n('answeredRepeated') };
  }
}
