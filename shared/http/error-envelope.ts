// The one place an error becomes an HTTP answer (docs/requirements.md R-API-ERRORS): a typed
// domain error answers its kind's status (error-status.ts) with its code, message and details in
// the envelope `{"error":{"code","message","details?"}}`; anything else is not the client's fault:
// it is logged (what failed, never request data) and answers a generic 500 INTERNAL_ERROR.
import { DomainError, isDomainError } from '../errors/domain-error';
import type { ApiMiddleware } from './context';
import { httpStatusOf } from './error-status';
import { logger } from './logger';
import { toResponse, type HttpResult } from './response';

/** The envelope of a domain error, with its status. */
export const errorResult = (error: DomainError): HttpResult => ({
  status: httpStatusOf(error),
  body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
});

const internalError = () => new DomainError('internal', 'INTERNAL_ERROR', 'Something went wrong on our side');

/**
 * Used after the header middlewares so that its onError runs before theirs: it sets the response
 * and returns nothing, so CORS, security headers, x-request-id and the log line still follow.
 */
export const errorEnvelope = (): ApiMiddleware => ({
  onError: (request) => {
    const { error, event, context } = request;
    if (!isDomainError(error)) {
      logger.error('Unhandled error', { requestId: context.requestId, routeKey: event.routeKey, error: error as Error });
    }
    request.response = toResponse(errorResult(isDomainError(error) ? error : internalError()));
  },
});
