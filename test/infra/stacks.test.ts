// The synthesized deployment of the real platform declaration: every assertion iterates the
// declaration, so a route, table, bucket, queue or function added there is checked here too.
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS } from '../../shared/auth/principal';
import { deployedIndexes, findFunction, machineClients, platform, routeKey, userPool, type TableDecl } from '../../shared/platform';
import { VNEID_VERIFIED, vneidAttributeMapping } from '../../shared/platform/identity';
import { DEFAULT_REGION } from '../../infra/config';
import { TAG } from '../../infra/names';
import { ACCESS_LOG_FIELDS } from '../../infra/stacks/api-stack';
import { AGENCY_IDENTITY_HEADERS } from '../../shared/auth/agency-signature';
import { CORS } from '../../shared/platform/cors';
import { routeCallsPerDossier, routeThrottle } from '../../shared/platform/throttles';
import { CORRUPT_RECORDS_METRIC } from '../../shared/platform/metrics';
import { inventoryOf } from '../../infra/inventory';
import {
  allowStatements, byTag, exportsOf, referencedIds, resources, synthPortal, tagOf, type Json, type Synthesized,
} from './helpers';

let s: Synthesized;
let all: Json[];
beforeAll(() => {
  s = synthPortal();
  all = Object.values(s.json);
}, 120_000);
afterAll(() => s?.dispose());

/** User-pool triggers live in the identity stack, next to their pool; every other function in the API stack. */
const fnTemplate = (name: string) => (platform.functions.find((f) => f.name === name)?.userPoolTrigger ? s.json.identity : s.json.api);
const fnResource = (name: string) => byTag(fnTemplate(name), 'AWS::Lambda::Function', TAG.fn, name);

describe('data stack', () => {
  it('one customer-managed KMS key with rotation encrypts the data', () => {
    s.t.data.resourceCountIs('AWS::KMS::Key', 1);
    s.t.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it.each(platform.tables.map((t) => [t.name, t] as const))('table %s: on-demand, PITR, KMS, keys, GSIs, TTL, stream', (name, decl) => {
    const [, table] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, name);
    const p = table.Properties;
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() });
    expect(p.KeySchema).toEqual([
      { AttributeName: decl.partitionKey.name, KeyType: 'HASH' },
      ...(decl.sortKey ? [{ AttributeName: decl.sortKey.name, KeyType: 'RANGE' }] : []),
    ]);
    expect((p.GlobalSecondaryIndexes ?? []).map((g: Json) => g.IndexName).sort()).toEqual(deployedIndexes(decl).map((g) => g.name).sort());
    for (const g of deployedIndexes(decl)) {
      const projection = (p.GlobalSecondaryIndexes as Json[]).find((x) => x.IndexName === g.name)!.Projection;
      expect(projection, g.name).toEqual(g.projection ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projection] } : { ProjectionType: 'ALL' });
    }
    const ttl = 'ttlAttribute' in decl ? decl.ttlAttribute : undefined;
    expect(p.TimeToLiveSpecification).toEqual(ttl ? { AttributeName: ttl, Enabled: true } : undefined);
    const stream = 'stream' in decl ? decl.stream : undefined;
    expect(p.StreamSpecification).toEqual(stream ? { StreamViewType: stream } : undefined);
  });

  it('the dossiers\' work-queue lists hold only the list summary (INCLUDE; the per-table check above compares every projection with its declaration)', () => {
    const [, dossiers] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'dossiers');
    const lists = (dossiers.Properties.GlobalSecondaryIndexes as Json[]).filter((g) => g.Projection.ProjectionType === 'INCLUDE');
    expect(lists.map((g) => g.IndexName).sort()).toEqual(['byAgencyQueueList', 'byAgencyStatusList']);
    for (const g of lists) {
      expect(g.Projection.NonKeyAttributes).toEqual(expect.arrayContaining(['id', 'status', 'version', 'dueAt', 'procedureCode', 'apologies']));
      // The summary, not the record: no form, attachments, applicant or contact in a list entry.
      for (const heavy of ['form', 'attachments', 'applicant', 'contact', 'components']) expect(g.Projection.NonKeyAttributes).not.toContain(heavy);
    }
  });

  it('byPaidDay holds a summary of a paid order, not the order (docs/capacity.md "Design: warm caches and sharded keys")', () => {
    const [, table] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'payments');
    const byPaidDay = (table.Properties.GlobalSecondaryIndexes as Json[]).find((g) => g.IndexName === 'byPaidDay')!;
    expect(byPaidDay.Projection.ProjectionType).toBe('INCLUDE');
    expect(byPaidDay.Projection.NonKeyAttributes).toEqual(expect.arrayContaining(['id', 'dossierId', 'amount', 'status', 'paidAt']));
    expect(byPaidDay.Projection.NonKeyAttributes).not.toContain('items');
  });

  it('the notifications table has no index in AWS: byDay is local-only (docs/capacity.md "byDay")', () => {
    const [, table] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'notifications');
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    const notifications: TableDecl = platform.tables.find((t) => t.name === 'notifications')!;
    expect(notifications.globalIndexes?.find((g) => g.name === 'byDay')).toMatchObject({ localOnly: true });
  });

  it.each(platform.buckets.map((b) => [b.name, b] as const))('bucket %s: KMS, versioned, access-logged, lifecycle, CORS only for browser uploads', (name, decl) => {
    const [, bucket] = byTag(s.json.data, 'AWS::S3::Bucket', TAG.bucket, name);
    const p = bucket.Properties;
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.LoggingConfiguration).toMatchObject({ DestinationBucketName: expect.anything(), LogFilePrefix: `${name}/` });
    const rules = p.LifecycleConfiguration.Rules as Json[];
    for (const e of ('expirations' in decl ? decl.expirations : undefined) ?? []) {
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: e.prefix, ExpirationInDays: e.days, Status: 'Enabled' }));
    }
    if ('browserUploads' in decl && decl.browserUploads) {
      expect(p.CorsConfiguration.CorsRules).toEqual([
        expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['*'] }),
      ]);
    } else {
      expect(p.CorsConfiguration).toBeUndefined();
    }
  });

  it('every bucket blocks public access and denies non-TLS requests', () => {
    const buckets = resources(s.json.data, 'AWS::S3::Bucket');
    expect(buckets.length).toBe(platform.buckets.length + 1); // + server-access-log bucket
    const policies = resources(s.json.data, 'AWS::S3::BucketPolicy');
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      const policy = policies.find(([, p]) => p.Properties.Bucket?.Ref === id);
      expect(policy, `bucket policy of ${id}`).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('queues', () => {
  it('every SQS queue anywhere is a DLQ or redrives to one; all encrypted and TLS-only', () => {
    for (const t of all) {
      const queues = resources(t, 'AWS::SQS::Queue');
      const policies = resources(t, 'AWS::SQS::QueuePolicy');
      for (const [id, q] of queues) {
        const p = q.Properties;
        expect(p.KmsMasterKeyId ?? p.SqsManagedSseEnabled, `encryption of ${id}`).toBeTruthy();
        const isDlq = tagOf(q, TAG.dlqOf) !== undefined || /-dlq(\.fifo)?$/.test(p.QueueName ?? '');
        if (!isDlq) {
          const target = p.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0];
          expect(target, `redrive policy of ${id}`).toBeDefined();
          expect(queues.map(([qid]) => qid)).toContain(target);
        }
        const policy = policies.find(([, qp]) => qp.Properties.Queues.some((r: Json) => r.Ref === id));
        expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      }
    }
  });

  it.each(platform.queues.map((q) => [q.name, q] as const))('queue %s has its own DLQ with the declared maxReceiveCount', (name, decl) => {
    const [, queue] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, name);
    const [dlqId] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.dlqOf, name);
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: decl.maxReceiveCount });
  });
});

describe('high-throughput FIFO queues', () => {
  it.each(platform.queues.map((q) => [q.name, q] as const))('queue %s is in high-throughput mode exactly when declared so', (name, decl) => {
    const [, queue] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, name);
    const [, dlq] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.dlqOf, name);
    if (decl.highThroughputFifo) {
      expect(queue.Properties).toMatchObject({ FifoQueue: true, FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' });
    } else {
      expect(queue.Properties.FifoThroughputLimit).toBeUndefined();
      expect(queue.Properties.DeduplicationScope).toBeUndefined();
    }
    expect(dlq.Properties.FifoThroughputLimit).toBeUndefined();
  });

  it('sync-inbound\'s consumer may scale to its declared maxConcurrency, 600 (docs/capacity.md: ~270 needed at 2,000/s)', () => {
    const [fnId] = fnResource('sync-inbound');
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties.ScalingConfig).toEqual({ MaximumConcurrency: 600 });
  });

  it('both sync queues are declared high-throughput (docs/capacity.md)', () => {
    expect(platform.queues.filter((q) => q.highThroughputFifo).map((q) => q.name).sort()).toEqual(['sync-inbound', 'sync-outbound']);
  });
});

describe('notifications consumer', () => {
  it('takes batches of 10 with a 1 s batching window and reports failures per message (docs/capacity.md)', () => {
    const [queueId] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'notifications');
    const [fnId] = fnResource('notifications');
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({
      BatchSize: 10, MaximumBatchingWindowInSeconds: 1, FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(referencedIds(mappings[0]![1].Properties.EventSourceArn, exportsOf(s.json.data))).toEqual([queueId]);
  });
});

describe('sync-outbound', () => {
  it('the fan-out sends to it; its consumer reports failures per message, may set their retry delay, and sends nothing', () => {
    const [queueId] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'sync-outbound');
    const exports = exportsOf(s.json.data);
    const [fnId, fn] = fnResource('sync-outbound');
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(referencedIds(mappings[0]![1].Properties.EventSourceArn, exports)).toEqual([queueId]);
    expect(referencedIds(fn.Properties.Environment.Variables.QUEUE_URL_SYNC_OUTBOUND, exports)).toEqual([queueId]);
    const actionsOn = (name: string) => {
      const roleId = fnResource(name)[1].Properties.Role['Fn::GetAtt'][0];
      return allowStatements(s.json.api)
        .filter((st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleId))
        .filter((st) => st.resources.some((r) => referencedIds(r, exports).includes(queueId)))
        .flatMap((st) => st.actions);
    };
    expect(actionsOn('sync-outbound')).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage']));
    expect(actionsOn('sync-outbound')).not.toContain('sqs:SendMessage');
    expect(actionsOn('dossier-events')).toContain('sqs:SendMessage');
  });
});

describe('index-runs', () => {
  it('the evaluation API sends to it (and reads no ratings or feedback: it computes nothing); evaluation-jobs consumes one message at a time', () => {
    const [queueId, queue] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'index-runs');
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(findFunction('evaluation-jobs').timeoutSeconds);
    const exports = exportsOf(s.json.data);
    const [jobsId] = fnResource('evaluation-jobs');
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === jobsId);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
    expect(referencedIds(mappings[0]![1].Properties.EventSourceArn, exports)).toEqual([queueId]);
    const [, api] = fnResource('evaluation');
    expect(referencedIds(api.Properties.Environment.Variables.QUEUE_URL_INDEX_RUNS, exports)).toEqual([queueId]);
    expect(Object.keys(api.Properties.Environment.Variables).filter((k) => k.startsWith('TABLE_')).sort()).toEqual(['TABLE_CATALOGUE', 'TABLE_EVALUATION']);
  });

  it('the refresh: every 10 minutes in Hà Nội, the running periods through evaluation-jobs, { job: "index-refresh" }', () => {
    const [, refresh] = resources(s.json.jobs, 'AWS::Scheduler::Schedule').find(([, sc]) => sc.Properties.Name === 'dvc-index-refresh')!;
    expect(refresh.Properties).toMatchObject({ ScheduleExpression: 'cron(0/10 * * * ? *)', ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh' });
    expect(JSON.parse(refresh.Properties.Target.Input)).toEqual({ job: 'index-refresh' });
  });

  it('recompute run records expire: the evaluation table has a TTL attribute', () => {
    const [, table] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'evaluation');
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });
});

describe('table streams', () => {
  const consumed = platform.tables.flatMap((t): [string, { streamConsumer: NonNullable<TableDecl['streamConsumer']> }][] =>
    (t.streamConsumer ? [[t.name, { streamConsumer: t.streamConsumer }]] : []));

  it('the dossiers table feeds the event fan-out (the outbox, R-DOSSIER-HISTORY)', () => {
    expect(consumed.map(([name, t]) => [name, t.streamConsumer.fn])).toEqual([['dossiers', 'dossier-events']]);
  });

  it('the fan-out takes ten batches per shard at a time and hands records older than 6 hours to its on-failure queue', () => {
    const [, t] = consumed[0]!;
    expect(t.streamConsumer).toMatchObject({ parallelizationFactor: 10, maxRecordAgeSeconds: 21_600, iteratorAgeAlarmSeconds: 300 });
  });

  it.each(consumed)('%s: read from the oldest record, filtered on the sort-key prefix, retried, bisected, then sent to its own on-failure queue', (name, t) => {
    const [tableId] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, name);
    const [fnId] = fnResource(t.streamConsumer.fn);
    const [dlqId, dlq] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.dlqOf, `${name}-stream`);
    expect(dlq.Properties).toMatchObject({ QueueName: `dvc-${name}-stream-dlq`, MessageRetentionPeriod: 14 * 24 * 3600 });
    const exports = exportsOf(s.json.data);
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    const m = mappings[0]![1].Properties;
    expect(m).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: t.streamConsumer.batchSize,
      MaximumRetryAttempts: t.streamConsumer.maxRetryAttempts,
      BisectBatchOnFunctionError: true,
      ParallelizationFactor: t.streamConsumer.parallelizationFactor,
      MaximumRecordAgeInSeconds: t.streamConsumer.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: [{ prefix: t.streamConsumer.skPrefix }] } } } }) }] },
    });
    expect(referencedIds(m.EventSourceArn, exports)).toEqual([tableId]);
    expect(referencedIds(m.DestinationConfig.OnFailure.Destination, exports)).toEqual([dlqId]);
  });

  it('the fan-out may read the stream and send to its on-failure queue, and nothing else of the table; it writes no table', () => {
    const [, fn] = fnResource('dossier-events');
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = allowStatements(s.json.api)
      .filter((st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleId));
    const actions = statements.flatMap((st) => st.actions);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'sqs:SendMessage']));
    expect(actions.filter((a) => /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/.test(a))).toEqual([]);
    // Item reads: the registry (identity) and the agencies' provinces (catalogue), for subscribed-only outbound; not the dossiers.
    const exports = exportsOf(s.json.data);
    const tableIds = (name: string) => [byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, name)[0]];
    const readTables = statements.filter((st) => st.actions.some((a) => /^dynamodb:(Query|Scan|GetItem|BatchGetItem)$/.test(a)))
      .flatMap((st) => st.resources.flatMap((r) => referencedIds(r, exports)));
    expect([...new Set(readTables)].sort()).toEqual([...tableIds('identity'), ...tableIds('catalogue')].sort());
  });
});

describe('identity stack', () => {
  it('user pool: password policy, threat protection, custom attributes named as the claims', () => {
    const [, pool] = resources(s.json.identity, 'AWS::Cognito::UserPool')[0]!;
    const p = pool.Properties;
    expect(p.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
    });
    expect(p.UserPoolTier).toBe('PLUS');
    expect(p.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(p.UsernameAttributes ?? p.AliasAttributes).toContain('email');
    const custom = (p.Schema as Json[]).map((a) => `custom:${a.Name}`);
    for (const claim of [CLAIMS.idNumber, CLAIMS.enterpriseCode, CLAIMS.vneidVerified, CLAIMS.agencyScope]) {
      expect(custom).toContain(claim);
    }
  });

  it('groups citizen, business, official, admin', () => {
    const groups = resources(s.json.identity, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...userPool.groups].sort());
  });

  const clientNamed = (name: string) => resources(s.json.identity, 'AWS::Cognito::UserPoolClient').find(([, c]) => c.Properties.ClientName === name)![1].Properties;

  it('web client (citizens, businesses): public, CUSTOM_AUTH + refresh only (no password flow), cannot write identity or scope attributes', () => {
    const p = clientNamed(userPool.webClient.name);
    expect(p.GenerateSecret).toBe(false);
    expect(p.ExplicitAuthFlows.sort()).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    for (const claim of [CLAIMS.idNumber, CLAIMS.enterpriseCode, CLAIMS.vneidVerified, CLAIMS.agencyScope, 'custom:eid_level']) {
      expect(p.ReadAttributes).toContain(claim);
      expect(p.WriteAttributes).not.toContain(claim);
    }
  });

  it('staff client (officials, admins): SRP + password + refresh, no custom sign-in', () => {
    const p = clientNamed(userPool.staffClient.name);
    expect(p.GenerateSecret).toBe(false);
    expect(p.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('MFA is required (TOTP): officials and admins, the only password users, cannot sign in without it', () => {
    const [, pool] = resources(s.json.identity, 'AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('the custom sign-in triggers are the declared auth-challenge function, which Cognito (this pool only) may invoke', () => {
    const [, pool] = resources(s.json.identity, 'AWS::Cognito::UserPool')[0]!;
    const [fnId] = fnResource(userPool.authChallengeFunction);
    const lambdaConfig = pool.Properties.LambdaConfig;
    for (const trigger of ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse']) {
      expect(lambdaConfig[trigger], trigger).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
    const [poolId] = resources(s.json.identity, 'AWS::Cognito::UserPool')[0]!;
    const permissions = resources(s.json.identity, 'AWS::Lambda::Permission').filter(([, perm]) => perm.Properties.FunctionName['Fn::GetAtt']?.[0] === fnId);
    expect(permissions.length).toBeGreaterThan(0);
    for (const [, perm] of permissions) {
      expect(perm.Properties.Principal).toBe('cognito-idp.amazonaws.com');
      expect(perm.Properties.SourceArn).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    }
  });

  it('every attribute a VNeID sign-in writes (the declared mapping) is a custom attribute of the pool the web client reads', () => {
    const [, pool] = resources(s.json.identity, 'AWS::Cognito::UserPool')[0]!;
    const custom = new Set((pool.Properties.Schema as Json[]).map((a) => `custom:${a.Name}`));
    const web = clientNamed(userPool.webClient.name);
    const written = [...Object.values(vneidAttributeMapping).flatMap((m) => Object.keys(m)), ...Object.keys(VNEID_VERIFIED)];
    for (const attribute of new Set(written)) {
      if (attribute.startsWith('custom:')) expect(custom.has(attribute), attribute).toBe(true);
      expect(web.ReadAttributes, attribute).toContain(attribute);
    }
  });

  it('the identity function may call only the Admin* operations of the VNeID sign-in and the app-client ones of agency systems, on this pool only', () => {
    const [, fn] = fnResource('identity');
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const cognito = allowStatements(s.json.api).filter((st) =>
      st.policy.Properties.Roles?.some((r: Json) => r.Ref === roleId) && st.actions.some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect(cognito[0]!.actions.sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser',
      'cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge', 'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient',
    ]);
    expect(JSON.stringify(cognito[0]!.resources)).toMatch(/DvcIdentity:ExportsOutputFnGetAttUserPool[A-Za-z0-9]*Arn/);
    // No other function touches the pool.
    const others = allowStatements(s.json.api).filter((st) => st.actions.some((a) => a.startsWith('cognito-idp:')));
    expect(others).toHaveLength(1);
  });

  it('the VNeID client secret and the sign-in proof key come from Secrets Manager, by ARN, never as values', () => {
    const [, identityFn] = fnResource('identity');
    const [, triggerFn] = fnResource(userPool.authChallengeFunction);
    const env = identityFn.Properties.Environment.Variables;
    expect(env.VNEID_CLIENT_SECRET).toBeUndefined();
    expect(env.SIGN_IN_PROOF_KEY).toBeUndefined();
    expect(JSON.stringify(env.VNEID_CLIENT_SECRET_SECRET_ARN)).toMatch(/SecretVneidClientSecret/);
    expect(JSON.stringify(env.SIGN_IN_PROOF_KEY_SECRET_ARN)).toMatch(/SecretSignInProofKey/);
    expect(JSON.stringify(triggerFn.Properties.Environment.Variables.SIGN_IN_PROOF_KEY_SECRET_ARN)).toMatch(/SecretSignInProofKey/);
    expect(triggerFn.Properties.Environment.Variables.VNEID_CLIENT_SECRET_SECRET_ARN).toBeUndefined();
  });
});

describe('client-credentials tokens for agency systems (cognito-local has none: these are the AWS side)', () => {
  it('a resource server with the declared scopes and a domain whose /oauth2/token issues the tokens', () => {
    const [[, server]] = resources(s.json.identity, 'AWS::Cognito::UserPoolResourceServer') as [[string, Json]];
    expect(server.Properties.Identifier).toBe(machineClients.resourceServer);
    expect(server.Properties.Scopes.map((x: Json) => x.ScopeName)).toEqual(['sync.write', 'sync.read', 'catalogue.read']);
    expect(JSON.stringify(server.Properties.UserPoolId)).toMatch(/UserPool/);
    const [[, domain]] = resources(s.json.identity, 'AWS::Cognito::UserPoolDomain') as [[string, Json]];
    expect(domain.Properties.Domain).toMatch(new RegExp(`^${machineClients.domainPrefix}`));
    // The per-system app clients are made at registration, not by the stacks: the web and staff clients only.
    const clients = resources(s.json.identity, 'AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties.ClientName).sort();
    expect(clients).toEqual([userPool.webClient.name, userPool.staffClient.name].sort());
  });

  it('the identity function may create and delete app clients of this pool only; the authorizer knows the issuer', () => {
    const [, fn] = fnResource('identity');
    const cognito = allowStatements(s.json.api).filter((st) => st.actions.some((a) => a.startsWith('cognito-idp:') && a.includes('UserPoolClient')));
    expect(cognito).toHaveLength(1);
    // With the VNeID sign-in's Admin* operations in the same statement (the test above lists them all).
    expect(cognito[0]!.actions).toEqual(expect.arrayContaining(['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient']));
    expect(cognito[0]!.resources.map((r) => JSON.stringify(r))).toEqual([expect.stringMatching(/DvcIdentity:ExportsOutputFnGetAttUserPool/)]);
    // Attached to the identity function's role, no other.
    expect(cognito[0]!.policy.Properties.Roles).toEqual([{ Ref: fn.Properties.Role['Fn::GetAtt'][0] }]);
    for (const name of ['agency-authorizer', 'identity']) {
      const env = fnResource(name)[1].Properties.Environment.Variables;
      expect(JSON.stringify(env.AGENCY_TOKEN_ISSUER)).toContain(`https://cognito-idp.${DEFAULT_REGION}.amazonaws.com/`);
    }
    expect(JSON.stringify(fn.Properties.Environment.Variables.AGENCY_TOKEN_URL)).toMatch(/oauth2\/token/);
  });
});

describe('api stack', () => {
  const fnOfRoute = (route: Json): string => {
    const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
    const integration = s.json.api.Resources[integrationId];
    const fnId = integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    return tagOf(s.json.api.Resources[fnId], TAG.fn)!;
  };
  const routeByKey = (key: string) => {
    const found = resources(s.json.api, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey === key);
    expect(found, key).toHaveLength(1);
    return found[0]![1];
  };
  const authorizers = () => resources(s.json.api, 'AWS::ApiGatewayV2::Authorizer');

  it.each(platform.routes.map((r) => [routeKey(r.method, r.path), r] as const))('%s → its function with its authorizer', (key, decl) => {
    const route = routeByKey(key);
    expect(fnOfRoute(route)).toBe(decl.fn);
    const p = route.Properties;
    switch (decl.auth.kind) {
      case 'public':
        expect(p.AuthorizationType).toBe('NONE');
        expect(p.AuthorizerId).toBeUndefined();
        break;
      case 'user': {
        expect(p.AuthorizationType).toBe('JWT');
        const [, authorizer] = authorizers().find(([id]) => id === p.AuthorizerId.Ref)!;
        expect(authorizer.Properties.AuthorizerType).toBe('JWT');
        break;
      }
      case 'agency-system': {
        expect(p.AuthorizationType).toBe('CUSTOM');
        const [, authorizer] = authorizers().find(([id]) => id === p.AuthorizerId.Ref)!;
        expect(authorizer.Properties).toMatchObject({
          AuthorizerType: 'REQUEST',
          AuthorizerResultTtlInSeconds: 0,
        });
        // No identity sources: a bearer token or the signature headers (AGENCY_IDENTITY_HEADERS), the authorizer decides.
        expect(authorizer.Properties.IdentitySource ?? []).toEqual([]);
        expect(AGENCY_IDENTITY_HEADERS).toHaveLength(3);
        const fnId = JSON.stringify(authorizer.Properties.AuthorizerUri).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)![1]!;
        expect(tagOf(s.json.api.Resources[fnId], TAG.fn)).toBe('agency-authorizer');
        break;
      }
    }
  });

  it('no route exists that the declaration does not have, besides $default → defaultRouteFn', () => {
    const keys = resources(s.json.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(['$default', ...platform.routes.map((r) => routeKey(r.method, r.path))].sort());
    const def = routeByKey('$default');
    expect(fnOfRoute(def)).toBe(platform.defaultRouteFn);
    expect(def.Properties.AuthorizationType).toBe('NONE');
  });

  it('JWT authorizer: the Cognito issuer of the pool, audience the web and staff clients', () => {
    const jwt = authorizers().filter(([, a]) => a.Properties.AuthorizerType === 'JWT');
    expect(jwt).toHaveLength(1);
    const cfg = jwt[0]![1].Properties.JwtConfiguration;
    expect(JSON.stringify(cfg.Issuer)).toContain(`https://cognito-idp.${DEFAULT_REGION}.amazonaws.com/`);
    expect(JSON.stringify(cfg.Issuer)).toMatch(/DvcIdentity:ExportsOutputRefUserPool/);
    expect(JSON.stringify(cfg.Audience)).toMatch(/DvcIdentity:ExportsOutputRefUserPoolWebClient/);
    expect(JSON.stringify(cfg.Audience)).toMatch(/DvcIdentity:ExportsOutputRefUserPoolStaffClient/);
    expect(cfg.Audience).toHaveLength(2);
  });

  it('default stage: throttled, JSON access log without headers', () => {
    const [, stage] = resources(s.json.api, 'AWS::ApiGatewayV2::Stage')[0]!;
    const p = stage.Properties;
    expect(p.StageName).toBe('$default');
    expect(p.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    const logGroupId = p.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(s.json.api.Resources[logGroupId].Properties.RetentionInDays).toBe(90);
    const format = JSON.parse(p.AccessLogSettings.Format);
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.keys(format)).toEqual(expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency']));
    expect(p.AccessLogSettings.Format).not.toMatch(/header|authorization|querystring/i);
  });

  it('routes that carry every dossier: throttles sized to the design rate, the others at the stage default', () => {
    const [, stage] = resources(s.json.api, 'AWS::ApiGatewayV2::Stage')[0]!;
    const p = stage.Properties;
    const settings = { designRate: 2000, apiRateLimit: p.DefaultRouteSettings.ThrottlingRateLimit, apiBurstLimit: p.DefaultRouteSettings.ThrottlingBurstLimit };
    const complete = platform.routes.find((r) => r.id === 'completeAttachmentUpload')!;
    // ~3.9 calls a dossier at 2,000/s, loaded to half its limit.
    expect(p.RouteSettings[routeKey(complete.method, complete.path)]).toEqual({ ThrottlingRateLimit: 16_000, ThrottlingBurstLimit: 32_000 });
    for (const route of platform.routes) {
      const expected = routeThrottle(route.id, settings);
      const declared = p.RouteSettings[routeKey(route.method, route.path)];
      if (expected.rateLimit === settings.apiRateLimit) expect(declared, route.id).toBeUndefined();
      else expect(declared, route.id).toEqual({ ThrottlingRateLimit: expected.rateLimit, ThrottlingBurstLimit: expected.burstLimit });
    }
    expect(Object.keys(p.RouteSettings)).toHaveLength(Object.keys(routeCallsPerDossier).length);
  });

  it('CORS for the web origin with the portal headers', () => {
    s.t.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['*'], AllowHeaders: [...CORS.allowHeaders], AllowMethods: [...CORS.allowMethods],
        ExposeHeaders: [...CORS.exposeHeaders], MaxAge: CORS.maxAgeSeconds,
      }),
    });
  });
});

describe('functions', () => {
  it('exactly the declared functions exist', () => {
    expect([...inventoryOf(all).functions].sort()).toEqual(platform.functions.map((f) => f.name).sort());
  });

  it.each(platform.functions.map((f) => [f.name, f] as const))('%s: nodejs22.x arm64, traced, own log group with retention, env', (name, decl) => {
    const [, fn] = fnResource(name);
    const p = fn.Properties;
    expect(p.Runtime).toBe('nodejs22.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.Handler).toBe('index.handler');
    expect(p.MemorySize).toBe(decl.memoryMb);
    expect(p.Timeout).toBe(decl.timeoutSeconds);
    expect(p.TracingConfig).toEqual({ Mode: 'Active' });
    const logGroupId = p.LoggingConfig.LogGroup.Ref as string;
    expect(fnTemplate(name).Resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    const env = p.Environment.Variables;
    expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: name, NODE_OPTIONS: '--enable-source-maps', CORS_ORIGINS: '*' });
    // The pool's triggers cannot know the pool (it refers to them); every API function does.
    if (!decl.userPoolTrigger) expect(env).toMatchObject({ USER_POOL_ID: expect.anything(), USER_POOL_CLIENT_ID: expect.anything() });
    // Resource names only for what the function is granted.
    const resourceVars = Object.keys(env).filter((k) => /^(TABLE|BUCKET|QUEUE_URL)_/.test(k)).sort();
    const expected = [
      ...Object.keys(('tables' in decl ? decl.tables : undefined) ?? {}).map((t) => `TABLE_${t.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase()}`),
      ...Object.keys(('buckets' in decl ? decl.buckets : undefined) ?? {}).map((b) => `BUCKET_${b.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase()}`),
      ...[...new Set([
        ...(('sendsTo' in decl ? (decl.sendsTo as readonly string[]) : undefined) ?? []),
        // A consumer knows its queue (to delay a failed message's retry), a redriver its queue and DLQ.
        ...platform.queues.filter((q) => q.consumer?.fn === name).map((q) => q.name),
        ...(('redrives' in decl ? (decl.redrives as readonly string[]) : undefined) ?? []),
      ])].map((q) => `QUEUE_URL_${q.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase()}`),
      ...(('redrives' in decl ? (decl.redrives as readonly string[]) : undefined) ?? []).map((q) => `QUEUE_URL_${q.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase()}_DLQ`),
    ].sort();
    expect(resourceVars).toEqual(expected);
  });

  it('no IAM statement grants a data-plane action on Resource "*"', () => {
    const offending = allowStatements(...all).filter(
      // dynamodb:ListStreams (added for a stream event source) names no resource: it reads no data.
      (st) => st.resources.includes('*') && st.actions.some((a) => (/^(dynamodb|s3|sqs|kms):/.test(a) && a !== 'dynamodb:ListStreams') || a === '*'),
    );
    expect(offending).toEqual([]);
  });

  it.each(platform.functions.map((f) => [f.name, f] as const))('%s: grants exactly as declared', (name, decl) => {
    const [fnId, fn] = fnResource(name);
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    expect(fn.Properties.Role['Fn::GetAtt'][1]).toBe('Arn');
    const exports = exportsOf(s.json.data, s.json.identity);
    const statements = allowStatements(fnTemplate(name)).filter((st) =>
      st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleId),
    );
    expect(statements.length, `policy of ${fnId}`).toBeGreaterThan(0);
    // declared name by data-stack logical id
    const named = new Map<string, { kind: string; name: string }>();
    for (const [id, r] of resources(s.json.data)) {
      for (const kind of ['table', 'bucket', 'queue'] as const) {
        const n = tagOf(r, TAG[kind]);
        if (n) named.set(id, { kind, name: n });
      }
      const dlqOf = tagOf(r, TAG.dlqOf);
      if (dlqOf?.endsWith('-stream')) named.set(id, { kind: 'streamDlq', name: dlqOf.slice(0, -'-stream'.length) });
      else if (dlqOf) named.set(id, { kind: 'dlq', name: dlqOf });
    }
    // A stream consumer reads its table's stream (no item access) and sends failures to the stream's DLQ.
    const streamed = platform.tables.filter((t) => t.streamConsumer?.fn === name).map((t) => t.name);
    const access = {
      table: new Map<string, Set<string>>(), bucket: new Map<string, Set<string>>(), queue: new Map<string, Set<string>>(),
      streamDlq: new Map<string, Set<string>>(), dlq: new Map<string, Set<string>>(),
    };
    for (const st of statements) {
      const dataActions = st.actions.filter((a) => /^(dynamodb|s3|sqs):/.test(a));
      if (dataActions.length === 0) continue;
      for (const res of st.resources) {
        for (const id of referencedIds(res, exports)) {
          const target = named.get(id);
          expect(target, `${name}: ${dataActions.join(',')} on ${id} which is no declared resource`).toBeDefined();
          const set = access[target!.kind as 'table'].get(target!.name) ?? new Set();
          for (const a of dataActions) set.add(a);
          access[target!.kind as 'table'].set(target!.name, set);
        }
      }
    }
    const tables = ('tables' in decl ? decl.tables : undefined) ?? {};
    const buckets = ('buckets' in decl ? decl.buckets : undefined) ?? {};
    expect([...access.table.keys()].sort()).toEqual([...new Set([...Object.keys(tables), ...streamed])].sort());
    expect([...access.streamDlq.keys()].sort()).toEqual(streamed.sort());
    for (const t of streamed.filter((x) => !(x in tables))) {
      expect([...access.table.get(t)!].every((a) => /^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/.test(a)), t).toBe(true);
    }
    expect([...access.bucket.keys()].sort()).toEqual(Object.keys(buckets).sort());
    for (const [t, mode] of Object.entries(tables)) {
      const actions = access.table.get(t)!;
      expect(actions.has('dynamodb:Query')).toBe(true);
      expect(actions.has('dynamodb:PutItem')).toBe(mode === 'readwrite');
      expect(actions.has('dynamodb:DeleteItem')).toBe(mode === 'readwrite');
    }
    for (const [b, mode] of Object.entries(buckets)) {
      const actions = access.bucket.get(b)!;
      expect(actions.has('s3:GetObject*')).toBe(true);
      expect(actions.has('s3:PutObject')).toBe(mode === 'readwrite');
    }
    const sends = ('sendsTo' in decl ? (decl.sendsTo as readonly string[]) : undefined) ?? [];
    const consumes = platform.queues.filter((q) => q.consumer?.fn === name).map((q) => q.name);
    const redrives = ('redrives' in decl ? (decl.redrives as readonly string[]) : undefined) ?? [];
    expect([...access.queue.keys()].sort()).toEqual([...new Set([...sends, ...consumes, ...redrives])].sort());
    // Only a redriver touches a queue's DLQ: it receives, deletes and releases there, and sends nowhere but the queue.
    expect([...access.dlq.keys()].sort()).toEqual([...redrives].sort());
    for (const q of redrives) {
      expect([...access.dlq.get(q)!].sort()).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
      expect(access.queue.get(q)!.has('sqs:SendMessage')).toBe(true);
    }
  });

  it('meta has no DynamoDB, S3 or SQS access at all; catalogue only its table and index bucket', () => {
    const roleOf = (n: string) => fnResource(n)[1].Properties.Role['Fn::GetAtt'][0];
    const actionsOf = (n: string) =>
      allowStatements(s.json.api)
        .filter((st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleOf(n)))
        .flatMap((st) => st.actions);
    expect(actionsOf('meta').filter((a) => /^(dynamodb|s3|sqs|kms):/.test(a))).toEqual([]);
    const exports = exportsOf(s.json.data);
    const catalogueTargets = allowStatements(s.json.api)
      .filter((st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleOf('catalogue')))
      .filter((st) => st.actions.some((a) => a.startsWith('dynamodb:')))
      .flatMap((st) => st.resources.flatMap((r) => referencedIds(r, exports)));
    const [catalogueTableId] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'catalogue');
    expect([...new Set(catalogueTargets)]).toEqual([catalogueTableId]);
  });

  it('declared secrets: KMS-encrypted, read only by the functions that declare them, passed by ARN', () => {
    const roleOf = (n: string) => fnResource(n)[1].Properties.Role['Fn::GetAtt'][0];
    const secretIds = resources(s.json.data, 'AWS::SecretsManager::Secret').map(([id]) => id);
    expect(secretIds).toHaveLength(platform.secrets.length);
    for (const [, secret] of resources(s.json.data, 'AWS::SecretsManager::Secret')) expect(secret.Properties.KmsKeyId).toBeDefined();
    const exports = exportsOf(s.json.data);
    for (const decl of platform.functions) {
      const reads = allowStatements(fnTemplate(decl.name))
        .filter((st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleOf(decl.name)))
        .filter((st) => st.actions.includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => st.resources.flatMap((r) => referencedIds(r, exports)));
      const declared = ('secrets' in decl ? (decl.secrets as readonly string[]) : undefined) ?? [];
      expect(new Set(reads).size, decl.name).toBe(declared.length);
      const env = fnResource(decl.name)[1].Properties.Environment.Variables as Record<string, unknown>;
      for (const name of declared) {
        const secretDecl = platform.secrets.find((x) => x.name === name)!;
        expect(env[`${secretDecl.envVar}_SECRET_ARN`], decl.name).toBeDefined();
        expect(env[secretDecl.envVar], `${decl.name} must not get the secret value`).toBeUndefined();
      }
    }
  });

  it('no function uses an AWS managed policy', () => {
    for (const [, role] of resources(s.json.api, 'AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('reserved concurrency (context reserveConcurrency=true, a national deployment)', () => {
  let national: Synthesized;
  beforeAll(() => {
    national = synthPortal({ context: { reserveConcurrency: true } });
  });
  afterAll(() => national?.dispose());

  it('off by default: a new account\'s 1,000 executions cannot hold the reservations', () => {
    for (const [, fn] of resources(s.json.api, 'AWS::Lambda::Function')) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('on: the API\'s busy functions and the asynchronous consumers get their declared reservation, and 100 stay unreserved of the 10,000 to request', () => {
    const declared = platform.functions.filter((f) => f.reservedConcurrency);
    expect(declared.map((f) => f.name)).toEqual(expect.arrayContaining(['dossiers', 'notifications', 'dossier-events', 'index-counters', 'sync-outbound']));
    for (const f of platform.functions.filter((x) => !x.userPoolTrigger)) {
      const [, fn] = byTag(national.json.api, 'AWS::Lambda::Function', TAG.fn, f.name);
      expect(fn.Properties.ReservedConcurrentExecutions, f.name).toBe(f.reservedConcurrency);
    }
    expect(declared.reduce((n, f) => n + f.reservedConcurrency!, 0)).toBeLessThanOrEqual(10_000 - 100);
  });
});

describe('jobs and alarms', () => {
  it('schedules run in Asia/Ho_Chi_Minh and invoke only their function', () => {
    const schedules = resources(s.json.jobs, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(platform.schedules.length);
    for (const [, sc] of schedules) expect(sc.Properties.ScheduleExpressionTimezone).toBe('Asia/Ho_Chi_Minh');
  });

  it('the index jobs\' function: 2 GB and 15 minutes (the January run took 3–4 minutes at 1 GB)', () => {
    const [, fn] = fnResource('evaluation-jobs');
    expect(fn.Properties).toMatchObject({ MemorySize: 2048, Timeout: 900 });
  });

  it('an alarm when the stream fan-out falls behind: iterator age over its declared limit', () => {
    const ages = resources(s.json.alarms, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties).filter((a) => a.MetricName === 'IteratorAge');
    const consumers = platform.tables.flatMap((t) => (t.streamConsumer ? [t.streamConsumer] : []));
    expect(ages).toHaveLength(consumers.length);
    expect(ages[0]).toMatchObject({
      Namespace: 'AWS/Lambda', Statistic: 'Maximum', Period: 60, Threshold: 300_000,
      ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
    });
    expect(JSON.stringify(ages[0]!.Dimensions)).toMatch(/FunctionName/);
    expect(ages[0]!.AlarmActions).toHaveLength(1);
  });

  it('the service index job: 00:30 on day 1 in Hà Nội, the evaluation-jobs function, { job: "index" }', () => {
    const [, index] = resources(s.json.jobs, 'AWS::Scheduler::Schedule').find(([, sc]) => sc.Properties.Name === 'dvc-index-monthly')!;
    expect(index.Properties).toMatchObject({ ScheduleExpression: 'cron(30 0 1 * ? *)', ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh' });
    expect(JSON.parse(index.Properties.Target.Input)).toEqual({ job: 'index' });
  });

  it('an alarm on every DLQ, on API 5xx, on errors, throttles and corrupt records of every function, to an encrypted TLS-only topic', () => {
    const alarms = resources(s.json.alarms, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const dlqAlarms = alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    // + the schedules DLQ and each table stream's on-failure queue
    expect(dlqAlarms).toHaveLength(platform.queues.length + 1 + platform.tables.filter((t) => t.streamConsumer).length);
    expect(alarms.filter((a) => a.MetricName === '5xx')).toHaveLength(1);
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(platform.functions.length);
    expect(alarms.filter((a) => a.MetricName === 'Throttles')).toHaveLength(platform.functions.length);
    // The corrupt-record metric each function's log lines publish (embedded metric format), per function.
    const corrupt = alarms.filter((a) => a.MetricName === CORRUPT_RECORDS_METRIC.name);
    expect(corrupt.map((a) => a.Dimensions)).toEqual(expect.arrayContaining(
      platform.functions.map((f) => [{ Name: CORRUPT_RECORDS_METRIC.dimension, Value: f.name }]),
    ));
    expect(corrupt).toHaveLength(platform.functions.length);
    for (const a of corrupt) expect(a).toMatchObject({ Namespace: CORRUPT_RECORDS_METRIC.namespace, Statistic: 'Sum', TreatMissingData: 'notBreaching' });
    for (const a of alarms) {
      // Counts alarm above 0; the iterator age (below) above its declared lag.
      expect(a).toMatchObject({ Threshold: a.MetricName === 'IteratorAge' ? 300_000 : 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [expect.anything()] });
    }
    s.t.alarms.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.t.alarms.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('inventory', () => {
  it('the templates hold exactly the declared routes, tables, buckets and queues', () => {
    const inv = inventoryOf(all);
    expect([...inv.routeKeys].sort()).toEqual(platform.routes.map((r) => routeKey(r.method, r.path)).sort());
    expect(inv.hasDefaultRoute).toBe(true);
    expect([...inv.tables].sort()).toEqual(platform.tables.map((t) => t.name).sort());
    expect([...inv.buckets].sort()).toEqual(platform.buckets.map((b) => b.name).sort());
    expect([...inv.queues].sort()).toEqual(platform.queues.map((q) => q.name).sort());
    expect([...inv.dlqsOf].sort()).toEqual([
      ...platform.queues.map((q) => q.name),
      ...platform.tables.filter((t) => t.streamConsumer).map((t) => `${t.name}-stream`),
    ].sort());
  });

  it('stack names carry the Dvc prefix', () => {
    for (const stack of Object.values(s.stacks).filter((x) => typeof x === 'object' && 'stackName' in x)) {
      expect((stack as { stackName: string }).stackName).toMatch(/^Dvc[A-Z]/);
    }
  });
});
