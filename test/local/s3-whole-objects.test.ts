// The local S3 shows an object only once it is whole, as S3 does (local/emulators/runners/
// s3-whole-objects.mjs). s3rver writes an object's data before its metadata; an object caught
// between the two had no Content-Type, and one of two concurrent upload verifies refused it (a CI
// run failed on test/dossiers/attachment-store.test.ts). Checked on s3rver's own store, stepping
// through the states a put or copy passes.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain-JS runner module of the local runtime
import { showWholeObjectsOnly } from '../../local/emulators/runners/s3-whole-objects.mjs';

interface Store {
  getResourcePath(bucket: string, key: string, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  getObject(bucket: string, key: string): Promise<unknown>;
  listObjects(bucket: string, options: Record<string, unknown>): Promise<{ objects: { key: string }[] }>;
}
const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem.js') as { new (root: string): Store; prototype: Store };

const dirs: string[] = [];
afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

const aStore = async () => {
  const root = await mkdtemp(join(tmpdir(), 's3-whole-'));
  dirs.push(root);
  await mkdir(join(root, 'bucket'), { recursive: true });
  return new FilesystemStore(root);
};

const write = async (path: string, content: string) => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
};

describe('local S3: objects appear whole', () => {
  it('a data file without its metadata yet is no object; with it, the object and its type are there', async () => {
    showWholeObjectsOnly(FilesystemStore);
    const store = await aStore();
    const key = 'files/a/b.pdf';
    // Between a copy's data and its metadata: missing for HEAD, GET and listings alike.
    await write(store.getResourcePath('bucket', key, 'object'), '%PDF-1.7 ok');
    await expect(store.getMetadata('bucket', key)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.getObject('bucket', key)).toBeNull();
    expect((await store.listObjects('bucket', { prefix: 'files/' })).objects).toEqual([]);
    // The metadata, written last: the whole object.
    await write(store.getResourcePath('bucket', key, 'metadata.json'), JSON.stringify({ 'content-type': 'application/pdf' }));
    expect(await store.getMetadata('bucket', key)).toMatchObject({ 'content-type': 'application/pdf', 'content-length': 11 });
    expect((await store.listObjects('bucket', { prefix: 'files/' })).objects.map((o) => o.key)).toEqual([key]);
  });

  it('is applied once, however often it is called', () => {
    const before = FilesystemStore.prototype.getMetadata;
    showWholeObjectsOnly(FilesystemStore);
    expect(FilesystemStore.prototype.getMetadata).toBe(before);
  });
});
