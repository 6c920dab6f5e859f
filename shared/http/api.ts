// The HTTP stack every API function shares (docs/requirements.md R-API-ERRORS, R-API-REQUEST-ID):
// body parsing with 413/415/400, zod validation with field paths, the route's auth rule, the error
// envelope, x-request-id, CORS, security headers and one structured log line per request.
import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { authorize, principalOf, type Principal } from '../auth/principal';
import { routeKey } from '../platform/naming';
import type { RouteDecl, RouteRequest } from '../platform/types';
import { corsMiddleware } from './cors';
import { badRequest, DomainError, tooLarge, unsupportedType, type ErrorDetail } from '../errors/domain-error';
import { httpStatusOf } from './error-status';
import { logger } from './logger';

export const MAX_BODY_BYTES = 1024 * 1024;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<Req extends RouteRequest> {
  params: Out<Req['params']>;
  query: Out<Req['query']>;
  body: Out<Req['body']>;
  headers: Out<Req['headers']>;
  principal: Principal;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary body (a PDF) instead of JSON: sent base64-encoded, as API Gateway expects. */
  file?: { contentType: string; bytes: Uint8Array; fileName: string };
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 201, body, headers });

export interface RouteImpl {
  route: RouteDecl;
  run: (input: RouteInput<RouteRequest>) => Promise<HttpResult>;
}

/** Binds an implementation to its declared route; input types come from the route's schemas. */
export const implement = <Req extends RouteRequest>(
  route: RouteDecl<Req>,
  run: (input: RouteInput<Req>) => Promise<HttpResult>,
): RouteImpl => ({ route: route as RouteDecl, run: run as RouteImpl['run'] });

const issuesToDetails = (where: string, issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));

type Part = 'params' | 'query' | 'body' | 'headers';

/** Validates every part of the request, so one 400 lists every bad field at once. */
const validateAll = async (request: RouteRequest, raw: Record<Part, unknown>) => {
  const parts: Part[] = ['params', 'query', 'body', 'headers'];
  const details: ErrorDetail[] = [];
  const values: Partial<Record<Part, unknown>> = {};
  for (const part of parts) {
    const schema = request[part];
    if (!schema) continue;
    const result = await schema.safeParseAsync(raw[part]);
    if (result.success) values[part] = result.data;
    else details.push(...issuesToDetails(part, result.error.issues));
  }
  if (details.length) throw badRequest('VALIDATION_FAILED', 'The request is not valid', details);
  return values;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
export const requestIdOf = (event: APIGatewayProxyEventV2): string => {
  const given = event.headers?.['x-request-id'];
  return given && REQUEST_ID.test(given) ? given : event.requestContext?.requestId ?? crypto.randomUUID();
};

const lowerCaseHeaders = (headers: APIGatewayProxyEventV2['headers'] | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

const parseBody = (event: APIGatewayProxyEventV2): unknown => {
  const raw = event.body;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw tooLarge('PAYLOAD_TOO_LARGE', `The body must be at most ${MAX_BODY_BYTES} bytes`);
  }
  const type = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/.test(type)) {
    throw unsupportedType('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('INVALID_JSON', 'The body is not valid JSON');
  }
};

const errorResult = (error: DomainError): HttpResult => ({
  status: httpStatusOf(error),
  body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
});

/** A document to download, e.g. a receipt PDF. */
export const fileResult = (contentType: string, bytes: Uint8Array, fileName: string): HttpResult => ({ status: 200, file: { contentType, bytes, fileName } });

const toResponse = (result: HttpResult, requestId: string): APIGatewayProxyStructuredResultV2 => result.file ? {
  statusCode: result.status,
  headers: {
    'content-type': result.file.contentType,
    'content-disposition': `attachment; filename="${result.file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'private, no-store',
    ...result.headers,
    'x-request-id': requestId,
  },
  body: Buffer.from(result.file.bytes).toString('base64'),
  isBase64Encoded: true,
} : ({
  statusCode: result.status,
  headers: {
    ...(result.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'cache-control': 'no-store',
    ...result.headers,
    'x-request-id': requestId,
  },
  body: result.body === undefined ? '' : JSON.stringify(result.body),
});

/** Runs last: one spelling for header names, whichever middleware set them. */
const lowerCaseResponseHeaders: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  after: (request) => {
    const response = request.response;
    if (response?.headers) {
      response.headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    }
  },
};

export type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

/**
 * The Lambda handler of one capability: dispatches on the API Gateway route key to the
 * implementations given. A route of this function with no implementation is a startup error.
 */
export const createApiHandler = (impls: readonly RouteImpl[], options: { fallback?: RouteImpl['run'] } = {}): ApiHandler => {
  const byKey = new Map(impls.map((i) => [routeKey(i.route.method, i.route.path), i]));

  const dispatch = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = performance.now();
    const requestId = requestIdOf(event);
    const impl = byKey.get(event.routeKey);
    let result: HttpResult;
    try {
      const principal = principalOf(event);
      if (!impl) {
        if (!options.fallback) throw new DomainError('not_found', 'ROUTE_NOT_FOUND', 'No such route');
        result = await options.fallback({ params: undefined, query: undefined, body: undefined, headers: undefined, principal, requestId, event });
      } else {
        const { request } = impl.route;
        authorize(impl.route.auth, principal);
        const values = await validateAll(request, {
          params: event.pathParameters ?? {},
          query: event.queryStringParameters ?? {},
          body: request.body ? parseBody(event) : undefined,
          headers: lowerCaseHeaders(event.headers),
        });
        result = await impl.run({
          ...values,
          principal,
          requestId,
          event,
        } as RouteInput<RouteRequest>);
      }
    } catch (error) {
      if (error instanceof DomainError) {
        result = errorResult(error);
      } else {
        // Not the client's fault: log what failed (no request data) and answer a generic 500.
        logger.error('Unhandled error', { requestId, routeKey: event.routeKey, error: error as Error });
        result = errorResult(new DomainError('internal', 'INTERNAL_ERROR', 'Something went wrong on our side'));
      }
    }
    logger.info('request', {
      requestId,
      routeKey: event.routeKey,
      status: result.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
    return toResponse(result, requestId);
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(dispatch)
    .use(lowerCaseResponseHeaders)
    .use(httpSecurityHeaders({ contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'" } }))
    .use(corsMiddleware());
};
