// A dossier's files through the shared upload flow, over the fake dossier store and an in-memory
// bucket: the dossier's own checks and their order (status, component, the declared file, then
// the room), the room checked again on the record the entry joins, a failed check kept as
// `rejected`, downloads of verified files only, and the official's result. The S3 side runs
// against the emulator in test/dossiers/dossiers.integration.test.ts.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { DomainError } from '../../../shared/errors/domain-error';
import { httpStatusOf } from '../../../shared/http/error-status';
import { MemoryAttachmentStore } from '../../../shared/uploads/memory-attachment-store';
import type { AttachmentRecord, DossierRecord } from '../domain/dossier';
import { completeUpload, download, MAX_ATTACHMENTS, requestResultUpload, requestUpload } from './attachments';
import { draft, fakeContext, fakeStore } from './fake-store.fixture';

const NOW = new Date('2026-11-20T03:00:00.000Z');
const APPLICANT: Principal = { kind: 'user', sub: 'u-1', username: 'citizen', groups: ['citizen'], idNumber: '001099012345', vneidVerified: true, agencyScope: [] };
const OFFICIAL: Principal = { kind: 'user', sub: 'o-1', username: 'official', groups: ['official'], vneidVerified: false, agencyScope: ['000.00.00.H26'] };
const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const pdf = (size = PDF.length) => ({ componentCode: 'TP01', fileName: 'tờ khai.pdf', contentType: 'application/pdf', size });

const file = (over: Partial<AttachmentRecord>): AttachmentRecord => ({
  id: 'a-0', kind: 'application', componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: PDF.length,
  status: 'verified', rejectedReason: null, createdAt: NOW.toISOString(), verifiedAt: NOW.toISOString(), round: 0, ...over,
});

const setUp = (d: DossierRecord, bucket = new MemoryAttachmentStore()) => {
  const fake = fakeStore();
  fake.records.set(d.id, d);
  return { fake, bucket, ctx: fakeContext(fake.store, NOW, bucket) };
};

/** What the caller sees of a refusal: status and code. */
const refusal = (p: Promise<unknown>) => p.then(() => 'done', (e: unknown) => (e instanceof DomainError ? [httpStatusOf(e), e.code] : Promise.reject(e)));

describe('requesting an upload of an application file', () => {
  it('signs a POST for <dossier>/<file> pinning the normalised type and 10 MB, and records the pending entry of this round', async () => {
    const { fake, bucket, ctx } = setUp(draft());
    const ticket = await requestUpload(ctx, APPLICANT, 'd-1', { ...pdf(), contentType: 'Application/PDF' });
    expect(ticket).toMatchObject({ attachmentId: 'new-id-1', fields: { key: 'incoming/d-1/new-id-1', 'Content-Type': 'application/pdf' } });
    expect(bucket.calls).toEqual([`sign d-1/new-id-1 application/pdf ≤${10 * 1024 * 1024}`]);
    expect(fake.records.get('d-1')!.attachments).toEqual([{
      id: 'new-id-1', kind: 'application', componentCode: 'TP01', fileName: 'tờ khai.pdf', contentType: 'application/pdf', size: PDF.length,
      status: 'pending', rejectedReason: null, createdAt: NOW.toISOString(), verifiedAt: null, round: 0,
    }]);
  });

  it('checks in order: status (409), component (422), the declared file (415/413/400), then the room (409); nothing is signed', async () => {
    const full = draft({ attachments: [file({ id: 'a-1' }), file({ id: 'a-2', status: 'pending' })] });
    const { bucket, ctx } = setUp(full);
    expect(await refusal(requestUpload(ctx, APPLICANT, 'd-1', { ...pdf(), contentType: 'image/png' }))).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(await refusal(requestUpload(ctx, APPLICANT, 'd-1', pdf(10 * 1024 * 1024 + 1)))).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await refusal(requestUpload(ctx, APPLICANT, 'd-1', pdf(0)))).toEqual([400, 'VALIDATION_FAILED']);
    await expect(requestUpload(ctx, APPLICANT, 'd-1', pdf())).rejects.toMatchObject({ code: 'TOO_MANY_FILES', message: 'At most 2 file(s) for this document' });
    expect(await refusal(requestUpload(ctx, APPLICANT, 'd-1', { ...pdf(), componentCode: 'TP09', contentType: 'image/png' }))).toEqual([422, 'UNKNOWN_COMPONENT']);
    const submitted = setUp(draft({ status: 'submitted' }));
    expect(await refusal(requestUpload(submitted.ctx, APPLICANT, 'd-1', { ...pdf(), componentCode: 'TP09' }))).toEqual([409, 'INVALID_STATE']);
    expect(bucket.calls).toEqual([]);
  });

  it('a rejected file leaves room; files of an earlier round do not count against the component, but against the dossier', async () => {
    const earlier = [file({ id: 'a-1' }), file({ id: 'a-2' })];
    const { ctx } = setUp(draft({ status: 'supplement_requested', supplementRounds: 1, attachments: [...earlier, file({ id: 'a-3', round: 1, status: 'rejected' })] }));
    expect(await requestUpload(ctx, APPLICANT, 'd-1', pdf())).toMatchObject({ attachmentId: 'new-id-1' });
    const crowded = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => file({ id: `a-${i}`, status: 'rejected' }));
    const full = setUp(draft({ attachments: crowded }));
    await expect(requestUpload(full.ctx, APPLICANT, 'd-1', pdf())).rejects.toMatchObject({ code: 'TOO_MANY_FILES', message: 'At most 200 file(s) per dossier' });
  });

  it('checks the room again on the record the entry joins: a file added meanwhile fills the component, 409 and no entry', async () => {
    const d = draft({ attachments: [file({ id: 'a-1' })] });
    // Another upload of the applicant's lands while this one is being signed.
    const bucket = new (class extends MemoryAttachmentStore {
      override async presignUpload(input: { key: string; contentType: string; maxBytes: number }) {
        const current = fake.records.get('d-1')!;
        fake.records.set('d-1', { ...current, version: current.version + 1, attachments: [...current.attachments, file({ id: 'a-2', status: 'pending' })] });
        return super.presignUpload(input);
      }
    })();
    const { fake, ctx } = setUp(d, bucket);
    expect(await refusal(requestUpload(ctx, APPLICANT, 'd-1', pdf()))).toEqual([409, 'TOO_MANY_FILES']);
    expect(fake.records.get('d-1')!.attachments.map((a) => a.id)).toEqual(['a-1', 'a-2']);
  });
});

describe('completing and downloading', () => {
  it('a file that is not what it claims is kept as rejected with the reason (200), a real one becomes verified; only that one is offered', async () => {
    const { fake, bucket, ctx } = setUp(draft());
    const bad = await requestUpload(ctx, APPLICANT, 'd-1', { ...pdf(), size: PNG.length });
    bucket.put(`d-1/${bad.attachmentId}`, PNG, 'application/pdf');
    const afterBad = await completeUpload(ctx, APPLICANT, 'd-1', bad.attachmentId);
    expect(afterBad.attachments[0]).toMatchObject({ status: 'rejected', rejectedReason: "the file's content is not application/pdf", verifiedAt: null });

    const good = await requestUpload(ctx, APPLICANT, 'd-1', pdf());
    bucket.put(`d-1/${good.attachmentId}`, PDF, 'application/pdf');
    const afterGood = await completeUpload(ctx, APPLICANT, 'd-1', good.attachmentId);
    expect(afterGood.attachments[1]).toMatchObject({ status: 'verified', verifiedAt: NOW.toISOString() });
    expect(fake.records.get('d-1')!.attachments.map((a) => a.status)).toEqual(['rejected', 'verified']);

    expect(await download(ctx, APPLICANT, 'd-1', good.attachmentId)).toEqual({ url: `memory://attachments/files/d-1/${good.attachmentId}`, expiresAt: '2026-11-20T03:05:00.000Z' });
    expect(await refusal(download(ctx, APPLICANT, 'd-1', bad.attachmentId))).toEqual([404, 'NOT_FOUND']);
    expect(await refusal(download(ctx, OFFICIAL, 'd-1', 'nope'))).toEqual([404, 'NOT_FOUND']);
  });

  it('the official\'s result: the result types only, then verified on a done dossier it is returned online', async () => {
    const { bucket, ctx } = setUp(draft({ status: 'done', code: 'X-261120-0001', version: 6 }));
    expect(await refusal(requestResultUpload(ctx, OFFICIAL, 'd-1', { fileName: 'kq.webp', contentType: 'image/webp', size: 10 }))).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(await refusal(requestResultUpload(ctx, APPLICANT, 'd-1', { fileName: 'kq.pdf', contentType: 'application/pdf', size: PDF.length }))).toEqual([404, 'NOT_FOUND']);
    const ticket = await requestResultUpload(ctx, OFFICIAL, 'd-1', { fileName: 'kq.pdf', contentType: 'application/pdf', size: PDF.length });
    bucket.put(`d-1/${ticket.attachmentId}`, PDF, 'application/pdf');
    expect(await refusal(completeUpload(ctx, APPLICANT, 'd-1', ticket.attachmentId))).toEqual([404, 'NOT_FOUND']);
    const after = await completeUpload(ctx, OFFICIAL, 'd-1', ticket.attachmentId);
    expect(after).toMatchObject({ status: 'returned' });
    expect(after.attachments).toEqual([expect.objectContaining({ kind: 'result', componentCode: null, status: 'verified' })]);
  });
});
