// The shared upload flow's orchestration over an in-memory bucket that judges objects as the S3
// adapter does (the S3 adapter itself is tested against the emulator: test/dossiers/attachment-store.test.ts).
import { describe, expect, it } from 'vitest';
import { DomainError, conflict } from '../errors/domain-error';
import { httpStatusOf } from '../http/error-status';
import { UploadFlow } from './upload-flow';
import { MemoryAttachmentStore } from './memory-attachment-store';
import type { PendingUpload, UploadEntry } from './upload-rules';

const NOW = new Date('2026-03-02T03:00:00.000Z');
const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');

const setup = () => {
  const bucket = new MemoryAttachmentStore();
  let n = 0;
  const flow = new UploadFlow({ files: bucket, keyOf: (owner, file) => `owner/${owner}/${file}`, maxBytes: 1000, now: () => NOW, newId: () => `f-${++n}` });
  return { bucket, flow };
};

const statusOf = async (p: Promise<unknown>) => p.then(() => 'done', (e: unknown) => (e instanceof DomainError ? [httpStatusOf(e), e.code] : Promise.reject(e)));

describe('request', () => {
  it('admits the declared file, signs its POST for the owner\'s key, then lets the owner record the pending entry', async () => {
    const { bucket, flow } = setup();
    const recorded: [PendingUpload, string][] = [];
    const ticket = await flow.request({
      ownerId: 'o-1', file: { fileName: 'đơn.pdf', contentType: 'Application/PDF', size: 900 }, accept: ['application/pdf'],
      record: async (entry, at) => { bucket.calls.push('record'); recorded.push([entry, at]); },
    });
    expect(ticket).toEqual({ attachmentId: 'f-1', url: 'memory://attachments', fields: { key: 'incoming/owner/o-1/f-1', 'Content-Type': 'application/pdf' }, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(recorded).toEqual([[{ id: 'f-1', fileName: 'đơn.pdf', contentType: 'application/pdf', size: 900, status: 'pending' }, NOW.toISOString()]]);
    expect(bucket.calls).toEqual(['sign owner/o-1/f-1 application/pdf ≤1000', 'record']);
  });

  it('refuses a file the limits refuse before signing or recording anything', async () => {
    const { bucket, flow } = setup();
    const record = async () => { bucket.calls.push('record'); };
    expect(await statusOf(flow.request({ ownerId: 'o', file: { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 9 }, accept: ['application/pdf'], record })))
      .toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(await statusOf(flow.request({ ownerId: 'o', file: { fileName: 'x.pdf', contentType: 'application/pdf', size: 1001 }, accept: ['application/pdf'], record })))
      .toEqual([413, 'FILE_TOO_LARGE']);
    expect(bucket.calls).toEqual([]);
  });

  it('passes on the owner\'s refusal to record (no ticket is returned)', async () => {
    const { flow } = setup();
    const refused = flow.request({
      ownerId: 'o', file: { fileName: 'x.pdf', contentType: 'application/pdf', size: 9 }, accept: ['application/pdf'],
      record: async () => { throw conflict('TOO_MANY_FILES', 'full'); },
    });
    expect(await statusOf(refused)).toEqual([409, 'TOO_MANY_FILES']);
  });
});

describe('complete and download', () => {
  const entry = (over: Partial<UploadEntry> = {}): UploadEntry =>
    ({ id: 'f-1', fileName: 'đơn.pdf', contentType: 'application/pdf', size: PDF.length, status: 'pending', ...over });

  it('settles what arrived under the owner\'s key: verified, stamped now', async () => {
    const { bucket, flow } = setup();
    bucket.put('owner/o-1/f-1', PDF, 'application/pdf');
    expect(await flow.complete('o-1', entry())).toEqual({ status: 'verified', at: NOW.toISOString() });
    expect(bucket.calls).toEqual(['verify owner/o-1/f-1']);
  });

  it('settles a missing or different file as rejected, with the error an owner reports', async () => {
    const { bucket, flow } = setup();
    const missing = await flow.complete('o-1', entry());
    expect(missing).toMatchObject({ status: 'rejected', reason: 'MISSING', at: NOW.toISOString() });
    bucket.put('owner/o-1/f-1', new Uint8Array([...PDF, 0x20]), 'application/pdf');
    const other = await flow.complete('o-1', entry());
    if (other.status !== 'rejected') throw new Error('expected a rejection');
    expect([httpStatusOf(other.error), other.error.code]).toEqual([422, 'UPLOAD_SIZE_MISMATCH']);
  });

  it('links only a verified file, under the owner\'s key and the file\'s name', async () => {
    const { bucket, flow } = setup();
    const entries = [entry({ status: 'verified' }), entry({ id: 'f-2', status: 'pending' }), entry({ id: 'f-3', status: 'rejected' })];
    expect(await flow.download('o-1', entries, 'f-1')).toEqual({ url: 'memory://attachments/files/owner/o-1/f-1', expiresAt: '2026-03-02T03:05:00.000Z' });
    for (const id of ['f-2', 'f-3', 'f-4']) expect(await statusOf(flow.download('o-1', entries, id))).toEqual([404, 'NOT_FOUND']);
    expect(bucket.calls).toEqual(['download owner/o-1/f-1 đơn.pdf']);
  });
});
