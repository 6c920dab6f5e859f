// When an agency system says something happened (an event's `at`) and what the portal makes of it
// (docs/sync.md "Event times"). A status event is applied at its own time, not at the moment the
// portal processed it, so a batched or replayed event still gives the right receipt, due date,
// pauses and finish — as long as that time is believable:
//   - not ahead of the portal's clock by more than CLOCK_SKEW_MS (AT_IN_FUTURE);
//   - not before the dossier existed (its submission or desk receipt; AT_BEFORE_DOSSIER);
//   - not before the dossier's last history step (AT_OUT_OF_ORDER): the history stays in order.
// Within the allowance a time is clamped (to the last step, or to now) rather than refused: two
// clocks a minute apart are normal, and refusing a receipt reported a few seconds "before" the
// online submission it answers would lose it. Beyond it, the event is refused for the system's
// error report — no retry or replay can make a wrong time right. Pure.
// The route loads this module: it must stay small (no transition table, no catalogue).
import { dayOfCode } from '../../../shared/contracts/sync';
import type { DossierUpsertIn } from '../../../shared/contracts/sync-dossiers';

/** How far an agency system's clock may be off the portal's before its times are refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type TimeRefusalCode = 'AT_IN_FUTURE' | 'AT_BEFORE_DOSSIER' | 'AT_OUT_OF_ORDER';
export interface TimeRefusal { code: TimeRefusalCode; why: string }

const SKEW_TEXT = `${CLOCK_SKEW_MS / 60_000} minutes`;
const iso = (ms: number) => new Date(ms).toISOString();

/** An `at` later than the portal's clock plus the allowance: refused wherever it is seen. */
export const futureRefusal = (at: string, now: Date): TimeRefusal | null =>
  Date.parse(at) > now.getTime() + CLOCK_SKEW_MS
    ? { code: 'AT_IN_FUTURE', why: `${at} is more than ${SKEW_TEXT} ahead of the portal's clock (${now.toISOString()})` }
    : null;

/** A dossier upsert's times — the receipt, each history step, the current status — with their paths. */
export const upsertTimes = (item: Pick<DossierUpsertIn, 'receivedAt' | 'history' | 'at'>): [path: string, at: string][] => [
  ['receivedAt', item.receivedAt], ...(item.history ?? []).map((h, i): [string, string] => [`history.${i}.at`, h.at]), ['at', item.at],
];

/**
 * What can be told of a status event's time when the route accepts it, without reading the
 * dossier: in the future, or before the day its code carries (a dossier's code is dated the day it
 * was submitted or received: it did not exist before 00:00 that day, Asia/Ho_Chi_Minh).
 */
export const refusalOnArrival = (at: string, code: string, now: Date): TimeRefusal | null => {
  const future = futureRefusal(at, now);
  if (future) return future;
  const day = dayOfCode(code);
  if (!day) return null;
  const dayStart = Date.parse(`${day}T00:00:00+07:00`);
  return Date.parse(at) < dayStart - CLOCK_SKEW_MS
    ? { code: 'AT_BEFORE_DOSSIER', why: `${at} is before ${day}, the day the dossier's code carries` }
    : null;
};

/** What a reported time is judged against. */
export interface DossierTimes {
  /** When the dossier came to be, for the agency: its submission (online) or receipt (desk, post). */
  openedAt: string;
  /** `at` of its latest history step (null: none). */
  lastStepAt: string | null;
}

/** When a dossier came to be, for the agency that reports on it. */
export const openedAtOf = (d: { submittedAt: string | null; createdAt: string }) => d.submittedAt ?? d.createdAt;

/**
 * The time the steps of an event reported at `at` take in the dossier's history — `at` itself, or
 * clamped into [last step, now] when within the allowance — or why the event is refused.
 */
export const stepTime = (at: string, dossier: DossierTimes, now: Date): { ok: true; at: string } | ({ ok: false } & TimeRefusal) => {
  const future = futureRefusal(at, now);
  if (future) return { ok: false, ...future };
  const reported = Date.parse(at);
  const opened = Date.parse(dossier.openedAt);
  if (reported < opened - CLOCK_SKEW_MS) {
    return { ok: false, code: 'AT_BEFORE_DOSSIER', why: `${at} is before the dossier existed (${iso(opened)})` };
  }
  const last = dossier.lastStepAt === null ? opened : Math.max(opened, Date.parse(dossier.lastStepAt));
  if (reported < last - CLOCK_SKEW_MS) {
    return { ok: false, code: 'AT_OUT_OF_ORDER', why: `${at} is more than ${SKEW_TEXT} before the dossier's last step (${iso(last)})` };
  }
  return { ok: true, at: iso(Math.max(Math.min(reported, now.getTime()), last)) };
};
