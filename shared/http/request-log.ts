// One structured log line per request (docs/operations.md "Logs") and its id (docs/requirements.md
// R-API-REQUEST-ID): a well-formed `x-request-id` from the client is kept, otherwise API Gateway's
// request id; it is answered in `x-request-id` and logged with the route key, the status and the
// duration. Powertools' Lambda-context injection adds the function's name, cold start and AWS
// request id to every line the function logs. Never the event: bodies, headers and claims carry
// personal data (docs/requirements.md R-REL-LOGS).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiMiddleware } from './context';
import { logger } from './logger';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export const requestIdOf = (event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string => {
  const given = event.headers?.['x-request-id'];
  return given && REQUEST_ID.test(given) ? given : event.requestContext?.requestId ?? crypto.randomUUID();
};

const durationSince = (started: number) => Math.round((performance.now() - started) * 100) / 100;

/** Sets `context.requestId`; on the way out answers it and logs the request, error or not. */
export const requestLog = (): ApiMiddleware => {
  const startedAt = new WeakMap<object, number>();
  const answered: NonNullable<ApiMiddleware['after']> = (request) => {
    const { event, context, response } = request;
    if (!response) return;
    context.requestId ??= requestIdOf(event);
    const requestId = context.requestId;
    response.headers = { ...response.headers, 'x-request-id': requestId };
    logger.info('request', {
      requestId,
      routeKey: event.routeKey,
      status: response.statusCode,
      durationMs: durationSince(startedAt.get(request) ?? performance.now()),
    });
  };
  return {
    before: (request) => {
      startedAt.set(request, performance.now());
      request.context.requestId = requestIdOf(request.event);
    },
    after: answered,
    onError: answered,
  };
};

/** The request log with the Lambda context on every line (the event itself is never logged). */
export const requestLogging = () => [injectLambdaContext(logger, { logEvent: false }), requestLog()];
