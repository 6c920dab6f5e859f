// Tables and buckets of a test file's own, on the runtime's emulators: for tests that drive a
// capability's code over real DynamoDB Local or s3rver with data no other file may see or change
// (a whole catalogue, an index computed from generated counters). Shaped by the platform
// declaration, named under the file's namespace (test/support/namespace.ts) and never `dvc-…`: the
// runtime's own resources are the `dvc-` ones (test/local/parity.test.ts compares them with CDK's).
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createTable } from '../../local/provision';
import { tables } from '../../shared/platform/tables';
import type { TestNamespace } from './namespace';

const requireEmulator = (name: string) => {
  if (!process.env[name]) throw new Error(`${name} is not set: run under the global setup that starts the emulators`);
};

/** A scratch name under the file's tag: lower case, as bucket names must be. */
const scratchName = (ns: TestNamespace, what: string) => ns.key(what).toLowerCase().slice(0, 63);

/** A table shaped like the declared table `name` (keys and indexes, no stream); `drop()` deletes it. */
export const ownTable = async (ns: TestNamespace, name: (typeof tables)[number]['name']) => {
  requireEmulator('AWS_ENDPOINT_URL_DYNAMODB');
  const decl = tables.find((t) => t.name === name)!;
  const db = new DynamoDBClient({});
  const tableName = scratchName(ns, name);
  await createTable(db, { ...decl, stream: undefined }, tableName);
  return {
    name: tableName,
    drop: async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    },
  };
};

/** An empty bucket; `drop()` empties and deletes it. */
export const ownBucket = async (ns: TestNamespace, what: string, s3: S3Client) => {
  requireEmulator('AWS_ENDPOINT_URL_S3');
  const bucket = scratchName(ns, what);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    name: bucket,
    drop: async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket })).catch(() => ({ Contents: [] }));
      for (const o of listed.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key! })).catch(() => undefined);
      await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    },
  };
};
