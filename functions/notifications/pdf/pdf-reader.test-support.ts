// Just enough PDF reading for the tests: the Flate streams of a file, its text through the font's
// ToUnicode map (what a viewer's copy or search gives), and the QR code's modules as drawn.
import { inflateSync } from 'node:zlib';

/** The decompressed content of every Flate stream, in file order. */
export const inflateStreams = (pdf: Uint8Array): Buffer[] => {
  const text = Buffer.from(pdf).toString('latin1');
  const out: Buffer[] = [];
  const re = /\/Length (\d+) >>\nstream\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    out.push(inflateSync(Buffer.from(pdf.subarray(start, start + Number(m[1])))));
  }
  return out;
};

/** Glyph id → text, from the ToUnicode CMap. */
export const toUnicodeMap = (streams: Buffer[]): Map<number, string> => {
  const cmap = streams.map((s) => s.toString('latin1')).find((s) => s.includes('beginbfchar'));
  if (!cmap) throw new Error('no ToUnicode CMap');
  const map = new Map<number, string>();
  for (const m of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)) {
    const units = m[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    map.set(parseInt(m[1]!, 16), String.fromCharCode(...units));
  }
  return map;
};

/** The page content streams (those that draw text). */
export const contentStreams = (streams: Buffer[]): string[] =>
  streams.map((s) => s.toString('latin1')).filter((s) => /\bBT\b/.test(s) && !s.includes('begincmap'));

/** Every glyph id shown by a Tj operator, per page. */
export const shownGlyphs = (content: string): number[] =>
  [...content.matchAll(/<([0-9a-f]*)> Tj/gi)].flatMap((m) => (m[1]!.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** The text of the pages, one text run per space-separated piece. */
export const extractText = (pdf: Uint8Array): string => {
  const streams = inflateStreams(pdf);
  const map = toUnicodeMap(streams);
  return contentStreams(streams)
    .flatMap((content) => [...content.matchAll(/<([0-9a-f]*)> Tj/gi)].map((m) => (m[1]!.match(/.{4}/g) ?? []).map((h) => map.get(parseInt(h, 16)) ?? '\uFFFD').join('')))
    .join(' ');
};

/** The QR matrix as drawn: rectangles inside `/QR BMC … EMC`, put back on the module grid. */
export const drawnQr = (pdf: Uint8Array): { size: number; dark: boolean[] } => {
  const content = contentStreams(inflateStreams(pdf)).find((c) => c.includes('/QR BMC'));
  if (!content) throw new Error('no QR code section');
  const section = content.slice(content.indexOf('/QR BMC'), content.indexOf('EMC', content.indexOf('/QR BMC')));
  const rects = [...section.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
  const module = Math.min(...rects.map((r) => r[3]));
  const left = Math.min(...rects.map((r) => r[0]));
  const top = Math.max(...rects.map((r) => r[1] + r[3]));
  const right = Math.max(...rects.map((r) => r[0] + r[2]));
  const size = Math.round((right - left) / module);
  const dark = new Array<boolean>(size * size).fill(false);
  for (const [x, y, w, h] of rects) {
    const row = Math.round((top - (y + h)) / module);
    const col = Math.round((x - left) / module);
    for (let i = 0; i < Math.round(w / module); i++) dark[row * size + col + i] = true;
  }
  return { size, dark };
};
