// S3 shows an object only once it is whole, and a copy is one step: a reader sees the old state or
// the new, never a part (strong read-after-write consistency), and a copy whose source is gone
// fails with NoSuchKey, leaving the destination as it was. s3rver's filesystem store does neither:
//   - put and copy write an object's data file first and its metadata (Content-Type, user
//     metadata) after, so a HEAD or GET between the two found an object without its type;
//   - a copy onto an existing object rewrote the destination's data in place, and when the source
//     was deleted meanwhile (another copy of it finished and removed it) the destination was left
//     without its data: the object was lost.
// Two or three concurrent verifies of one upload (shared/uploads/upload-store.ts: each may copy it
// from incoming/ to files/ and delete the original) met both, failing a CI run once. Here:
//   - an object exists once its metadata file, always written last, is there; until then it is
//     missing (ENOENT, which every caller in the store reads as "no such key");
//   - a copy to another key (metadata kept, as the portal copies) reads the whole source first
//     (gone: NoSuchKey), writes the destination's files beside it and renames them into place,
//     metadata last, so the destination is never missing or partial.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

const PATCHED = Symbol.for('dvc-portal.s3-whole-objects');

/**
 * Makes `FilesystemStore` (s3rver/lib/stores/filesystem.js) show only whole objects and copy in one
 * step; `S3Error` (s3rver/lib/models/error.js) is how the store reports a missing source.
 */
export function showWholeObjectsOnly(FilesystemStore, S3Error) {
  const proto = FilesystemStore.prototype;
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;

  const getMetadata = proto.getMetadata;
  proto.getMetadata = async function (bucket, key) {
    await fs.access(this.getResourcePath(bucket, key, 'metadata.json'));
    return getMetadata.call(this, bucket, key);
  };

  const copyObject = proto.copyObject;
  proto.copyObject = async function (srcBucket, srcKey, destBucket, destKey, replacementMetadata) {
    const src = (resource) => this.getResourcePath(srcBucket, srcKey, resource);
    const dest = (resource) => this.getResourcePath(destBucket, destKey, resource);
    if (replacementMetadata || src('object') === dest('object')) {
      return copyObject.call(this, srcBucket, srcKey, destBucket, destKey, replacementMetadata);
    }
    let data;
    let metadata;
    let md5;
    try {
      [data, metadata, md5] = await Promise.all([
        fs.readFile(src('object')),
        fs.readFile(src('metadata.json')),
        fs.readFile(src('object.md5')).catch((error) => (error.code === 'ENOENT' ? undefined : Promise.reject(error))),
      ]);
    } catch (error) {
      if (error.code === 'ENOENT') throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: srcKey });
      throw error;
    }
    await fs.mkdir(dirname(dest('object')), { recursive: true });
    const staged = [['object', data], ...(md5 === undefined ? [] : [['object.md5', md5]]), ['metadata.json', metadata]]
      .map(([resource, content]) => ({ path: dest(resource), staging: `${dest(resource)}.${randomUUID()}.staged`, content }));
    try {
      for (const file of staged) await fs.writeFile(file.staging, file.content);
      // In this order: data, then its checksum, then the metadata that makes the object visible.
      for (const file of staged) await fs.rename(file.staging, file.path);
    } finally {
      await Promise.all(staged.map((file) => fs.rm(file.staging, { force: true })));
    }
    return this.getMetadata(destBucket, destKey);
  };
}
