// The one browser-upload flow (docs/requirements.md R-API-UPLOADS) over the attachments bucket,
// shared by every owner of files (a dossier's attachments and results, a feedback's evidence):
//   request  — the declared file checked against the owner's limits (upload-rules.ts), a pending
//              entry, a presigned POST pinning key, type and size, then the owner records the entry;
//   complete — what arrived judged and moved (AttachmentStore.verify), settled as verified or
//              rejected with its domain error;
//   download — a short-lived link, for a verified file only.
// The owner keeps its own rules around these calls: who may act, in which states it takes files,
// how many, and what it does with a rejected file (a dossier keeps it as `rejected`, feedback
// forgets it and reports the error).
import { randomUUID } from 'node:crypto';
import type { AttachmentStore } from './upload-store';
import {
  admitDeclaredFile, pendingUpload, settle, verifiedFile, type DeclaredFile, type PendingUpload, type Settlement, type UploadEntry,
} from './upload-rules';

export interface UploadFlowOptions {
  files: AttachmentStore;
  /** Where one owner's file lives in the bucket (under incoming/ until verified, then files/). */
  keyOf: (ownerId: string, fileId: string) => string;
  /** The largest file: checked on the declaration, signed into the POST policy, checked again on completion. */
  maxBytes: number;
  now?: () => Date;
  newId?: () => string;
}

/** The body of a 201 to an upload request (the UploadTicket contract). */
export interface UploadTicketBody { attachmentId: string; url: string; fields: Record<string, string>; expiresAt: string }

export class UploadFlow {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: UploadFlowOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /**
   * Admits a declared file of `accept`ed type and size (else 415 / 413 / 400), signs its POST, then
   * lets the owner store the pending entry, stamped `at`: `record` re-checks the owner's rules on
   * its fresh record and may throw (the owner no longer takes files, has no room). The ticket is
   * signed first so no entry is ever stored without one; an unused ticket simply expires.
   */
  async request(input: {
    ownerId: string;
    file: DeclaredFile;
    accept: readonly string[];
    record: (entry: PendingUpload, at: string) => Promise<unknown>;
  }): Promise<UploadTicketBody> {
    const contentType = admitDeclaredFile({ accept: input.accept, maxBytes: this.options.maxBytes }, input.file);
    const entry = pendingUpload(this.newId(), { ...input.file, contentType });
    const ticket = await this.options.files.presignUpload({ key: this.options.keyOf(input.ownerId, entry.id), contentType, maxBytes: this.options.maxBytes });
    await input.record(entry, this.now().toISOString());
    return { attachmentId: entry.id, url: ticket.url, fields: ticket.fields, expiresAt: ticket.expiresAt };
  }

  /**
   * Judges what arrived for an entry against its declaration (idempotent: a file already verified
   * is judged again as stored, never replaced). `at` stamps the outcome.
   */
  async complete(ownerId: string, entry: UploadEntry): Promise<Settlement & { at: string }> {
    const verdict = await this.options.files.verify({
      key: this.options.keyOf(ownerId, entry.id), contentType: entry.contentType, size: entry.size, maxBytes: this.options.maxBytes,
    });
    return { ...settle(verdict), at: this.now().toISOString() };
  }

  /** A download link for the verified file `fileId` among the owner's entries; any other is 404 Attachment. */
  async download(ownerId: string, entries: readonly UploadEntry[] | undefined, fileId: string): Promise<{ url: string; expiresAt: string }> {
    const file = verifiedFile(entries, fileId);
    return this.options.files.presignDownload({ key: this.options.keyOf(ownerId, file.id), fileName: file.fileName, now: this.now() });
  }
}
