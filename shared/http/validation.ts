// The route's zod schemas over params, query, body and headers (docs/requirements.md
// R-API-ERRORS). Every part is checked, so one 400 VALIDATION_FAILED lists every bad field, each
// with its path from the part (`body.nested.n`, `query.limit`).
import type { z } from 'zod';
import { badRequest, type ErrorDetail } from '../errors/domain-error';
import type { RouteRequest } from '../platform/types';
import type { ApiMiddleware, RequestPart } from './context';
import { lowerCaseHeaderNames } from './header-names';

const PARTS: readonly RequestPart[] = ['params', 'query', 'body', 'headers'];

const detailsOf = (part: RequestPart, issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  issues.map((issue) => ({ path: [part, ...issue.path.map(String)].join('.'), message: issue.message }));

/** The validated value of every part the route declares a schema for; one error for all that fail. */
export const validateRequest = async (schemas: RouteRequest, raw: Readonly<Record<RequestPart, unknown>>) => {
  const details: ErrorDetail[] = [];
  const values: Partial<Record<RequestPart, unknown>> = {};
  for (const part of PARTS) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = await schema.safeParseAsync(raw[part]);
    if (result.success) values[part] = result.data;
    else details.push(...detailsOf(part, result.error.issues));
  }
  if (details.length) throw badRequest('VALIDATION_FAILED', 'The request is not valid', details);
  return values;
};

/** Validates the request against the route's schemas into `context.validated` (the body from json-body.ts). */
export const requestValidation = (schemas: RouteRequest): ApiMiddleware => ({
  before: async ({ event, context }) => {
    context.validated = await validateRequest(schemas, {
      params: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      body: schemas.body ? context.jsonBody : undefined,
      headers: lowerCaseHeaderNames(event.headers),
    });
  },
});
