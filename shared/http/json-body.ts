// The request body of routes that declare one (docs/requirements.md R-API-ERRORS): at most
// MAX_BODY_BYTES (413), JSON only (415), well-formed (400 INVALID_JSON). The parsed value goes on
// the context for validation; the event keeps the raw body (a payment callback checks a signature
// over it).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest, tooLarge, unsupportedType } from '../errors/domain-error';
import type { ApiMiddleware } from './context';

export const MAX_BODY_BYTES = 1024 * 1024;

/** application/json and the structured `+json` types, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/([a-z.+-]*\+)?json\s*(;|$)/;

/** The body's bytes as the client sent them (API Gateway base64-encodes what it does not take for text). */
export const bodyBytes = (event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): Buffer => {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
};

/** The JSON value of the body, or undefined when there is none; domain errors for the rest. */
export const parseJsonBody = (event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>, maxBytes = MAX_BODY_BYTES): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const bytes = bodyBytes(event);
  if (bytes.byteLength > maxBytes) throw tooLarge('PAYLOAD_TOO_LARGE', `The body must be at most ${maxBytes} bytes`);
  const type = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (!JSON_MEDIA_TYPE.test(type)) throw unsupportedType('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('INVALID_JSON', 'The body is not valid JSON');
  }
};

/** Parses the body into `context.jsonBody`; used only on routes that declare a body. */
export const jsonBody = (): ApiMiddleware => ({
  before: ({ event, context }) => {
    context.jsonBody = parseJsonBody(event);
  },
});
