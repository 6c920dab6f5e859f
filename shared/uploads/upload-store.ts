// Verified browser uploads (dossier files and results, feedback attachments) in the `attachments` bucket. Browsers upload straight to S3 with a presigned POST
// whose policy pins the key, the Content-Type and the size range (docs/requirements.md
// R-API-UPLOADS). Uploads land under `incoming/` (expired by the bucket lifecycle after 2 days); a
// file counts only once `verify` has checked what actually arrived — the object exists, its size is
// the declared one and within the limit, its stored type is the declared one and its first bytes
// are of that type (upload-rules.ts judgeObject) — and moved it to `files/`. A failing object is deleted. This holds on AWS as
// defence in depth, and it is the only check locally, where the S3 emulator enforces no POST policy
// (R-LOCAL-UPLOAD-POLICY).
import type { S3Client } from '@aws-sdk/client-s3';
import { onceAsync, resolveDeferred, s3Lib, type Deferred } from '../aws/clients';
import { createPresignedPost } from '../aws/presigned-post';
import { SNIFF_BYTES } from './file-signature';
import { judgeObject, mediaType, type ObjectVerdict, type StoredObject } from './upload-rules';

export type { ObjectVerdict } from './upload-rules';

export const UPLOAD_TTL_SECONDS = 300;
export const DOWNLOAD_TTL_SECONDS = 300;

export interface UploadTicket { url: string; fields: Record<string, string>; key: string; expiresAt: string }

export interface AttachmentStore {
  /**
   * A presigned POST to `incoming/<key>`: content-length-range [1, maxBytes], Content-Type exact, key
   * exact, expiry UPLOAD_TTL_SECONDS. `expiresAt` is the signed policy's own expiration (the POST
   * presigner signs with the SDK clock and takes no signing date, so there is no `now` here).
   */
  presignUpload(input: { key: string; contentType: string; maxBytes: number }): Promise<UploadTicket>;
  /**
   * Checks `incoming/<key>` against the declaration; when it passes, moves it (CopyObject +
   * DeleteObject) to `files/<key>`; when it fails, deletes it. Idempotent: once `files/<key>`
   * exists, that file is judged and never replaced.
   */
  verify(input: { key: string; contentType: string; size: number; maxBytes: number }): Promise<ObjectVerdict>;
  /** A presigned GET of `files/<key>` signed at `now`, valid DOWNLOAD_TTL_SECONDS, as an attachment named `fileName`. */
  presignDownload(input: { key: string; fileName: string; now?: Date }): Promise<{ url: string; expiresAt: string }>;
}

const KEY_RE = /^[A-Za-z0-9._/-]+$/;
const checkKey = (key: string) => {
  if (!KEY_RE.test(key) || key.includes('..') || key.startsWith('/')) throw new RangeError(`invalid attachment key ${JSON.stringify(key)}`);
};
export const incomingKey = (key: string) => `incoming/${key}`;
export const storedKey = (key: string) => `files/${key}`;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** The `expiration` of a presigned POST policy (base64 JSON), as an ISO instant. */
export const policyExpiration = (policy: string) =>
  new Date((JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { expiration: string }).expiration).toISOString();

/** `attachment; filename*=UTF-8''…` (RFC 6266/8187): Vietnamese names survive, nothing can break out. */
export const contentDisposition = (fileName: string) => {
  const fallback = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};

const signedUrl = onceAsync(async () => (await import('@aws-sdk/s3-request-presigner')).getSignedUrl);

export class S3AttachmentStore implements AttachmentStore {
  constructor(private readonly client: Deferred<S3Client>, private readonly bucketName: Deferred<string>) {}

  private async ready() {
    const [s3, bucket, lib] = await Promise.all([resolveDeferred(this.client), resolveDeferred(this.bucketName), s3Lib()]);
    return { s3, bucket, lib };
  }

  async presignUpload(input: { key: string; contentType: string; maxBytes: number }): Promise<UploadTicket> {
    checkKey(input.key);
    const { s3, bucket, lib } = await this.ready();
    const key = incomingKey(input.key);
    const { url, fields } = await createPresignedPost(s3, lib.PutObjectCommand, {
      Bucket: bucket,
      Key: key,
      // The presigner also adds an exact match for every field (bucket, key, Content-Type, X-Amz-*);
      // these are spelled out so the policy's intent does not depend on that.
      Conditions: [
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
        ['eq', '$key', key],
      ],
      Fields: { 'Content-Type': input.contentType },
      Expires: UPLOAD_TTL_SECONDS,
    });
    return { url, fields, key, expiresAt: policyExpiration(fields.Policy!) };
  }

  async verify(input: { key: string; contentType: string; size: number; maxBytes: number }): Promise<ObjectVerdict> {
    checkKey(input.key);
    const { s3, bucket, lib } = await this.ready();
    const [stored, incoming] = await Promise.all([this.inspect(storedKey(input.key)), this.inspect(incomingKey(input.key))]);
    // Already verified and moved (a repeated completion): the stored file is final. A later upload
    // through the same ticket stays in `incoming/` and expires there.
    if (stored) return judgeObject(stored, input);
    // Nothing waiting: never uploaded, or a concurrent verify moved it after we looked.
    if (!incoming) return this.judgeStored(input);

    const verdict = judgeObject(incoming, input);
    if (verdict.ok) {
      try {
        await s3.send(new lib.CopyObjectCommand({
          Bucket: bucket, Key: storedKey(input.key), CopySource: `${bucket}/${incomingKey(input.key)}`, MetadataDirective: 'COPY',
        }));
      } catch (error) {
        if (isMissing(error)) return this.judgeStored(input); // moved by a concurrent verify
        throw error;
      }
    }
    await s3.send(new lib.DeleteObjectCommand({ Bucket: bucket, Key: incomingKey(input.key) }));
    return verdict;
  }

  async presignDownload(input: { key: string; fileName: string; now?: Date }): Promise<{ url: string; expiresAt: string }> {
    checkKey(input.key);
    const [{ s3, bucket, lib }, sign] = await Promise.all([this.ready(), signedUrl()]);
    // SigV4 dates have whole seconds: the link lives TTL seconds from the truncated signing time.
    const signedAt = new Date(Math.floor((input.now ?? new Date()).getTime() / 1000) * 1000);
    const url = await sign(s3, new lib.GetObjectCommand({
      Bucket: bucket, Key: storedKey(input.key), ResponseContentDisposition: contentDisposition(input.fileName),
    }), { expiresIn: DOWNLOAD_TTL_SECONDS, signingDate: signedAt });
    return { url, expiresAt: new Date(signedAt.getTime() + DOWNLOAD_TTL_SECONDS * 1000).toISOString() };
  }

  private async judgeStored(declared: { key: string; contentType: string; size: number; maxBytes: number }): Promise<ObjectVerdict> {
    return judgeObject(await this.inspect(storedKey(declared.key)), declared);
  }

  /** Size, stored type and first bytes of an object, or undefined when it does not exist. */
  private async inspect(key: string): Promise<StoredObject | undefined> {
    const { s3, bucket, lib } = await this.ready();
    try {
      const head = await s3.send(new lib.HeadObjectCommand({ Bucket: bucket, Key: key }));
      const size = Number(head.ContentLength ?? 0);
      let first: Uint8Array = new Uint8Array();
      if (size > 0) {
        const part = await s3.send(new lib.GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }));
        first = (await part.Body?.transformToByteArray()) ?? first;
      }
      return { size, contentType: mediaType(head.ContentType), first };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}
