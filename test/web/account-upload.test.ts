// The checks made before a file is uploaded: type (browser's or extension's), size, room, content.
import { describe, expect, it } from 'vitest';
import { translate } from '../../web/src/i18n';
import { acceptAttribute, acceptLabel, contentProblem, fileProblem, typeOf } from '../../web/src/lib/upload';

const vi = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
const TP01 = { code: 'TP01', name: 'Tờ khai', accept: ['application/pdf', 'image/jpeg', 'image/png'], maxFiles: 2 };
const MB = 1024 * 1024;
const PDF_HEAD = new TextEncoder().encode('%PDF-1.4\n1 0 obj');
const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

describe('fileProblem', () => {
  it('accepts a PDF within the limits', () => {
    expect(fileProblem({ name: 'to-khai.pdf', type: 'application/pdf', size: 2 * MB }, TP01, 0, vi)).toBeNull();
  });
  it('refuses a type the document does not accept, naming the accepted ones', () => {
    expect(fileProblem({ name: 'a.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 100 }, TP01, 0, vi))
      .toBe('Tệp a.docx không đúng định dạng. Chỉ nhận: PDF, JPG, PNG.');
  });
  it('uses the extension when the browser gives no type', () => {
    expect(typeOf({ name: 'SCAN.JPG', type: '' })).toBe('image/jpeg');
    expect(fileProblem({ name: 'scan.jpg', type: '', size: 100 }, TP01, 0, vi)).toBeNull();
    expect(fileProblem({ name: 'scan', type: '', size: 100 }, TP01, 0, vi)).toContain('không đúng định dạng');
  });
  it('refuses an empty file and one over 10 MB', () => {
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 }, TP01, 0, vi)).toBe('Tệp a.pdf trống.');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 * MB + 1 }, TP01, 0, vi)).toBe('Tệp a.pdf lớn hơn 10 MB.');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 * MB }, TP01, 0, vi)).toBeNull();
  });
  it('refuses a file beyond the document\'s maxFiles', () => {
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 }, TP01, 2, vi)).toBe('Giấy tờ này chỉ nhận tối đa 2 tệp.');
  });
});

describe('contentProblem', () => {
  it('passes a PDF that starts with %PDF- and a PNG with its signature', () => {
    expect(contentProblem(PDF_HEAD, { name: 'a.pdf', type: 'application/pdf', size: 10 }, vi)).toBeNull();
    expect(contentProblem(PNG_HEAD, { name: 'a.png', type: 'image/png', size: 10 }, vi)).toBeNull();
  });
  it('refuses a renamed file (a PNG called .pdf, text called .pdf)', () => {
    expect(contentProblem(PNG_HEAD, { name: 'a.pdf', type: 'application/pdf', size: 10 }, vi)).toContain('không khớp với định dạng');
    expect(contentProblem(new TextEncoder().encode('hello'), { name: 'a.pdf', type: 'application/pdf', size: 5 }, vi)).toContain('a.pdf');
  });
});

describe('accept helpers', () => {
  it('lists types for people and for the file picker', () => {
    expect(acceptLabel(TP01.accept)).toBe('PDF, JPG, PNG');
    expect(acceptAttribute(['application/pdf'])).toBe('application/pdf,.pdf');
  });
});
