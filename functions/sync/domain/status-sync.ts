// How a status reported by an agency's one-stop system moves a dossier (docs/requirements.md
// R-SYNC-INBOUND, R-DOSSIER-TRANSITIONS; issue 6). Agency systems report coarser steps than the
// portal's transition table (a dossier "received" on Monday may be reported "done" on Friday with
// nothing in between): the report is turned into the shortest path of actions the table allows the `agency_system` actor, each then applied
// through the dossier transition function, at the event's own time (event-time.ts). An event is
// recorded whatever happens to it; it is applied only if it is new (event id), not older than the
// last applied event of that dossier, reachable, and at a believable time — an impossible or
// refused one goes to the system's error report, never silently.
// Pure: the caller reads the dossier, its last history step and the event log.
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import { TRANSITIONS, type TransitionRow } from '../../dossiers/public-shapes';
import { futureRefusal, stepTime, type DossierTimes, type TimeRefusalCode } from './event-time';

export const SYNC_ACTOR = 'agency_system' as const;

/**
 * The shortest sequence of actions taking a dossier from `from` to `to` that the agency-system
 * actor may take (table order breaks ties, so the plan is deterministic); [] when already there,
 * null when no path exists (closed statuses, going back, drafts).
 */
export const syncPlan = (from: DossierStatus, to: DossierStatus, rows: readonly TransitionRow[] = TRANSITIONS): string[] | null => {
  if (from === to) return [];
  const usable = rows.filter((r) => r.to !== null && r.actors.includes(SYNC_ACTOR));
  const previous = new Map<DossierStatus, { status: DossierStatus; action: string }>();
  const queue: DossierStatus[] = [from];
  const seen = new Set<DossierStatus>([from]);
  while (queue.length) {
    const status = queue.shift()!;
    for (const row of usable) {
      if (!row.from.includes(status) || seen.has(row.to!)) continue;
      seen.add(row.to!);
      previous.set(row.to!, { status, action: row.action });
      if (row.to === to) {
        const path: string[] = [];
        for (let at: DossierStatus = to; at !== from; at = previous.get(at)!.status) path.unshift(previous.get(at)!.action);
        return path;
      }
      queue.push(row.to!);
    }
  }
  return null;
};

export interface StatusEvent {
  eventId: string;
  /** The dossier code. */
  code: string;
  status: DossierStatus;
  /** When it happened at the agency (ISO with offset). */
  at: string;
  note?: string;
  reason?: string;
  missingComponents?: string[];
}

export interface SyncState extends DossierTimes {
  status: DossierStatus;
  /** `at` of the last event applied to this dossier, or null. */
  lastAppliedAt: string | null;
}

export type SyncDecision =
  /** `at`: the time every step takes (the event's, or clamped into the history's order). */
  | { kind: 'apply'; at: string; steps: { action: string; input: Record<string, unknown> }[] }
  | { kind: 'already'; why: string }
  | { kind: 'stale'; why: string }
  | { kind: 'impossible'; why: string }
  /** The event's time is not believable (event-time.ts): for the system's error report. */
  | { kind: 'refused'; code: TimeRefusalCode; why: string };

const DEFAULT_REASON = 'Cập nhật từ hệ thống một cửa của cơ quan';

/** The input each action needs, from what the event carries (null when the event lacks it). */
export const inputFor = (action: string, e: StatusEvent): Record<string, unknown> | null => {
  const note = e.note?.trim() || undefined;
  switch (action) {
    case 'refuse':
    case 'stop':
    case 'withdraw':
      return { reason: e.reason?.trim() || note || DEFAULT_REASON, note };
    case 'request_supplement':
      return e.missingComponents?.length ? { missingComponents: e.missingComponents, note: note ?? DEFAULT_REASON } : null;
    default:
      return { note };
  }
};

/**
 * In this order: a time in the future is refused; an event not newer than the last applied one is
 * stale; a status already reached is `already`; an unreachable one impossible; then the time
 * is judged against the dossier (before it existed, or before its last step: refused) — the time
 * of an event that would not move the dossier does not matter. `now`: the portal's clock.
 */
export const decideStatusEvent = (state: SyncState, e: StatusEvent, now: Date): SyncDecision => {
  const future = futureRefusal(e.at, now);
  if (future) return { kind: 'refused', ...future };
  if (state.lastAppliedAt !== null && Date.parse(e.at) <= Date.parse(state.lastAppliedAt)) {
    return { kind: 'stale', why: `older than the last applied event (${state.lastAppliedAt})` };
  }
  if (state.status === e.status) return { kind: 'already', why: `the dossier is already ${e.status}` };
  const plan = syncPlan(state.status, e.status);
  if (!plan) return { kind: 'impossible', why: `no transition leads from ${state.status} to ${e.status}` };
  const steps: { action: string; input: Record<string, unknown> }[] = [];
  for (const action of plan) {
    const input = inputFor(action, e);
    if (!input) return { kind: 'impossible', why: `${action} needs missingComponents, which the event does not give` };
    steps.push({ action, input });
  }
  const time = stepTime(e.at, state, now);
  if (!time.ok) return { kind: 'refused', code: time.code, why: time.why };
  return { kind: 'apply', at: time.at, steps };
};
