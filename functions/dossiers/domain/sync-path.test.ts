import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, type DossierStatus } from '../../../shared/contracts/dossier-status';
import { syncPath } from './sync-path';
import { ACTOR_KINDS, decide, type ActorKind } from './transitions';
import { EXPECTED, NOW, stateFor, VALID_INPUT } from './transition-matrix.fixture';

describe('syncPath', () => {
  const steps = (p: ReturnType<typeof syncPath>) => p?.map((s) => `${s.from}>${s.action}>${s.to}`);

  it.each([
    ['received', 'done', undefined, ['received>start>processing', 'processing>finish>done']],
    ['received', 'done', 'agency_system', ['received>start>processing', 'processing>finish>done']],
    ['submitted', 'returned', 'agency_system', [
      'submitted>receive>received', 'received>start>processing', 'processing>finish>done', 'done>return_result>returned']],
    ['supplement_requested', 'done', 'agency_system', ['supplement_requested>resume>processing', 'processing>finish>done']],
    ['payment_required', 'done', 'agency_system', ['payment_required>confirm_payment>processing', 'processing>finish>done']],
    ['received', 'withdrawn', 'agency_system', ['received>withdraw>withdrawn']],
    ['received', 'stopped', 'official', ['received>start>processing', 'processing>stop>stopped']],
    ['draft', 'received', undefined, ['draft>submit>submitted', 'submitted>receive>received']],
    ['processing', 'processing', 'agency_system', []],
  ] as const)('%s → %s (actor %s)', (from, to, actor, expected) => {
    expect(steps(syncPath(from, to, { actor }))).toEqual(expected);
  });

  it.each([
    ['done', 'processing', undefined],
    ['returned', 'done', undefined],
    ['not_received', 'received', undefined],
    ['withdrawn', 'processing', undefined],
    ['stopped', 'done', undefined],
    ['draft', 'received', 'agency_system'],
    ['payment_required', 'done', 'official'],
    ['processing', 'draft', undefined],
  ] as const)('%s → %s (actor %s) is impossible', (from, to, actor) => {
    expect(syncPath(from, to, { actor })).toBeNull();
  });

  // Cross-check against shortest distances computed from the hand-written matrix.
  const distances = (actor: ActorKind) => {
    const edges = EXPECTED.filter((c) => c.actor === actor && c.to !== c.from);
    const dist = new Map<string, number>();
    for (const s of DOSSIER_STATUSES) dist.set(`${s}>${s}`, 0);
    for (const e of edges) dist.set(`${e.from}>${e.to}`, 1);
    for (const k of DOSSIER_STATUSES) for (const i of DOSSIER_STATUSES) for (const j of DOSSIER_STATUSES) {
      const via = (dist.get(`${i}>${k}`) ?? Infinity) + (dist.get(`${k}>${j}`) ?? Infinity);
      if (via < (dist.get(`${i}>${j}`) ?? Infinity)) dist.set(`${i}>${j}`, via);
    }
    return dist;
  };
  it.each(ACTOR_KINDS)('every pair of statuses for %s: shortest, and each step applies with decide', (actor) => {
    const dist = distances(actor);
    for (const from of DOSSIER_STATUSES) for (const to of DOSSIER_STATUSES) {
      const path = syncPath(from, to, { actor });
      const d = dist.get(`${from}>${to}`);
      if (d === undefined) { expect(path, `${from}>${to}`).toBeNull(); continue; }
      expect(path, `${from}>${to}`).toHaveLength(d);
      let state: DossierStatus = from;
      for (const step of path!) {
        const r = decide(stateFor(state), { action: step.action, actor, input: VALID_INPUT[step.action], now: NOW });
        expect(r).toMatchObject({ ok: true, to: step.to });
        state = step.to;
      }
      expect(state).toBe(to);
    }
  });
});
