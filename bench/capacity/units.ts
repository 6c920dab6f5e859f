// Capacity units of DynamoDB operations on measured items, and key families named from real keys.
//
// Units (docs/capacity.md "Units"): a write costs 1 WCU per KB of the larger of the item before
// and after (rounded up), twice in a transaction; a read 1 RCU per 4 KB strongly consistent, half
// that eventually consistent, rounded up per item (GetItem) or over the items returned (Query).
// A global secondary index is written like a table, with the projected item: a new entry is a put,
// a changed key a delete and a put, a changed projected attribute a put; never transactional. Only
// the indexes a deployment creates count (a local-only index, shared/platform/types.ts, costs nothing).
//
// Families: a partition key with its instance's identifiers replaced by placeholders (`DAY#<date>`,
// `QUEUE#<agency>#open`), so the model's families are the adapters' keys, whatever they are.
import { BY_AGENCY_QUEUE, BY_AGENCY_STATUS } from '../../functions/dossiers/adapters/dossier-queries';
import { PAID_DAY_SHARDS } from '../../functions/payments/adapters/payment-store';
import { REPORTED_SHARDS } from '../../functions/sync/adapters/sync-store';
import { STATS_SHARDS } from '../../functions/sync/adapters/system-stats';
import { itemBytes } from '../../shared/aws/item-size';
import { tables } from '../../shared/platform/tables';
import { deployedIndexes, type GlobalIndexDecl, type TableDecl } from '../../shared/platform/types';

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;


export const writeUnits = (bytes: number, transactional = false) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)) * (transactional ? 2 : 1);
export const readUnits = (bytes: number, consistent: boolean) => (Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5));

/**
 * How a family's partition keys spread: one key for the country, one per agency, per agency
 * system, per outbox shard of a system (sync/domain/outbound.ts), per write shard of an agency's
 * counters (domain/counter-shards.ts), per write shard of an agency's work-queue lists
 * (functions/dossiers/domain/list-shards.ts), or per dossier (or account).
 */
export type Spread = 'country' | 'agency' | 'system' | 'system-shard' | 'counter-shard' | 'list-shard' | 'dossier';

/** The identifiers of one instance, replaced in its keys by placeholders. */
export interface KeyContext {
  code?: string | null;
  id?: string;
  orderId?: string;
  eventId?: string;
  idemKey?: string;
  signature?: string;
  sub?: string;
  keyId?: string;
  agency?: string;
}

const PLACEHOLDERS: readonly [keyof KeyContext, string][] = [
  ['code', '<code>'], ['id', '<id>'], ['orderId', '<order>'], ['eventId', '<event>'], ['idemKey', '<key>'], ['signature', '<signature>'],
  ['sub', '<sub>'], ['keyId', '<system>'], ['agency', '<agency>'],
];

/** The family of a partition key value: `D#1b2c…` → `D#<id>`, `DAY#2026-03-05` → `DAY#<date>`. */
export const familyOf = (key: string, context: KeyContext): string => {
  let out = key;
  for (const [field, placeholder] of PLACEHOLDERS) {
    const value = context[field];
    if (value) out = out.split(value).join(placeholder);
  }
  return out.replace(/#s\d+(?=$| )/, '#s<shard>').replace(/\d{4}-\d{2}-\d{2}/g, '<date>').replace(/\b\d{4}-\d{2}\b/g, '<month>').replace(/#\d{4}$/, '#<year>');
};

export const spreadOf = (family: string): Spread =>
  /<(id|code|order|event|key|signature|sub)>/.test(family) ? 'dossier'
    : family.includes('<system>') ? 'system'
      : family.includes('<agency>') ? 'agency'
        : 'country';

/**
 * Families sharded per agency system by a declared count (sync/domain/outbound.ts OUTBOX_SHARDS;
 * shard 0 is the family's key): their hottest key is the busiest system shard's ('system-shard').
 */
const SYSTEM_SHARDED: readonly [table: string, family: string][] = [['sync', 'OUT#<system>']];

/**
 * Indexes whose keys are an agency's lists, write-sharded by the agency's declared count
 * (functions/dossiers/domain/list-shards.ts): a write lands on the dossier's shard (`…#s<n>`, shard 0
 * the bare key), costed on the busiest list shard ('list-shard'); a page reads every shard, so a
 * read keeps the agency's whole page rate ('agency').
 */
const LIST_SHARDED: readonly [table: string, index: string][] = [['dossiers', BY_AGENCY_QUEUE], ['dossiers', BY_AGENCY_STATUS]];
const isListSharded = (table: string, index: string | undefined) => LIST_SHARDED.some(([t, i]) => t === table && i === index);

/**
 * The index counters, write-sharded by the agency's declared count (evaluation/domain/counter-shards.ts,
 * `AGG#<agency>#<n>`): their hottest item is the busiest counter shard's ('counter-shard'). Other
 * per-agency shards with a fixed count (sync's `AGG#<agency>#s<shard>`, SHARDED) spread per agency.
 */
const COUNTER_SHARDED: readonly [table: string, family: string][] = [['evaluation', 'AGG#<agency>#<shard>']];

/** The family (`F`) or transaction item (`F <sort key>`) `name` is of family `f`. */
const isOf = (name: string, f: string) => name === f || name.startsWith(`${f} `);

/**
 * A family's (or a transaction item's) spread in its table: spreadOf, but per-system outbox shards
 * and per-agency counter shards where declared, and an agency's list shards for the list indexes' writes.
 */
export const spreadIn = (table: string, family: string, index?: string, kind?: 'read' | 'write'): Spread =>
  (SYSTEM_SHARDED.some(([t, f]) => t === table && f === family) ? 'system-shard'
    : COUNTER_SHARDED.some(([t, f]) => t === table && isOf(family, f)) ? 'counter-shard'
      : isListSharded(table, index) ? (kind === 'write' ? 'list-shard' : 'agency')
        : spreadOf(family));

/**
 * Write-sharded families (a `#s<n>` partition-key suffix), with the adapters' own shard counts: a
 * family's load on its hottest key is divided among them (writers pick a shard at random or by hash).
 */
const SHARDED: readonly [table: string, family: string, shards: number][] = [
  ['sync', 'SYS#<system>#s<shard>', STATS_SHARDS],
  ['sync', 'AGG#<agency>#s<shard>', REPORTED_SHARDS],
  // One provider's paid day for the country (payments/adapters/paid-day.ts), shard 0 unsuffixed.
  ['payments', 'PAID#vnpay#<date>#s<shard>', PAID_DAY_SHARDS],
];
/**
 * One family for all shards of a key whose shard 0 is the unsharded key: the suffixed family for
 * SHARDED ones, the unsharded family for SYSTEM_SHARDED ones and the list indexes' (their load is
 * the busiest shard's).
 */
const shardFamily = (table: string, family: string, index?: string): string => {
  if (SHARDED.some(([t, f]) => t === table && f === `${family}#s<shard>`)) return `${family}#s<shard>`;
  const base = family.replace(/#s<shard>$/, '');
  return SYSTEM_SHARDED.some(([t, f]) => t === table && f === base) || isListSharded(table, index) ? base : family;
};
export const shardsOf = (table: string, familyOrItem: string): number =>
  SHARDED.find(([t, f]) => t === table && isOf(familyOrItem, f))?.[2] ?? 1;

type Item = Record<string, unknown>;

const sizes = new WeakMap<Item, number>();
/** itemBytes, once per item object (the model costs the same rendered item many times). */
export const sizeOf = (item: Item): number => {
  const known = sizes.get(item);
  if (known !== undefined) return known;
  const size = itemBytes(item);
  sizes.set(item, size);
  return size;
};

/** One DynamoDB operation of a lifecycle step, on a key family (per execution of the step). */
export interface Op {
  table: string;
  /** A GSI, for its writes and queries. */
  index?: string;
  family: string;
  kind: 'read' | 'write';
  /** Capacity units per execution of the step. */
  units: number;
  /** Operations per execution (for transactions per item). */
  count: number;
  /** Part of a TransactWriteItems: the item takes a transaction. */
  tx?: boolean;
  /** The item written (partition and sort key with placeholders): transactions conflict per item. */
  item?: string;
  /**
   * A read through a warm cache (shared/cache/warm-cache.ts) in function `fn`: each warm instance
   * reads each key it serves at most once per `ttlSeconds`; `popularity`: the keys' shares of the
   * reads (one key: [1]). See model.ts `warmReads`.
   */
  warm?: WarmRead;
}

export interface WarmRead { fn: string; ttlSeconds: number; popularity: readonly number[] }

/** Expected distinct keys among `n` reads drawn from `popularity` (each key at least once with probability 1 − (1 − p)^n). */
export const distinctKeys = (popularity: readonly number[], n: number): number =>
  popularity.reduce((sum, p) => sum + 1 - (1 - p) ** n, 0);

const projections = new WeakMap<Item, Map<string, Item>>();
/** What an index holds of an item: all of it (ALL), or its keys and the declared attributes (INCLUDE). */
const projected = (decl: TableDecl, g: GlobalIndexDecl, item: Item): Item => {
  if (!g.projection) return item;
  const known = projections.get(item)?.get(g.name);
  if (known) return known;
  const names = [decl.partitionKey.name, decl.sortKey?.name, g.partitionKey.name, g.sortKey?.name, ...g.projection];
  const out = Object.fromEntries(names.flatMap((n) => (n && item[n] !== undefined ? [[n, item[n]]] : [])));
  projections.set(item, (projections.get(item) ?? new Map()).set(g.name, out));
  return out;
};

const declOf = (table: string): TableDecl => {
  const decl = (tables as readonly TableDecl[]).find((t) => t.name === table);
  if (!decl) throw new Error(`capacity: no table ${table} in shared/platform/tables.ts`);
  return decl;
};

/**
 * The write of `after` over `before` (undefined: a new item), with the index writes it causes;
 * `after` undefined is a delete.
 */
export const writeOps = (table: string, before: Item | undefined, after: Item | undefined, context: KeyContext, transactional = false): Op[] => {
  const any = (after ?? before)!;
  const size = Math.max(before ? sizeOf(before) : 0, after ? sizeOf(after) : 0);
  const ops: Op[] = [{
    table, family: shardFamily(table, familyOf(String(any.pk), context)), kind: 'write', units: writeUnits(size, transactional && after !== undefined), count: 1,
    ...(transactional ? { tx: true, item: familyOf(`${String(any.pk)} ${String(any.sk)}`, context) } : {}),
  }];
  const decl = declOf(table);
  for (const g of deployedIndexes(decl)) {
    const pk = g.partitionKey.name;
    const sk = g.sortKey?.name;
    const inIndex = (i: Item | undefined) => i !== undefined && i[pk] !== undefined && (!sk || i[sk] !== undefined);
    const entry = (i: Item, units: number) => ({ table, index: g.name, family: shardFamily(table, familyOf(String(i[pk]), context), g.name), kind: 'write' as const, units, count: 1 });
    const size = (i: Item) => sizeOf(projected(decl, g, i));
    const was = inIndex(before);
    const is = inIndex(after);
    if (is && (!was || before![pk] !== after![pk] || (sk && before![sk] !== after![sk]))) {
      if (was) ops.push(entry(before!, writeUnits(size(before!))));
      ops.push(entry(after!, writeUnits(size(after!))));
    } else if (is && was) {
      // An update the index does not hold an attribute of writes nothing to it.
      if (JSON.stringify(projected(decl, g, before!)) !== JSON.stringify(projected(decl, g, after!))) ops.push(entry(after!, writeUnits(Math.max(size(before!), size(after!)))));
    } else if (was) ops.push(entry(before!, writeUnits(size(before!))));
  }
  return ops;
};

/** Bytes of an item's entry in an index (its projection of the item, measured as rendered). */
export const indexEntryBytes = (table: string, index: string, item: Item): number => {
  const decl = declOf(table);
  const g = deployedIndexes(decl).find((x) => x.name === index);
  if (!g) throw new Error(`capacity: no index ${index} on ${table}`);
  return sizeOf(projected(decl, g, item));
};

/** DynamoDB bills 100 bytes of index overhead per stored item ("DynamoDB item sizes and formats"). */
export const STORED_OVERHEAD_BYTES = 100;

/** Bytes an item occupies stored: the item and each index entry it has (its projection of the item: ALL copies it whole). */
export const storedBytes = (table: string, item: Item): number => {
  const decl = declOf(table);
  const entries = deployedIndexes(decl).filter((g) => item[g.partitionKey.name] !== undefined);
  return sizeOf(item) + STORED_OVERHEAD_BYTES + entries.reduce((sum, g) => sum + sizeOf(projected(decl, g, item)) + STORED_OVERHEAD_BYTES, 0);
};

/** A read of one item (GetItem, or BatchGetItem per key). */
export const getOp = (table: string, family: string, bytes: number, consistent: boolean): Op =>
  ({ table, family, kind: 'read', units: readUnits(bytes, consistent), count: 1 });

/** A Query returning `bytes` in all (one page), on the table or an index. */
export const queryOp = (table: string, family: string, bytes: number, consistent: boolean, index?: string): Op =>
  ({ table, ...(index ? { index } : {}), family, kind: 'read', units: readUnits(bytes, consistent), count: 1 });

/** Sums ops of the same family, kind and transactionality; scales units and counts by `times`. */
export const mergeOps = (ops: readonly Op[], times = 1): Op[] => {
  const out = new Map<string, Op>();
  for (const op of ops) {
    const key = `${op.table}|${op.index ?? ''}|${op.family}|${op.kind}|${op.item ?? ''}|${op.warm?.fn ?? ''}`;
    const seen = out.get(key);
    if (seen) {
      seen.units += op.units * times;
      seen.count += op.count * times;
    } else out.set(key, { ...op, units: op.units * times, count: op.count * times });
  }
  return [...out.values()];
};
