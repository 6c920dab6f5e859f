// The HTTP kit every API function is built with (docs/operations.md "The HTTP kit"): one middy
// middleware or utility per concern, each in its own file beside this one with its own test. This
// module is what capabilities use: `implement` a declared route, answer `ok`/`created`/
// `fileResult`, and `createApiHandler` to compose the function's handler from the middlewares.
import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import { routeKey } from '../platform/naming';
import type { RouteDecl, RouteRequest } from '../platform/types';
import { callerPrincipal, principalIn, routeAuthorization } from './authorization';
import type { ApiContext, ApiRouteHandler, RequestPart } from './context';
import { corsMiddleware } from './cors';
import { errorEnvelope } from './error-envelope';
import { lowerCaseResponseHeaders } from './header-names';
import { jsonBody } from './json-body';
import { requestIdOf, requestLogging } from './request-log';
import { toResponse, type HttpResult } from './response';
import { routeHandler } from './router';
import { requestValidation } from './validation';

export type { ApiContext, ApiMiddleware } from './context';
export { MAX_BODY_BYTES } from './json-body';
export { requestIdOf } from './request-log';
export { accepted, created, fileResult, ok, pdfResult, type HttpResult } from './response';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route implementation is given: the validated request, the caller and the request id. */
export interface RouteInput<Req extends RouteRequest> {
  params: Out<Req['params']>;
  query: Out<Req['query']>;
  body: Out<Req['body']>;
  headers: Out<Req['headers']>;
  principal: Principal;
  requestId: string;
  /** The event as API Gateway sent it (e.g. the raw body a provider signed). */
  event: APIGatewayProxyEventV2;
}

export interface RouteImpl {
  route: RouteDecl;
  run: (input: RouteInput<RouteRequest>) => Promise<HttpResult>;
}

/** Binds an implementation to its declared route; input types come from the route's schemas. */
export const implement = <Req extends RouteRequest>(
  route: RouteDecl<Req>,
  run: (input: RouteInput<Req>) => Promise<HttpResult>,
): RouteImpl => ({ route: route as RouteDecl, run: run as RouteImpl['run'] });

/** The end of a chain: the implementation, given what the middlewares before it established. */
const answerWith = (run: RouteImpl['run'], partsOf: (context: ApiContext) => Partial<Record<RequestPart, unknown>> | undefined): ApiRouteHandler =>
  async (event, context) => toResponse(await run({
    params: undefined, query: undefined, body: undefined, headers: undefined,
    ...partsOf(context),
    principal: principalIn(context),
    requestId: context.requestId ?? requestIdOf(event),
    event,
  } as RouteInput<RouteRequest>));

/** One route's chain, run by the router: its auth rule, then its body (if it declares one), then its schemas. */
const routeChain = ({ route, run }: RouteImpl): ApiRouteHandler => {
  // The function's chain already races the Lambda timeout; this inner one need not.
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>(
    answerWith(run, (context) => context.validated), { timeoutEarlyInMillis: 0 },
  ).use(routeAuthorization(route.auth));
  if (route.request.body) chain.use(jsonBody());
  return chain.use(requestValidation(route.request));
};

export type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;

/**
 * The Lambda handler of one capability. Middlewares in use order (befores run in this order,
 * afters and onErrors in the reverse): header names, security headers, CORS, the request log,
 * the error envelope, the caller; then the router and the route's own chain. A middleware a
 * capability adds with `.use(...)` runs after the caller is read and before the route's chain.
 */
export const createApiHandler = (impls: readonly RouteImpl[], options: { fallback?: RouteImpl['run'] } = {}): ApiHandler =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>()
    .use(lowerCaseResponseHeaders())
    .use(httpSecurityHeaders({ contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'" } }))
    .use(corsMiddleware())
    .use(requestLogging())
    .use(errorEnvelope())
    .use(callerPrincipal())
    .handler(routeHandler(
      impls.map((impl) => [routeKey(impl.route.method, impl.route.path), routeChain(impl)] as const),
      // The fallback sees no validated parts: no route declared them.
      options.fallback && answerWith(options.fallback, () => undefined),
    ));
