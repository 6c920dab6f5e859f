// Dossier files in the `attachments` bucket. Browsers upload straight to S3 with a presigned POST
// whose policy pins the key, the Content-Type and the size range (SPEC §2). Uploads land under
// `incoming/` (expired by the bucket lifecycle after 2 days); a file counts only once `verify` has
// checked what actually arrived — the object exists, its size is the declared one and within the
// limit, its stored type is the declared one and its first bytes are of that type — and moved it to
// `files/`. A failing object is deleted. This holds on AWS as defence in depth, and it is the only
// check locally, where the S3 emulator enforces no POST policy (SPEC §7).
import type { S3Client } from '@aws-sdk/client-s3';
import { onceAsync, resolveDeferred, s3Lib, type Deferred } from '../../../shared/aws/clients';
import { contentMatchesType, SNIFF_BYTES } from '../domain/file-signature';

export const UPLOAD_TTL_SECONDS = 300;
export const DOWNLOAD_TTL_SECONDS = 300;

export interface UploadTicket { url: string; fields: Record<string, string>; key: string; expiresAt: string }

export type ObjectVerdict =
  | { ok: true; size: number; contentType: string }
  | { ok: false; reason: 'MISSING' | 'TOO_LARGE' | 'SIZE_MISMATCH' | 'TYPE_MISMATCH' | 'CONTENT_MISMATCH'; message: string };

export interface AttachmentStore {
  presignUpload(input: { key: string; contentType: string; maxBytes: number; now?: Date }): Promise<UploadTicket>;
  verify(input: { key: string; contentType: string; size: number; maxBytes: number }): Promise<ObjectVerdict>;
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
const mediaType = (t: string | undefined) => (t ?? '').split(';')[0]!.trim().toLowerCase();

/** `attachment; filename*=UTF-8''…` (RFC 6266/8187): Vietnamese names survive, nothing can break out. */
export const contentDisposition = (fileName: string) => {
  const fallback = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};

const presignedPost = onceAsync(async () => (await import('@aws-sdk/s3-presigned-post')).createPresignedPost);
const signedUrl = onceAsync(async () => (await import('@aws-sdk/s3-request-presigner')).getSignedUrl);

export class S3AttachmentStore implements AttachmentStore {
  constructor(private readonly client: Deferred<S3Client>, private readonly bucketName: Deferred<string>) {}

  private async ready() {
    const [s3, bucket, lib] = await Promise.all([resolveDeferred(this.client), resolveDeferred(this.bucketName), s3Lib()]);
    return { s3, bucket, lib };
  }

  async presignUpload(input: { key: string; contentType: string; maxBytes: number; now?: Date }): Promise<UploadTicket> {
    checkKey(input.key);
    const [{ s3, bucket }, create] = await Promise.all([this.ready(), presignedPost()]);
    const key = incomingKey(input.key);
    const now = input.now ?? new Date();
    const { url, fields } = await create(s3 as never, {
      Bucket: bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
        ['eq', '$key', key],
      ],
      Fields: { 'Content-Type': input.contentType },
      Expires: UPLOAD_TTL_SECONDS,
    });
    return { url, fields, key, expiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString() };
  }

  async verify(input: { key: string; contentType: string; size: number; maxBytes: number }): Promise<ObjectVerdict> {
    checkKey(input.key);
    const { s3, bucket, lib } = await this.ready();
    // Already verified and moved (a repeated completion): check the stored copy the same way.
    const stored = await this.inspect(storedKey(input.key));
    if (stored) return this.judge(stored, input);

    const incoming = await this.inspect(incomingKey(input.key));
    if (!incoming) return { ok: false, reason: 'MISSING', message: 'no file was uploaded' };
    const verdict = this.judge(incoming, input);
    if (verdict.ok) {
      await s3.send(new lib.CopyObjectCommand({
        Bucket: bucket, Key: storedKey(input.key), CopySource: `${bucket}/${incomingKey(input.key)}`,
        MetadataDirective: 'COPY',
      }));
    }
    await s3.send(new lib.DeleteObjectCommand({ Bucket: bucket, Key: incomingKey(input.key) }));
    return verdict;
  }

  async presignDownload(input: { key: string; fileName: string; now?: Date }): Promise<{ url: string; expiresAt: string }> {
    checkKey(input.key);
    const [{ s3, bucket, lib }, sign] = await Promise.all([this.ready(), signedUrl()]);
    const now = input.now ?? new Date();
    const url = await sign(s3 as never, new lib.GetObjectCommand({
      Bucket: bucket, Key: storedKey(input.key), ResponseContentDisposition: contentDisposition(input.fileName),
    }) as never, { expiresIn: DOWNLOAD_TTL_SECONDS });
    return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_TTL_SECONDS * 1000).toISOString() };
  }

  /** Size, stored type and first bytes of an object, or undefined when it does not exist. */
  private async inspect(key: string) {
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

  private judge(found: { size: number; contentType: string; first: Uint8Array }, declared: { contentType: string; size: number; maxBytes: number }): ObjectVerdict {
    if (found.size > declared.maxBytes) return { ok: false, reason: 'TOO_LARGE', message: `the file is larger than ${declared.maxBytes} bytes` };
    if (found.size !== declared.size) return { ok: false, reason: 'SIZE_MISMATCH', message: `the file is ${found.size} bytes, ${declared.size} were declared` };
    if (found.contentType !== mediaType(declared.contentType)) {
      return { ok: false, reason: 'TYPE_MISMATCH', message: `the file was stored as ${found.contentType || 'no type'}, ${declared.contentType} was declared` };
    }
    if (!contentMatchesType(found.first, declared.contentType)) {
      return { ok: false, reason: 'CONTENT_MISMATCH', message: `the file's content is not ${declared.contentType}` };
    }
    return { ok: true, size: found.size, contentType: found.contentType };
  }
}
