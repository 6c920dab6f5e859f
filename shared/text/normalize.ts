// Vietnamese-aware text normalisation for search (pure, shared by the catalogue and the FAQ search).
// "Đăng ký khai sinh", "dang ky khai sinh" and "ĐĂNG  KÝ KHAI SINH" all become the tokens
// ["dang", "ky", "khai", "sinh"].

const COMBINING_MARKS = /\p{M}+/gu;
const D_STROKE = /[đĐ]/g;
const WORD = /^[\p{L}\p{N}]+$/u;

/** NFD, strip combining marks (tones, hooks, breves), `đ/Đ → d`, lower-case. */
export const normalizeText = (text: string): string =>
  text.normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd').toLowerCase();

/**
 * What one code point becomes: its normalised letters/digits, '' for a combining mark (it joins,
 * it does not split), or null for a separator. Computed once per distinct code point.
 */
const folded = new Map<number, string | null>();
const fold = (codePoint: number): string | null => {
  let out = folded.get(codePoint);
  if (out === undefined) {
    const n = normalizeText(String.fromCodePoint(codePoint));
    out = n === '' || WORD.test(n) ? n : null;
    if (folded.size < 20_000) folded.set(codePoint, out);
  }
  return out;
};

/**
 * Normalised tokens in order (duplicates kept): runs of letters and digits after normalizeText,
 * split on anything else. Equivalent (up to context-sensitive lower-casing such as a final sigma) to `normalizeText(text).split(/[^\p{L}\p{N}]+/u)` without
 * empty strings, but per code point with a cache (no whole-string NFD per call).
 */
export const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let piece: string | null;
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) piece = text[i]!;
      else if (c >= 0x41 && c <= 0x5a) piece = String.fromCharCode(c + 32);
      else piece = null;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      piece = fold(cp);
    }
    if (piece === null) {
      if (current) { tokens.push(current); current = ''; }
    } else {
      current += piece;
    }
  }
  if (current) tokens.push(current);
  return tokens;
};
