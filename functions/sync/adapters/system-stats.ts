// Each agency system's running statistics for the health page (docs/sync.md "Health"), in the
// `sync` table, write-sharded:
//
//   pk SYS#<keyId>#s<shard>   sk STATS   counters (ADD) and last times (SET), shard 0..STATS_SHARDS-1
//
// The counters are NOT in the transactions that record an event, put an outbox item or mark a
// delivery: one busy item in every transaction serialized them all (docs/capacity.md). Each store
// adds to a random shard after its own write commits; a crash between the two leaves the health
// statistic one short (an undercount of a display figure, never a lost event: the event records
// and outbox items stay the source of truth). Readers sum the shards (latest time wins).
import { randomInt } from 'node:crypto';
import type { DynamoTable } from '../../../shared/aws/clients';
import { batchGetAll } from '../../../shared/aws/dynamo-batch';

/** Shards of each system's statistics: ~8% of a partition's writes each at the largest system at 2,000 submits/s. */
export const STATS_SHARDS = 8;

export const systemStatsKey = (keyId: string, shard: number) => ({ pk: `SYS#${keyId}#s${shard}`, sk: 'STATS' });

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

type Counter = 'events' | 'applied' | 'errors' | 'outboundPending' | 'outboundDelivered';
type LastTime = 'lastEventAt' | 'lastAppliedAt' | 'lastErrorAt' | 'lastDeliveredAt';
const COUNTERS: readonly Counter[] = ['events', 'applied', 'errors', 'outboundPending', 'outboundDelivered'];
const LAST_TIMES: readonly LastTime[] = ['lastEventAt', 'lastAppliedAt', 'lastErrorAt', 'lastDeliveredAt'];

/** Adds to one shard of the system's statistics (a plain update, after the caller's write committed). */
export const addSystemStats = async (
  { db, table, lib }: DynamoTable, keyId: string, add: Partial<Record<Counter, number>>, set: Partial<Record<LastTime, string>> = {},
) => {
  const adds = Object.entries(add).filter(([, n]) => n);
  const sets = Object.entries(set);
  if (!adds.length && !sets.length) return;
  const values: Record<string, unknown> = {};
  const addClause = adds.map(([name, n]) => { values[`:${name}`] = n; return `${name} :${name}`; }).join(', ');
  const setClause = sets.map(([name, at]) => { values[`:${name}`] = at; return `${name} = :${name}`; }).join(', ');
  await db.send(new lib.UpdateCommand({
    TableName: table, Key: systemStatsKey(keyId, randomInt(STATS_SHARDS)),
    UpdateExpression: [addClause && `ADD ${addClause}`, setClause && `SET ${setClause}`].filter(Boolean).join(' '),
    ExpressionAttributeValues: values,
  }));
};

/** The system's statistics: the shards summed, each last time the latest of the shards'. */
export const readSystemStats = async ({ db, table, lib }: DynamoTable, keyId: string): Promise<SystemStats> => {
  const keys = Array.from({ length: STATS_SHARDS }, (_, shard) => systemStatsKey(keyId, shard));
  const shards = await batchGetAll(db, lib, table, keys);
  const stats = Object.fromEntries([...COUNTERS.map((c) => [c, 0]), ...LAST_TIMES.map((t) => [t, null])]) as unknown as SystemStats;
  for (const item of shards) {
    for (const c of COUNTERS) stats[c] += Number(item[c] ?? 0);
    for (const t of LAST_TIMES) {
      const at = item[t] as string | undefined;
      if (at && (stats[t] === null || at > stats[t]!)) stats[t] = at;
    }
  }
  return stats;
};
