// Dates as day numbers (days since 1970-01-01) and instants in local (UTC+7) time: the working
// calendar's date arithmetic (R1 in working-calendar.ts). Pure; no clock.
import type { Instant } from './calendar-types';

/** Asia/Ho_Chi_Minh: UTC+7, no daylight saving (R1). */
export const VN_UTC_OFFSET_MINUTES = 420;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** 1970-01-05, the first Monday of the day-number epoch. */
const FIRST_MONDAY = 4;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_RE = /T.*(Z|[+-]\d{2}:?\d{2})$/i;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** YYYY-MM-DD → day number, or null when malformed / not a real date. */
export function parseDay(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

export function requireDay(date: string): number {
  const d = parseDay(date);
  if (d === null) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return d;
}

export function formatDay(day: number): string {
  const t = new Date(day * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const dayOfWeek = (day: number): number => (((day + 4) % 7) + 7) % 7;
export const isWeekday = (day: number): boolean => {
  const w = dayOfWeek(day);
  return w >= 1 && w <= 5;
};

/** Monday–Friday days in [FIRST_MONDAY, day) (negative before it): a cumulative count. */
export function weekdaysBefore(day: number): number {
  const e = day - FIRST_MONDAY;
  const weeks = Math.floor(e / 7);
  return 5 * weeks + Math.min(e - 7 * weeks, 5);
}

/** Epoch ms of an instant; throws on an unparseable value or a string without an offset (R1). */
export function toMs(at: Instant): number {
  let ms: number;
  if (at instanceof Date) {
    ms = at.getTime();
  } else {
    if (typeof at !== 'string' || !OFFSET_RE.test(at)) {
      throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(at)}`);
    }
    ms = Date.parse(at);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(at)}`);
  return ms;
}

/** Local calendar day and milliseconds since local midnight of an epoch-ms instant. */
export function local(ms: number): { day: number; msOfDay: number } {
  const l = ms + OFFSET_MS;
  const day = Math.floor(l / DAY_MS);
  return { day, msOfDay: l - day * DAY_MS };
}

export const instantAt = (day: number, msOfDay: number): number => day * DAY_MS + msOfDay - OFFSET_MS;

/** The local (UTC+7) calendar date of an instant, YYYY-MM-DD — the date the portal shows. */
export function localDate(at: Instant): string {
  return formatDay(local(toMs(at)).day);
}

/** An instant as an ISO string in local time with the +07:00 offset, e.g. 2026-02-25T17:00:00+07:00. */
export function formatLocal(at: Instant): string {
  const { day, msOfDay } = local(toMs(at));
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor((msOfDay % 3_600_000) / MINUTE_MS);
  const s = Math.floor((msOfDay % MINUTE_MS) / 1000);
  const msPart = msOfDay % 1000;
  return `${formatDay(day)}T${pad(h)}:${pad(mi)}:${pad(s)}${msPart ? `.${pad(msPart, 3)}` : ''}+07:00`;
}

/** Milliseconds since local midnight of an HH:MM office-hours setting (R4). */
export function parseHHMM(value: string, what: string): number {
  const m = HHMM_RE.exec(value);
  if (!m) throw new RangeError(`officeHours.${what} must be HH:MM, got ${JSON.stringify(value)}`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}
