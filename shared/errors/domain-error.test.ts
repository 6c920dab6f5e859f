import { describe, expect, it } from 'vitest';
import { badRequest, conflict, type DomainError, forbidden, isDomainError, isErrorKind, notFound, tooLarge, unauthenticated, unavailable, unprocessable, unsupportedType, type ErrorKind } from './domain-error';
import { HTTP_STATUS_OF_KIND, httpStatusOf } from '../http/error-status';

describe('domain errors', () => {
  it('say what went wrong by kind and code; each maker gives its kind', () => {
    const made: Array<[DomainError, ErrorKind, string]> = [
      [badRequest('VALIDATION_FAILED', 'bad', [{ path: 'body.x', message: 'is required' }]), 'invalid', 'VALIDATION_FAILED'],
      [unauthenticated(), 'unauthenticated', 'UNAUTHENTICATED'],
      [unauthenticated('stale', 'STALE_CALLBACK'), 'unauthenticated', 'STALE_CALLBACK'],
      [forbidden(), 'forbidden', 'FORBIDDEN'],
      [notFound('Dossier'), 'not_found', 'NOT_FOUND'],
      [conflict('INVALID_STATE', 'no'), 'conflict', 'INVALID_STATE'],
      [unprocessable('UNKNOWN_COMPONENT', 'no'), 'unprocessable', 'UNKNOWN_COMPONENT'],
      [tooLarge('FILE_TOO_LARGE', 'no'), 'too_large', 'FILE_TOO_LARGE'],
      [unsupportedType('UNSUPPORTED_FILE_TYPE', 'no'), 'unsupported_type', 'UNSUPPORTED_FILE_TYPE'],
      [unavailable('PAYMENTS_UNAVAILABLE', 'no'), 'unavailable', 'PAYMENTS_UNAVAILABLE'],
    ];
    for (const [error, kind, code] of made) {
      expect(error).toBeInstanceOf(Error);
      expect({ kind: error.kind, code: error.code }).toEqual({ kind, code });
      expect(isDomainError(error)).toBe(true);
      expect(isErrorKind(error, kind)).toBe(true);
    }
    expect(notFound('Dossier').message).toBe('Dossier was not found');
    expect(badRequest('X', 'y', [{ path: 'a', message: 'b' }]).details).toEqual([{ path: 'a', message: 'b' }]);
  });

  it('tell a domain error from any other error', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isErrorKind(new Error('conflict'), 'conflict')).toBe(false);
    expect(isErrorKind(notFound('x'), 'conflict')).toBe(false);
  });

  it('map to HTTP statuses once, each kind to a distinct status', () => {
    expect(httpStatusOf(conflict('A', 'b'))).toBe(409);
    expect(httpStatusOf(notFound('x'))).toBe(404);
    expect(httpStatusOf(unavailable('A', 'b'))).toBe(503);
    const statuses = Object.values(HTTP_STATUS_OF_KIND);
    expect(new Set(statuses).size).toBe(statuses.length);
  });
});
