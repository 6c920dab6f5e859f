// The slip on an A4 page, laid out like the forms of Circular 01/2018/TT-VPCP: the agency and the
// one-stop desk on the left, the national motto on the right, the title, the dossier code, the
// form's content, and a QR code of the tracking URL (drawn module by module from the qrcode
// encoder's matrix). Long content flows onto further pages. Loaded on first use (slip-pdf.ts).
import { create as createQr } from 'qrcode/lib/core/qrcode.js';
import type { SlipDocument } from '../domain/slip';
import { PdfFile, SlipFont, pdfNum as n, pdfTextString } from './pdf-file';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 62, right: 50, top: 48, bottom: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LEFT_COLUMN = { x: MARGIN.left - 10, width: 215 };
const RIGHT_COLUMN = { x: MARGIN.left + 205, width: CONTENT_WIDTH - 195 };
const BODY = 11.5;
const LEADING = 1.38;
const QR_SIZE = 92;

interface Run { text: string; bold?: boolean }
interface Word { text: string; bold: boolean; width: number }

class Layout {
  readonly pages: string[][] = [[]];
  y = PAGE.height - MARGIN.top;

  constructor(private readonly font: SlipFont) {}

  private get ops() {
    return this.pages.at(-1)!;
  }

  ensure(height: number) {
    if (this.y - height >= MARGIN.bottom) return;
    this.pages.push([]);
    this.y = PAGE.height - MARGIN.top;
  }

  /** One run of text at (x, baseline y); bold is simulated by stroking the outline too. */
  text(x: number, y: number, text: string, size: number, bold = false) {
    this.ops.push(`BT /F1 ${n(size)} Tf ${bold ? `2 Tr ${n(size * 0.03)} w` : '0 Tr'} ${n(x)} ${n(y)} Td ${this.font.encode(text)} Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number) {
    this.ops.push(`0.6 w ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
  }

  /** Words of the runs broken into lines of at most `width` points (an over-long word is split). */
  wrap(runs: Run[], size: number, width: number): Word[][] {
    const space = this.font.width(' ', size);
    const words: Word[] = [];
    for (const run of runs) {
      for (const part of run.text.split(/\s+/).filter(Boolean)) {
        let rest = part;
        while (this.font.width(rest, size) > width && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && this.font.width(rest.slice(0, cut), size) > width) cut--;
          words.push({ text: rest.slice(0, cut), bold: !!run.bold, width: this.font.width(rest.slice(0, cut), size) });
          rest = rest.slice(cut);
        }
        words.push({ text: rest, bold: !!run.bold, width: this.font.width(rest, size) });
      }
    }
    const lines: Word[][] = [];
    let current: Word[] = [];
    let used = 0;
    for (const w of words) {
      const extra = current.length ? space + w.width : w.width;
      if (current.length && used + extra > width) {
        lines.push(current);
        current = [];
        used = 0;
      }
      used += current.length ? space + w.width : w.width;
      current.push(w);
    }
    if (current.length) lines.push(current);
    return lines;
  }

  private lineWidth(line: Word[], size: number) {
    return line.reduce((sum, w) => sum + w.width, 0) + this.font.width(' ', size) * Math.max(0, line.length - 1);
  }

  /** Draws one line, merging neighbouring words of the same weight into one text run. */
  private drawLine(line: Word[], x: number, y: number, size: number) {
    const space = this.font.width(' ', size);
    let at = x;
    let i = 0;
    while (i < line.length) {
      const bold = line[i]!.bold;
      const group: Word[] = [];
      while (i < line.length && line[i]!.bold === bold) group.push(line[i++]!);
      this.text(at, y, group.map((w) => w.text).join(' '), size, bold);
      at += this.lineWidth(group, size) + space;
    }
  }

  /** Wrapped text flowing down the page from the cursor. */
  paragraph(runs: Run[], opts: { size?: number; x?: number; width?: number; indent?: number; align?: 'left' | 'center'; after?: number } = {}) {
    const size = opts.size ?? BODY;
    const x = opts.x ?? MARGIN.left;
    const width = opts.width ?? CONTENT_WIDTH;
    const indent = opts.indent ?? 0;
    const leading = size * LEADING;
    for (const line of this.wrap(runs, size, width - indent)) {
      this.ensure(leading);
      this.y -= leading;
      const w = this.lineWidth(line, size);
      this.drawLine(line, opts.align === 'center' ? x + (width - w) / 2 : x + indent, this.y, size);
    }
    this.y -= opts.after ?? 3;
  }

  /** A centred block in a column, from `top` down; returns the baseline of its last line. */
  column(lines: { text: string; size: number; bold?: boolean; underline?: boolean }[], col: { x: number; width: number }, top: number): number {
    let y = top;
    for (const l of lines) {
      for (const line of this.wrap([{ text: l.text, bold: l.bold }], l.size, col.width)) {
        y -= l.size * 1.3;
        const w = this.lineWidth(line, l.size);
        this.drawLine(line, col.x + (col.width - w) / 2, y, l.size);
        if (l.underline) this.line(col.x + (col.width - w) / 2, y - 4, col.x + (col.width + w) / 2, y - 4);
      }
    }
    return y;
  }

  /** The QR code's dark modules as filled rectangles (one per horizontal run), in a marked-content section. */
  qr(url: string, x: number, top: number, size: number) {
    const { modules } = createQr(url, { errorCorrectionLevel: 'M' });
    const m = size / modules.size;
    const rects: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      let col = 0;
      while (col < modules.size) {
        if (!modules.get(row, col)) { col++; continue; }
        const start = col;
        while (col < modules.size && modules.get(row, col)) col++;
        rects.push(`${n(x + start * m)} ${n(top - (row + 1) * m)} ${n((col - start) * m)} ${n(m)} re`);
      }
    }
    this.ops.push('/QR BMC q 0 g', ...rects, 'f Q EMC');
  }
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** The PDF `D:` date of an instant, in Asia/Ho_Chi_Minh. */
const pdfDate = (iso: string) => {
  const ms = Date.parse(iso);
  const local = new Date((Number.isNaN(ms) ? 0 : ms) + 7 * 3_600_000).toISOString();
  return `D:${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}${local.slice(11, 13)}${local.slice(14, 16)}${local.slice(17, 19)}+07'00'`;
};

/** The slip as PDF bytes. Deterministic: the same slip gives the same file. */
export const layoutSlipPdf = (message: { subject: string; trackingUrl: string }, slip: SlipDocument): Uint8Array => {
  const font = new SlipFont();
  const page = new Layout(font);
  const code = slip.code ?? '(chưa có mã)';

  // Header: the form number, then the issuing agency (left) and the national motto (right).
  let top = page.y;
  if (slip.form) {
    const label = `Mẫu số ${slip.form}`;
    page.text(PAGE.width - MARGIN.right - font.width(label, 9), top - 9, label, 9);
    top -= 16;
  }
  const left = page.column([
    { text: slip.agencyName.toLocaleUpperCase('vi'), size: 10.5 },
    ...(slip.unitName ? [{ text: slip.unitName, size: 10.5, bold: true, underline: true }] : []),
  ], LEFT_COLUMN, top);
  const right = page.column([
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 10.5, bold: true },
    { text: 'Độc lập - Tự do - Hạnh phúc', size: 11, bold: true, underline: true },
  ], RIGHT_COLUMN, top);
  const dateline = page.column([{ text: capitalize(slip.dateline), size: 10.5 }], RIGHT_COLUMN, right - 10);
  page.y = Math.min(left, dateline) - 22;

  page.paragraph([{ text: slip.title, bold: true }], { size: 13.5, align: 'center', after: 2 });
  page.paragraph([{ text: 'Mã hồ sơ: ' }, { text: code, bold: true }], { size: 12, align: 'center', after: 12 });
  page.paragraph([{ text: slip.addressee }], { after: 6 });

  for (const b of slip.blocks) {
    if (b.type === 'field') page.paragraph([{ text: `${b.label}:`, bold: true }, { text: b.value }]);
    else if (b.type === 'paragraph') page.paragraph([{ text: b.text }]);
    else {
      page.paragraph([{ text: `${b.heading}:`, bold: true }]);
      for (const [i, item] of b.items.entries()) page.paragraph([{ text: `${i + 1}) ${item}` }], { indent: 18 });
    }
  }
  if (slip.closing) page.paragraph([{ text: slip.closing }], { after: 8 });

  // Sign-off: the agency, right; the slip is issued electronically by the portal.
  page.ensure(60);
  page.y = page.column([
    { text: slip.agencyName.toLocaleUpperCase('vi'), size: 10.5, bold: true },
    { text: '(Phiếu điện tử do Cổng Dịch vụ công quốc gia phát hành)', size: 9 },
  ], RIGHT_COLUMN, page.y - 4) - 16;

  // The QR code of the tracking URL, with the URL written beside it.
  page.ensure(QR_SIZE + 8);
  const qrTop = page.y;
  page.qr(message.trackingUrl, MARGIN.left, qrTop, QR_SIZE);
  const caption = { x: MARGIN.left + QR_SIZE + 14, width: CONTENT_WIDTH - QR_SIZE - 14 };
  page.y = qrTop - 6;
  page.paragraph([{ text: 'Quét mã QR để tra cứu hồ sơ', bold: true }], { ...caption, size: 10 });
  page.paragraph([{ text: message.trackingUrl }], { ...caption, size: 9 });
  page.paragraph([{ text: `Mã hồ sơ: ${code}` }], { ...caption, size: 9 });

  if (page.pages.length > 1) {
    page.pages.forEach((ops, i) => {
      const label = `Trang ${i + 1}/${page.pages.length}`;
      ops.push(`BT /F1 8.5 Tf 0 Tr ${n(PAGE.width - MARGIN.right - font.width(label, 8.5))} ${n(MARGIN.bottom - 24)} Td ${font.encode(label)} Tj ET`);
    });
  }

  const file = new PdfFile();
  const catalog = file.reserve();
  const pages = file.reserve();
  const fontRef = file.embedFont(font);
  const kids = page.pages.map((ops) => {
    const contents = file.stream('', ops.join('\n'));
    return file.add(
      `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${n(PAGE.width)} ${n(PAGE.height)}] ` +
      `/Resources << /Font << /F1 ${fontRef} 0 R >> >> /Contents ${contents} 0 R >>`,
    );
  });
  file.set(pages, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  file.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R /Lang (vi-VN) >>`);
  const info = file.add(
    `<< /Title ${pdfTextString(message.subject)} /Author ${pdfTextString(slip.agencyName)} ` +
    `/Creator ${pdfTextString('Cổng Dịch vụ công quốc gia')} /Producer (dvc-portal) /CreationDate (${pdfDate(slip.issuedAt)}) >>`,
  );
  return file.serialize(catalog, info);
};
