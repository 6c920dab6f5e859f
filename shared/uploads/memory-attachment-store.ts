// An attachments bucket in memory, for unit tests of the upload flow and its owners: it judges what
// was "uploaded" (`put`) with the same rules as the S3 adapter and records every call it served.
import { judgeObject, mediaType } from './upload-rules';
import type { AttachmentStore, UploadTicket } from './upload-store';
import { SNIFF_BYTES } from './file-signature';

export class MemoryAttachmentStore implements AttachmentStore {
  private readonly objects = new Map<string, { size: number; contentType: string; first: Uint8Array }>();
  readonly calls: string[] = [];

  /** As a browser's POST would leave it: the bytes under `key`, stored as `contentType`. */
  put(key: string, bytes: Uint8Array, contentType: string): void {
    this.objects.set(key, { size: bytes.length, contentType: mediaType(contentType), first: bytes.slice(0, SNIFF_BYTES) });
  }

  async presignUpload(input: { key: string; contentType: string; maxBytes: number }): Promise<UploadTicket> {
    this.calls.push(`sign ${input.key} ${input.contentType} ≤${input.maxBytes}`);
    const key = `incoming/${input.key}`;
    return { url: 'memory://attachments', fields: { key, 'Content-Type': input.contentType }, key, expiresAt: '2099-01-01T00:00:00.000Z' };
  }

  async verify(input: { key: string; contentType: string; size: number; maxBytes: number }) {
    this.calls.push(`verify ${input.key}`);
    return judgeObject(this.objects.get(input.key), input);
  }

  async presignDownload(input: { key: string; fileName: string; now?: Date }) {
    this.calls.push(`download ${input.key} ${input.fileName}`);
    return { url: `memory://attachments/files/${input.key}`, expiresAt: new Date((input.now ?? new Date()).getTime() + 300_000).toISOString() };
  }
}
