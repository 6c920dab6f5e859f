// What a route implementation answers (an HttpResult), and how it goes to API Gateway: JSON, or a
// file such as a receipt PDF sent base64-encoded. `x-request-id` and the CORS and security headers
// are added by their own middlewares.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary body (a PDF) instead of JSON: sent base64-encoded, as API Gateway expects. */
  file?: { contentType: string; bytes: Uint8Array; fileName: string };
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 201, body, headers });
/** Taken, to be processed later (queued): 202 with what was taken. */
export const accepted = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 202, body, headers });

/** A document to download, e.g. a receipt PDF. */
export const fileResult = (contentType: string, bytes: Uint8Array, fileName: string): HttpResult => ({ status: 200, file: { contentType, bytes, fileName } });
/** A rendered PDF (a slip, a receipt) to download. */
export const pdfResult = (pdf: { bytes: Uint8Array; fileName: string }): HttpResult => fileResult('application/pdf', pdf.bytes, pdf.fileName);

/** Only characters no browser or header parser reads differently. */
const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** The result as API Gateway takes it; the route's own headers win over the defaults. */
export const toResponse = (result: HttpResult): APIGatewayProxyStructuredResultV2 => result.file ? {
  statusCode: result.status,
  headers: {
    'content-type': result.file.contentType,
    'content-disposition': `attachment; filename="${safeFileName(result.file.fileName)}"`,
    'cache-control': 'private, no-store',
    ...result.headers,
  },
  body: Buffer.from(result.file.bytes).toString('base64'),
  isBase64Encoded: true,
} : {
  statusCode: result.status,
  headers: {
    ...(result.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'cache-control': 'no-store',
    ...result.headers,
  },
  body: result.body === undefined ? '' : JSON.stringify(result.body),
};
