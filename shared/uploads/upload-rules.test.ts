import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { httpStatusOf } from '../http/error-status';
import {
  admitDeclaredFile, checkDeclaredFile, ensureRoom, judgeObject, pendingUpload, settle, verifiedFile, type StoredObject, type UploadEntry,
} from './upload-rules';

const MB = 1024 * 1024;
const limits = { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * MB };
const PDF_HEAD = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');
const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** What the caller of a throwing rule sees: its error's status and code. */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [httpStatusOf(error), error.code];
    throw error;
  }
  return 'admitted';
};

describe('a declared file against the limits', () => {
  it('admits an accepted type within the size, normalising the type the POST policy will pin', () => {
    expect(checkDeclaredFile(limits, { contentType: 'Application/PDF; charset=binary', size: 10 * MB })).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(admitDeclaredFile(limits, { contentType: 'image/png', size: 1 })).toBe('image/png');
  });

  it.each([
    ['a type not accepted', { contentType: 'application/x-msdownload', size: 10 }, [415, 'UNSUPPORTED_FILE_TYPE']],
    ['no type at all', { contentType: '', size: 10 }, [415, 'UNSUPPORTED_FILE_TYPE']],
    ['one byte over the limit', { contentType: 'application/pdf', size: 10 * MB + 1 }, [413, 'FILE_TOO_LARGE']],
    ['an empty file', { contentType: 'application/pdf', size: 0 }, [400, 'VALIDATION_FAILED']],
    ['a fractional size', { contentType: 'application/pdf', size: 1.5 }, [400, 'VALIDATION_FAILED']],
  ] as const)('refuses %s', (_label, file, expected) => {
    expect(refusal(() => admitDeclaredFile(limits, file))).toEqual(expected);
  });

  it('reports a bad size on body.size, and checks the size before the type', () => {
    expect(checkDeclaredFile(limits, { contentType: 'text/html', size: 0 })).toMatchObject({ ok: false, reason: 'INVALID_SIZE' });
    let refused: unknown;
    try {
      admitDeclaredFile(limits, { contentType: 'application/pdf', size: -1 });
    } catch (error) {
      refused = error;
    }
    expect((refused as DomainError).details).toEqual([{ path: 'body.size', message: 'size must be a whole number of bytes, at least 1' }]);
  });
});

describe('room for one more file', () => {
  it('takes files below the maximum and refuses the one past it with 409 TOO_MANY_FILES', () => {
    expect(refusal(() => ensureRoom(4, 5, 'per feedback'))).toBe('admitted');
    expect(refusal(() => ensureRoom(5, 5, 'per feedback'))).toEqual([409, 'TOO_MANY_FILES']);
  });
});

describe('judging the object that arrived', () => {
  const declared = { contentType: 'application/pdf', size: 2048, maxBytes: 4096 };
  const pdf = (over: Partial<StoredObject> = {}): StoredObject => ({ size: 2048, contentType: 'application/pdf', first: PDF_HEAD, ...over });

  it('verifies the declared size, stored type and magic bytes', () => {
    expect(judgeObject(pdf(), declared)).toEqual({ ok: true, size: 2048, contentType: 'application/pdf' });
    expect(judgeObject(pdf({ contentType: 'application/pdf; qs=1' }), { ...declared, contentType: 'APPLICATION/PDF' })).toMatchObject({ ok: true });
  });

  it.each([
    ['nothing uploaded', undefined, 'MISSING'],
    ['more than the limit', pdf({ size: 4097 }), 'TOO_LARGE'],
    ['another size than declared', pdf({ size: 2047 }), 'SIZE_MISMATCH'],
    ['stored as another type', pdf({ contentType: 'image/png' }), 'TYPE_MISMATCH'],
    ['a PNG declared and stored as a PDF', pdf({ first: PNG_HEAD }), 'CONTENT_MISMATCH'],
    ['an empty head', pdf({ first: new Uint8Array() }), 'CONTENT_MISMATCH'],
  ] as const)('rejects %s', (_label, found, reason) => {
    expect(judgeObject(found, declared)).toMatchObject({ ok: false, reason });
  });

  it('settles a verdict: verified, or rejected with 422 UPLOAD_<reason> to report', () => {
    expect(settle({ ok: true, size: 1, contentType: 'image/png' })).toEqual({ status: 'verified' });
    const rejected = settle(judgeObject(pdf({ first: PNG_HEAD }), declared));
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'CONTENT_MISMATCH', message: "the file's content is not application/pdf" });
    if (rejected.status !== 'rejected') throw new Error('expected a rejection');
    expect([httpStatusOf(rejected.error), rejected.error.code]).toEqual([422, 'UPLOAD_CONTENT_MISMATCH']);
  });
});

describe('entries', () => {
  it('a new entry is pending, with what was declared', () => {
    expect(pendingUpload('a-1', { fileName: 'đơn.pdf', contentType: 'application/pdf', size: 9 }))
      .toEqual({ id: 'a-1', fileName: 'đơn.pdf', contentType: 'application/pdf', size: 9, status: 'pending' });
  });

  it('only a verified file is offered for download; pending, rejected and unknown ones are 404', () => {
    const entries: (UploadEntry & { round: number })[] = (['pending', 'verified', 'rejected'] as const)
      .map((status, i) => ({ id: `a-${i}`, fileName: `${status}.pdf`, contentType: 'application/pdf', size: 9, status, round: 0 }));
    expect(verifiedFile(entries, 'a-1')).toMatchObject({ fileName: 'verified.pdf', round: 0 });
    for (const id of ['a-0', 'a-2', 'a-9']) expect(refusal(() => verifiedFile(entries, id))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(() => verifiedFile(undefined, 'a-1'))).toEqual([404, 'NOT_FOUND']);
  });
});
