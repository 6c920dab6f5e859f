// A small PDF 1.7 writer: objects, Flate streams, a cross-reference table, and one embedded
// TrueType font (Type0 / CIDFontType2, Identity-H, with a ToUnicode map so text can be searched,
// copied and read aloud). Why not pdf-lib: with fontkit, which it needs for any non-Latin-1 font,
// it bundles to about 1.4 MB minified, three times the 500 KB per-function budget of
// docs/requirements.md R-PERF-COLD-START, and pdf-lib alone is 430 KB. A slip needs text in one
// font, lines and filled squares: this is that, with node:zlib for compression (built in, nothing
// bundled).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { SLIP_FONT } from '../assets/slip-font';

const num = (n: number): string => {
  const s = n.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};
export const pdfNum = num;

/** A PDF text string for the document information dictionary: UTF-16BE with a BOM, in hex. */
export const pdfTextString = (text: string): string => {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
};

interface Glyph { id: number; advance: number }

/** The embedded font: code point → glyph of the subset in functions/notifications/assets. */
export class SlipFont {
  readonly unitsPerEm = SLIP_FONT.unitsPerEm;
  private readonly byCodePoint = new Map<number, Glyph>();
  /** Glyphs this document used, with the text each stands for (ToUnicode, widths). */
  private readonly used = new Map<number, { text: string; advance: number }>();
  private readonly fallback: Glyph;

  constructor() {
    const g = SLIP_FONT.glyphs;
    for (let i = 0; i + 2 < g.length; i += 3) this.byCodePoint.set(g[i]!, { id: g[i + 1]!, advance: g[i + 2]! });
    this.fallback = this.byCodePoint.get(0x3f)!; // "?"
  }

  /** The glyphs of a text (NFC, so decomposed Vietnamese finds its precomposed letters). */
  private glyphsOf(text: string): { glyph: Glyph; char: string }[] {
    return [...text.normalize('NFC')].map((char) => {
      const glyph = this.byCodePoint.get(char.codePointAt(0)!);
      return glyph ? { glyph, char } : { glyph: this.fallback, char: '?' };
    });
  }

  /** Width of a text in points at a font size. */
  width(text: string, size: number): number {
    let units = 0;
    for (const { glyph } of this.glyphsOf(text)) units += glyph.advance;
    return (units * size) / this.unitsPerEm;
  }

  /** The text as a hex string of 2-byte glyph ids (Identity-H), recording what was used. */
  encode(text: string): string {
    let hex = '';
    for (const { glyph, char } of this.glyphsOf(text)) {
      if (!this.used.has(glyph.id)) this.used.set(glyph.id, { text: char, advance: glyph.advance });
      hex += glyph.id.toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  }

  /** /W array of the used glyphs, in PDF glyph space (1/1000 em). */
  widths(): string {
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    return `[${ids.map((id) => `${id} [${num((this.used.get(id)!.advance * 1000) / this.unitsPerEm)}]`).join(' ')}]`;
  }

  /** The ToUnicode CMap of the used glyphs. */
  toUnicode(): string {
    // JavaScript strings are UTF-16 already: their code units are what a bfchar destination holds.
    const utf16 = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join('');
    const entries = [...this.used]
      .sort((a, b) => a[0] - b[0])
      .map(([id, { text }]) => `<${id.toString(16).padStart(4, '0')}> <${utf16(text)}>`);
    const chunks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const part = entries.slice(i, i + 100);
      chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...chunks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

type PdfObject = Buffer;

/** Objects of one file, numbered from 1 in the order they are reserved. */
export class PdfFile {
  private readonly objects: (PdfObject | undefined)[] = [];

  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  set(ref: number, body: string | Buffer): number {
    this.objects[ref - 1] = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
    return ref;
  }

  add(body: string | Buffer): number {
    return this.set(this.reserve(), body);
  }

  /** A stream object; `data` is deflated here unless `deflated` says it already is. */
  stream(dict: string, data: Buffer | string, options: { deflated?: boolean } = {}): number {
    const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const body = options.deflated ? raw : deflateSync(raw);
    return this.add(Buffer.concat([
      Buffer.from(`<< ${dict} /Filter /FlateDecode /Length ${body.length} >>\nstream\n`, 'latin1'),
      body,
      Buffer.from('\nendstream', 'latin1'),
    ]));
  }

  /** The font objects; returns the Type0 font's reference. Call after every text is encoded. */
  embedFont(font: SlipFont): number {
    const f = SLIP_FONT;
    const scale = (v: number) => num((v * 1000) / f.unitsPerEm);
    const fontFile = this.stream(`/Length1 ${f.length1}`, Buffer.from(f.data, 'base64'), { deflated: true });
    // A subset's name carries a six-letter tag (ISO 32000-1 §9.6.4).
    const name = `DVCSLP+${f.postScriptName}`;
    const descriptor = this.add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${f.bbox.map(scale).join(' ')}] ` +
      `/ItalicAngle ${f.italicAngle} /Ascent ${scale(f.ascent)} /Descent ${scale(f.descent)} /CapHeight ${scale(f.capHeight)} ` +
      `/StemV 80 /FontFile2 ${fontFile} 0 R >>`,
    );
    const cidFont = this.add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 /W ${font.widths()} >>`,
    );
    const toUnicode = this.stream('', font.toUnicode());
    return this.add(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
  }

  /** The file: header, objects, cross-reference table, trailer. */
  serialize(root: number, info: number): Uint8Array {
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0]!.length;
    const offsets: number[] = [];
    this.objects.forEach((body, i) => {
      if (!body) throw new Error(`PDF object ${i + 1} was reserved but never written`);
      const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      offsets.push(offset);
      parts.push(chunk);
      offset += chunk.length;
    });
    const id = createHash('md5').update(Buffer.concat(parts)).digest('hex');
    const xref = [
      'xref',
      `0 ${this.objects.length + 1}`,
      '0000000000 65535 f ',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
      'trailer',
      `<< /Size ${this.objects.length + 1} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>`,
      'startxref',
      String(offset),
      '%%EOF',
      '',
    ].join('\n');
    parts.push(Buffer.from(xref, 'latin1'));
    return new Uint8Array(Buffer.concat(parts));
  }
}
