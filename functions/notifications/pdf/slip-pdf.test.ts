// The slip PDF: a valid, small file whose Vietnamese text survives (embedded DejaVu subset, real
// glyphs, a ToUnicode map so it can be searched and copied) and whose QR code is the tracking URL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { SLIP_FONT } from '../assets/slip-font';
import { renderMessage, type Message } from '../domain/message';
import { renderSlipPdf } from './slip-pdf';
import { BASE_URL, dossier, event } from '../domain/fixtures.test-support';
import { contentStreams, drawnQr, extractText, inflateStreams, shownGlyphs, toUnicodeMap } from './pdf-reader.test-support';

const PHRASE = 'Đăng ký khai sinh – Ủy ban nhân dân';

const message = (action = 'refuse', note: string | null = PHRASE, over: Parameters<typeof dossier>[0] = {}): Message =>
  renderMessage(event(action, { note }), dossier(over), BASE_URL)!;

const render = (m: Message) => renderSlipPdf(m, m.slip);

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('renderSlipPdf', () => {
  it('is a small, well-formed PDF of one A4 page', async () => {
    const pdf = await render(message('receive', null));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(100 * 1024);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getTitle()).toBe(message('receive', null).subject);
  });

  it('carries Vietnamese text in real glyphs of the embedded font, readable back through ToUnicode', async () => {
    const pdf = await render(message());
    const text = extractText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(PHRASE);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Mã hồ sơ: 000.00.00004.H26-261120-0007');
    // No .notdef box and no "?" stand-in: every character of the phrase has its glyph.
    const streams = inflateStreams(pdf);
    const glyphs = contentStreams(streams).flatMap(shownGlyphs);
    expect(glyphs).not.toContain(0);
    expect(text.replace(message().trackingUrl, '')).not.toContain('?');
    expect(text).not.toContain('\uFFFD');
    const covered = new Set(SLIP_FONT.glyphs.filter((_, i) => i % 3 === 0));
    for (const char of `${PHRASE}ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ`) {
      expect(covered.has(char.codePointAt(0)!), char).toBe(true);
    }
    // The font is embedded (FontFile2), not referenced.
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(toUnicodeMap(streams).size).toBeGreaterThan(30);
  });

  it('reads decomposed Vietnamese (NFD) as the precomposed letters', async () => {
    const pdf = await render(message('refuse', PHRASE.normalize('NFD')));
    expect(extractText(pdf).replace(/\s+/g, ' ')).toContain(PHRASE);
  });

  it('draws the QR code of the tracking URL module for module', async () => {
    const m = message('receive', null);
    const drawn = drawnQr(await render(m));
    const expected = QRCode.create(m.trackingUrl, { errorCorrectionLevel: 'M' }).modules;
    expect(drawn.size).toBe(expected.size);
    const expectedDark = Array.from(expected.data, (v) => v === 1);
    expect(drawn.dark.filter(Boolean).length).toBe(expectedDark.filter(Boolean).length);
    expect(drawn.dark).toEqual(expectedDark);
  });

  it('flows long content onto further pages, numbered', async () => {
    const components = Array.from({ length: 60 }, (_, i) => ({ code: `TP${i}`, name: `Thành phần hồ sơ số ${i} với tên rất dài để xuống dòng trong phiếu tiếp nhận`, required: false, accept: [], maxFiles: 1 }));
    const attachments = components.map((c, i) => ({ ...dossier().attachments[0]!, id: `f${i}`, componentCode: c.code }));
    const pdf = await render(message('receive', null, { components, attachments }));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    const text = extractText(pdf);
    expect(text).toContain(`Trang 1/${doc.getPageCount()}`);
    expect(text).toContain('60) Thành phần hồ sơ số 59');
    expect(pdf.length).toBeLessThan(100 * 1024);
  });

  it('is deterministic: the same slip gives the same bytes', async () => {
    const m = message('issue_apology', 'Chậm do chờ xác minh', { apologies: [{ issuedAt: '2026-11-20T02:15:00.000Z', newDueDate: '2026-12-04', reason: 'Chậm do chờ xác minh' }] });
    expect(Buffer.from(await render(m)).equals(Buffer.from(await render(m)))).toBe(true);
  });

  it.skipIf(!hasPdftotext)('poppler reads the same text (an independent PDF reader)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-slip-'));
    try {
      const file = join(dir, 'slip.pdf');
      writeFileSync(file, await render(message()));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(PHRASE);
      expect(text).toContain('Quét mã QR để tra cứu hồ sơ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
