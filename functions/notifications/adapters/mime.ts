// A raw MIME e-mail (RFC 5322, 2045–2047): text and HTML alternatives and, for a slip, its PDF
// attached. SES sends it as is (SendEmail with raw content), which is how an attachment travels.
// Pure; headers are ASCII (RFC 2047 encoded words for Vietnamese), bodies base64.
import { randomUUID } from 'node:crypto';

export interface RawEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  attachment?: { fileName: string; contentType: string; bytes: Uint8Array };
  date?: Date;
  /** Boundary seed (tests); random otherwise. */
  boundary?: string;
}

const CRLF = '\r\n';

/** Base64 in lines of 76 characters. */
const base64Lines = (data: Uint8Array | string): string =>
  (Buffer.from(data as Uint8Array).toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);

/**
 * A header value: as is when printable ASCII, else RFC 2047 encoded words (UTF-8, base64) of at
 * most 75 characters each, never splitting a character.
 */
export const encodeHeader = (value: string): string => {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    // 45 bytes encode to 60 base64 characters: with "=?UTF-8?B?" and "?=", 72 ≤ 75.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
};

const assertAddress = (address: string) => {
  if (!/^[^\s<>@",;]+@[^\s<>@",;]+$/.test(address)) throw new Error('Invalid e-mail address');
  return address;
};

/** The message as a string with CRLF line ends, ready for SES `Content.Raw.Data`. */
export const buildRawEmail = (m: RawEmail): string => {
  const boundary = m.boundary ?? randomUUID().replace(/-/g, '');
  const mixed = `mixed-${boundary}`;
  const alternative = `alt-${boundary}`;
  const headers = [
    `From: ${encodeHeader(m.from.name)} <${assertAddress(m.from.address)}>`,
    `To: ${assertAddress(m.to)}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    'MIME-Version: 1.0',
    'Auto-Submitted: auto-generated',
  ];
  const alternatives = [
    `--${alternative}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.text),
    `--${alternative}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.html),
    `--${alternative}--`,
  ];
  if (!m.attachment) {
    return [...headers, `Content-Type: multipart/alternative; boundary="${alternative}"`, '', ...alternatives, ''].join(CRLF);
  }
  const fileName = m.attachment.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    ...alternatives,
    `--${mixed}`,
    `Content-Type: ${m.attachment.contentType}; name="${fileName}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${fileName}"`,
    '',
    base64Lines(m.attachment.bytes),
    `--${mixed}--`,
    '',
  ].join(CRLF);
};
