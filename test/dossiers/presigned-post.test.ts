// Our presigned POST (shared/aws/presigned-post.ts) against the SDK's own createPresignedPost: the
// same URL, fields, policy and signature for the same clock, credentials and inputs — so what a
// browser posts to AWS S3 is exactly what the SDK would have produced. (The local S3 emulator does
// not check POST signatures, docs/requirements.md R-LOCAL-UPLOAD-POLICY; this equality is the
// proof.)
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost as sdkPresignedPost } from '@aws-sdk/s3-presigned-post';
import { createPresignedPost } from '../../shared/aws/presigned-post';

// The suite's environment points the SDK at the local emulators; these clients say where they go.
const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_ENDPOINT_URL')));
beforeAll(() => { for (const k of Object.keys(saved)) delete process.env[k]; });
afterAll(() => { Object.assign(process.env, saved); });
afterEach(() => vi.useRealTimers());

const clients = {
  'AWS, virtual-hosted bucket': () => new S3Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } }),
  'AWS with a session token (a Lambda role)': () => new S3Client({
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'FwoGZXIvYXdzEJr//////////token' },
  }),
  'local emulator, path style': () => new S3Client({
    region: 'ap-southeast-1', endpoint: 'http://127.0.0.1:4569', forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
};

const input = (key: string) => ({
  Bucket: 'dvc-attachments',
  Key: key,
  Conditions: [['content-length-range', 1, 10 * 1024 * 1024], ['eq', '$Content-Type', 'application/pdf'], ['eq', '$key', key]] as const,
  Fields: { 'Content-Type': 'application/pdf' },
  Expires: 600,
});

describe('createPresignedPost', () => {
  it.each(Object.entries(clients))('%s: identical to the SDK presigner', async (_name, make) => {
    vi.useFakeTimers({ now: new Date('2026-02-16T09:59:58.123Z'), toFake: ['Date'] });
    const client = make();
    const key = 'incoming/dossiers/0c4a/att-1';
    const ours = await createPresignedPost(client, PutObjectCommand, input(key));
    // `as never`: the SDK presigner pins its own @aws-sdk/client-s3, a nominally different S3Client.
    const theirs = await sdkPresignedPost(client as never, { ...input(key), Conditions: [...input(key).Conditions] as never });
    expect(ours).toEqual(theirs);
    const policy = JSON.parse(Buffer.from(ours.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.expiration).toBe('2026-02-16T10:09:58Z');
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
    client.destroy();
  });

  it('a different key or clock gives a different signature', async () => {
    vi.useFakeTimers({ now: new Date('2026-02-16T09:59:58Z'), toFake: ['Date'] });
    const client = clients['AWS, virtual-hosted bucket']();
    const a = await createPresignedPost(client, PutObjectCommand, input('incoming/a'));
    const b = await createPresignedPost(client, PutObjectCommand, input('incoming/b'));
    vi.setSystemTime(new Date('2026-02-16T10:00:01Z'));
    const c = await createPresignedPost(client, PutObjectCommand, input('incoming/a'));
    expect(new Set([a, b, c].map((x) => x.fields['X-Amz-Signature'])).size).toBe(3);
    expect(a.url).toBe('https://dvc-attachments.s3.ap-southeast-1.amazonaws.com/');
    client.destroy();
  });
});
