// The encoder of the `qrcode` package without its PNG/SVG/terminal renderers (and their 30 KB
// of pngjs): the slips and the officials' authenticator enrolment draw the module matrix themselves.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface BitMatrix {
    size: number;
    /** Row-major, 1 = dark module. */
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix; version: number };
}
