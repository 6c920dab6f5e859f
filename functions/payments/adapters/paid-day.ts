// The byPaidDay index of the payments table (docs/data-model.md): what was paid on a local date
// with a provider, for reconciliation. Its entries hold a summary of the order (the index's INCLUDE
// projection, shared/platform/tables.ts) and are write-sharded (shared/shards/key-shards.ts): every
// online payment of the country with one provider would otherwise be written under one key
// (docs/capacity.md "Design: warm caches and sharded keys").
import { shardKey, shardOf } from '../../../shared/shards/key-shards';
import { localDate } from '../../../shared/calendar';
import { mergeShards } from '../../../shared/pagination/k-way-merge';
import type { OrderRecord } from '../domain/order';

/** A provider's paid day, shard 0 (before the shards, the only key). */
export const paidDayKey = (provider: string, paidAt: string) => `PAID#${provider}#${localDate(paidAt)}`;
/** Shards of a paid day. Only ever raised: reconciliation reads this many. */
export const PAID_DAY_SHARDS = 4;
/** The byPaidDay partition key of an order paid at `paidAt`: its day's shard for its id. */
export const paidDayShardKey = (provider: string, paidAt: string, orderId: string) => shardKey(paidDayKey(provider, paidAt), shardOf(orderId, PAID_DAY_SHARDS));

/** What byPaidDay holds of a paid order (its INCLUDE projection, shared/platform/tables.ts): what reconciliation reads. */
export const PAID_ORDER_FIELDS = ['id', 'dossierId', 'round', 'amount', 'status', 'expiresAt', 'providerRef', 'paidAt', 'createdAt'] as const satisfies readonly (keyof OrderRecord)[];
export type PaidOrder = Pick<OrderRecord, (typeof PAID_ORDER_FIELDS)[number]>;

/** Every shard of the day, each read whole, merged by paid time (gsi2sk `<paidAt>#<id>`). */
export const readPaidDay = async (query: (key: string) => Promise<OrderRecord[]>, provider: string, date: string): Promise<PaidOrder[]> => {
  const day = `PAID#${provider}#${date}`;
  const paidKey = (o: PaidOrder) => `${o.paidAt ?? ''}#${o.id}`;
  // One read a shard, each to its end (`query` pages on): nothing is left after it.
  const read = async (shard: number) => ({ items: await query(shardKey(day, shard)), next: null });
  return (await mergeShards({ shards: PAID_DAY_SHARDS, limit: Number.POSITIVE_INFINITY, sortKey: paidKey, read })).items;
};
