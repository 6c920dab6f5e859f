// Instants and local dates for the dossier domain (pure). Asia/Ho_Chi_Minh is UTC+7 all year (no
// daylight saving since 1975), so a fixed offset is exact; no time-zone database is needed.
import { parseDay } from '../../../shared/calendar/local-time';

/** An instant: a Date, or an ISO 8601 date-time string WITH an offset (`Z` or ±HH:MM). */
export type Instant = Date | string;

export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const WITH_OFFSET_RE = /^\d{4}-\d{2}-\d{2}T[^Z+-]*(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of an instant, or NaN when it is not one (an invalid Date, a string without
 * an offset — whose meaning would depend on the host's zone — or anything else).
 */
export const instantMs = (at: unknown): number => {
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'string' && WITH_OFFSET_RE.test(at)) return Date.parse(at);
  return NaN;
};

/** Epoch ms of YYYY-MM-DD at 00:00 UTC, or null when it is not a real calendar date. */
export const utcDayStart = (date: string): number | null => {
  const day = parseDay(date);
  return day === null ? null : day * DAY_MS;
};

/** Whether `date` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export const isIsoDate = (date: unknown): date is string => typeof date === 'string' && utcDayStart(date) !== null;

/** Local (UTC+7) calendar date of an epoch-ms instant as [YYYY, MM, DD] strings. */
export const localParts = (ms: number): [string, string, string] => {
  const iso = new Date(ms + VN_OFFSET_MS).toISOString();
  return [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
};

/** Local (UTC+7) calendar date, YYYY-MM-DD, of an epoch-ms instant. */
export const localDateOf = (ms: number): string => localParts(ms).join('-');

/** The instant local midnight (00:00 UTC+7) of a YYYY-MM-DD date begins, or null for a non-date. */
export const localMidnight = (date: string): number | null => {
  const t = utcDayStart(date);
  return t === null ? null : t - VN_OFFSET_MS;
};

/** The last millisecond of a local (UTC+7) date, or null for a non-date. */
export const localEndOfDay = (date: string): number | null => {
  const t = localMidnight(date);
  return t === null ? null : t + DAY_MS - 1;
};
