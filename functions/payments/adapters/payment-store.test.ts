// The order's Idempotency-Key in the payments table, with the SDK mocked (aws-sdk-client-mock):
// the key's record read in both shapes (today's, and the one payments wrote before adopting
// shared/idempotency, which lives 24 h after the deploy), and how the order's transaction is sent
// and each way it can be cancelled is read. The real table: test/payments/payments.test.ts.
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { order } from '../domain/order.test-support';
import { orderRequestFingerprint } from '../domain/order';
import { DynamoPaymentStore, earlierOrderKey } from './payment-store';

const mock = mockClient(lib.DynamoDBDocumentClient);
afterEach(() => mock.reset());
const store = new DynamoPaymentStore(lib.DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' })), 'payments');
const KEY = { sub: 'sub-1', key: 'k-1', fingerprint: orderRequestFingerprint(order().dossierId), ttlSeconds: 24 * 3600 };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('the key’s record', () => {
  it('reads today’s shape, and the earlier one (`orderId`, `dossierId` in clear) as the same record', async () => {
    mock.on(lib.GetCommand)
      .resolvesOnce({ Item: { pk: 'IDEM#sub-1#k-1', sk: 'IDEM', resultId: 'o-1', fingerprint: 'f-1', purgeAt: 1 } })
      .resolvesOnce({ Item: { pk: 'IDEM#sub-1#k-0', sk: 'IDEM', orderId: 'o-0', dossierId: 'd-0', purgeAt: 1 } })
      .resolvesOnce({});
    expect(await store.orderKey('sub-1', 'k-1')).toEqual({ resultId: 'o-1', fingerprint: 'f-1' });
    expect(await store.orderKey('sub-1', 'k-0')).toEqual({ resultId: 'o-0', fingerprint: orderRequestFingerprint('d-0') });
    expect(await store.orderKey('sub-1', 'k-2')).toBeUndefined();
  });

  it('the earlier shape needs both of its fields; anything else is no record of that shape', () => {
    expect(earlierOrderKey({ orderId: 'o-0', dossierId: 'd-0' })).toEqual({ resultId: 'o-0', fingerprint: orderRequestFingerprint('d-0') });
    expect(earlierOrderKey({ orderId: 'o-0' })).toBeUndefined();
    expect(earlierOrderKey({ fingerprint: 'f' })).toBeUndefined();
  });
});

describe('create', () => {
  it('writes the key’s record first, then the order and its round’s lock, in one transaction', async () => {
    mock.on(lib.TransactWriteCommand).resolves({});
    expect(await store.create(order(), KEY)).toBe('created');
    const items = mock.commandCalls(lib.TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => [i.Put!.Item!.pk, i.Put!.Item!.sk])).toEqual([
      ['IDEM#sub-1#k-1', 'IDEM'], [`O#${order().id}`, 'ORDER'], [`D#${order().dossierId}`, 'ROUND#000007'],
    ]);
    expect(items[0]!.Put!.Item).toMatchObject({ resultId: order().id, fingerprint: KEY.fingerprint, purgeAt: Date.parse(order().createdAt) / 1000 + 24 * 3600 });
  });

  it.each([
    ['the key has a record', ['ConditionalCheckFailed', 'None', 'None'], 'key_taken'],
    ['a twin’s transaction holds the key', ['TransactionConflict', 'None', 'None'], 'key_taken'],
    ['the round is held by another order', ['None', 'None', 'ConditionalCheckFailed'], 'round_taken'],
    ['another order’s transaction is on the round’s lock', ['None', 'None', 'TransactionConflict'], 'conflict'],
  ])('a transaction cancelled because %s (%j) is `%s`', async (_why, codes, outcome) => {
    mock.on(lib.TransactWriteCommand).rejects(cancelled(...codes));
    expect(await store.create(order(), KEY)).toBe(outcome);
  });
});
