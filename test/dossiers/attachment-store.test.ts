// The S3 attachment adapter. s3rver enforces no presigned POST policy and checks no signature, so
// the upload limits are proven twice: the policy the presigner signed is decoded and its conditions
// asserted, and real browser-style uploads that break the policy (too large, wrong type, wrong
// bytes) go through to the emulator and must be refused and deleted by `verify`. The test uses its
// own bucket on the emulator the global setup started.
import { createHmac } from 'node:crypto';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOWNLOAD_TTL_SECONDS, S3AttachmentStore, UPLOAD_TTL_SECONDS, type UploadTicket,
} from '../../shared/uploads/upload-store';

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const BUCKET = `dvc-attachments-it-${suffix}`;
const MAX = 1000;

const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
const store = new S3AttachmentStore(s3, BUCKET);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
/** A PDF of exactly `size` bytes. */
const pdfOf = (size: number) => Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]);

let n = 0;
const newKey = () => `d-${suffix}/a-${++n}`;

type Policy = { expiration: string; conditions: unknown[] };
const decodePolicy = (ticket: UploadTicket): Policy => JSON.parse(Buffer.from(ticket.fields.Policy!, 'base64').toString('utf8'));

/** A browser-style multipart POST: every field (some overridden, as a hostile client may), then the file last. */
const upload = async (ticket: UploadTicket, bytes: Buffer, override: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...ticket.fields, ...override })) form.append(k, v);
  form.append('file', new Blob([bytes], { type: override['Content-Type'] ?? ticket.fields['Content-Type'] }));
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status, await res.text()).toBe(204);
};

const exists = (key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(() => true, (e: { name?: string }) => {
    if (e.name === 'NotFound') return false;
    throw e;
  });

/** Presigns, uploads `bytes` and verifies them against the declaration. */
const uploadAndVerify = async (
  bytes: Buffer,
  declared: { contentType?: string; size?: number; maxBytes?: number } = {},
  override: Record<string, string> = {},
) => {
  const key = newKey();
  const contentType = declared.contentType ?? 'application/pdf';
  const maxBytes = declared.maxBytes ?? MAX;
  const ticket = await store.presignUpload({ key, contentType, maxBytes });
  await upload(ticket, bytes, override);
  expect(await exists(`incoming/${key}`)).toBe(true);
  const verdict = await store.verify({ key, contentType, size: declared.size ?? bytes.length, maxBytes });
  return { key, verdict };
};

beforeAll(async () => {
  if (!process.env.AWS_ENDPOINT_URL_S3) throw new Error('AWS_ENDPOINT_URL_S3 is not set: run under the global setup that starts the emulators');
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET })).catch(() => ({ Contents: [] }));
  for (const o of listed.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: o.Key! }));
  await s3.send(new DeleteBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
});

describe('presignUpload: the signed policy', () => {
  it('pins size range, Content-Type, key and bucket, and expires in 5 minutes', async () => {
    const before = Date.now();
    const ticket = await store.presignUpload({ key: 'd-1/a-1', contentType: 'application/pdf', maxBytes: 10 * 1024 * 1024 });
    const after = Date.now();
    const policy = decodePolicy(ticket);

    expect(policy.conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    expect(policy.conditions).toContainEqual(['eq', '$key', 'incoming/d-1/a-1']);
    expect(policy.conditions).toContainEqual({ key: 'incoming/d-1/a-1' });
    expect(policy.conditions).toContainEqual({ bucket: BUCKET });
    // No condition loosens the key or the type (no starts-with anywhere).
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');

    const expiration = Date.parse(policy.expiration);
    // The policy's expiration is in whole seconds, from the signer's own clock reading: allow 2 s.
    expect(expiration).toBeGreaterThan(before + (UPLOAD_TTL_SECONDS - 2) * 1000);
    expect(expiration).toBeLessThanOrEqual(after + UPLOAD_TTL_SECONDS * 1000);
    expect(UPLOAD_TTL_SECONDS).toBe(300);
    expect(ticket.expiresAt).toBe(new Date(expiration).toISOString());

    expect(ticket.key).toBe('incoming/d-1/a-1');
    expect(ticket.fields).toMatchObject({ key: 'incoming/d-1/a-1', 'Content-Type': 'application/pdf', bucket: BUCKET, 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' });
    expect(ticket.url).toBe(`${process.env.AWS_ENDPOINT_URL_S3!.replace(/\/$/, '')}/${BUCKET}`);
  });

  it('is signed (SigV4 over the base64 policy) with the credential scope it names', async () => {
    const ticket = await store.presignUpload({ key: 'd-1/a-2', contentType: 'image/png', maxBytes: MAX });
    const [accessKeyId, date, region, service, terminator] = ticket.fields['X-Amz-Credential']!.split('/');
    expect([accessKeyId, region, service, terminator]).toEqual([process.env.AWS_ACCESS_KEY_ID, process.env.AWS_REGION, 's3', 'aws4_request']);
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const signingKey = [date!, region!, service!, terminator!].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${process.env.AWS_SECRET_ACCESS_KEY}`);
    expect(ticket.fields['X-Amz-Signature']).toBe(hmac(signingKey, ticket.fields.Policy!).toString('hex'));
    expect(decodePolicy(ticket).conditions).toContainEqual(['content-length-range', 1, MAX]);
  });

  it('refuses keys outside [A-Za-z0-9._/-] or with ".."', async () => {
    for (const key of ['', '../etc/passwd', 'd-1/../a', 'd 1/a', '/d-1/a', 'hồ-sơ/a', 'd-1/a?x=1', 'd-1\\a']) {
      await expect(store.presignUpload({ key, contentType: 'application/pdf', maxBytes: MAX }), key).rejects.toThrow(RangeError);
      await expect(store.verify({ key, contentType: 'application/pdf', size: 1, maxBytes: MAX }), key).rejects.toThrow(RangeError);
      await expect(store.presignDownload({ key, fileName: 'a.pdf' }), key).rejects.toThrow(RangeError);
    }
  });
});

describe('verify, after real uploads to s3rver', () => {
  it('a valid PDF passes, moves from incoming/ to files/, and passes again (idempotent)', async () => {
    const { key, verdict } = await uploadAndVerify(PDF);
    expect(verdict).toEqual({ ok: true, size: PDF.length, contentType: 'application/pdf' });
    expect(await exists(`files/${key}`)).toBe(true);
    expect(await exists(`incoming/${key}`)).toBe(false);

    const again = await store.verify({ key, contentType: 'application/pdf', size: PDF.length, maxBytes: MAX });
    expect(again).toEqual(verdict);
    expect(await exists(`files/${key}`)).toBe(true);
  });

  it('two verifies at once both pass and leave one stored file', async () => {
    const key = newKey();
    await upload(await store.presignUpload({ key, contentType: 'application/pdf', maxBytes: MAX }), PDF);
    const declared = { key, contentType: 'application/pdf', size: PDF.length, maxBytes: MAX };
    const verdicts = await Promise.all([store.verify(declared), store.verify(declared)]);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true]);
    expect(await exists(`files/${key}`)).toBe(true);
    expect(await exists(`incoming/${key}`)).toBe(false);
  });

  it('three verifies at once, a hundred times over: every one passes and each upload ends as one stored file', async () => {
    // Each verify may copy the upload to files/ and delete it from incoming/ while another looks or
    // copies: what S3 keeps atomic, and the local S3 must too (local/emulators/runners/s3-whole-objects.mjs).
    // Before it did, a few rounds in a hundred lost the stored file or saw it without its type.
    const outcomes: string[] = [];
    for (let round = 0; round < 100; round++) {
      const key = newKey();
      await upload(await store.presignUpload({ key, contentType: 'application/pdf', maxBytes: MAX }), PDF);
      const declared = { key, contentType: 'application/pdf', size: PDF.length, maxBytes: MAX };
      const verdicts = await Promise.all([store.verify(declared), store.verify(declared), store.verify(declared)]);
      outcomes.push(`${verdicts.map((v) => (v.ok ? 'ok' : v.reason)).join(',')} stored=${await exists(`files/${key}`)} incoming=${await exists(`incoming/${key}`)}`);
    }
    expect(outcomes.filter((o) => o !== 'ok,ok,ok stored=true incoming=false')).toEqual([]);
  }, 60_000);

  it('a PNG declared as PDF: CONTENT_MISMATCH, deleted', async () => {
    const { key, verdict } = await uploadAndVerify(PNG);
    expect(verdict).toMatchObject({ ok: false, reason: 'CONTENT_MISMATCH' });
    expect(await exists(`incoming/${key}`)).toBe(false);
    expect(await exists(`files/${key}`)).toBe(false);
  });

  it('more bytes than declared: SIZE_MISMATCH, deleted', async () => {
    const { key, verdict } = await uploadAndVerify(pdfOf(200), { size: 100 });
    expect(verdict).toMatchObject({ ok: false, reason: 'SIZE_MISMATCH' });
    expect(await exists(`incoming/${key}`)).toBe(false);
    expect(await exists(`files/${key}`)).toBe(false);
  });

  it('more than maxBytes (the emulator ignores content-length-range): TOO_LARGE, deleted', async () => {
    for (const declaredSize of [MAX + 1000, 100]) {
      const { key, verdict } = await uploadAndVerify(pdfOf(MAX + 1000), { size: declaredSize });
      expect(verdict).toMatchObject({ ok: false, reason: 'TOO_LARGE' });
      expect(await exists(`incoming/${key}`)).toBe(false);
      expect(await exists(`files/${key}`)).toBe(false);
    }
  });

  it('a Content-Type other than the one declared (the emulator ignores the policy): TYPE_MISMATCH, deleted', async () => {
    const { key, verdict } = await uploadAndVerify(PDF, {}, { 'Content-Type': 'application/octet-stream' });
    expect(verdict).toMatchObject({ ok: false, reason: 'TYPE_MISMATCH' });
    expect(await exists(`incoming/${key}`)).toBe(false);
  });

  it('a key never uploaded: MISSING', async () => {
    expect(await store.verify({ key: newKey(), contentType: 'application/pdf', size: PDF.length, maxBytes: MAX }))
      .toMatchObject({ ok: false, reason: 'MISSING' });
  });
});

describe('presignDownload', () => {
  it('a GET of the verified file, as an attachment with its Vietnamese name, for 5 minutes', async () => {
    const { key, verdict } = await uploadAndVerify(PDF);
    expect(verdict.ok).toBe(true);
    const now = new Date();
    const link = await store.presignDownload({ key, fileName: 'Giấy khai sinh (bản sao).pdf', now });
    expect(link.expiresAt).toBe(new Date(Math.floor(now.getTime() / 1000) * 1000 + DOWNLOAD_TTL_SECONDS * 1000).toISOString());
    const url = new URL(link.url);
    expect(url.pathname).toBe(`/${BUCKET}/files/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');

    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Giay_khai_sinh_ban_sao_.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh%20%28b%E1%BA%A3n%20sao%29.pdf`,
    );
  });

  it('a link signed more than 5 minutes ago has expired (s3rver does check presigned GET expiry)', async () => {
    const { key } = await uploadAndVerify(PDF);
    const link = await store.presignDownload({ key, fileName: 'a.pdf', now: new Date(Date.now() - (DOWNLOAD_TTL_SECONDS + 5) * 1000) });
    expect(Date.parse(link.expiresAt)).toBeLessThan(Date.now());
    const res = await fetch(link.url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });
});
