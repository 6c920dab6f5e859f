// The sender's evidence through the shared upload flow, on an in-memory feedback record and bucket:
// who may add, see and download files, the 409s of the owner's rules, a rejected file forgotten
// with its 422, and a lost save re-applied to the fresh record rather than failing the upload.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal';
import { DomainError } from '../../shared/errors/domain-error';
import { httpStatusOf } from '../../shared/http/error-status';
import { MemoryAttachmentStore } from '../../shared/uploads/memory-attachment-store';
import type { CatalogueReader } from '../catalogue/public';
import type { FeedbackStore } from './adapters/feedback-store';
import { feedbackContext } from './deps';
import type { FeedbackRecord } from './domain/feedback';
import { completeEvidenceUpload, downloadEvidence, requestEvidenceUpload } from './evidence';

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const AT = '2026-03-02T03:00:00.000Z';

const user = (sub: string, groups: ('citizen' | 'official' | 'admin')[] = ['citizen'], agencyScope: string[] = []): Principal =>
  ({ kind: 'user', sub, username: sub, groups, vneidVerified: true, agencyScope });
const sender = user('s-1');
const stranger = user('s-2');
const officialHere = user('o-1', ['official'], ['000.00.00.H26']);
const officialElsewhere = user('o-2', ['official'], ['000.00.00.H46']);

const record = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  id: 'f-1', code: 'PAKN-260302-0001', category: 'procedures', subject: 'Chậm trả kết quả', content: 'Hồ sơ bị chậm.',
  procedureCode: null, agencyCode: '000.00.00.H26', agencyName: 'UBND Thành phố Hà Nội', agencyParentCode: null, status: 'submitted', version: 1,
  sender: { sub: 's-1', name: null, idNumber: null, email: null, phone: null },
  submittedAt: AT, receivedAt: AT, decidedAt: null, firstInfoRequestAt: null, infoRequest: null, rejection: null,
  answer: null, answeredAt: null, publishedAt: null, likes: 0, dislikes: 0, repeated: false, attachments: [], history: [], ...over,
});

/** One feedback item held in memory; `meanwhile` runs once before the next save, as a concurrent writer would. */
const setup = (f: FeedbackRecord) => {
  let stored = structuredClone(f);
  const state = { saves: 0, lost: 0, meanwhile: undefined as ((f: FeedbackRecord) => FeedbackRecord) | undefined };
  const store = {
    get: async (id: string) => (id === stored.id ? structuredClone(stored) : undefined),
    save: async (next: FeedbackRecord, expected: number) => {
      if (state.meanwhile) { stored = state.meanwhile(stored); state.meanwhile = undefined; }
      if (stored.version !== expected) { state.lost++; return false; }
      stored = structuredClone(next);
      state.saves++;
      return true;
    },
  } as Partial<FeedbackStore> as FeedbackStore;
  const catalogue = { holidays: async () => [] } as Partial<CatalogueReader> as CatalogueReader;
  const files = new MemoryAttachmentStore();
  let n = 0;
  const ctx = feedbackContext({ store, files, catalogue, now: () => new Date(AT), newId: () => `00000000-0000-4000-8000-00000000000${++n}` });
  return { ctx, files, state, current: () => stored };
};

const refusal = (p: Promise<unknown>) => p.then(() => 'done', (e: unknown) => (e instanceof DomainError ? [httpStatusOf(e), e.code] : Promise.reject(e)));
const pdf = { fileName: 'bằng-chứng.pdf', contentType: 'application/pdf', size: PDF.length };

describe('adding evidence', () => {
  it('signs a POST under feedback/<id>/ and records a pending entry stamped now', async () => {
    const { ctx, files, current } = setup(record());
    const ticket = await requestEvidenceUpload(ctx, sender, 'f-1', pdf);
    expect(ticket.attachmentId).toBe('00000000-0000-4000-8000-000000000001');
    expect(files.calls).toEqual([`sign feedback/f-1/${ticket.attachmentId} application/pdf ≤${10 * 1024 * 1024}`]);
    expect(current()).toMatchObject({ version: 2, attachments: [{ id: ticket.attachmentId, fileName: 'bằng-chứng.pdf', status: 'pending', uploadedAt: AT }] });
  });

  it('only the sender adds files (anyone else: 404), while the item takes them (409), up to 5 verified (409)', async () => {
    const verified = (i: number) => ({ id: `v-${i}`, fileName: `${i}.pdf`, contentType: 'application/pdf', size: 9, status: 'verified' as const, uploadedAt: AT });
    expect(await refusal(requestEvidenceUpload(setup(record()).ctx, stranger, 'f-1', pdf))).toEqual([404, 'NOT_FOUND']);
    expect(await refusal(requestEvidenceUpload(setup(record()).ctx, officialHere, 'f-1', pdf))).toEqual([404, 'NOT_FOUND']);
    const accepted = setup(record({ status: 'accepted' }));
    expect(await refusal(requestEvidenceUpload(accepted.ctx, sender, 'f-1', pdf))).toEqual([409, 'NOT_ACCEPTING_FILES']);
    expect(accepted.files.calls).toEqual([]);
    const full = setup(record({ status: 'info_requested', attachments: [1, 2, 3, 4, 5].map(verified) }));
    expect(await refusal(requestEvidenceUpload(full.ctx, sender, 'f-1', pdf))).toEqual([409, 'TOO_MANY_FILES']);
    const room = setup(record({ status: 'info_requested', attachments: [1, 2, 3, 4].map(verified) }));
    expect(await refusal(requestEvidenceUpload(room.ctx, sender, 'f-1', pdf))).toBe('done');
  });

  it('refuses a declared type the evidence does not take (415), before signing', async () => {
    const { ctx, files } = setup(record());
    expect(await refusal(requestEvidenceUpload(ctx, sender, 'f-1', { ...pdf, contentType: 'image/webp' }))).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(files.calls).toEqual([]);
  });

  it('a save that lost a race is re-applied to the fresh record, keeping the other change', async () => {
    const { ctx, state, current } = setup(record());
    state.meanwhile = (f) => ({ ...f, version: f.version + 1, attachments: [{ id: 'other', fileName: 'khac.pdf', contentType: 'application/pdf', size: 9, status: 'pending', uploadedAt: AT }] });
    const ticket = await requestEvidenceUpload(ctx, sender, 'f-1', pdf);
    expect(state.lost).toBe(1);
    expect(current().attachments.map((a) => a.id)).toEqual(['other', ticket.attachmentId]);
    expect(current().version).toBe(3);
  });

  it('a race that ends the intake (an official accepted meanwhile) is refused on the fresh record', async () => {
    const { ctx, state, current } = setup(record());
    state.meanwhile = (f) => ({ ...f, version: f.version + 1, status: 'accepted' });
    expect(await refusal(requestEvidenceUpload(ctx, sender, 'f-1', pdf))).toEqual([409, 'NOT_ACCEPTING_FILES']);
    expect(current().attachments).toEqual([]);
  });
});

describe('completing and downloading', () => {
  it('a file that is what it claims becomes verified; the officials of its agency download it, nobody else', async () => {
    const { ctx, files, current } = setup(record());
    const { attachmentId } = await requestEvidenceUpload(ctx, sender, 'f-1', pdf);
    files.put(`feedback/f-1/${attachmentId}`, PDF, 'application/pdf');
    expect(await refusal(downloadEvidence(ctx, sender, 'f-1', attachmentId))).toEqual([404, 'NOT_FOUND']);
    const view = await completeEvidenceUpload(ctx, sender, 'f-1', attachmentId);
    expect(view.attachments).toEqual([expect.objectContaining({ id: attachmentId, status: 'verified' })]);
    expect(current().version).toBe(3);
    // Completing again changes nothing.
    expect((await completeEvidenceUpload(ctx, sender, 'f-1', attachmentId)).version).toBe(3);
    for (const who of [sender, officialHere, user('a-1', ['admin'])]) {
      expect((await downloadEvidence(ctx, who, 'f-1', attachmentId)).url).toBe(`memory://attachments/files/feedback/f-1/${attachmentId}`);
    }
    for (const who of [stranger, officialElsewhere]) expect(await refusal(downloadEvidence(ctx, who, 'f-1', attachmentId))).toEqual([404, 'NOT_FOUND']);
  });

  it('a file that is not what it claims is forgotten, with 422 UPLOAD_<reason>', async () => {
    const { ctx, files, current } = setup(record());
    const { attachmentId } = await requestEvidenceUpload(ctx, sender, 'f-1', { ...pdf, size: PNG.length });
    files.put(`feedback/f-1/${attachmentId}`, PNG, 'application/pdf');
    expect(await refusal(completeEvidenceUpload(ctx, sender, 'f-1', attachmentId))).toEqual([422, 'UPLOAD_CONTENT_MISMATCH']);
    expect(current().attachments).toEqual([]);
    expect(await refusal(completeEvidenceUpload(ctx, sender, 'f-1', attachmentId))).toEqual([404, 'NOT_FOUND']);
  });
});
