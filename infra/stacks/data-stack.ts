// Tables, buckets and queues: every one declared in shared/platform, none added here.
import { Duration, RemovalPolicy, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deployedIndexes, dlqName, queuePhysicalName, streamDlqName, type KeyDecl, type PlatformDecl } from '../../shared/platform';
import type { PortalConfig } from '../config';
import { pascal, TAG } from '../names';
import { logBucket } from '../constructs/log-bucket';

export interface DataStackProps extends StackProps {
  platform: PlatformDecl;
  config: PortalConfig;
}

export interface DeclaredQueue {
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

const attribute = (k: KeyDecl): dynamodb.Attribute => ({
  name: k.name,
  type: k.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
});

export class DataStack extends Stack {
  /** One customer-managed key for tables, buckets and queues of the portal's data. */
  readonly key: kms.Key;
  readonly tables = new Map<string, dynamodb.Table>();
  readonly buckets = new Map<string, s3.Bucket>();
  readonly queues = new Map<string, DeclaredQueue>();
  /** The on-failure queue of each table stream's consumer, by table name. */
  readonly streamDlqs = new Map<string, sqs.Queue>();
  readonly accessLogs: s3.Bucket;
  readonly secrets = new Map<string, secretsmanager.Secret>();

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { platform, config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'DataKey', {
      alias: `alias/${config.namePrefix}-data`,
      description: 'dvc-portal data: DynamoDB tables, S3 buckets and SQS queues',
      enableKeyRotation: true,
      removalPolicy,
    });

    for (const decl of platform.secrets) {
      const secret = new secretsmanager.Secret(this, `Secret${pascal(decl.name)}`, {
        description: `dvc-portal: ${decl.description}`,
        encryptionKey: this.key,
        // 64 random alphanumerics (~380 bits); the code derives its key from them (SHA-256).
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotating key material means re-sealing every secret sealed with it; that is an operator ' +
          'procedure (docs/operations.md), not a scheduled rotation Lambda.',
      });
      this.secrets.set(decl.name, secret);
    }

    for (const t of platform.tables) {
      const table = new dynamodb.Table(this, `Table${pascal(t.name)}`, {
        partitionKey: attribute(t.partitionKey),
        sortKey: t.sortKey ? attribute(t.sortKey) : undefined,
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        timeToLiveAttribute: t.ttlAttribute,
        stream: t.stream ? dynamodb.StreamViewType[t.stream] : undefined,
        deletionProtection: config.retainData,
        removalPolicy,
      });
      for (const g of deployedIndexes(t)) {
        table.addGlobalSecondaryIndex({
          indexName: g.name,
          partitionKey: attribute(g.partitionKey),
          sortKey: g.sortKey ? attribute(g.sortKey) : undefined,
          ...(g.projection
            ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...g.projection] }
            : { projectionType: dynamodb.ProjectionType.ALL }),
        });
      }
      Tags.of(table).add(TAG.table, t.name);
      this.tables.set(t.name, table);
      if (t.streamConsumer) {
        const dlq = new sqs.Queue(this, `Table${pascal(t.name)}StreamDlq`, {
          queueName: streamDlqName(`${config.namePrefix}-${t.name}`),
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: this.key,
          dataKeyReuse: Duration.minutes(15),
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        });
        Validations.of(dlq).acknowledge({
          id: 'AwsSolutions-SQS3',
          reason: 'This queue is itself the on-failure destination of the table stream consumer; it needs no DLQ of its own.',
        });
        Tags.of(dlq).add(TAG.dlqOf, `${t.name}-stream`);
        this.streamDlqs.set(t.name, dlq);
      }
    }

    // Server access logs of every data bucket. S3 log delivery only writes to SSE-S3 buckets.
    this.accessLogs = logBucket(this, 'AccessLogs', { removalPolicy, holds: 'the data buckets\' server access logs' });

    for (const b of platform.buckets) {
      const bucket = new s3.Bucket(this, `Bucket${pascal(b.name)}`, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${b.name}/`,
        lifecycleRules: [
          ...(b.expirations ?? []).map((e) => ({
            id: `expire-${e.prefix.replace(/[^a-zA-Z0-9-]+/g, '-').replace(/-+$/, '')}`,
            prefix: e.prefix,
            expiration: Duration.days(e.days),
            // Versioning keeps expired objects as noncurrent versions: drop those too.
            noncurrentVersionExpiration: Duration.days(1),
          })),
          {
            id: 'housekeeping',
            abortIncompleteMultipartUploadAfter: Duration.days(1),
            noncurrentVersionExpiration: Duration.days(90),
            expiredObjectDeleteMarker: true,
          },
        ],
        // Browsers upload with presigned POST (docs/requirements.md R-API-UPLOADS): POST from the web origin only.
        cors: b.browserUploads
          ? [{ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: [config.webOrigin], allowedHeaders: ['*'], maxAge: 600 }]
          : undefined,
        removalPolicy,
      });
      Tags.of(bucket).add(TAG.bucket, b.name);
      this.buckets.set(b.name, bucket);
    }

    for (const q of platform.queues) {
      const base = `${config.namePrefix}-${q.name}`;
      const common = {
        fifo: q.fifo ? true : undefined,
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        dataKeyReuse: Duration.minutes(15),
        enforceSSL: true,
      };
      const dlq = new sqs.Queue(this, `Queue${pascal(q.name)}Dlq`, {
        ...common,
        queueName: queuePhysicalName(dlqName(base), q.fifo),
        retentionPeriod: Duration.days(14),
      });
      if (q.highThroughputFifo && !q.fifo) throw new Error(`queue ${q.name}: highThroughputFifo needs a FIFO queue`);
      const queue = new sqs.Queue(this, `Queue${pascal(q.name)}`, {
        ...common,
        ...(q.highThroughputFifo
          ? { fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID, deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP }
          : {}),
        queueName: queuePhysicalName(base, q.fifo),
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
      });
      Tags.of(queue).add(TAG.queue, q.name);
      Tags.of(dlq).add(TAG.dlqOf, q.name);
      this.queues.set(q.name, { queue, dlq });
    }
  }
}
