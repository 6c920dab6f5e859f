// The audit trail of the portal's reads of the State's registers (docs/dossiers.md "Prefilled and
// locked fields"): one item per read in the dossiers table, under the account that caused it
// (pk READ#<sub>, sk <at>#<id>: an account's reads newest first with one Query). It names the
// account, the time, the procedure, the dossier and the fields filled — never their values.
// Kept, not expiring; not a history item (sk is not H#), so the dossier stream does not carry it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import type { Register } from '../domain/prefill';

export interface RegisterRead {
  id: string;
  at: string;
  /** The account whose record was read (the caller). */
  sub: string;
  register: Register;
  /** The wizard showing the form before a draft exists, or the creation of the draft. */
  purpose: 'preview' | 'draft';
  procedureCode: string;
  dossierId: string | null;
  /** The form fields filled from the read. */
  fields: string[];
  found: boolean;
}

export interface RegisterReadPage { items: RegisterRead[]; last: Record<string, unknown> | null }

export interface RegisterReadLog {
  record(read: RegisterRead): Promise<void>;
  /** An account's reads, newest first. */
  list(sub: string, options: { limit: number; after?: Record<string, unknown> }): Promise<RegisterReadPage>;
}

export const registerReadPk = (sub: string) => `READ#${sub}`;

export class DynamoRegisterReadLog implements RegisterReadLog {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async record(read: RegisterRead): Promise<void> {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.PutCommand({
      TableName: table,
      Item: { pk: registerReadPk(read.sub), sk: `${read.at}#${read.id}`, ...read },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  }

  async list(sub: string, options: { limit: number; after?: Record<string, unknown> }): Promise<RegisterReadPage> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': registerReadPk(sub) },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.after,
    }));
    const items = (out.Items ?? []).map(({ pk: _pk, sk: _sk, ...read }) => read as RegisterRead);
    return { items, last: out.LastEvaluatedKey ?? null };
  }
}
