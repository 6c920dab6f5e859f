// Errors the domain and its use cases throw. They say what went wrong in the domain's words (a
// kind and a stable code), never an HTTP status: shared/http/error-envelope.ts maps each kind to
// its status once, at the edge (docs/requirements.md R-API-ERRORS).
export interface ErrorDetail { path: string; message: string }

/** What kind of failure, as the caller should understand it. */
export type ErrorKind =
  /** The request itself is malformed or fails validation. */
  | 'invalid'
  /** No (valid) identity was presented. */
  | 'unauthenticated'
  /** The identity may not do this. */
  | 'forbidden'
  /** The thing does not exist, or the caller may not know that it does. */
  | 'not_found'
  /** Not allowed in the thing's current state, or lost a race with another change. */
  | 'conflict'
  /** Well-formed, but the domain's rules refuse it. */
  | 'unprocessable'
  /** A body or a declared file is larger than allowed. */
  | 'too_large'
  /** A body or a declared file is of a type not accepted. */
  | 'unsupported_type'
  /** The path exists but not with this method. */
  | 'method_not_allowed'
  /** A dependency (a payment provider, a configuration) is not available now. */
  | 'unavailable'
  /** Not the caller's fault. */
  | 'internal';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
/** True when `e` is a domain error of this kind (e.g. a lost race: `conflict`). */
export const isErrorKind = (e: unknown, kind: ErrorKind): e is DomainError => e instanceof DomainError && e.kind === kind;

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError('invalid', code, message, details);
export const unauthenticated = (message = 'Sign in to use this route', code = 'UNAUTHENTICATED') =>
  new DomainError('unauthenticated', code, message);
export const forbidden = (message = 'You may not use this route', code = 'FORBIDDEN') =>
  new DomainError('forbidden', code, message);
export const notFound = (what: string) => new DomainError('not_found', 'NOT_FOUND', `${what} was not found`);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError('conflict', code, message, details);
export const unprocessable = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError('unprocessable', code, message, details);
export const tooLarge = (code: string, message: string) => new DomainError('too_large', code, message);
export const unsupportedType = (code: string, message: string) => new DomainError('unsupported_type', code, message);
export const unavailable = (code: string, message: string) => new DomainError('unavailable', code, message);
