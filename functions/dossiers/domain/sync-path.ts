// The shortest way through the transition table (transitions.ts) from one status to another: how an
// agency system's reported status becomes table actions (sync's status mapping, tests). Pure.
import type { DossierAction, DossierStatus } from '../../../shared/contracts/dossier-status';
import { TRANSITIONS, type ActorKind, type TransitionRow } from './transitions';

export interface SyncStep {
  action: DossierAction;
  from: DossierStatus;
  to: DossierStatus;
}

/**
 * The shortest chain of table transitions leading from `from` to `to` (breadth-first over the
 * status-changing rows, in table order, so the answer is deterministic): `[]` when they are equal,
 * null when `to` cannot be reached. With `actor`, only rows that actor may take are used (an
 * agency system reporting `received → done` gets `start`, `finish`). Row conditions are not applied.
 */
export const syncPath = (
  from: DossierStatus,
  to: DossierStatus,
  options: { actor?: ActorKind } = {},
): SyncStep[] | null => {
  if (from === to) return [];
  const rows = TRANSITIONS.filter(
    (r): r is TransitionRow & { to: DossierStatus } => r.to !== null && (!options.actor || r.actors.includes(options.actor)),
  );
  const via = new Map<DossierStatus, SyncStep>();
  const queue: DossierStatus[] = [from];
  const seen = new Set<DossierStatus>([from]);
  while (queue.length) {
    const at = queue.shift()!;
    for (const r of rows) {
      if (!r.from.includes(at) || seen.has(r.to)) continue;
      seen.add(r.to);
      via.set(r.to, { action: r.action, from: at, to: r.to });
      if (r.to === to) {
        const path: SyncStep[] = [];
        for (let s: DossierStatus = to; s !== from; ) {
          const step = via.get(s)!;
          path.unshift(step);
          s = step.from;
        }
        return path;
      }
      queue.push(r.to);
    }
  }
  return null;
};
