// Types of the one platform declaration. The CDK stacks, the local runtime and the OpenAPI
// generator all read the same values, so a route, table or queue exists everywhere or nowhere.
import type { z } from 'zod';
import type { ErrorKind } from '../errors/domain-error';
import type { ApiTag } from './api-routes/tags';

export type Group = 'citizen' | 'business' | 'official' | 'admin';
export const GROUPS: readonly Group[] = ['citizen', 'business', 'official', 'admin'];

/** Who may call a route. The API Gateway authorizer proves identity; the handler checks the rule. */
export type AuthRule =
  /**
   * Anyone may call; with `signature`, the handler itself verifies the caller's signature (a
   * payment provider's callback), which the OpenAPI document declares as the route's security.
   */
  | { kind: 'public'; signature?: 'payment-provider' }
  | { kind: 'user'; groups: readonly Group[] }
  /**
   * A registered agency system, by HMAC signature or by client-credentials token; `scope` is what a
   * token must carry for this route (an HMAC-signed system holds every scope). See docs/identity.md.
   */
  | { kind: 'agency-system'; scope: 'sync.write' | 'sync.read' | 'catalogue.read' };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Headers the route reads, validated (names lower-case). */
  headers?: z.ZodType;
}

export interface RouteDecl<Req extends RouteRequest = RouteRequest> {
  /** Stable identifier, also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/procedures/{code}`. */
  path: string;
  /** The capability function that serves it. */
  fn: FunctionName;
  auth: AuthRule;
  /** A few words: the OpenAPI summary (a line in client menus and generated method docs). */
  summary: string;
  /**
   * What the route does for whom: scope rules beyond the auth rule, notable errors (status and
   * code), idempotency. The OpenAPI description; the document adds who may call from `auth`.
   */
  description: string;
  tags: readonly ApiTag[];
  request: Req;
  /**
   * The body as the OpenAPI document shows it, when `request.body` deliberately accepts more: a
   * batch whose items the handler validates one by one, refusing bad items in its answer rather
   * than the whole request with a 400. Loaded only when the document is built.
   */
  documentedBody?: () => Promise<z.ZodType>;
  /**
   * Error kinds the route answers beyond those every route of its shape answers (openapi.ts
   * `errorResponsesOf`: 400 with input, 401/403 by auth, 404, 409, 413/415 with a body, 422,
   * 500), each with what it means here: e.g. `unavailable` (503) when a dependency is missing.
   */
  errors?: Partial<Record<ErrorKind, string>>;
  /** Success responses by status code. Error responses are the shared envelope, unless declared here. */
  responses: Record<number, {
    description: string;
    schema?: z.ZodType;
    contentType?: string;
    /** The same answer in other media types, by media type (a receipt as a PDF with `format=pdf`). */
    alternatives?: Readonly<Record<string, z.ZodType>>;
  }>;
}

export type FunctionName = string;

export type KeyType = 'S' | 'N';
export interface KeyDecl { name: string; type: KeyType }

export interface GlobalIndexDecl {
  name: string;
  partitionKey: KeyDecl;
  sortKey?: KeyDecl;
  /**
   * Created by the local runtime only, never deployed: for an index that only a local tool reads
   * (docs/capacity.md explains why such an index would cost a national deployment far more than it
   * gives). Its key attributes are still written; in AWS they are plain attributes.
   */
  localOnly?: boolean;
  /**
   * The non-key attributes the index holds (ProjectionType INCLUDE): a small summary its readers
   * need, so an entry is a fraction of the item and writes of other attributes do not reach the
   * index. Absent: the whole item (ALL). The table's and the index's keys are always projected.
   * DynamoDB cannot change a projection in place: a new projection is a new index under a new name
   * (docs/capacity.md "Changing an index").
   */
  projection?: readonly string[];
}

/** The indexes a deployment creates: the declared ones less the local-only ones. */
export const deployedIndexes = (t: Pick<TableDecl, 'globalIndexes'>): readonly GlobalIndexDecl[] =>
  (t.globalIndexes ?? []).filter((g) => !g.localOnly);

export interface TableDecl {
  /** Logical name; env var `TABLE_<NAME>` carries the physical name. */
  name: string;
  partitionKey: KeyDecl;
  sortKey?: KeyDecl;
  globalIndexes?: readonly GlobalIndexDecl[];
  ttlAttribute?: string;
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /**
   * The function the table's stream feeds (a Lambda event source mapping in AWS, a poller of the
   * DynamoDB Local stream locally): only records whose sort key starts with `skPrefix`, in batches
   * of `batchSize`, retried `maxRetryAttempts` times with the batch bisected, then sent to an
   * on-failure queue. Requires `stream`. In AWS, `parallelizationFactor` batches per shard at a
   * time (records of one partition key stay in order), records older than `maxRecordAgeSeconds`
   * go to the on-failure queue, and an alarm fires when the iterator age exceeds
   * `iteratorAgeAlarmSeconds` (the consumer falls behind).
   */
  streamConsumer?: {
    fn: FunctionName;
    batchSize: number;
    skPrefix?: string;
    maxRetryAttempts: number;
    parallelizationFactor: number;
    maxRecordAgeSeconds: number;
    iteratorAgeAlarmSeconds: number;
  };
  description: string;
}

export interface BucketDecl {
  name: string;
  description: string;
  /** Browser uploads need CORS for presigned POST. */
  browserUploads?: boolean;
  /** Days after which objects under `prefix` expire. */
  expirations?: readonly { prefix: string; days: number }[];
}

export interface QueueDecl {
  name: string;
  description: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
  /**
   * FIFO only: high-throughput mode (`FifoThroughputLimit: perMessageGroupId`, `DeduplicationScope:
   * messageGroup`): the per-action call limit is per partition, not 300 a queue; order and
   * deduplication hold per message group, which is all the sync queues need (docs/capacity.md).
   */
  highThroughputFifo?: boolean;
  /**
   * The consuming function; `maxConcurrency` (2–1000) caps how many invocations run at once (the
   * event source's scaling config in AWS, concurrent pollers locally). On a FIFO queue each message
   * group is still handled by one invocation at a time, so order per group holds at any setting.
   * `batchingWindowSeconds` (standard queues, 0–300): Lambda waits up to that long to fill a batch
   * (always 1 s for a batch above 10, which needs one).
   */
  consumer?: { fn: FunctionName; batchSize: number; maxConcurrency?: number; batchingWindowSeconds?: number };
}

export interface ScheduleDecl {
  name: string;
  description: string;
  fn: FunctionName;
  /** EventBridge Scheduler cron expression, evaluated in `timezone`. */
  cron: string;
  timezone: 'Asia/Ho_Chi_Minh';
  /** The event the function receives. */
  input: Record<string, unknown>;
}

/**
 * An operator command: a declared function invoked on demand with this input (plus the operator's
 * options), never on a schedule. Locally `npm run job -- <job> [--flag] [--name value]`; in AWS
 * `aws lambda invoke` on the function (docs/operations.md). Admin routes may offer the same.
 */
export interface CommandDecl {
  /** What the operator types, e.g. `sync:dlq`. */
  job: string;
  description: string;
  fn: FunctionName;
  input: Record<string, unknown>;
}

export type Access = 'read' | 'readwrite';

export interface FunctionDecl {
  name: FunctionName;
  description: string;
  /** Handler module path from the repository root; its export is `handler`. */
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /**
   * Concurrent executions reserved for the function, sized to twice its need at 2,000 submissions
   * a second (docs/capacity.md): the API's busy functions always get theirs, and the asynchronous
   * consumers can never take more, so they cannot starve the API. Applied only with the CDK
   * context `reserveConcurrency=true` (a national deployment, once its Lambda quota is raised).
   */
  reservedConcurrency?: number;
  tables?: Readonly<Record<string, Access>>;
  buckets?: Readonly<Record<string, Access>>;
  /** Queues the function sends to. Consuming is declared on the queue. */
  sendsTo?: readonly string[];
  /** Cognito user-pool operations the function calls (least privilege). */
  cognitoActions?: readonly string[];
  /** Declared secrets the function reads. */
  secrets?: readonly string[];
  /**
   * Queues whose dead letters the function inspects and replays: it may receive, delete and
   * change the visibility of the queue's DLQ messages, send to the queue itself and read both
   * depths; it gets both URLs (queueUrlEnvVar, dlqUrlEnvVar).
   */
  redrives?: readonly string[];
  /**
   * Sends e-mail (SES) and SMS (SNS) to applicants: grants ses:SendEmail/SendRawEmail and
   * sns:Publish, and sets NOTIFY_DELIVERY=aws (unset, the local runtime, means the local outbox).
   */
  sendsMessages?: true;
  /**
   * Talks to payment providers: gets PAYMENT_PROVIDERS (CDK context `paymentProviders`) and
   * PAYMENT_RETURN_URL (from the web origin); their secrets come through a declared secret.
   */
  usesPaymentProviders?: true;
  /**
   * Invoked by the user pool (its custom authentication triggers), never by the API: the identity
   * stack builds it next to the pool; the local runtime invokes it for cognito-local.
   */
  userPoolTrigger?: true;
}

export interface SecretDecl {
  name: string;
  description: string;
  /**
   * The variable the code reads. Deployed functions get `<envVar>_SECRET_ARN` (the value is
   * fetched from Secrets Manager on first use); the local runtime sets `<envVar>` itself.
   */
  envVar: string;
}

export interface PlatformDecl {
  functions: readonly FunctionDecl[];
  /** The function that answers paths no route declares (API Gateway `$default`). */
  defaultRouteFn: FunctionName;
  routes: readonly RouteDecl[];
  tables: readonly TableDecl[];
  buckets: readonly BucketDecl[];
  queues: readonly QueueDecl[];
  schedules: readonly ScheduleDecl[];
  commands: readonly CommandDecl[];
  secrets: readonly SecretDecl[];
}
