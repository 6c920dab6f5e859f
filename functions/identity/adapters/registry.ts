// The registry of agency systems and the replay-nonce store, in the `identity` table.
//
//   pk SYSTEM#<keyId>               sk META   one agency system (gsi1pk SYSTEM, gsi1sk keyId: listing)
//   pk NONCE#<keyId>#<signature>    sk NONCE  a signature already used; expiresAt (TTL) ~10 min ahead
//   pk CLIENT#<oauth client id>     sk META   keyId: the system whose app client it is (tokens name the client)
//
// Secrets are sealed by a SecretSealer before they are written; the rules of which secrets are
// active or kept are domain/agency-system.ts. Writes of a system record are conditional on the
// version read, so two concurrent rotations cannot both "keep at most two active".
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoClient, dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { tableName } from '../../../shared/config';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import { WarmCache, warmCacheTtlMs } from '../../../shared/cache/warm-cache';
import { conflict, isErrorKind, notFound } from '../../../shared/errors/domain-error';
import { done, lostRace, retryOnConflict } from '../../../shared/retry/retry-on-conflict';
import {
  activeOf, protocolOf, replacedSecrets, rotatedSecrets, sameDetails, trimRevoked, withRevoked,
  type AgencySystemInput, type AgencySystemRecord, type IssuedSecret, type SecretEntry,
} from '../domain/agency-system';
import { configuredSealer, type SecretSealer } from './secret-sealer';

export type { AgencySystemInput, AgencySystemRecord, AgencySystemSummary, IssuedSecret, SecretEntry } from '../domain/agency-system';

/** A nonce outlives any timestamp the ±300 s window can still accept. */
export const NONCE_TTL_SECONDS = 600;

export const systemPk = (keyId: string) => `SYSTEM#${keyId}`;
/** The agency system an OAuth app client belongs to (written with the system, never changed). */
export const clientPk = (clientId: string) => `CLIENT#${clientId}`;
export const noncePk = (keyId: string, signature: string) => `NONCE#${keyId}#${signature.toLowerCase()}`;

/** 256 random bits, base64url (43 characters). */
export const generateSecret = () => randomBytes(32).toString('base64url');
const newSecretId = () => `sec-${randomBytes(6).toString('hex')}`;

export interface ListCursor { keyId: string }

/**
 * The whole registry as request paths read it (outbound sync: every message needs the systems of
 * its agency): one list per warm function, at most WARM_CACHE_SECONDS old (docs/identity.md "The
 * registry in warm functions"); this function's own writes clear it.
 */
const warmRegistry = new WarmCache<AgencySystemRecord[]>({ ttlMs: warmCacheTtlMs, maxEntries: 1 });

export class AgencySystemRegistry {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(
    dbClient: Deferred<DynamoDBDocumentClient> = dynamoClient,
    table: string = tableName('identity'),
    private readonly sealer: SecretSealer = configuredSealer(),
    private readonly warm: WarmCache<AgencySystemRecord[]> = warmRegistry,
  ) {
    this.ready = dynamoTable(dbClient, table);
  }

  async get(keyId: string): Promise<AgencySystemRecord | undefined> {
    // Strongly consistent: a revocation takes effect on the next request.
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: systemPk(keyId), sk: 'META' }, ConsistentRead: true }));
    return out.Item as AgencySystemRecord | undefined;
  }

  /** Clear text of the active secrets, oldest first (at most two). */
  async activeSecrets(record: AgencySystemRecord): Promise<string[]> {
    return Promise.all(activeOf(record).map((s) => this.sealer.open(s.sealed!)));
  }

  /** The system whose OAuth app client this is; undefined for a client of no registered system. */
  async byClientId(clientId: string): Promise<AgencySystemRecord | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: clientPk(clientId), sk: 'META' }, ConsistentRead: true }));
    const keyId = out.Item?.keyId;
    if (typeof keyId !== 'string') return undefined;
    const system = await this.get(keyId);
    return system?.oauthClientId === clientId ? system : undefined;
  }

  /**
   * Registers a new system with a fresh secret (or the one given, for seeding), and its OAuth app
   * client's lookup when it has one, in one transaction. 409 if the key id exists.
   */
  async register(input: AgencySystemInput, opts: { now: Date; secret?: string; oauthClientId?: string }): Promise<{ record: AgencySystemRecord; issued: IssuedSecret }> {
    const at = opts.now.toISOString();
    const issued: IssuedSecret = { id: newSecretId(), secret: opts.secret ?? generateSecret(), createdAt: at };
    const record: AgencySystemRecord = {
      pk: systemPk(input.keyId), sk: 'META', gsi1pk: 'SYSTEM', gsi1sk: input.keyId,
      keyId: input.keyId, name: input.name, agencyCodes: [...input.agencyCodes], endpointUrl: input.endpointUrl,
      protocol: protocolOf(input),
      secrets: [await this.sealedEntry(issued.id, issued.secret, at)],
      ...(opts.oauthClientId ? { oauthClientId: opts.oauthClientId } : {}),
      createdAt: at, updatedAt: at, version: 1,
    };
    try {
      const { db, table, lib } = await this.ready();
      const put = { TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(pk)' };
      if (opts.oauthClientId) {
        await db.send(new lib.TransactWriteCommand({ TransactItems: [
          { Put: put },
          { Put: { TableName: table, Item: { pk: clientPk(opts.oauthClientId), sk: 'META', keyId: input.keyId }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ] }));
      } else {
        await db.send(new lib.PutCommand(put));
      }
    } catch (e) {
      if (isConditionFailure(e)) throw conflict('AGENCY_SYSTEM_EXISTS', `An agency system with key id ${input.keyId} is already registered`);
      throw e;
    }
    this.warm.invalidate();
    return { record, issued };
  }

  /**
   * Adds a new active secret. The oldest active ones are revoked so that at most two stay active:
   * during a rotation the old and the new secret both verify, until the old one is revoked.
   */
  async rotate(keyId: string, opts: { now: Date }): Promise<{ record: AgencySystemRecord; issued: IssuedSecret; revokedIds: string[] }> {
    const current = await this.require(keyId);
    const at = opts.now.toISOString();
    const issued: IssuedSecret = { id: newSecretId(), secret: generateSecret(), createdAt: at };
    const { secrets, retiredIds } = rotatedSecrets(current, await this.sealedEntry(issued.id, issued.secret, at), at);
    const record = await this.replace(current, { secrets, updatedAt: at });
    return { record, issued, revokedIds: retiredIds };
  }

  /** Revokes one secret (idempotent). 404 when the system or the secret id is unknown. */
  async revoke(keyId: string, secretId: string, opts: { now: Date }): Promise<AgencySystemRecord> {
    const current = await this.require(keyId);
    const target = current.secrets.find((s) => s.id === secretId);
    if (!target) throw notFound('Secret');
    if (target.status === 'revoked') return current;
    const at = opts.now.toISOString();
    return this.replace(current, { secrets: withRevoked(current, secretId, at), updatedAt: at });
  }

  async list(opts: { limit: number; cursor?: ListCursor }): Promise<{ items: AgencySystemRecord[]; next?: ListCursor }> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      IndexName: 'byKind',
      KeyConditionExpression: 'gsi1pk = :kind',
      ExpressionAttributeValues: { ':kind': 'SYSTEM' },
      Limit: opts.limit,
      ...(opts.cursor ? { ExclusiveStartKey: { gsi1pk: 'SYSTEM', gsi1sk: opts.cursor.keyId, pk: systemPk(opts.cursor.keyId), sk: 'META' } } : {}),
    }));
    const items = (out.Items ?? []) as AgencySystemRecord[];
    const last = out.LastEvaluatedKey?.gsi1sk;
    return { items, next: typeof last === 'string' ? { keyId: last } : undefined };
  }

  /**
   * Records a verified signature; false when it was already used (a replay). The conditional
   * put is the single point where two concurrent copies of a request are told apart.
   */
  async recordNonce(keyId: string, signature: string, opts: { now: number }): Promise<boolean> {
    try {
      const { db, table, lib } = await this.ready();
      await db.send(new lib.PutCommand({
        TableName: table,
        Item: { pk: noncePk(keyId, signature), sk: 'NONCE', expiresAt: Math.floor(opts.now) + NONCE_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  /**
   * Seeding: makes the system exist with these details and this secret active. Idempotent: a
   * second run with the same values writes nothing.
   */
  async ensure(input: AgencySystemInput, opts: { now: Date; secret: string }): Promise<'created' | 'updated' | 'unchanged'> {
    // Two seeders at once (test files, parallel starts): the one that lost the write reads again.
    const lost = (e: unknown) => {
      if (isErrorKind(e, 'conflict')) return lostRace;
      throw e;
    };
    return retryOnConflict<'created' | 'updated' | 'unchanged'>(async () => {
      const current = await this.get(input.keyId);
      if (!current) return this.register(input, opts).then(() => done('created' as const), lost);
      // A secret sealed under another key (local key file lost) cannot open: it is replaced.
      const opened = await Promise.all(activeOf(current).map((s) => this.sealer.open(s.sealed!).catch(() => undefined)));
      const hasSecret = opened.includes(opts.secret);
      if (hasSecret && sameDetails(current, input)) return done('unchanged');
      const at = opts.now.toISOString();
      const secrets = hasSecret ? trimRevoked(current.secrets) : replacedSecrets(current, await this.sealedEntry(newSecretId(), opts.secret, at), at);
      return this.replace(current, { name: input.name, endpointUrl: input.endpointUrl, agencyCodes: [...input.agencyCodes], protocol: protocolOf(input), secrets, updatedAt: at })
        .then(() => done('updated' as const), lost);
    }, () => conflict('VERSION_CONFLICT', `The agency system ${input.keyId} kept changing while it was seeded`));
  }

  /** Every registered system, all pages (a few hundred at most). */
  async all(): Promise<AgencySystemRecord[]> {
    const systems: AgencySystemRecord[] = [];
    let cursor: ListCursor | undefined;
    do {
      const page = await this.list({ limit: 100, cursor });
      systems.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return systems;
  }

  /** Every registered system as a warm function keeps it (`all()` at most WARM_CACHE_SECONDS ago, or since this function's last write). */
  warmAll(): Promise<AgencySystemRecord[]> {
    return this.warm.get('all', () => this.all());
  }

  private async sealedEntry(id: string, secret: string, at: string): Promise<SecretEntry> {
    return { id, sealed: await this.sealer.seal(secret), createdAt: at, status: 'active' };
  }

  private async require(keyId: string) {
    const record = await this.get(keyId);
    if (!record) throw notFound('Agency system');
    return record;
  }

  private async replace(current: AgencySystemRecord, changes: Partial<AgencySystemRecord>): Promise<AgencySystemRecord> {
    const record: AgencySystemRecord = { ...current, ...changes, version: current.version + 1 };
    try {
      const { db, table, lib } = await this.ready();
      await db.send(new lib.PutCommand({
        TableName: table, Item: record,
        ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version },
      }));
    } catch (e) {
      if (isConditionFailure(e)) throw conflict('VERSION_CONFLICT', 'The agency system changed meanwhile; try again');
      throw e;
    }
    this.warm.invalidate();
    return record;
  }
}
