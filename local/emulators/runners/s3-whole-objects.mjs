// S3 shows an object only once it is whole: a PUT, POST or COPY is atomic, and a reader sees the old
// state or the new, never a part (strong read-after-write consistency). s3rver's filesystem store
// writes an object's data file first and its metadata (Content-Type, user metadata) after, so a HEAD
// or GET between the two found an object without its type: two concurrent verifies of one upload
// (shared/uploads/upload-store.ts) then judged the copy half-made and refused it. Here an object
// exists once its metadata file, always written last by put and copy, is there; until then it is
// missing (ENOENT, which every caller in the store reads as "no such key").
import { promises as fs } from 'node:fs';

/** Makes `FilesystemStore` (s3rver/lib/stores/filesystem.js) show only whole objects. */
export function showWholeObjectsOnly(FilesystemStore) {
  const getMetadata = FilesystemStore.prototype.getMetadata;
  if (getMetadata.wholeObjectsOnly) return;
  const patched = async function (bucket, key) {
    await fs.access(this.getResourcePath(bucket, key, 'metadata.json'));
    return getMetadata.call(this, bucket, key);
  };
  patched.wholeObjectsOnly = true;
  FilesystemStore.prototype.getMetadata = patched;
}
