// What a file's first bytes say it is. Pure. A declared Content-Type is only the uploader's word:
// the post-upload check compares it with the file's magic bytes, so a renamed executable or an
// image declared as a PDF never counts as a document. Only the types the catalogue accepts are
// known here (PDF, JPEG, PNG, and WebP for photos); a declared type with no known signature never
// matches, so adding a type to a component's `accept` list means adding its signature here too.

export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

/** Leading bytes enough for every signature below. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly { type: SniffedType; test: (b: Uint8Array) => boolean }[] = [
  { type: 'application/pdf', test: (b) => startsWith(b, ascii('%PDF-')) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/webp', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
];

/** The type the bytes are, or null when none of the known signatures matches. */
export const sniffMediaType = (bytes: Uint8Array): SniffedType | null =>
  SIGNATURES.find((s) => s.test(bytes))?.type ?? null;

/** Whether the leading bytes are those of the declared media type (parameters and case ignored). */
export const contentMatchesType = (bytes: Uint8Array, declared: string): boolean => {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const sniffed = sniffMediaType(bytes);
  return sniffed !== null && sniffed === type;
};
