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
import { REPORTED_SHARDS } from '../../functions/sync/adapters/sync-store';
import { STATS_SHARDS } from '../../functions/sync/adapters/system-stats';
import { itemBytes } from '../../shared/aws/item-size';
import { tables } from '../../shared/platform/tables';
import { deployedIndexes, type GlobalIndexDecl, type TableDecl } from '../../shared/platform/types';

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;

/**
 * What an index holds of an item, as declared (shared/platform/tables.ts, applied by
 * infra/stacks/data-stack.ts): the whole item (ALL), or the table's and the index's keys and the
 * `include` attributes (INCLUDE). Sizes are measured on this rendering of the real item.
 */
export const projected = (decl: TableDecl, index: GlobalIndexDecl, item: Item): Item => {
  if (!index.include) return item;
  const keep = new Set([decl.partitionKey.name, decl.sortKey?.name, index.partitionKey.name, index.sortKey?.name, ...index.include]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
};

export const writeUnits = (bytes: number, transactional = false) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)) * (transactional ? 2 : 1);
export const readUnits = (bytes: number, consistent: boolean) => (Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5));

/**
 * How a family's partition keys spread: one key for the country, one per agency, per agency
 * system, per write shard of an agency's counters (domain/counter-shards.ts), per write shard of an
 * agency's work-queue lists (functions/dossiers/domain/list-shards.ts), or per dossier (or account).
 */
export type Spread = 'country' | 'agency' | 'system' | 'counter-shard' | 'list-shard' | 'dossier';

/**
 * Indexes whose keys are an agency's lists, write-sharded (functions/dossiers/domain/list-shards.ts):
 * a write lands on the dossier's shard (`…#s<n>`, shard 0 the bare key), costed on the agency's
 * busiest shard; a page reads every shard, so a read keeps the agency's whole page rate.
 */
const LIST_SHARDED: readonly [table: string, index: string][] = [['dossiers', BY_AGENCY_QUEUE], ['dossiers', BY_AGENCY_STATUS]];
const isListSharded = (table: string, index: string) => LIST_SHARDED.some(([t, i]) => t === table && i === index);
/** The list key of a shard's key: `QUEUE#<agency>#open#s<shard>` → `QUEUE#<agency>#open`. */
const listFamilyOf = (family: string) => family.replace(/#s<shard>$/, '');

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
      : family.includes('<shard>') ? 'counter-shard'
      : family.includes('<agency>') ? 'agency'
        : 'country';

/**
 * Write-sharded families (a `#s<n>` partition-key suffix), with the adapters' own shard counts: a
 * family's load on its hottest key is divided among them (writers pick a shard at random or by hash).
 */
const SHARDED: readonly [table: string, family: string, shards: number][] = [
  ['sync', 'SYS#<system>#s<shard>', STATS_SHARDS],
  ['sync', 'AGG#<agency>#s<shard>', REPORTED_SHARDS],
];
export const shardsOf = (table: string, familyOrItem: string): number =>
  SHARDED.find(([t, f]) => t === table && (familyOrItem === f || familyOrItem.startsWith(`${f} `)))?.[2] ?? 1;

type Item = Record<string, unknown>;

const projections = new WeakMap<Item, Map<string, Item>>();
/** `projected`, once per item object and index (sizeOf caches by object). */
const projectedOf = (decl: TableDecl, index: GlobalIndexDecl, item: Item): Item => {
  if (!index.include) return item;
  const byIndex = projections.get(item) ?? projections.set(item, new Map()).get(item)!;
  return byIndex.get(index.name) ?? byIndex.set(index.name, projected(decl, index, item)).get(index.name)!;
};

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
  /** How the family's keys spread, when its name does not say (spreadOf): a list shard's writes. */
  spread?: Spread;
}

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
    table, family: familyOf(String(any.pk), context), kind: 'write', units: writeUnits(size, transactional && after !== undefined), count: 1,
    ...(transactional ? { tx: true, item: familyOf(`${String(any.pk)} ${String(any.sk)}`, context) } : {}),
  }];
  const decl = declOf(table);
  for (const g of deployedIndexes(decl)) {
    const pk = g.partitionKey.name;
    const sk = g.sortKey?.name;
    const inIndex = (i: Item | undefined) => i !== undefined && i[pk] !== undefined && (!sk || i[sk] !== undefined);
    const sharded = isListSharded(table, g.name);
    const entry = (i: Item, units: number): Op => {
      const family = familyOf(String(i[pk]), context);
      return sharded
        ? { table, index: g.name, family: listFamilyOf(family), kind: 'write', units, count: 1, spread: 'list-shard' }
        : { table, index: g.name, family, kind: 'write', units, count: 1 };
    };
    const was = inIndex(before);
    const is = inIndex(after);
    const old = was ? projectedOf(decl, g, before!) : undefined;
    const next = is ? projectedOf(decl, g, after!) : undefined;
    if (is && (!was || before![pk] !== after![pk] || (sk && before![sk] !== after![sk]))) {
      if (was) ops.push(entry(before!, writeUnits(sizeOf(old!))));
      ops.push(entry(after!, writeUnits(sizeOf(next!))));
    } else if (is && was) {
      // Same key: the entry is rewritten only when what it projects changed (with ALL, any write).
      if (g.include === undefined || JSON.stringify(old) !== JSON.stringify(next)) ops.push(entry(after!, writeUnits(Math.max(sizeOf(old!), sizeOf(next!)))));
    } else if (was) ops.push(entry(before!, writeUnits(sizeOf(old!))));
  }
  return ops;
};

/** Bytes of an item's entry in an index (its projection of the item, measured as rendered). */
export const indexEntryBytes = (table: string, index: string, item: Item): number => {
  const decl = declOf(table);
  const g = deployedIndexes(decl).find((x) => x.name === index);
  if (!g) throw new Error(`capacity: no index ${index} on ${table}`);
  return sizeOf(projectedOf(decl, g, item));
};

/** DynamoDB bills 100 bytes of index overhead per stored item ("DynamoDB item sizes and formats"). */
export const STORED_OVERHEAD_BYTES = 100;

/** Bytes an item occupies stored: the item and each index entry it has (its projection of the item). */
export const storedBytes = (table: string, item: Item): number => {
  const decl = declOf(table);
  const entries = deployedIndexes(decl).filter((g) => item[g.partitionKey.name] !== undefined).map((g) => projectedOf(decl, g, item));
  return [item, ...entries].reduce((sum, i) => sum + sizeOf(i) + STORED_OVERHEAD_BYTES, 0);
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
    const key = `${op.table}|${op.index ?? ''}|${op.family}|${op.kind}|${op.item ?? ''}|${op.spread ?? ''}`;
    const seen = out.get(key);
    if (seen) {
      seen.units += op.units * times;
      seen.count += op.count * times;
    } else out.set(key, { ...op, units: op.units * times, count: op.count * times });
  }
  return [...out.values()];
};
