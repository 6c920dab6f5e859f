// SDK clients, created on first use so module initialisation stays cheap (cold start). Endpoints
// come from the standard AWS_ENDPOINT_URL_* variables; nothing here knows about the local runtime.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const dynamo = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

/** Path-style addressing is configuration (S3_FORCE_PATH_STYLE), needed by S3-compatible stores. */
export const s3 = once(() => new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));

export const sqs = once(() => new SQSClient({}));
