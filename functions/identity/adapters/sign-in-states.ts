// The pending VNeID sign-ins, in the `identity` table, each usable once:
//
//   pk SIGNIN#<sha256(state)>   sk SIGNIN   nonce, codeVerifier; expiresAt (TTL) 10 minutes ahead
//
// Consuming is a conditional delete that returns the item: of two callbacks with the same state,
// exactly one gets it, the other finds nothing (a replay).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoClient, dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import { tableName } from '../../../shared/config';
import { stateKey } from '../domain/pkce';

/** How long a sign-in may take between the start and the callback. */
export const SIGN_IN_STATE_TTL_SECONDS = 600;

export interface PendingSignIn {
  nonce: string;
  codeVerifier: string;
  /** Unix seconds. */
  expiresAt: number;
}

const pkOf = (state: string) => `SIGNIN#${stateKey(state)}`;

export class SignInStates {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(dbClient: Deferred<DynamoDBDocumentClient> = dynamoClient, table: Deferred<string> = () => tableName('identity')) {
    this.ready = dynamoTable(dbClient, table);
  }

  async save(state: string, pending: Omit<PendingSignIn, 'expiresAt'>, now: Date): Promise<PendingSignIn> {
    const { db, table, lib } = await this.ready();
    const record = { ...pending, expiresAt: Math.floor(now.getTime() / 1000) + SIGN_IN_STATE_TTL_SECONDS };
    await db.send(new lib.PutCommand({
      TableName: table,
      Item: { pk: pkOf(state), sk: 'SIGNIN', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return record;
  }

  /** The pending sign-in of `state`, removed as it is read; undefined when unknown, used or expired. */
  async consume(state: string, now: Date): Promise<PendingSignIn | undefined> {
    const { db, table, lib } = await this.ready();
    try {
      const out = await db.send(new lib.DeleteCommand({
        TableName: table,
        Key: { pk: pkOf(state), sk: 'SIGNIN' },
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }));
      const item = out.Attributes as (PendingSignIn & { pk: string; sk: string }) | undefined;
      // TTL deletion is lazy: an expired record may still be there.
      if (!item || item.expiresAt < Math.floor(now.getTime() / 1000)) return undefined;
      return { nonce: item.nonce, codeVerifier: item.codeVerifier, expiresAt: item.expiresAt };
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }
}
