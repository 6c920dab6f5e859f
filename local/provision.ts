// Creates every declared resource in the local emulators, from the same declaration the CDK stacks
// read. Idempotent: a restart with kept state finds what exists and creates only what is missing.
import {
  CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ResourceInUseException, UpdateTableCommand,
  UpdateTimeToLiveCommand, type AttributeDefinition, type GlobalSecondaryIndexDescription, type KeySchemaElement, type Projection,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  AddCustomAttributesCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, SetUserPoolMfaConfigCommand,
  DescribeUserPoolCommand, ListUserPoolClientsCommand, ListUserPoolsCommand, GroupExistsException, UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  bucketEnvVar, dlqName, dlqUrlEnvVar, localResourceName, streamArnEnvVar, streamDlqName, streamDlqUrlEnvVar, queuePhysicalName, queueUrlEnvVar, tableEnvVar,
  type GlobalIndexDecl, type PlatformDecl, type TableDecl,
} from '../shared/platform';
import { userPool } from '../shared/platform/identity';

export interface Provisioned {
  /** The resource variables that wire handlers to the local resources (shared/platform/naming.ts). */
  resources: Record<string, string>;
  userPoolId: string;
  userPoolClientId: string;
  userPoolStaffClientId: string;
}

const keySchema = (pk: { name: string }, sk?: { name: string }): KeySchemaElement[] => [
  { AttributeName: pk.name, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

const attributeDefinitions = (t: TableDecl): AttributeDefinition[] => {
  const keys = [t.partitionKey, t.sortKey, ...(t.globalIndexes ?? []).flatMap((g) => [g.partitionKey, g.sortKey])];
  const byName = new Map<string, AttributeDefinition>();
  for (const k of keys) if (k) byName.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  return [...byName.values()];
};

/**
 * Creates the table `t` declares under `name` (a kept one gets the declared indexes: reconcileIndexes);
 * its stream ARN, if it has a stream. `ttlRestores`: where a kept table's TTL, switched off for an
 * index change, is turned on again by the caller once every table is done (see reconcileIndexes).
 */
export const createTable = async (db: DynamoDBClient, t: TableDecl, name: string, ttlRestores?: (() => Promise<unknown>)[]) => {
  try {
    await db.send(new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keySchema(t.partitionKey, t.sortKey),
      AttributeDefinitions: attributeDefinitions(t),
      GlobalSecondaryIndexes: t.globalIndexes?.length ? t.globalIndexes.map(indexSpec) : undefined,
      StreamSpecification: t.stream ? { StreamEnabled: true, StreamViewType: t.stream } : undefined,
    }));
    if (t.ttlAttribute) {
      await db.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: t.ttlAttribute, Enabled: true } }));
    }
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
    await reconcileIndexes(db, t, name, ttlRestores);
  }
  return (await db.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn;
};

const projectionOf = (g: GlobalIndexDecl): Projection =>
  (g.projection ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projection] } : { ProjectionType: 'ALL' });
const indexSpec = (g: GlobalIndexDecl) => ({ IndexName: g.name, KeySchema: keySchema(g.partitionKey, g.sortKey), Projection: projectionOf(g) });

const sameProjection = (a: Projection | undefined, b: Projection) =>
  a?.ProjectionType === b.ProjectionType && [...(a?.NonKeyAttributes ?? [])].sort().join() === [...(b.NonKeyAttributes ?? [])].sort().join();

const indexesOf = async (db: DynamoDBClient, name: string): Promise<GlobalSecondaryIndexDescription[]> =>
  (await db.send(new DescribeTableCommand({ TableName: name }))).Table?.GlobalSecondaryIndexes ?? [];

/**
 * A table kept from an earlier run (`.local/` state) is brought to the declared indexes, as a
 * deployment migrates (docs/capacity.md "Changing an index"): indexes no longer declared, or declared
 * with another projection, are dropped, and the missing ones created (DynamoDB Local fills them from
 * the items), one UpdateTable at a time, each waited for. DynamoDB Local never finishes an index
 * change on a table whose TTL is enabled, so TTL is off meanwhile (DynamoDB Local only); nor one
 * on any table once another's TTL has been turned on again, so with `ttlRestores` the caller turns
 * TTL back on after every table's indexes are done (provision), else it is turned on here.
 */
export const reconcileIndexes = async (db: DynamoDBClient, t: TableDecl, name: string, ttlRestores?: (() => Promise<unknown>)[]) => {
  const declared = t.globalIndexes ?? [];
  const present = await indexesOf(db, name);
  const matches = (p: GlobalSecondaryIndexDescription, g: GlobalIndexDecl) => p.IndexName === g.name && sameProjection(p.Projection, projectionOf(g));
  const stale = present.filter((p) => !declared.some((g) => matches(p, g)));
  const missing = declared.filter((g) => !present.some((p) => matches(p, g)));
  if (!stale.length && !missing.length) return;
  const settled = async () => {
    for (let i = 0; i < 600; i++) {
      if ((await indexesOf(db, name)).every((g) => g.IndexStatus === 'ACTIVE')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const states = (await indexesOf(db, name)).map((g) => `${g.IndexName} ${g.IndexStatus}`).join(', ');
    throw new Error(`provision: the indexes of ${name} did not settle (${states})`);
  };
  const ttl = (await db.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription;
  const ttlOn = ttl?.TimeToLiveStatus === 'ENABLED' && ttl.AttributeName ? ttl.AttributeName : undefined;
  const setTtl = (enabled: boolean) =>
    db.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: ttlOn!, Enabled: enabled } }));
  if (ttlOn) await setTtl(false);
  try {
    for (const old of stale) {
      await db.send(new UpdateTableCommand({ TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: old.IndexName } }] }));
      await settled();
    }
    for (const g of missing) {
      await db.send(new UpdateTableCommand({
        TableName: name, AttributeDefinitions: attributeDefinitions(t), GlobalSecondaryIndexUpdates: [{ Create: indexSpec(g) }],
      }));
      await settled();
    }
  } finally {
    if (ttlOn && ttlRestores) ttlRestores.push(() => setTtl(true));
    else if (ttlOn) await setTtl(true);
  }
};

/** The declared password policy in Cognito's API shape (CreateUserPool's Policies.PasswordPolicy). */
export const cognitoPasswordPolicy = (policy = userPool.passwordPolicy) => ({
  MinimumLength: policy.minLength,
  RequireLowercase: policy.requireLowercase,
  RequireUppercase: policy.requireUppercase,
  RequireNumbers: policy.requireDigits,
  RequireSymbols: policy.requireSymbols,
});

const schemaOf = (attributes: readonly (typeof userPool.customAttributes)[number][]) => attributes.map((a) => ({
  Name: a.name, AttributeDataType: a.type, Mutable: true,
  StringAttributeConstraints: { MinLength: String(a.minLength), MaxLength: String(a.maxLength) },
}));

/** The pool's clients as declared: created when missing, their allowed flows kept in step (state kept in .local/). */
const ensureClient = async (idp: CognitoIdentityProviderClient, poolId: string, decl: typeof userPool.webClient | typeof userPool.staffClient) => {
  const clients = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
  const ExplicitAuthFlows = decl.authFlows.map((f) => `ALLOW_${f}` as const);
  const existing = clients.UserPoolClients?.find((c) => c.ClientName === decl.name)?.ClientId;
  if (existing) {
    await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: existing, ClientName: decl.name, ExplicitAuthFlows }));
    return existing;
  }
  const created = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: decl.name, ExplicitAuthFlows, GenerateSecret: false }));
  return created.UserPoolClient!.ClientId!;
};

const ensureUserPool = async (idp: CognitoIdentityProviderClient) => {
  const pools = await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let poolId = pools.UserPools?.find((p) => p.Name === userPool.name)?.Id;
  if (!poolId) {
    const created = await idp.send(new CreateUserPoolCommand({
      PoolName: userPool.name,
      Policies: { PasswordPolicy: cognitoPasswordPolicy() },
      Schema: schemaOf(userPool.customAttributes),
      MfaConfiguration: userPool.mfa.local,
    }));
    poolId = created.UserPool!.Id!;
  } else {
    // A pool kept from an earlier version: add the custom attributes declared since.
    const known = new Set((await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.SchemaAttributes?.map((a) => a.Name));
    const missing = userPool.customAttributes.filter((a) => !known.has(`custom:${a.name}`) && !known.has(a.name));
    if (missing.length) await idp.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: schemaOf(missing) }));
  }
  // The second factor as declared for local use (also on a pool kept from before it was declared).
  await idp.send(new SetUserPoolMfaConfigCommand({
    UserPoolId: poolId, MfaConfiguration: userPool.mfa.local, SoftwareTokenMfaConfiguration: { Enabled: true },
  }));
  for (const group of userPool.groups) {
    try {
      await idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
    } catch (e) {
      if (!(e instanceof GroupExistsException) && (e as Error).name !== 'GroupExistsException') throw e;
    }
  }
  const clientId = await ensureClient(idp, poolId, userPool.webClient);
  const staffClientId = await ensureClient(idp, poolId, userPool.staffClient);
  return { poolId, clientId, staffClientId };
};

/** Creates tables, buckets, queues (each with its DLQ) and the user pool; returns their variables and the pool's ids. */
export const provision = async (platform: PlatformDecl): Promise<Provisioned> => {
  const db = new DynamoDBClient({});
  const s3 = new S3Client({ forcePathStyle: true });
  const sqs = new SQSClient({});
  const idp = new CognitoIdentityProviderClient({});
  const env: Record<string, string> = {};

  // Kept tables' TTL, off while their indexes change, comes back once every table is done.
  const ttlRestores: (() => Promise<unknown>)[] = [];
  await Promise.all(platform.tables.map(async (t) => {
    const name = localResourceName(t.name);
    const streamArn = await createTable(db, t, name, ttlRestores);
    env[tableEnvVar(t.name)] = name;
    if (streamArn) env[streamArnEnvVar(t.name)] = streamArn;
    if (t.streamConsumer) {
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: streamDlqName(localResourceName(t.name)) }));
      env[streamDlqUrlEnvVar(t.name)] = dlq.QueueUrl!;
    }
  }));
  for (const restore of ttlRestores) await restore();

  await Promise.all(platform.buckets.map(async (b) => {
    const name = localResourceName(b.name);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    } catch (e) {
      const code = (e as Error).name;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw e;
    }
    if (b.browserUploads) {
      await s3.send(new PutBucketCorsCommand({
        Bucket: name,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST', 'GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 600 }] },
      }));
    }
    env[bucketEnvVar(b.name)] = name;
  }));

  await Promise.all(platform.queues.map(async (q) => {
    const base = localResourceName(q.name);
    const fifoAttributes = q.fifo ? { FifoQueue: 'true' } : {};
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: queuePhysicalName(dlqName(base), q.fifo), Attributes: fifoAttributes }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const queue = await sqs.send(new CreateQueueCommand({
      QueueName: queuePhysicalName(base, q.fifo),
      Attributes: {
        ...fifoAttributes,
        ...(q.highThroughputFifo ? { FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' } : {}),
        VisibilityTimeout: String(q.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: q.maxReceiveCount }),
      },
    }));
    env[queueUrlEnvVar(q.name)] = queue.QueueUrl!;
    env[dlqUrlEnvVar(q.name)] = dlq.QueueUrl!;
  }));

  const { poolId, clientId, staffClientId } = await ensureUserPool(idp);
  for (const c of [db, s3, sqs, idp]) c.destroy();
  return { resources: env, userPoolId: poolId, userPoolClientId: clientId, userPoolStaffClientId: staffClientId };
};
