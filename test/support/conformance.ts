// Every API response a test receives is checked against the OpenAPI document: the status must be
// declared for the operation, the content type must be one it declares, a JSON body must validate
// against the declared schema (ajv, JSON Schema 2020-12, the dialect OpenAPI 3.1 uses) and the
// response must carry x-request-id (docs/api.md). A mismatch fails the test that made the request.
// test/support/runtime-env.ts installs the check on fetch for the local gateway's /v1 routes;
// test/support/invoke.ts applies it to handlers called directly.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { portalBaseUrl } from '../../shared/config';
import { platform } from '../../shared/platform';
import { matchRoute } from '../../shared/platform/match';
import { buildOpenApi } from '../../shared/platform/openapi';
import type { RouteDecl } from '../../shared/platform/types';

/** The environment variable naming the directory where each test file leaves its tally. */
export const TALLY_DIR_ENV = 'DVC_CONTRACT_TALLY_DIR';

const DOCUMENT_ID = 'openapi.json';

type Json = Record<string, unknown>;
interface ResponseObject { description?: string; content?: Record<string, { schema?: unknown }> }
interface OperationObject { operationId?: string; responses?: Record<string, ResponseObject> }

/** One response as the client saw it. */
export interface ObservedResponse {
  method: string;
  /** The request's path, without the query string. */
  path: string;
  status: number;
  headers: { get(name: string): string | null };
  /** The body's text when it is JSON; for other types a note of its size (undefined or '' when empty). */
  body: string | undefined;
}

export interface Verdict {
  /** `operationId`, or `$default` for a path no route declares. */
  operation: string;
  problems: string[];
}

export class ContractMismatch extends Error {
  override name = 'ContractMismatch';
}

const isJson = (mediaType: string) => /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);
const mediaTypeOf = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();
const pointerEscape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const describeError = (e: ErrorObject) => {
  const where = `body${e.instancePath}`;
  const params = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})`
    : e.keyword === 'enum' || e.keyword === 'const' ? ` ${JSON.stringify(e.params)}`
    : '';
  return `${where} ${e.message ?? e.keyword}${params}`;
};

/** API Gateway answers some requests itself (authorizer refusals, limits) with `{"message"}` and no x-request-id. */
const isGatewayOwnAnswer = (body: unknown, headers: ObservedResponse['headers']) =>
  typeof body === 'object' && body !== null && !('error' in body) && typeof (body as Json).message === 'string' && headers.get('apigw-requestid') !== null;

/**
 * A checker for one OpenAPI 3.1 document: one ajv holding the whole document, a validator compiled
 * per operation, status and content type the first time a response needs it.
 */
export const createConformance = (document: Json, routes: readonly RouteDecl[]) => {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // The document's own top-level fields are not JSON Schema keywords; strict mode would refuse them.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'security', 'tags', 'webhooks', 'externalDocs', 'jsonSchemaDialect']);
  ajv.addSchema(document, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
      if (!validate) throw new Error(`No schema at ${pointer} in the OpenAPI document`);
      validators.set(pointer, validate);
    }
    return validate;
  };
  const paths = (document.paths ?? {}) as Record<string, Record<string, OperationObject>>;

  /** What a path no route declares gets: 404, or 405 for a known path, in the error envelope. */
  const defaultResponses = (kind: 'none' | 'method-not-allowed'): Record<string, ResponseObject> => ({
    [kind === 'none' ? '404' : '405']: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  });

  const check = (observed: ObservedResponse): Verdict => {
    const method = observed.method.toUpperCase();
    const match = matchRoute(routes, method, observed.path);
    let operation: string;
    let responses: Record<string, ResponseObject>;
    let pointerBase: string | undefined;
    if (match.kind === 'route') {
      const op = paths[match.route.path]?.[method.toLowerCase()];
      if (!op) return { operation: match.route.id, problems: [`${method} ${match.route.path} is not in the OpenAPI document`] };
      operation = op.operationId ?? match.route.id;
      responses = op.responses ?? {};
      pointerBase = `/paths/${pointerEscape(match.route.path)}/${method.toLowerCase()}/responses`;
    } else {
      operation = '$default';
      responses = defaultResponses(match.kind);
    }

    const problems: string[] = [];
    const status = String(observed.status);
    const declared = responses[status];
    if (!declared) {
      problems.push(`status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`);
      return { operation, problems };
    }

    const mediaType = mediaTypeOf(observed.headers.get('content-type'));
    const declaredTypes = Object.keys(declared.content ?? {});
    const empty = observed.body === undefined || observed.body === '';
    let body: unknown;
    if (declaredTypes.length === 0) {
      if (!empty) problems.push(`a body (${mediaType || 'no content type'}) where the document declares none`);
    } else if (!declaredTypes.includes(mediaType)) {
      problems.push(`content type ${mediaType || '(none)'} is not declared (declared: ${declaredTypes.join(', ')})`);
    } else if (isJson(mediaType)) {
      try {
        body = JSON.parse(observed.body ?? '');
      } catch {
        problems.push('the body is not valid JSON');
      }
      if (body !== undefined) {
        const validate = validatorAt(pointerBase
          ? `${pointerBase}/${status}/content/${pointerEscape(mediaType)}/schema`
          : '/components/schemas/Error');
        if (!validate(body)) problems.push(...(validate.errors ?? []).map(describeError));
      }
    }

    if (!observed.headers.get('x-request-id') && !isGatewayOwnAnswer(body, observed.headers)) {
      problems.push('no x-request-id header');
    }
    return { operation, problems };
  };

  return { check };
};

const trim = (text: string | undefined, max = 600) =>
  text === undefined ? '(empty)' : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/** The message a mismatch fails its test with. */
export const mismatchMessage = (observed: ObservedResponse, verdict: Verdict) =>
  `contract: ${verdict.operation} (${observed.method.toUpperCase()} ${observed.path}) answered ${observed.status}, ` +
  `which does not match the OpenAPI document:\n  - ${verdict.problems.join('\n  - ')}\n  body: ${trim(observed.body)}`;

// ---------------------------------------------------------------------------------------------
// The test run's checker and its tally

let runChecker: ReturnType<typeof createConformance> | undefined;
const tally = { validated: 0, mismatches: [] as string[], answered: new Set<string>() };

/** Builds the run's checker from the portal's own document (once per worker; the setup file awaits it). */
export const prepareConformance = async () => {
  runChecker ??= createConformance(await buildOpenApi(platform, { version: 'test', contactUrl: portalBaseUrl() }), platform.routes);
};

/**
 * Checks one response against the portal's own document (built from the declaration, as
 * GET /v1/openapi.json serves it) and counts it; throws ContractMismatch when it does not match.
 */
export const assertConforms = (observed: ObservedResponse) => {
  if (!runChecker) throw new Error('the contract check is not ready: await prepareConformance() first (test/support/runtime-env.ts does)');
  const verdict = runChecker.check(observed);
  tally.validated++;
  tally.answered.add(`${verdict.operation} ${observed.status}`);
  if (verdict.problems.length === 0) return;
  const message = mismatchMessage(observed, verdict);
  tally.mismatches.push(message);
  throw new ContractMismatch(message);
};

/** One test file's part of the tally: responses checked, mismatches, and `<operation> <status>` pairs seen. */
export interface TallyLine { file: string; validated: number; mismatches: string[]; answered: string[] }

/** Adds this test file's counts to the run's tally directory (summed by test/global-setup.ts). */
export const flushTally = (file: string) => {
  const dir = process.env[TALLY_DIR_ENV];
  if (!dir || tally.validated === 0) return;
  const line: TallyLine = { file, validated: tally.validated, mismatches: tally.mismatches, answered: [...tally.answered] };
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
  tally.validated = 0;
  tally.mismatches = [];
  tally.answered.clear();
};

/** What ObservedResponse.body holds for a body that is not JSON: its size, not its bytes. */
export const binaryBody = (byteLength: number, contentType: string | null) =>
  byteLength === 0 ? undefined : `(${byteLength} bytes of ${contentType ?? 'no content type'})`;

const bodyOf = async (response: Response) => {
  if (isJson(mediaTypeOf(response.headers.get('content-type')))) return response.clone().text();
  return binaryBody((await response.clone().arrayBuffer()).byteLength, response.headers.get('content-type'));
};

/**
 * Wraps global fetch: responses from `baseUrl`'s /v1 routes are checked before the caller gets
 * them (the body stays readable: the check reads a clone).
 */
export const checkFetchResponses = (baseUrl: string, assert: (observed: ObservedResponse) => void = assertConforms) => {
  const original = globalThis.fetch;
  const prefix = `${baseUrl.replace(/\/$/, '')}/v1/`;
  const checked: typeof fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(prefix)) return response;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    // A CORS preflight is answered by API Gateway's CORS configuration before any route: it is
    // no operation of the document (test/local/gateway-cors.test.ts holds it to the declaration).
    if (method.toUpperCase() === 'OPTIONS') return response;
    assert({ method, path: new URL(url).pathname, status: response.status, headers: response.headers, body: await bodyOf(response) });
    return response;
  };
  globalThis.fetch = checked;
  return () => { globalThis.fetch = original; };
};
