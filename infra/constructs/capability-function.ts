// One capability function with the safe defaults: Node.js 22 on arm64, esbuild bundle, its own
// log group with retention, X-Ray active tracing, its own role with no managed policy, and grants
// exactly as the declaration says (read-only unless it says readwrite).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bucketEnvVar, dlqUrlEnvVar, queueUrlEnvVar, secretArnEnvVar, tableEnvVar, type FunctionDecl, type SecretDecl } from '../../shared/platform';
import { deployedEnvironment, type DeploymentEnvName } from '../../shared/platform/environment';
import { acknowledgeWildcardResource } from '../nag';
import { TAG } from '../names';

export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/**
 * The SDK question. The v3 clients are large once bundled (measured with esbuild 0.28, minified:
 * DynamoDB document client 342 KB, S3 client 428 KB, the three clients together 509 KB), so a
 * function using two of them could not stay inside the 500 KB per-function budget of
 * docs/requirements.md R-PERF-COLD-START. The nodejs22.x runtime ships the SDK v3 clients and
 * lib-dynamodb on its own disk, so those stay external (the price: the runtime's SDK version, not
 * ours, runs in AWS). Everything else — including the small SDK helpers whose presence and version
 * in the runtime are not guaranteed (`@aws-sdk/s3-presigned-post`, `@aws-sdk/core/util`) — is
 * bundled, tree-shaken and minified, which keeps module initialisation predictable (one file, no
 * node_modules resolution at cold start).
 */
export const EXTERNAL_MODULES = ['@aws-sdk/client-*', '@aws-sdk/lib-dynamodb'];

/** ESM bundles may still `require` Node built-ins from bundled CommonJS dependencies. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The esbuild options of every function bundle. bench/cold-start.ts bundles each declared
 * function with these same options to measure its size and module initialisation
 * (R-PERF-COLD-START).
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  format: nodejs.OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  externalModules: EXTERNAL_MODULES,
} satisfies nodejs.BundlingOptions;

/** What the deployment gives the declared settings the CDK takes from its settings and resources. */
export type DeploymentValues = Partial<Record<DeploymentEnvName, string>>;

export interface CapabilityFunctionProps {
  decl: FunctionDecl;
  repoRoot: string;
  /**
   * The deployment's values of the declared settings (shared/platform/environment.ts): the
   * declaration decides which of them this function gets; resource names are added here.
   */
  settings: DeploymentValues;
  tables: ReadonlyMap<string, dynamodb.ITable>;
  buckets: ReadonlyMap<string, s3.IBucket>;
  queues: ReadonlyMap<string, sqs.IQueue>;
  /** Each declared queue's DLQ, by the queue's name. */
  deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  secrets: ReadonlyMap<string, secretsmanager.ISecret>;
  /** Declared secrets by name (their env var). */
  secretDecls: readonly SecretDecl[];
  userPool?: cognito.IUserPool;
}

const lookup = <T>(map: ReadonlyMap<string, T>, kind: string, name: string, fn: string): T => {
  const value = map.get(name);
  if (!value) throw new Error(`Function ${fn} declares ${kind} "${name}", which the platform does not declare`);
  return value;
};

export class CapabilityFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly decl: FunctionDecl;
  private readonly acknowledged = new Set<string>();

  constructor(scope: Construct, id: string, props: CapabilityFunctionProps) {
    super(scope, id);
    const { decl, repoRoot } = props;
    this.decl = decl;
    const entry = join(repoRoot, decl.entry);
    if (!existsSync(entry)) throw new Error(`Function ${decl.name}: entry ${decl.entry} does not exist`);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    // Own role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `dvc-portal ${decl.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    // The declared settings for this function (the service name, source maps, SES/SNS delivery
    // for `sendsMessages`, the payment gateways for `usesPaymentProviders`, ...), then resources.
    const environment: Record<string, string> = deployedEnvironment(decl, props.settings);
    const tableGrants = Object.entries(decl.tables ?? {});
    const bucketGrants = Object.entries(decl.buckets ?? {});
    for (const [name] of tableGrants) environment[tableEnvVar(name)] = lookup(props.tables, 'table', name, decl.name).tableName;
    for (const [name] of bucketGrants) environment[bucketEnvVar(name)] = lookup(props.buckets, 'bucket', name, decl.name).bucketName;
    for (const name of decl.sendsTo ?? []) environment[queueUrlEnvVar(name)] = lookup(props.queues, 'queue', name, decl.name).queueUrl;
    for (const name of decl.redrives ?? []) {
      environment[queueUrlEnvVar(name)] = lookup(props.queues, 'queue', name, decl.name).queueUrl;
      environment[dlqUrlEnvVar(name)] = lookup(props.deadLetterQueues, 'queue', name, decl.name).queueUrl;
    }
    // Secrets travel by ARN; the function reads the value on first use (never in the template).
    for (const name of decl.secrets ?? []) {
      const secretDecl = lookup(new Map(props.secretDecls.map((d) => [d.name, d])), 'secret', name, decl.name);
      environment[secretArnEnvVar(secretDecl.envVar)] = lookup(props.secrets, 'secret', name, decl.name).secretArn;
    }

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      description: decl.description,
      entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: decl.memoryMb,
      timeout: Duration.seconds(decl.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: { ...BUNDLING, forceDockerBundling: false },
    });
    Tags.of(this.fn).add(TAG.fn, decl.name);

    for (const [name, access] of tableGrants) {
      const table = lookup(props.tables, 'table', name, decl.name);
      if (access === 'readwrite') table.grantReadWriteData(this.fn);
      else table.grantReadData(this.fn);
    }
    for (const [name, access] of bucketGrants) {
      const bucket = lookup(props.buckets, 'bucket', name, decl.name);
      if (access === 'readwrite') bucket.grantReadWrite(this.fn);
      else bucket.grantRead(this.fn);
    }
    for (const name of decl.sendsTo ?? []) lookup(props.queues, 'queue', name, decl.name).grantSendMessages(this.fn);
    for (const name of decl.redrives ?? []) {
      // Replaying sends back to the queue; inspecting receives (then releases) the DLQ's messages.
      lookup(props.queues, 'queue', name, decl.name).grantSendMessages(this.fn);
      lookup(props.deadLetterQueues, 'queue', name, decl.name).grantConsumeMessages(this.fn);
    }
    for (const name of decl.secrets ?? []) {
      // On the role only: Secret.grantRead would also edit the data key's policy in the data
      // stack, a reference back to this stack (a cycle). The key policy already defers to IAM.
      const secret = lookup(props.secrets, 'secret', name, decl.name);
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
      }));
      if (secret.encryptionKey) {
        this.role.addToPrincipalPolicy(new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [secret.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
        }));
      }
    }
    if (decl.sendsMessages) {
      const stack = Stack.of(this);
      const sesIdentities = `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity`;
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [`${sesIdentities}/*`] }));
      // SMS to a phone number has no resource to name: SNS authorizes it on "*" only.
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
      acknowledgeWildcardResource(this.role, sesIdentities, '/*',
        'SES sending identities of this account and region: the verified sender (domain or address) is deployment configuration.');
    }
    if (decl.cognitoActions?.length) {
      if (!props.userPool) throw new Error(`Function ${decl.name} declares cognitoActions but there is no user pool`);
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: decl.cognitoActions.map((a) => (a.includes(':') ? a : `cognito-idp:${a}`)),
          resources: [props.userPool.userPoolArn],
        }),
      );
    }

    // What cdk-nag flags in these grants is the shape of the CDK grant itself, scoped to the
    // declared resource: acknowledge exactly those findings, nothing broader.
    this.acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions' +
        (decl.sendsMessages ? '; nor does sns:Publish to a phone number (SMS to applicants).' : '.'),
    );
    for (const [name] of tableGrants) {
      const table = lookup(props.tables, 'table', name, decl.name);
      acknowledgeWildcardResource(this.role, table.tableArn, '/index/*',
        `Queries on the GSIs of the declared table ${name} only (CDK table grant).`);
    }
    for (const [name, access] of bucketGrants) {
      const bucket = lookup(props.buckets, 'bucket', name, decl.name);
      acknowledgeWildcardResource(this.role, bucket.bucketArn, '/*',
        `Objects of the declared bucket ${name} only; keys are per dossier/snapshot and not known in advance.`);
      const actions = access === 'readwrite'
        ? ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']
        : ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
      for (const action of actions) {
        this.acknowledge(`AwsSolutions-IAM5[Action::${action}]`,
          `CDK bucket grant (${access}) on declared bucket(s) only: ${action} covers the object/version variants of one operation.`);
      }
    }
    if (tableGrants.length || bucketGrants.length || decl.sendsTo?.length || decl.redrives?.length || decl.secrets?.length) this.acknowledgeKmsWildcards();
  }

  /** Consuming is declared on the queue; the API stack wires it through here. */
  consume(queue: sqs.IQueue, opts: { name: string; batchSize: number; maxConcurrency?: number; batchingWindowSeconds?: number; fifo: boolean; visibilityTimeoutSeconds: number }) {
    if (opts.visibilityTimeoutSeconds < this.decl.timeoutSeconds) {
      throw new Error(
        `Queue visibility timeout (${opts.visibilityTimeoutSeconds}s) must be at least the timeout of its consumer ${this.decl.name} (${this.decl.timeoutSeconds}s)`,
      );
    }
    if (opts.fifo && opts.batchSize > 10) throw new Error(`FIFO queue consumer ${this.decl.name}: batch size must be ≤ 10`);
    if (opts.fifo && opts.batchingWindowSeconds !== undefined) throw new Error(`FIFO queue consumer ${this.decl.name}: SQS FIFO event sources take no batching window`);
    // A consumer may set a message's retry delay (ChangeMessageVisibility, part of the consume
    // grant), which needs the queue's URL.
    this.fn.addEnvironment(queueUrlEnvVar(opts.name), queue.queueUrl);
    this.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: opts.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: opts.maxConcurrency,
        // Standard queues need a batching window for batches above 10; a declared one fills smaller batches.
        maxBatchingWindow: opts.batchingWindowSeconds !== undefined ? Duration.seconds(opts.batchingWindowSeconds)
          : !opts.fifo && opts.batchSize > 10 ? Duration.seconds(1) : undefined,
      }),
    );
    this.acknowledgeKmsWildcards();
  }

  /**
   * Consuming a table's stream is declared on the table; the API stack wires it through here.
   * Lambda reads from the oldest record, filters on the sort-key prefix (only the outbox items
   * reach the function), retries a failing batch from its first failed record, splits it to
   * isolate a poison record, and after `maxRetryAttempts` sends the batch's description to
   * `onFailure` and moves on — the records stay in the stream (24 h) for replay.
   */
  consumeStream(
    table: dynamodb.ITable,
    onFailure: sqs.IQueue,
    opts: { batchSize: number; maxRetryAttempts: number; parallelizationFactor: number; maxRecordAgeSeconds: number; sortKey?: string; skPrefix?: string },
  ) {
    if (opts.skPrefix && !opts.sortKey) throw new Error(`Stream consumer ${this.decl.name}: a sort-key filter needs a table with a sort key`);
    this.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: opts.batchSize,
        retryAttempts: opts.maxRetryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        // Several batches per shard; Lambda keeps the records of one partition key in order.
        parallelizationFactor: opts.parallelizationFactor,
        maxRecordAge: Duration.seconds(opts.maxRecordAgeSeconds),
        onFailure: new SqsDlq(onFailure),
        filters: opts.skPrefix
          ? [lambda.FilterCriteria.filter({ dynamodb: { Keys: { [opts.sortKey!]: { S: lambda.FilterRule.beginsWith(opts.skPrefix) } } } })]
          : undefined,
      }),
    );
    this.acknowledgeKmsWildcards();
  }

  /** Acknowledges one cdk-nag finding on this function's role (and its default policy), once. */
  acknowledge(id: string, reason: string) {
    if (this.acknowledged.has(id)) return;
    this.acknowledged.add(id);
    Validations.of(this.role).acknowledge({ id, reason });
  }

  private acknowledgeKmsWildcards() {
    const reason =
      'Data-key operations (GenerateDataKey*, ReEncrypt*) on the one data KMS key that encrypts the declared ' +
      'tables, buckets and queues; added by the CDK grant for that key only.';
    this.acknowledge('AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason);
    this.acknowledge('AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason);
  }
}