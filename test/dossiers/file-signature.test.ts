// The magic-byte sniffer the post-upload check relies on: each known signature, inputs too short to
// tell, and declared types that the bytes contradict.
import { describe, expect, it } from 'vitest';
import { contentMatchesType, SNIFF_BYTES, sniffMediaType } from '../../shared/uploads/file-signature';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], 'IHDR');
const WEBP = bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'WEBPVP8 ');

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', PDF, 'application/pdf'],
    ['a PDF header alone', bytes('%PDF-'), 'application/pdf'],
    ['a JPEG (JFIF)', JPEG, 'image/jpeg'],
    ['a JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image/jpeg'],
    ['a PNG', PNG, 'image/png'],
    ['a WebP', WEBP, 'image/webp'],
    ['empty input', bytes(), null],
    ['a truncated PDF header', bytes('%PDF'), null],
    ['a truncated JPEG header', bytes([0xff, 0xd8]), null],
    ['a truncated PNG header', PNG.slice(0, 7), null],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
    ['a RIFF cut before its form type', bytes('RIFF', [0x24, 0, 0, 0], 'WEB'), null],
    ['lower-case %pdf-', bytes('%pdf-1.4'), null],
    ['a PDF header not at offset 0', bytes(' %PDF-1.4'), null],
    ['a Windows executable', bytes('MZ', [0x90, 0x00, 0x03, 0x00]), null],
    ['a ZIP (e.g. .docx)', bytes('PK', [0x03, 0x04, 0x14, 0x00]), null],
    ['plain text', bytes('hello, world'), null],
  ])('%s', (_, input, expected) => {
    expect(sniffMediaType(input)).toBe(expected);
  });

  it('SNIFF_BYTES covers every signature', () => {
    for (const sample of [PDF, JPEG, PNG, WEBP]) {
      expect(sniffMediaType(sample.slice(0, SNIFF_BYTES))).toBe(sniffMediaType(sample));
    }
    expect(SNIFF_BYTES).toBeGreaterThanOrEqual(12);
  });
});

describe('contentMatchesType', () => {
  it.each([
    ['a PDF declared as PDF', PDF, 'application/pdf', true],
    ['a JPEG declared as JPEG', JPEG, 'image/jpeg', true],
    ['a PNG declared as PNG', PNG, 'image/png', true],
    ['a WebP declared as WebP', WEBP, 'image/webp', true],
    ['parameters and case in the declaration are ignored', PDF, 'Application/PDF; charset=binary', true],
    ['a PNG declared as PDF', PNG, 'application/pdf', false],
    ['a PDF declared as PNG', PDF, 'image/png', false],
    ['a JPEG declared as PNG', JPEG, 'image/png', false],
    ['a PNG declared as JPEG', PNG, 'image/jpeg', false],
    ['an executable declared as PDF', bytes('MZ', [0x90, 0x00]), 'application/pdf', false],
    ['empty input declared as PDF', bytes(), 'application/pdf', false],
    ['a truncated PNG declared as PNG', PNG.slice(0, 4), 'image/png', false],
    // A type with no known signature never matches: accepting it means adding its signature.
    ['a ZIP declared as application/zip', bytes('PK', [0x03, 0x04]), 'application/zip', false],
    ['a PDF declared as application/octet-stream', PDF, 'application/octet-stream', false],
    ['anything declared as an empty type', PDF, '', false],
  ])('%s', (_, input, declared, expected) => {
    expect(contentMatchesType(input, declared)).toBe(expected);
  });
});
