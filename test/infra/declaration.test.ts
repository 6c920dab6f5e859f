// The template follows the declaration: adding a route, table, queue, function or schedule to the
// platform declaration is all it takes to deploy it. Exercised with an extended declaration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/config';
import { inventoryOf } from '../../infra/inventory';
import { TAG } from '../../infra/names';
import { nagFindings } from '../../infra/nag';
import { buildPortal } from '../../infra/portal';
import {
  dlqName, platform, queuePhysicalName, queueUrlEnvVar, routeKey, type FunctionDecl, type PlatformDecl, type QueueDecl,
} from '../../shared/platform';
import { allowStatements, byTag, exportsOf, referencedIds, resources, synthPortal, type Json, type Synthesized } from './helpers';

const ORIGIN = 'https://dichvucong.example.vn';
const ENTRY = 'functions/meta/handler.ts';

const sender: FunctionDecl = {
  name: 'sync-test', description: 'test sender', entry: ENTRY, memoryMb: 256, timeoutSeconds: 20,
  tables: { 'events-test': 'read' }, sendsTo: ['outbox-test'], cognitoActions: ['AdminGetUser'],
};
const consumer: FunctionDecl = {
  name: 'consumer-test', description: 'test consumer', entry: ENTRY, memoryMb: 512, timeoutSeconds: 30,
  tables: { 'events-test': 'readwrite' }, buckets: { 'exports-test': 'read' },
};
const inbound: QueueDecl = {
  name: 'inbound-test', description: 'FIFO per dossier', fifo: true, visibilityTimeoutSeconds: 60, maxReceiveCount: 5,
  consumer: { fn: 'consumer-test', batchSize: 10, maxConcurrency: 3 },
};
const outbox: QueueDecl = { name: 'outbox-test', description: 'standard', fifo: false, visibilityTimeoutSeconds: 30, maxReceiveCount: 8 };

const extended: PlatformDecl = {
  ...platform,
  functions: [...platform.functions, sender, consumer],
  routes: [
    ...platform.routes,
    {
      id: 'testAction', method: 'POST', path: '/v1/test/{id}/actions', fn: 'sync-test',
      auth: { kind: 'user', groups: ['official'] }, summary: 'test', description: 'test', tags: [], request: {}, responses: {},
    },
    {
      id: 'testPublic', method: 'GET', path: '/v1/test', fn: 'consumer-test',
      auth: { kind: 'public' }, summary: 'test', description: 'test', tags: [], request: {}, responses: {},
    },
  ],
  tables: [
    ...platform.tables,
    {
      name: 'events-test', description: 'test', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'seq', type: 'N' },
      ttlAttribute: 'expiresAt', stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  buckets: [...platform.buckets, { name: 'exports-test', description: 'test', expirations: [{ prefix: 'tmp/', days: 7 }] }],
  queues: [...platform.queues, inbound, outbox],
  commands: [],
  schedules: [
    ...platform.schedules,
    { name: 'index-test', description: 'test', fn: 'consumer-test', cron: '0 1 1 * ? *', timezone: 'Asia/Ho_Chi_Minh', input: { job: 'index' } },
  ],
};

let s: Synthesized;
beforeAll(() => {
  s = synthPortal({ platform: extended, config: { webOrigin: ORIGIN } });
}, 120_000);
afterAll(() => s?.dispose());

const fnOf = (name: string) => byTag(s.json.api, 'AWS::Lambda::Function', TAG.fn, name);

describe('an extended declaration', () => {
  it('appears whole in the templates', () => {
    const inv = inventoryOf(Object.values(s.json));
    expect([...inv.routeKeys].sort()).toEqual(extended.routes.map((r) => routeKey(r.method, r.path)).sort());
    expect([...inv.tables].sort()).toEqual(extended.tables.map((t) => t.name).sort());
    expect([...inv.buckets].sort()).toEqual(extended.buckets.map((b) => b.name).sort());
    expect([...inv.queues].sort()).toEqual(extended.queues.map((q) => q.name).sort());
    expect([...inv.dlqsOf].sort()).toEqual([
      ...extended.queues.map((q) => q.name),
      ...extended.tables.flatMap((t) => (t.streamConsumer ? [`${t.name}-stream`] : [])),
    ].sort());
    expect([...inv.functions].sort()).toEqual(extended.functions.map((f) => f.name).sort());
    expect([...inv.schedules]).toEqual(extended.schedules.map((x) => `dvc-${x.name}`));
    for (const q of extended.queues) {
      expect(inv.queuePhysicalNames).toContain(queuePhysicalName(`dvc-${q.name}`, q.fifo));
      expect(inv.queuePhysicalNames).toContain(queuePhysicalName(dlqName(`dvc-${q.name}`), q.fifo));
    }
  });

  it('new table: TTL, stream, number sort key, PITR, KMS', () => {
    const [, t] = byTag(s.json.data, 'AWS::DynamoDB::Table', TAG.table, 'events-test');
    expect(t.Properties).toMatchObject({
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    expect(t.Properties.AttributeDefinitions).toContainEqual({ AttributeName: 'seq', AttributeType: 'N' });
  });

  it('FIFO queue and its FIFO DLQ are named through the naming helpers; redrive count as declared', () => {
    const [dlqId, dlq] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.dlqOf, 'inbound-test');
    const [, q] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'inbound-test');
    expect(q.Properties).toMatchObject({
      QueueName: 'dvc-inbound-test.fifo', FifoQueue: true, VisibilityTimeout: 60,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(dlq.Properties).toMatchObject({ QueueName: 'dvc-inbound-test-dlq.fifo', FifoQueue: true });
    const [, std] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'outbox-test');
    expect(std.Properties.QueueName).toBe('dvc-outbox-test');
    expect(std.Properties.FifoQueue).toBeUndefined();
    expect(std.Properties.RedrivePolicy.maxReceiveCount).toBe(8);
  });

  it('consumer: SQS event source with the declared batch size, concurrency and partial batch failures', () => {
    const [fnId] = fnOf('consumer-test');
    const mappings = resources(s.json.api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    const exports = exportsOf(s.json.data);
    const [queueId] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'inbound-test');
    expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 3 } });
    expect(referencedIds(mappings[0]![1].Properties.EventSourceArn, exports)).toEqual([queueId]);
  });

  it('sender: queue URL in its environment, SendMessage on that queue only, read-only table, its Cognito action', () => {
    const [, fn] = fnOf('sync-test');
    expect(Object.keys(fn.Properties.Environment.Variables)).toContain(queueUrlEnvVar('outbox-test'));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = allowStatements(s.json.api).filter(
      (st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleId),
    );
    const exports = exportsOf(s.json.data, s.json.identity);
    const [outboxId] = byTag(s.json.data, 'AWS::SQS::Queue', TAG.queue, 'outbox-test');
    const sqsTargets = statements.filter((st) => st.actions.some((a) => a.startsWith('sqs:'))).flatMap((st) => st.resources.flatMap((r) => referencedIds(r, exports)));
    expect([...new Set(sqsTargets)]).toEqual([outboxId]);
    expect(statements.flatMap((st) => st.actions)).toContain('sqs:SendMessage');
    const ddb = statements.filter((st) => st.actions.some((a) => a.startsWith('dynamodb:'))).flatMap((st) => st.actions);
    expect(ddb).toContain('dynamodb:Query');
    expect(ddb).not.toContain('dynamodb:PutItem');
    const cognito = statements.filter((st) => st.actions.includes('cognito-idp:AdminGetUser'));
    expect(cognito).toHaveLength(1);
    expect(JSON.stringify(cognito[0]!.resources)).toMatch(/DvcIdentity:ExportsOutputFnGetAttUserPool/);
  });

  it('schedule: Asia/Ho_Chi_Minh, cron expression, DLQ, a role that invokes only its function', () => {
    const [, sc] = resources(s.json.jobs, 'AWS::Scheduler::Schedule').find(([, r]) => r.Properties.Name === 'dvc-index-test')!;
    const p = sc.Properties;
    expect(p).toMatchObject({
      Name: 'dvc-index-test', ScheduleExpression: 'cron(0 1 1 * ? *)', ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(JSON.parse(p.Target.Input)).toEqual({ job: 'index' });
    expect(p.Target.DeadLetterConfig.Arn['Fn::GetAtt'][1]).toBe('Arn');
    const roleId = p.Target.RoleArn['Fn::GetAtt'][0];
    const statements = allowStatements(s.json.jobs).filter(
      (st) => st.policy.Type === 'AWS::IAM::Policy' && st.policy.Properties.Roles.some((r: Json) => r.Ref === roleId),
    );
    const invoke = statements.filter((st) => st.actions.includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.resources).toEqual([p.Target.Arn]);
    expect(JSON.stringify(p.Target.Arn)).toMatch(/FnConsumerTest/);
    expect(statements.flatMap((st) => st.actions).filter((a) => !a.startsWith('sqs:') && a !== 'lambda:InvokeFunction')).toEqual([]);
    const trust = s.json.jobs.Resources[roleId].Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
  });

  it('alarms cover the new DLQs and functions', () => {
    const alarms = resources(s.json.alarms, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(extended.queues.length + 1 + extended.tables.filter((t) => t.streamConsumer).length);
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(extended.functions.length);
  });

  it('webOrigin context reaches API CORS, browser-upload bucket CORS and the functions', () => {
    const [, api] = resources(s.json.api, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([ORIGIN]);
    for (const b of extended.buckets.filter((x) => x.browserUploads)) {
      const [, bucket] = byTag(s.json.data, 'AWS::S3::Bucket', TAG.bucket, b.name);
      expect(bucket.Properties.CorsConfiguration.CorsRules[0]).toMatchObject({ AllowedMethods: ['POST'], AllowedOrigins: [ORIGIN] });
    }
    expect(fnOf('meta')[1].Properties.Environment.Variables.CORS_ORIGINS).toBe(ORIGIN);
  });

  it('cdk-nag AwsSolutions finds nothing unacknowledged in the extended deployment either', () => {
    expect(nagFindings(s.app).map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(' ')}`)).toEqual([]);
  });
});

describe('declaration errors fail the synthesis', () => {
  const build = (p: PlatformDecl) => buildPortal(createApp({ context: { 'aws:cdk:bundling-stacks': [] } }), { platform: p, nag: false });

  it('an agency-system route without the agency-authorizer function', () => {
    const p: PlatformDecl = {
      ...platform,
      functions: platform.functions.filter((f) => f.name !== 'agency-authorizer'),
      routes: [...platform.routes, {
        id: 'x', method: 'POST', path: '/v1/sync/x', fn: 'meta', auth: { kind: 'agency-system', scope: 'sync.write' }, summary: '', description: '', tags: [], request: {}, responses: {},
      }],
    };
    expect(() => build(p)).toThrow(/agency-authorizer/);
  });

  it('a function granted an undeclared table', () => {
    const p: PlatformDecl = { ...platform, functions: [...platform.functions, { ...sender, sendsTo: [], tables: { nope: 'read' } }] };
    expect(() => build(p)).toThrow(/table "nope"/);
  });

  it('a consumer whose timeout exceeds the queue visibility timeout', () => {
    const p: PlatformDecl = {
      ...platform,
      functions: [...platform.functions, { ...consumer, buckets: {}, tables: {}, timeoutSeconds: 120 }],
      queues: [...platform.queues, inbound],
    };
    expect(() => build(p)).toThrow(/visibility timeout/);
  });
});
