import { describe, expect, it } from 'vitest';
import {
  DOSSIER_STATUSES, isClosed, isFinished, isRunning, statusCode, statusFromCode,
} from './dossier-status';

describe('status wire codes (R-DOSSIER-STATUS)', () => {
  it.each([
    ['draft', null], ['submitted', 1], ['received', 2], ['not_received', 3], ['processing', 4],
    ['supplement_requested', 5], ['payment_required', 6], ['withdrawn', 7], ['stopped', 8], ['done', 9], ['returned', 10],
  ] as const)('%s ↔ %s', (status, code) => {
    expect(statusCode(status)).toBe(code);
    if (code !== null) {
      expect(statusFromCode(code)).toBe(status);
      expect(statusFromCode(String(code))).toBe(status);
    }
  });

  it('lists every status once', () => {
    expect(new Set(DOSSIER_STATUSES).size).toBe(11);
  });

  it.each([0, 11, -1, 4.5, NaN, Infinity, '04', '4.0', ' 4', '', 'processing'])('%j is no status', (n) => {
    expect(statusFromCode(n as number | string)).toBeNull();
  });

  it('groups statuses', () => {
    expect(DOSSIER_STATUSES.filter(isRunning)).toEqual(['received', 'processing', 'supplement_requested', 'payment_required']);
    expect(DOSSIER_STATUSES.filter(isClosed)).toEqual(['not_received', 'withdrawn', 'stopped', 'returned']);
    expect(DOSSIER_STATUSES.filter(isFinished)).toEqual(['stopped', 'done', 'returned']);
  });
});
