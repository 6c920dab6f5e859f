// Environment-variable names that carry physical resource names into handlers. Shared by the CDK
// stacks and the local runtime so both wire functions the same way. (Settings, the other
// variables, are declared in environment.ts.)
import type { PlatformDecl } from './types';

const upper = (name: string) => name.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase();

export const tableEnvVar = (table: string) => `TABLE_${upper(table)}`;
export const bucketEnvVar = (bucket: string) => `BUCKET_${upper(bucket)}`;
export const queueUrlEnvVar = (queue: string) => `QUEUE_URL_${upper(queue)}`;
/** The URL of a queue's DLQ, for functions that redrive it. */
export const dlqUrlEnvVar = (queue: string) => `${queueUrlEnvVar(queue)}_DLQ`;

/** Physical name used where we choose names ourselves (local runtime). */
export const localResourceName = (name: string) => `dvc-${name}`;

/** SQS FIFO queues must end in `.fifo`; DLQs share the queue's kind. */
export const queuePhysicalName = (base: string, fifo: boolean) => (fifo ? `${base}.fifo` : base);
export const dlqName = (queue: string) => `${queue}-dlq`;
/** The on-failure queue of a table stream's consumer: batches whose retries are spent land here. */
export const streamDlqName = (table: string) => dlqName(`${table}-stream`);
/** Local runtime only: the stream ARN and its on-failure queue's URL (the pollers read them). */
export const streamArnEnvVar = (table: string) => `${tableEnvVar(table)}_STREAM_ARN`;
export const streamDlqUrlEnvVar = (table: string) => `${tableEnvVar(table)}_STREAM_DLQ_URL`;

/** `GET /v1/procedures/{code}` — the API Gateway route key. */
export const routeKey = (method: string, path: string) => `${method} ${path}`;

/** Deployed functions find a declared secret through this variable (its Secrets Manager ARN). */
export const secretArnEnvVar = (envVar: string) => `${envVar}_SECRET_ARN`;

/** Every resource variable the platform's tables, buckets, queues and secrets give rise to. */
export const resourceEnvVars = (platform: Pick<PlatformDecl, 'tables' | 'buckets' | 'queues' | 'secrets'>): Set<string> => new Set([
  ...platform.tables.flatMap((t) => [
    tableEnvVar(t.name),
    ...(t.stream ? [streamArnEnvVar(t.name)] : []),
    ...(t.streamConsumer ? [streamDlqUrlEnvVar(t.name)] : []),
  ]),
  ...platform.buckets.map((b) => bucketEnvVar(b.name)),
  ...platform.queues.flatMap((q) => [queueUrlEnvVar(q.name), dlqUrlEnvVar(q.name)]),
  ...platform.secrets.flatMap((s) => [s.envVar, secretArnEnvVar(s.envVar)]),
]);
