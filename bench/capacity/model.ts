// The capacity model proper: from the lifecycle table (lifecycle.ts) and the traffic spread
// (agencies.ts), the load on every limit at a national submission rate. Pure: no I/O.
//
// Every row has a `use(rate)`: its load as a share of its limit at that national rate. A row is
// flagged above FLAG_AT (50%); it saturates where use reaches 1, found by bisection (rows are
// monotone in the rate); the model saturates at its first row's.
import type { FunctionDecl, QueueDecl } from '../../shared/platform/types';
import {
  ACCOUNT_QUOTAS, FIFO_CALLS_PER_ACTION, FLAG_AT, HIGH_THROUGHPUT_FIFO_CALLS_PER_ACTION, LAMBDA_UNRESERVED_MINIMUM, NEW_TABLE_WARM, PARTITION_RCU, PARTITION_WCU, SQS_ESM_MAX_CONCURRENCY,
  TRAFFIC, conflictShare, txRateAtConflicts, type AccountQuota, type QuotaKey,
} from './limits';
import { messagesPerCall, type Step } from './lifecycle';
import { distinctKeys, shardsOf, spreadIn, type Spread, type WarmRead } from './units';

export interface Settings {
  /** A route's stage throttle (shared/platform/throttles.ts at infra/config.ts designRate, else apiRateLimit; applied by infra/stacks/api-stack.ts). */
  routeRateLimit: (routeId: string) => number;
  queues: readonly QueueDecl[];
  functions: readonly FunctionDecl[];
  /** The stream consumer (shared/platform/tables.ts) and its parallelization factor (infra/constructs/capability-function.ts). */
  stream: { table: string; fn: string; parallelizationFactor: number };
  /** The account's Lambda concurrency (default: the quota requested, limits.ts ACCOUNT_QUOTAS). */
  accountConcurrency?: number;
}

/** "…, against requested 100,000 (default 10,000)": an account row names the quota it is held to. */
export const againstQuota = (q: AccountQuota, requested = q.requested) =>
  `against requested ${requested.toLocaleString('en')} (default ${q.default === null ? 'set per account' : q.default.toLocaleString('en')})`;

export interface ModelInput {
  steps: readonly Step[];
  /**
   * Shares of the national rate: the largest agency, agency system, counter write shard and list
   * write shard (an agency's share ÷ its shards of each kind), and system outbox shard (a system's
   * share ÷ its outbox shards).
   */
  hottest: { agency: number; system: number; counterShard: number; listShard: number; systemShard: number };
  settings: Settings;
}

export type Section = 'keys' | 'transactions' | 'queues' | 'functions' | 'settings';

export interface Row {
  section: Section;
  /** What is loaded: `dossiers byAgencyQueueList QUEUE#<agency>#open (read)`, `sync-outbound SendMessage`… */
  name: string;
  /** The load at the hottest key, item, queue or function, in `unit`. */
  load: (rate: number) => number;
  /** Its limit in the same unit (Infinity: none that matters). */
  limit: (rate: number) => number;
  unit: string;
  /** Context for the reader (spread, totals). */
  detail?: (rate: number) => string;
  /** The account quota or fixed service limit the row is held to (limits.ts), for the quota table. */
  quota?: QuotaKey;
}

const bisect = (use: (rate: number) => number, lo = 1e-3, hi = 1e7): number | null => {
  if (use(hi) < 1) return null;
  for (let i = 0; i < 80; i++) {
    const mid = Math.sqrt(lo * hi);
    if (use(mid) >= 1) hi = mid;
    else lo = mid;
  }
  return hi;
};

/** The rate at which a row reaches its limit (null: not below 10 million submissions a second). */
export const saturation = (row: Row): number | null =>
  (Number.isFinite(row.limit(1)) ? bisect((r) => row.load(r) / row.limit(r)) : null);

const sum = <T>(items: readonly T[], f: (t: T) => number) => items.reduce((s, t) => s + f(t), 0);

export const rows = ({ steps, hottest, settings }: ModelInput): Row[] => {
  const out: Row[] = [];
  const share = (spread: Spread, rate: number) =>
    spread === 'country' ? 1 : spread === 'agency' ? hottest.agency : spread === 'system' ? hottest.system : spread === 'system-shard' ? hottest.systemShard
      : spread === 'counter-shard' ? hottest.counterShard : spread === 'list-shard' ? hottest.listShard : Math.min(1, 1 / (rate * TRAFFIC.dossierBurstSeconds));

  // Lambda seconds per dossier by function: its concurrency at rate r is r × this (the warm instances).
  const busy = new Map<string, number>();
  for (const s of steps) for (const l of s.lambda) busy.set(l.fn, (busy.get(l.fn) ?? 0) + (s.perDossier * l.ms) / 1000);

  // Keys: units per submitted dossier on each (table, index, family, read|write); reads through a
  // warm cache apart, per function (warmReads).
  type Warm = { reads: number; units: number; read: WarmRead };
  const families = new Map<string, { table: string; index?: string; family: string; kind: 'read' | 'write'; perDossier: number; warm: Map<string, Warm> }>();
  for (const step of steps) {
    for (const op of step.ops) {
      const key = `${op.table}|${op.index ?? ''}|${op.family}|${op.kind}`;
      const f = families.get(key) ?? families.set(key, { table: op.table, ...(op.index ? { index: op.index } : {}), family: op.family, kind: op.kind, perDossier: 0, warm: new Map() }).get(key)!;
      if (!op.warm) {
        f.perDossier += step.perDossier * op.units;
        continue;
      }
      const w = f.warm.get(op.warm.fn) ?? f.warm.set(op.warm.fn, { reads: 0, units: 0, read: op.warm }).get(op.warm.fn)!;
      w.reads += step.perDossier * op.count;
      w.units += step.perDossier * op.units;
    }
  }
  /**
   * The units a second a function's warm cache lets through at rate r: each of its warm instances
   * (its concurrency) reads each key it serves once per TTL, the keys it serves being the distinct
   * ones among its reads in a TTL (by the keys' popularity); never more than uncached.
   */
  const warmReads = (r: number, fn: string, w: Warm) => {
    const instances = Math.max(1, r * (busy.get(fn) ?? 0));
    const perInstance = (r * w.reads * w.read.ttlSeconds) / instances;
    return Math.min(r * w.units, (instances * distinctKeys(w.read.popularity, perInstance) * (w.units / w.reads)) / w.read.ttlSeconds);
  };
  for (const f of families.values()) {
    const spread = spreadIn(f.table, f.family, f.index, f.kind);
    if (f.warm.size && spread !== 'country') throw new Error(`capacity: warm reads of ${f.family} are modelled on one key for the country only`);
    const shards = shardsOf(f.table, f.family);
    const warmLoad = (r: number) => sum([...f.warm], ([fn, w]) => warmReads(r, fn, w));
    const uncached = f.perDossier + sum([...f.warm.values()], (w) => w.units);
    const warmNote = (r: number) => (f.warm.size
      ? `; warm ${f.warm.values().next().value!.read.ttlSeconds} s in ${[...f.warm.keys()].map((fn) => `${Math.round(Math.max(1, r * (busy.get(fn) ?? 0)))} ${fn}`).join(', ')} instances`
      : '');
    out.push({
      section: 'keys', name: `${f.table}${f.index ? ` ${f.index}` : ''} ${f.family}`, unit: f.kind === 'write' ? 'WCU/s' : 'RCU/s',
      limit: () => (f.kind === 'write' ? PARTITION_WCU : PARTITION_RCU),
      load: (r) => ((r * f.perDossier * share(spread, r)) + warmLoad(r)) / shards,
      detail: (r) => `${spread}${shards > 1 ? ` over ${shards} shards` : ''}; all keys ${Math.round(r * uncached).toLocaleString('en')} ${f.kind === 'write' ? 'WCU' : 'RCU'}/s${f.warm.size ? ' uncached' : ''}${warmNote(r)}`,
    });
  }

  // Transactions per shared item (a dossier's own items only meet its own steps).
  const items = new Map<string, { table: string; item: string; perDossier: number }>();
  for (const step of steps) {
    for (const op of step.ops) {
      if (!op.tx || !op.item) continue;
      const key = `${op.table} ${op.item}`;
      const entry = items.get(key) ?? items.set(key, { table: op.table, item: op.item, perDossier: 0 }).get(key)!;
      entry.perDossier += step.perDossier * op.count;
    }
  }
  for (const [name, { table, item, perDossier }] of items) {
    const spread = spreadIn(table, item);
    if (spread === 'dossier') continue;
    const onItem = (r: number) => (r * perDossier * share(spread, r)) / shardsOf(table, item);
    out.push({
      section: 'transactions', name, unit: 'tx/s', limit: () => txRateAtConflicts(),
      load: onItem,
      detail: (r) => `${spread}${shardsOf(table, item) > 1 ? ` over ${shardsOf(table, item)} shards` : ''}; conflicts ${(100 * conflictShare(onItem(r))).toFixed(0)}% of attempts`,
    });
  }

  // Queues: API calls per second per action.
  for (const q of settings.queues) {
    const sends = steps.flatMap((s) => s.sends.filter((x) => x.queue === q.name).map((x) => ({ perDossier: s.perDossier * x.messages, perCall: messagesPerCall(x), batched: x.batched === true })));
    if (!sends.length) continue;
    const messages = sum(sends, (x) => x.perDossier);
    const calls = sum(sends, (x) => x.perDossier / x.perCall);
    const batch = q.consumer?.batchSize ?? 1;
    const limit = () => (!q.fifo ? Number.POSITIVE_INFINITY : q.highThroughputFifo ? HIGH_THROUGHPUT_FIFO_CALLS_PER_ACTION : FIFO_CALLS_PER_ACTION);
    const mode = !q.fifo ? 'standard' : q.highThroughputFifo ? 'FIFO, high-throughput' : 'FIFO, not high-throughput';
    const quota = q.highThroughputFifo ? { quota: 'sqsHighThroughputFifo' as const } : {};
    out.push({ section: 'queues', name: `${q.name} ${sends.some((x) => x.batched) ? 'SendMessageBatch' : 'SendMessage'}`, unit: 'calls/s', limit, load: (r) => r * calls, ...quota,
      detail: (r) => `${mode}; ${Math.round(r * messages).toLocaleString('en')} messages/s, ${(messages / calls).toFixed(1)} a call` });
    out.push({ section: 'queues', name: `${q.name} ReceiveMessage, DeleteMessageBatch (consumer, full batches of ${batch})`, unit: 'calls/s', limit, load: (r) => (r * messages) / batch, ...quota,
      detail: () => mode });
  }

  // Functions: concurrency = rate × duration; invocations by route, batch or stream record.
  const tableWcu = (table: string) => sum(steps, (s) => s.perDossier * sum(s.ops.filter((o) => o.table === table && o.kind === 'write' && !o.index), (o) => o.units));
  const consumerOf = new Map(settings.queues.filter((q) => q.consumer).map((q) => [q.consumer!.fn, q]));
  const accountConcurrency = settings.accountConcurrency ?? ACCOUNT_QUOTAS.lambdaConcurrency.requested;
  const totalReserved = sum(settings.functions, (f) => f.reservedConcurrency ?? 0);
  // Functions without a reservation share what the reservations leave of the account.
  const unreserved = Math.max(LAMBDA_UNRESERVED_MINIMUM, accountConcurrency - totalReserved);
  for (const fn of settings.functions) {
    const perDossier = busy.get(fn.name);
    if (!perDossier) continue;
    const executions = sum(steps, (s) => s.perDossier * sum(s.lambda.filter((l) => l.fn === fn.name), (l) => 1 / (l.perInvocation ?? 1)));
    const queue = consumerOf.get(fn.name);
    const streamed = settings.stream.fn === fn.name;
    // A reservation is the function's own share of the account, and a cap on whatever else scales it.
    const reserved = fn.reservedConcurrency;
    const cap = streamed ? 'stream shards × parallelization factor'
      : queue?.consumer?.maxConcurrency ? `maxConcurrency of ${queue.name}`
        : queue && !queue.fifo ? 'SQS event source scaling' : 'the account\'s unreserved concurrency';
    const shards = (r: number) => Math.max(NEW_TABLE_WARM.wcu / PARTITION_WCU, Math.ceil((r * tableWcu(settings.stream.table)) / PARTITION_WCU));
    const scaledTo = (r: number) => streamed ? shards(r) * settings.stream.parallelizationFactor
      : queue?.consumer?.maxConcurrency ?? (queue && !queue.fifo ? SQS_ESM_MAX_CONCURRENCY : undefined);
    const limitAt = (r: number) => {
      const scaled = scaledTo(r);
      if (scaled === undefined) return reserved ?? unreserved;
      return reserved === undefined ? scaled : Math.min(scaled, reserved);
    };
    out.push({
      section: 'functions', name: `${fn.name} (${fn.memoryMb} MB, timeout ${fn.timeoutSeconds} s)`, unit: 'concurrent', limit: limitAt,
      ...(queue && !queue.fifo && !queue.consumer?.maxConcurrency ? { quota: 'sqsEventSource' as const } : {}),
      load: (r) => r * perDossier,
      detail: (r) => `${reserved !== undefined && reserved <= (scaledTo(r) ?? reserved) ? `reserved concurrency ${reserved}` : cap}; ${Math.round(r * executions).toLocaleString('en')} executions/s of ${Math.round((1000 * perDossier) / executions)} ms`,
    });
  }
  const totalBusy = sum([...busy.values()], (v) => v);
  const lambda = ACCOUNT_QUOTAS.lambdaConcurrency;
  out.push({ section: 'settings', name: `Lambda concurrent executions, all functions (${totalReserved.toLocaleString('en')} reserved), ${againstQuota(lambda, accountConcurrency)}`, unit: 'concurrent',
    limit: () => accountConcurrency, load: (r) => r * totalBusy, quota: 'lambdaConcurrency' });

  // Settings: the stage throttle per route, and the account's API rate.
  const routes = new Map<string, number>();
  for (const s of steps) if (s.route) routes.set(s.route, (routes.get(s.route) ?? 0) + s.perDossier);
  for (const [route, perDossier] of routes) {
    out.push({ section: 'settings', name: `stage throttle, route ${route}`, unit: 'req/s', limit: () => settings.routeRateLimit(route), load: (r) => r * perDossier });
  }
  const api = ACCOUNT_QUOTAS.apiRequests;
  out.push({ section: 'settings', name: `API Gateway requests, account and Region, ${againstQuota(api)}`, unit: 'req/s', limit: () => api.requested, load: (r) => r * sum([...routes.values()], (v) => v), quota: 'apiRequests' });

  // Account quotas per table and index (on-demand table-level throughput), and the applicants' messages.
  const tableUnits = new Map<string, { wcu: number; rcu: number }>();
  for (const s of steps) {
    for (const op of s.ops) {
      const key = `${op.table}${op.index ? ` ${op.index}` : ''}`;
      const t = tableUnits.get(key) ?? tableUnits.set(key, { wcu: 0, rcu: 0 }).get(key)!;
      t[op.kind === 'write' ? 'wcu' : 'rcu'] += s.perDossier * op.units;
    }
  }
  const dynamo = ACCOUNT_QUOTAS.dynamoTableThroughput;
  for (const [table, units] of tableUnits) {
    for (const kind of ['wcu', 'rcu'] as const) {
      if (!units[kind]) continue;
      out.push({ section: 'settings', name: `DynamoDB ${table} ${kind === 'wcu' ? 'writes' : 'reads'}, table-level on-demand throughput ${againstQuota(dynamo)}`,
        unit: kind === 'wcu' ? 'WRU/s' : 'RRU/s', limit: () => dynamo.requested, load: (r) => r * units[kind], quota: 'dynamoTableThroughput' });
    }
  }
  const perDossierMessages = (channel: 'email' | 'sms') => sum(steps, (s) => s.perDossier * (s.messages?.[channel] ?? 0));
  for (const [channel, quota] of [['email', ACCOUNT_QUOTAS.sesSendRate], ['sms', ACCOUNT_QUOTAS.smsSendRate]] as const) {
    const perDossier = perDossierMessages(channel);
    if (perDossier) {
      out.push({ section: 'settings', name: `${quota.name}, ${againstQuota(quota)}`, unit: quota.unit, limit: () => quota.requested, load: (r) => r * perDossier,
        quota: channel === 'email' ? 'sesSendRate' : 'smsSendRate' });
    }
  }
  return out;
};

/** Every row at `rate`: its load, use of its limit, flag and saturation rate. */
export const evaluate = (input: ModelInput, rate: number) => {
  const all = rows(input).map((row) => {
    const load = row.load(rate);
    const limit = row.limit(rate);
    const use = Number.isFinite(limit) ? load / limit : 0;
    return {
      section: row.section, name: row.name, unit: row.unit, load, limit, use, flagged: use > FLAG_AT, saturatesAt: saturation(row), detail: row.detail?.(rate) ?? '',
      quota: row.quota ?? null,
    };
  });
  const firstOf = (list: typeof all) => {
    const first = list.filter((r) => r.saturatesAt !== null).sort((a, b) => a.saturatesAt! - b.saturatesAt!)[0];
    return first ? { rate: first.saturatesAt!, by: `${first.section}: ${first.name}` } : null;
  };
  const sections: Section[] = ['keys', 'transactions', 'queues', 'functions', 'settings'];
  return {
    rate, rows: all, saturation: firstOf(all),
    bySection: Object.fromEntries(sections.map((s) => [s, firstOf(all.filter((r) => r.section === s))])) as Record<Section, ReturnType<typeof firstOf>>,
  };
};

export type Evaluation = ReturnType<typeof evaluate>;
