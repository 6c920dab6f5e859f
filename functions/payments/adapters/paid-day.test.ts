// The paid day's shards read back as one list by paid time, and the index holding what the reader types.
import { describe, expect, it } from 'vitest';
import { tables } from '../../../shared/platform/tables';
import type { OrderRecord } from '../domain/order';
import { PAID_DAY_SHARDS, PAID_ORDER_FIELDS, paidDayKey, paidDayShardKey, readPaidDay } from './paid-day';

const order = (id: string, paidAt: string) => ({ id, paidAt }) as OrderRecord;

describe('the paid day', () => {
  it('keys an order by its day and its id\'s shard, shard 0 the unsharded key', () => {
    const keys = new Set(Array.from({ length: 100 }, (_, i) => paidDayShardKey('vnpay', '2026-03-02T03:00:00Z', `o-${i}`)));
    expect(keys).toEqual(new Set([paidDayKey('vnpay', '2026-03-02T03:00:00Z'), ...[1, 2, 3].map((n) => `PAID#vnpay#2026-03-02#s${n}`)]));
    expect(PAID_DAY_SHARDS).toBe(4);
  });

  it('reads every shard and merges them by paid time', async () => {
    const shards: Record<string, OrderRecord[]> = {
      'PAID#vnpay#2026-03-02': [order('b', '2026-03-02T01:00:00Z'), order('e', '2026-03-02T05:00:00Z')],
      'PAID#vnpay#2026-03-02#s1': [order('a', '2026-03-02T00:30:00Z')],
      'PAID#vnpay#2026-03-02#s3': [order('c', '2026-03-02T02:00:00Z'), order('d', '2026-03-02T02:00:00Z')],
    };
    const asked: string[] = [];
    const day = await readPaidDay(async (key) => { asked.push(key); return shards[key] ?? []; }, 'vnpay', '2026-03-02');
    expect(day.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked.sort()).toEqual(['PAID#vnpay#2026-03-02', 'PAID#vnpay#2026-03-02#s1', 'PAID#vnpay#2026-03-02#s2', 'PAID#vnpay#2026-03-02#s3']);
  });

  it('is declared to hold exactly the fields its reader reads (INCLUDE projection)', () => {
    const index = tables.find((t) => t.name === 'payments')!.globalIndexes!.find((g) => g.name === 'byPaidDay')!;
    expect([...(index as { projection?: readonly string[] }).projection!].sort()).toEqual([...PAID_ORDER_FIELDS].sort());
  });
});
