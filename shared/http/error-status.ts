// The one place a domain error kind becomes an HTTP status (docs/requirements.md R-API-ERRORS).
import type { ErrorKind } from '../errors/domain-error';

export const HTTP_STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  unprocessable: 422,
  internal: 500,
  unavailable: 503,
};

export const httpStatusOf = (error: { kind: ErrorKind }): number => HTTP_STATUS_OF_KIND[error.kind];
