// Search index snapshots in the `catalogue-index` bucket: gzip'd JSON at `procedures/index.json.gz`,
// the catalogue version in the object metadata and in the body. A cold function loads it instead of
// reading every procedure from DynamoDB.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IndexSnapshot } from '../domain/search-snapshot';
import { resolveDeferred, s3Lib, type Deferred } from '../../../shared/aws/clients';

export const SNAPSHOT_KEY = 'procedures/index.json.gz';

export interface StoredSnapshot {
  version: number;
  snapshot: unknown;
  bytes: number;
}

export interface SnapshotStore {
  /** The last snapshot written, or undefined when there is none. */
  load(): Promise<StoredSnapshot | undefined>;
  save(snapshot: IndexSnapshot): Promise<{ bytes: number }>;
}

export const encodeSnapshot = (snapshot: IndexSnapshot): Buffer => gzipSync(JSON.stringify(snapshot), { level: 6 });
export const decodeSnapshot = (bytes: Uint8Array): unknown => JSON.parse(gunzipSync(bytes).toString('utf8'));

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** Client and bucket name may be factories, evaluated (and the SDK loaded) on first use. */
export class S3SnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: Deferred<S3Client>,
    private readonly bucketName: Deferred<string>,
    private readonly key = SNAPSHOT_KEY,
  ) {}

  private async ready() {
    const [s3, bucket, lib] = await Promise.all([resolveDeferred(this.client), resolveDeferred(this.bucketName), s3Lib()]);
    return { s3, bucket, lib };
  }

  async load(): Promise<StoredSnapshot | undefined> {
    const { s3, bucket, lib } = await this.ready();
    let body: Uint8Array;
    try {
      const out = await s3.send(new lib.GetObjectCommand({ Bucket: bucket, Key: this.key }));
      if (!out.Body) return undefined;
      body = await out.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const snapshot = decodeSnapshot(body) as { version?: unknown };
    return { version: Number(snapshot?.version), snapshot, bytes: body.byteLength };
  }

  async save(snapshot: IndexSnapshot): Promise<{ bytes: number }> {
    const { s3, bucket, lib } = await this.ready();
    const body = encodeSnapshot(snapshot);
    await s3.send(new lib.PutObjectCommand({
      Bucket: bucket,
      Key: this.key,
      Body: body,
      ContentType: 'application/gzip',
      Metadata: { 'catalogue-version': String(snapshot.version), format: snapshot.format },
    }));
    return { bytes: body.byteLength };
  }
}

/** Keeps the encoded snapshot in memory (benchmark, tests). */
export class InMemorySnapshotStore implements SnapshotStore {
  stored?: Buffer;
  saves = 0;
  loads = 0;

  async load(): Promise<StoredSnapshot | undefined> {
    this.loads++;
    if (!this.stored) return undefined;
    const snapshot = decodeSnapshot(this.stored) as { version?: unknown };
    return { version: Number(snapshot?.version), snapshot, bytes: this.stored.byteLength };
  }

  async save(snapshot: IndexSnapshot): Promise<{ bytes: number }> {
    this.saves++;
    this.stored = encodeSnapshot(snapshot);
    return { bytes: this.stored.byteLength };
  }
}
