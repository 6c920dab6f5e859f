// The Idempotency-Key's record in DynamoDB (create-once.ts): one item per (account, key) in the
// capability's own table, written FIRST in the same TransactWriteItems as the item the request
// creates, on the condition that the key is new. Either both are written or neither.
import type { DynamoTable } from '../aws/clients';
import { isConditionFailure } from '../aws/dynamo-errors';
import type { KeyRecord } from './create-once';

export const keyRecordKey = (scope: string, key: string) => ({ pk: `IDEM#${scope}#${key}`, sk: 'IDEM' });

export interface KeyRecordWrite {
  /** Whose key (an account's `sub`): the same key from two accounts is two keys. */
  scope: string;
  key: string;
  record: KeyRecord;
  /** The table's TTL attribute, and when the record expires there (epoch seconds). */
  ttl: { attribute: string; at: number };
}

/** A transaction item the caller adds after the key's record (a Put, an Update, a ConditionCheck…). */
export type TransactItem = Record<string, unknown>;

export type KeyedWrite =
  | { written: true }
  /**
   * `keyTaken`: the key's condition failed or a concurrent twin held it (wait for its result).
   * Otherwise `failed` says which of the caller's items failed their condition (the caller's own
   * refusal), and when none did, `conflict`: the transaction collided with another one on an item
   * (DynamoDB's TransactionConflict) and nothing was decided, so writing again is the answer.
   */
  | { written: false; keyTaken: boolean; failed: boolean[]; conflict: boolean };

/** Cancellation reason codes of a cancelled transaction, by position. */
const reasonCodes = (error: unknown): (string | undefined)[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);

/** How a cancelled transaction that began with the key's record ended, from its reasons. */
export const outcomeOfCancelled = (error: unknown): Extract<KeyedWrite, { written: false }> => {
  const codes = reasonCodes(error);
  const [onKey, ...onItems] = codes;
  // No reasons at all: nothing says which item lost, so the key is treated as contended (the
  // caller then waits for a winner, and answers 409 if none appears).
  const keyTaken = codes.length === 0 || onKey === 'ConditionalCheckFailed' || onKey === 'TransactionConflict';
  const failed = onItems.map((code) => code === 'ConditionalCheckFailed');
  return { written: false, keyTaken, failed, conflict: !keyTaken && !failed.includes(true) };
};

/** Writes the key's record and the caller's items in one transaction, the key's record first. */
export const transactWithKey = async (
  { db, table, lib }: DynamoTable,
  write: KeyRecordWrite,
  items: readonly TransactItem[],
): Promise<KeyedWrite> => {
  try {
    await db.send(new lib.TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: {
              ...keyRecordKey(write.scope, write.key),
              resultId: write.record.resultId,
              fingerprint: write.record.fingerprint,
              [write.ttl.attribute]: write.ttl.at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...items,
      ] as never,
    }));
    return { written: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return outcomeOfCancelled(error);
  }
};

/** A key's item as stored: its attributes beside `pk` and `sk`. */
export type StoredKeyItem = Record<string, unknown>;

/**
 * The key's record, read consistently (a twin's committed write is seen at once). A record
 * without `resultId` was written before the capability adopted this module: `earlierShape` (the
 * capability's own, in its adapter) reads it, so a replay of such a key still gets its result
 * for as long as the record lives (KEY_TTL_SECONDS).
 */
export const readKeyRecord = async (
  { db, table, lib }: DynamoTable,
  scope: string,
  key: string,
  earlierShape?: (item: StoredKeyItem) => KeyRecord | undefined,
): Promise<KeyRecord | undefined> => {
  const out = await db.send(new lib.GetCommand({ TableName: table, Key: keyRecordKey(scope, key), ConsistentRead: true }));
  if (!out.Item) return undefined;
  if (typeof out.Item.resultId === 'string') return { resultId: out.Item.resultId, fingerprint: String(out.Item.fingerprint) };
  return earlierShape?.(out.Item);
};
