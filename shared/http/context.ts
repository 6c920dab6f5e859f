// What the kit's middlewares establish for the ones after them and for the route implementation
// (docs/operations.md "The HTTP kit"). middy hands values to a handler on the Lambda context
// (as its own middlewares do with `setToContext`); the event stays exactly as API Gateway sent it.
// Every field is optional because a Lambda context arrives without them: the middleware named
// beside each one fills it on every request that gets that far.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Principal } from '../auth/principal';

/** The parts of a request a route declares schemas for. */
export type RequestPart = 'params' | 'query' | 'body' | 'headers';

export interface ApiContext extends Context {
  /** request-log.ts: the id answered as `x-request-id` and logged. */
  requestId?: string;
  /** authorization.ts (`callerPrincipal`), or a later middleware that proves more (signed bodies). */
  principal?: Principal;
  /** json-body.ts: the body parsed as JSON, on routes that declare a body. */
  jsonBody?: unknown;
  /** validation.ts: the route's request parts, validated. */
  validated?: Partial<Record<RequestPart, unknown>>;
}

/** A middleware of the API kit: API Gateway v2 events in, structured results out. */
export type ApiMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>;

/** A handler of the kit (the router, one route's chain): what the Lambda handler of a function calls. */
export type ApiRouteHandler = (event: APIGatewayProxyEventV2, context: ApiContext) => Promise<APIGatewayProxyStructuredResultV2>;
