// The `evaluation` table (docs/data-model.md), the ports of evaluation-ports.ts: each dossier's last
// applied contribution (pk DF#<dossierId>, sk FACTS), the per-agency monthly counters (pk
// AGG#<agency>[#<shard>], sk YYYY-MM), the index results (pk RESULT#<period>, sk <agencyCode>), the
// rankings (pk RANK#<period>, sk <level>#<province|->), the public statistics (pk STATS#<period>, sk
// <agencyCode|->), each period's last computation (pk RUN#<period>, sk RUN) and the admins'
// recompute runs (pk RECOMPUTE#<runId>, sk RUN).
//
// A contribution and the counter changes it makes are ONE transaction, conditional on the
// contribution still being the one the change was computed from: two consumers racing on one
// dossier cannot both apply a change (the loser re-reads and recomputes), and a redelivered
// event finds its version applied and changes nothing. Counter changes land on the dossier's write
// shard (domain/counter-shards.ts, `shardCount` below); `counters()` sums every shard.
//
// A ranking is one item while it fits (a few hundred bytes per agency: the communes of the largest
// province take tens of KB); past RANKING_CHUNK_BYTES its items continue in chunk items of the
// same partition, keyed by a generation, so a reader never mixes two computations and the 400 KB
// item limit is never reached.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { batchGetAll, batchPutAll } from '../../../shared/aws/dynamo-batch';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import { agencyShardCount } from '../../../shared/platform/agency-shards';
import { counterPk, counterShardOf } from '../domain/counter-shards';
import type { Contribution, Counters } from '../domain/dossier-facts';
import type { EvaluationStore, IndexRun, RecomputeRun, StoredContribution, StoredRanking, StoredStatistics } from './evaluation-ports';

export type {
  CounterStore, EvaluationStore, IndexRun, RecomputeRun, RecomputeRunStore, RecomputeStatus, ResultStore, StoredContribution, StoredRanking, StoredStatistics,
} from './evaluation-ports';

/** A ranking item's budget: well under DynamoDB's 400 KB, measured as JSON (larger than DynamoDB counts it). */
export const RANKING_CHUNK_BYTES = 300_000;
/** Recompute runs are kept 90 days (the table's TTL). */
const RECOMPUTE_RUN_DAYS = 90;

/** Splits ranking items into runs whose JSON stays within `maxBytes` (one at least per chunk). */
export const chunkBySize = <T>(items: readonly T[], maxBytes: number): T[][] => {
  const out: T[][] = [[]];
  let size = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (size + bytes > maxBytes && out.at(-1)!.length > 0) {
      out.push([]);
      size = 0;
    }
    out.at(-1)!.push(item);
    size += bytes;
  }
  return out;
};

export const dfKey = (dossierId: string) => ({ pk: `DF#${dossierId}`, sk: 'FACTS' });
export const aggKey = (agencyCode: string, month: string, shard = 0) => ({ pk: counterPk(agencyCode, shard), sk: month });
export const statisticsKey = (period: string, agencyCode: string | null) => ({ pk: `STATS#${period}`, sk: agencyCode ?? '-' });
export const rankingSk = (level: string, province: string | null) => `${level}#${province ?? '-'}`;
export const chunkSk = (headSk: string, generation: string, index: number) => `${headSk}#${generation}#${index}`;
export const recomputeKey = (runId: string) => ({ pk: `RECOMPUTE#${runId}`, sk: 'RUN' });
const COUNTER_META = new Set(['pk', 'sk', 'agencyCode', 'month']);
const RANKING_META = ['pk', 'sk', 'chunks', 'generation'] as const;

/** The ranking heads of a period stored in more than one item: their generation and chunk count (kept on the run record). */
type ChunkedRankings = Record<string, { generation: string; chunks: number }>;

const without = (item: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));

export class DynamoEvaluationStore implements EvaluationStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>, private readonly shardCount: (agencyCode: string) => number = agencyShardCount) {
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
          Key: aggKey(d.agencyCode, d.month, counterShardOf(dossierId, this.shardCount(d.agencyCode))),
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
    // Every declared shard of each agency-month, summed: a delta may sit on any of them.
    const shards = [...new Map(keys.map((k) => [`${k.agencyCode}|${k.month}`, k])).values()].flatMap((k) => Array.from({ length: this.shardCount(k.agencyCode) }, (_, shard) => aggKey(k.agencyCode, k.month, shard)));
    const found = new Map<string, Counters>();
    for (const item of await batchGetAll(db, lib, table, shards, { consistentRead: true })) {
      const key = `${item.agencyCode}|${item.month}`;
      const counters = found.get(key) ?? found.set(key, {}).get(key)!;
      for (const [k, v] of Object.entries(item)) if (!COUNTER_META.has(k) && typeof v === 'number') counters[k] = (counters[k] ?? 0) + v;
    }
    return found;
  }

  async putResults(period: string, results: readonly Record<string, unknown>[], rankings: readonly StoredRanking[], statistics: readonly StoredStatistics[], run: IndexRun): Promise<void> {
    const { db, table, lib } = await this.ready();
    const previous = (await this.runItem(period))?.chunkedRankings as ChunkedRankings | undefined;
    const generation = randomUUID();
    const heads: Record<string, unknown>[] = [];
    const continued: Record<string, unknown>[] = [];
    const chunked: ChunkedRankings = {};
    for (const r of rankings) {
      const sk = rankingSk(r.level, r.province);
      const [first, ...rest] = chunkBySize(r.items, RANKING_CHUNK_BYTES);
      heads.push({ ...r, items: first, pk: `RANK#${period}`, sk, ...(rest.length ? { chunks: rest.length + 1, generation } : {}) });
      for (const [i, items] of rest.entries()) continued.push({ pk: `RANK#${period}`, sk: chunkSk(sk, generation, i + 1), items });
      if (rest.length) chunked[sk] = { generation, chunks: rest.length + 1 };
    }
    // Chunks before their heads, heads before the run: whatever a reader finds is complete.
    const resultItems = results.map((r) => ({ ...r, pk: `RESULT#${period}`, sk: String(r.agencyCode) }));
    await batchPutAll(db, lib, table, [...resultItems, ...statistics.map((s) => ({ ...s, ...statisticsKey(period, s.agencyCode) })), ...continued], { concurrency: 4 });
    await batchPutAll(db, lib, table, heads, { concurrency: 4 });
    await db.send(new lib.PutCommand({ TableName: table, Item: { ...run, pk: `RUN#${period}`, sk: 'RUN', chunkedRankings: chunked } }));
    // The previous computation's chunks no head points to any more.
    for (const [sk, old] of Object.entries(previous ?? {})) {
      for (let i = 1; i < old.chunks; i++) {
        await db.send(new lib.DeleteCommand({ TableName: table, Key: { pk: `RANK#${period}`, sk: chunkSk(sk, old.generation, i) } }));
      }
    }
  }

  async result(period: string, agencyCode: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RESULT#${period}`, sk: agencyCode } }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return rest;
  }

  async statistics(period: string, agencyCode: string | null): Promise<StoredStatistics | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: statisticsKey(period, agencyCode) }));
    return out.Item ? (without(out.Item, ['pk', 'sk']) as unknown as StoredStatistics) : undefined;
  }

  async ranking(period: string, level: string, province: string | null): Promise<StoredRanking | undefined> {
    const { db, table, lib } = await this.ready();
    const sk = rankingSk(level, province);
    // A second try covers a reader that got a head just before a refresh replaced its chunks. Not
    // retryOnConflict: nothing is written here, and heads are replaced before old chunks are
    // deleted, so one immediate re-read finds the new generation; a second miss is corrupt data.
    for (let attempt = 1; ; attempt++) {
      const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RANK#${period}`, sk } }));
      const head = out.Item;
      if (!head) return undefined;
      const chunks = Number(head.chunks ?? 1);
      const ranking = without(head, RANKING_META) as unknown as StoredRanking;
      if (chunks <= 1) return ranking;
      const keys = Array.from({ length: chunks - 1 }, (_, i) => ({ pk: `RANK#${period}`, sk: chunkSk(sk, String(head.generation), i + 1) }));
      const found = new Map((await batchGetAll(db, lib, table, keys)).map((c) => [String(c.sk), c.items as Record<string, unknown>[]]));
      if (found.size === keys.length) return { ...ranking, items: [...ranking.items, ...keys.flatMap((k) => found.get(k.sk)!)] };
      if (attempt >= 2) throw new Error(`ranking ${period} ${sk}: ${keys.length - found.size} of its ${chunks} chunks are missing`);
    }
  }

  private async runItem(period: string) {
    const { db, table, lib } = await this.ready();
    return (await db.send(new lib.GetCommand({ TableName: table, Key: { pk: `RUN#${period}`, sk: 'RUN' } }))).Item;
  }

  async run(period: string) {
    const item = await this.runItem(period);
    return item ? (without(item, ['pk', 'sk', 'chunkedRankings']) as unknown as IndexRun) : undefined;
  }

  async createRecomputeRun(run: RecomputeRun): Promise<void> {
    const { db, table, lib } = await this.ready();
    const expiresAt = Math.floor(Date.parse(run.requestedAt) / 1000) + RECOMPUTE_RUN_DAYS * 86_400;
    await db.send(new lib.PutCommand({
      TableName: table, Item: { ...run, ...recomputeKey(run.runId), expiresAt }, ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  async recomputeRun(runId: string): Promise<RecomputeRun | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: recomputeKey(runId), ConsistentRead: true }));
    return out.Item ? (without(out.Item, ['pk', 'sk', 'expiresAt']) as unknown as RecomputeRun) : undefined;
  }

  async updateRecomputeRun(runId: string, patch: Partial<Omit<RecomputeRun, 'runId'>>, options: { unlessFinished?: boolean } = {}): Promise<boolean> {
    const { db, table, lib } = await this.ready();
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(patch).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    let condition = 'attribute_exists(pk)';
    if (options.unlessFinished) {
      names['#status'] = 'status';
      values[':done'] = 'done';
      values[':failed'] = 'failed';
      condition += ' AND NOT #status IN (:done, :failed)';
    }
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: recomputeKey(runId), UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values,
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
