// S3 browser uploads (presigned POST, Signature V4): the form fields and policy a browser posts
// with the file. It does what `createPresignedPost` of @aws-sdk/s3-presigned-post does — and
// test/dossiers/presigned-post.test.ts proves the output identical for the same clock and
// credentials — with one difference that matters here: that package imports
// @aws-sdk/client-s3 statically, and a bundle hoists an external static import to its top, so
// every function that merely contains the dossier module would load the whole S3 client at init
// (~200 ms of cold start, docs/requirements.md R-PERF-COLD-START). Here the S3 command class is
// passed in by the caller, who has already loaded the client lazily. The signing itself is Smithy's
// (the SDK's own signer).
import { getEndpointFromInstructions, toEndpointV1 } from '@smithy/core/endpoints';
import { toHex, toUint8Array } from '@smithy/core/serde';
import { createScope, getSigningKey } from '@smithy/signature-v4';
import type { S3Client } from '@aws-sdk/client-s3';

export type PolicyCondition = readonly unknown[] | Record<string, string>;

export interface PresignedPostInput {
  Bucket: string;
  Key: string;
  Conditions?: readonly PolicyCondition[];
  Fields?: Record<string, string>;
  /** Seconds the form stays valid. */
  Expires?: number;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const createPresignedPost = async (
  client: S3Client,
  putObjectCommand: unknown,
  { Bucket, Key, Conditions = [], Fields = {}, Expires = 3600 }: PresignedPostInput,
): Promise<PresignedPost> => {
  const config = client.config as unknown as {
    systemClockOffset: number;
    base64Encoder: (bytes: Uint8Array) => string;
    utf8Decoder: (text: string) => Uint8Array;
    sha256: new (secret?: Uint8Array) => { update(data: Uint8Array): void; digest(): Promise<Uint8Array> };
    region: () => Promise<string>;
    credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
    logger?: unknown;
  };
  const now = new Date(Date.now() + config.systemClockOffset);
  const signingDate = iso8601(now).replace(/[-:]/g, '');
  const shortDate = signingDate.slice(0, 8);
  const region = await config.region();
  const credentials = await config.credentials();
  const fields: Record<string, string> = {
    ...Fields,
    bucket: Bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(shortDate, region, 's3')}`,
    'X-Amz-Date': signingDate,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  // Every field is also an exact-match condition; duplicates collapse (as the SDK's presigner does).
  const conditions = [...new Set([
    ...Conditions.map((c) => JSON.stringify(c)),
    ...Object.entries(fields).map(([k, v]) => JSON.stringify({ [k]: v })),
    JSON.stringify({ key: Key }),
  ])].map((c) => JSON.parse(c) as unknown);
  const policy = config.base64Encoder(config.utf8Decoder(JSON.stringify({
    expiration: iso8601(new Date(now.getTime() + Expires * 1000)),
    conditions,
  })));
  const signingKey = await getSigningKey(config.sha256 as never, credentials, shortDate, region, 's3');
  const hash = new config.sha256(signingKey);
  hash.update(toUint8Array(policy));
  const signature = toHex(await hash.digest());
  const endpoint = toEndpointV1(await getEndpointFromInstructions({ Bucket, Key }, putObjectCommand as never, { ...config } as never, { logger: config.logger } as never));
  const port = endpoint.port ? `:${endpoint.port}` : '';
  return {
    url: `${endpoint.protocol}//${endpoint.hostname}${port}${endpoint.path}`,
    fields: { ...fields, key: Key, Policy: policy, 'X-Amz-Signature': signature },
  };
};
