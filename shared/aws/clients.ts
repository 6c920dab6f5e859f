// SDK clients, loaded on first use. Module initialisation must stay cheap (docs/requirements.md
// R-PERF-COLD-START: ≤ 150 ms): importing the DynamoDB and S3 clients costs ~200 ms, and esbuild
// hoists a static import to the bundle's top level even when only a lazily-called function uses it.
// A dynamic `import()` of the SDK package survives bundling (the SDK is external in the deployed
// bundle), so nothing of the SDK loads before a request needs it. Endpoints come from the standard
// AWS_ENDPOINT_URL_* variables; nothing here knows about the local runtime.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { readEnv } from '../config';

/** A value, or how to get it (possibly asynchronously), resolved on first use. */
export type Deferred<T> = T | (() => T | Promise<T>);

export const resolveDeferred = async <T>(value: Deferred<T>): Promise<T> =>
  typeof value === 'function' ? (value as () => T | Promise<T>)() : value;

/** Memoises an async factory; a failure is not cached (the next call tries again). */
export const onceAsync = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= make().catch((error: unknown) => {
    value = undefined;
    throw error;
  }));
};

export const dynamoLib = onceAsync(() => import('@aws-sdk/lib-dynamodb'));
export const s3Lib = onceAsync(() => import('@aws-sdk/client-s3'));
export const sqsLib = onceAsync(() => import('@aws-sdk/client-sqs'));

export const dynamoClient = onceAsync(async (): Promise<DynamoDBDocumentClient> => {
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([import('@aws-sdk/client-dynamodb'), dynamoLib()]);
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
});

/**
 * A document client, a table name and the lib-dynamodb commands for an adapter, resolved on first
 * use and then kept (a failure is not kept: the next call tries again).
 */
export const dynamoTable = (client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) =>
  onceAsync(async () => {
    const [db, table, lib] = await Promise.all([resolveDeferred(client), resolveDeferred(tableName), dynamoLib()]);
    return { db, table, lib };
  });

/** What `dynamoTable` resolves to: the client, the table's name and the commands. */
export type DynamoTable = Awaited<ReturnType<ReturnType<typeof dynamoTable>>>;

/** Path-style addressing is configuration (S3_FORCE_PATH_STYLE), needed by S3-compatible stores. */
export const s3Client = onceAsync(async (): Promise<S3Client> => {
  const { S3Client } = await s3Lib();
  return new S3Client({ forcePathStyle: readEnv('S3_FORCE_PATH_STYLE') === 'true' });
});

export const sqsClient = onceAsync(async (): Promise<SQSClient> => {
  const { SQSClient } = await sqsLib();
  return new SQSClient({});
});
