// Errors a handler may throw; the HTTP stack turns each into the envelope of docs/requirements.md R-API-ERRORS.
export interface ErrorDetail { path: string; message: string }

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details);
export const unauthenticated = (message = 'Sign in to use this route') =>
  new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'You may not use this route') =>
  new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(422, code, message, details);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
