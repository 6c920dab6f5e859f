// Typed response bodies for test code: a body is read with the contract's zod schema
// (shared/contracts/*), the one the handler's route declares, so a test works with the contract's
// types instead of `any`, and a body that does not match fails with the fields that differ.
//
// The conformance check (test/support/conformance.ts) already holds every response to the OpenAPI
// document; this is about the values a test goes on to use. The body is returned as it came (after
// the schema accepted it), not as the parse rebuilt it: fields the schema does not know stay, so a
// test asserting that some field is absent still sees what was sent.
import * as z from 'zod';
import { ErrorEnvelope } from '../../shared/contracts/common';

/** A response as test/support/auth.ts `api()` and test/support/invoke.ts `invoke()` return it. */
export interface ParsedResponse {
  status: number;
  body: unknown;
}

const excerpt = (body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '(no body)' : text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

/** `body` checked against `schema`; throws with the schema's complaints and the body otherwise. */
export const parseBody = <S extends z.ZodType>(body: unknown, schema: S, what = 'response'): z.output<S> => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${what}: the body does not match the contract\n${z.prettifyError(parsed.error)}\nbody: ${excerpt(body)}`);
  return body as z.output<S>;
};

/**
 * The body of a response that must have `status`, typed by the contract's `schema`:
 * `const d = expectBody(await api('GET', `/v1/dossiers/${id}`, { token }), 200, Dossier)`.
 */
export const expectBody = <S extends z.ZodType>(res: ParsedResponse, status: number, schema: S, what = 'response'): z.output<S> => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${excerpt(res.body)}`);
  return parseBody(res.body, schema, `${what} (${status})`);
};

/** The JSON body of a fetch `Response`, typed by `schema` (for tests that call fetch themselves). */
export const readJson = async <S extends z.ZodType>(res: Response, schema: S, what = `${res.url || 'response'} (${res.status})`): Promise<z.output<S>> => {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what}: the body is not JSON: ${excerpt(text)}`);
  }
  return parseBody(body, schema, what);
};

/** The error of a refused request (the envelope `{ error: { code, message, details } }`, docs/api.md), checked for `status` and, when given, `code`. */
export const expectError = (res: ParsedResponse, status: number, code?: string): z.output<typeof ErrorEnvelope>['error'] => {
  const { error } = expectBody(res, status, ErrorEnvelope, 'refusal');
  if (code !== undefined && error.code !== code) throw new Error(`refusal: expected ${status} ${code}, got ${status} ${error.code}: ${error.message}`);
  return error;
};
