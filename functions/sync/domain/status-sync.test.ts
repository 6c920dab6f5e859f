// Agency-system status events against the dossier transition table: the coarse-to-fine plans,
// the decision per event, and a replay of 1,000 events three ways (clean; with duplicates and
// shuffled within each dossier; with poison items) ending in identical states.
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, type DossierStatus } from '../../../shared/contracts/dossier-status';
import { TRANSITIONS } from '../../dossiers/shapes-and-transitions';
import { recordedStream, withDuplicatesAndShuffle, withPoison, type RecordedEvent } from './recorded-stream.test-support';
import { decideStatusEvent, inputFor, syncPlan, type StatusEvent, type SyncState } from './status-sync';

describe('syncPlan', () => {
  it.each([
    ['submitted', 'received', ['receive']],
    ['submitted', 'not_received', ['refuse']],
    ['received', 'done', ['start', 'finish']],
    ['submitted', 'returned', ['receive', 'start', 'finish', 'return_result']],
    ['processing', 'supplement_requested', ['request_supplement']],
    ['supplement_requested', 'processing', ['resume']],
    ['supplement_requested', 'done', ['resume', 'finish']],
    ['payment_required', 'processing', ['confirm_payment']],
    ['payment_required', 'returned', ['confirm_payment', 'finish', 'return_result']],
    ['received', 'withdrawn', ['withdraw']],
    ['processing', 'stopped', ['stop']],
    ['done', 'done', []],
  ] as const)('%s → %s: %j', (from, to, plan) => {
    expect(syncPlan(from, to)).toEqual(plan);
  });

  it.each([
    ['processing', 'received'], ['done', 'processing'], ['returned', 'done'], ['not_received', 'received'],
    ['withdrawn', 'processing'], ['stopped', 'done'], ['draft', 'received'], ['done', 'withdrawn'],
  ] as const)('%s → %s is impossible', (from, to) => {
    expect(syncPlan(from, to)).toBeNull();
  });

  it('every plan is a chain of rows the agency-system actor may take', () => {
    for (const from of DOSSIER_STATUSES) {
      for (const to of DOSSIER_STATUSES) {
        const plan = syncPlan(from, to);
        if (!plan) continue;
        let at: DossierStatus = from;
        for (const action of plan) {
          const row = TRANSITIONS.find((r) => r.action === action)!;
          expect(row.actors).toContain('agency_system');
          expect(row.from).toContain(at);
          at = row.to!;
        }
        expect(at).toBe(to);
      }
    }
  });
});

describe('decideStatusEvent', () => {
  const event = (status: DossierStatus, at: string, over: Partial<StatusEvent> = {}): StatusEvent =>
    ({ eventId: `e-${status}-${at}`, code: 'X', status, at, ...over });
  const NOW = new Date('2026-12-02T00:00:00Z');
  // A dossier received on 1 December at 01:00 (its last step), never synced before.
  const at = (status: DossierStatus, lastAppliedAt: string | null = null): SyncState =>
    ({ status, lastAppliedAt, openedAt: '2026-12-01T00:00:00Z', lastStepAt: '2026-12-01T01:00:00Z' });

  it('applies a new, reachable event with the inputs its steps need, at the event\'s time', () => {
    expect(decideStatusEvent(at('received'), event('stopped', '2026-12-01T03:00:00Z', { reason: 'Hồ sơ giả mạo' }), NOW)).toEqual({
      kind: 'apply',
      at: '2026-12-01T03:00:00.000Z',
      steps: [{ action: 'start', input: { note: undefined } }, { action: 'stop', input: { reason: 'Hồ sơ giả mạo', note: undefined } }],
    });
  });

  it('records but does not apply an event older than the last applied one, or one already reached', () => {
    const state = at('done', '2026-12-01T05:00:00Z');
    expect(decideStatusEvent(state, event('processing', '2026-12-01T04:00:00Z'), NOW).kind).toBe('stale');
    expect(decideStatusEvent(state, event('processing', '2026-12-01T05:00:00Z'), NOW).kind).toBe('stale');
    expect(decideStatusEvent({ ...state, lastAppliedAt: null }, event('done', '2026-12-01T06:00:00Z'), NOW).kind).toBe('already');
  });

  it('an unreachable status, or a supplement request without its components, is impossible', () => {
    expect(decideStatusEvent(at('returned'), event('processing', '2026-12-01T06:00:00Z'), NOW)).toMatchObject({ kind: 'impossible' });
    expect(decideStatusEvent(at('processing'), event('supplement_requested', '2026-12-01T06:00:00Z'), NOW))
      .toMatchObject({ kind: 'impossible', why: expect.stringContaining('missingComponents') });
    expect(inputFor('request_supplement', event('supplement_requested', 'x', { missingComponents: ['TP01'], note: 'Thiếu tờ khai' })))
      .toEqual({ missingComponents: ['TP01'], note: 'Thiếu tờ khai' });
  });

  it('refuses a time in the future first, whatever else the event is', () => {
    const future = event('processing', '2026-12-02T00:05:01Z');
    expect(decideStatusEvent(at('received'), future, NOW)).toMatchObject({ kind: 'refused', code: 'AT_IN_FUTURE' });
    expect(decideStatusEvent(at('processing'), future, NOW)).toMatchObject({ kind: 'refused', code: 'AT_IN_FUTURE' });
    // Within the allowance: applied at the portal's now, not ahead of it.
    expect(decideStatusEvent(at('received'), event('processing', '2026-12-02T00:04:00Z'), NOW)).toMatchObject({ kind: 'apply', at: NOW.toISOString() });
  });

  it('refuses an event that would move the dossier from before it existed or before its last step; clamps within the allowance', () => {
    expect(decideStatusEvent(at('received'), event('processing', '2026-11-30T23:00:00Z'), NOW)).toMatchObject({ kind: 'refused', code: 'AT_BEFORE_DOSSIER' });
    expect(decideStatusEvent(at('received'), event('processing', '2026-12-01T00:30:00Z'), NOW)).toMatchObject({ kind: 'refused', code: 'AT_OUT_OF_ORDER' });
    expect(decideStatusEvent(at('received'), event('processing', '2026-12-01T00:57:00Z'), NOW)).toMatchObject({ kind: 'apply', at: '2026-12-01T01:00:00.000Z' });
    // An event that would not move it is recorded by its status, its time unjudged.
    expect(decideStatusEvent(at('received'), event('received', '2026-11-30T23:00:00Z'), NOW).kind).toBe('already');
    expect(decideStatusEvent(at('returned'), event('received', '2026-11-30T23:00:00Z'), NOW).kind).toBe('impossible');
  });
});

// The stream's dossiers were submitted as its first events happened; it is replayed days later.
const SUBMITTED_AT = '2026-12-01T00:00:00.000Z';
const REPLAYED_AT = new Date('2026-12-06T00:00:00Z');

/** Applies an event stream to in-memory dossiers exactly as the consumer does, per the decisions. */
const replay = (events: readonly (StatusEvent | 'poison')[]) => {
  const state = new Map<string, SyncState>();
  const seen = new Set<string>();
  let poisoned = 0;
  let refused = 0;
  for (const e of events) {
    if (e === 'poison') { poisoned++; continue; }
    if (seen.has(e.eventId)) continue; // duplicate: a no-op
    seen.add(e.eventId);
    const s: SyncState = state.get(e.code) ?? { status: 'submitted', lastAppliedAt: null, openedAt: SUBMITTED_AT, lastStepAt: SUBMITTED_AT };
    const d = decideStatusEvent(s, e, REPLAYED_AT);
    if (d.kind === 'apply') {
      let status = s.status;
      for (const step of d.steps) status = TRANSITIONS.find((r) => r.action === step.action)!.to!;
      state.set(e.code, { ...s, status, lastAppliedAt: e.at, lastStepAt: d.at });
    } else if (d.kind === 'already') {
      state.set(e.code, { ...s, lastAppliedAt: e.at });
    } else {
      if (d.kind === 'refused') refused++;
      state.set(e.code, s);
    }
  }
  return { final: new Map([...state].map(([k, v]) => [k, v.status])), poisoned, refused };
};

describe('replaying 1,000 recorded status events three ways', () => {
  const LIFECYCLES: DossierStatus[][] = [
    ['received', 'processing', 'supplement_requested', 'processing', 'payment_required', 'processing', 'done', 'returned'],
    ['received', 'processing', 'done', 'returned'],
    ['not_received'],
    ['received', 'processing', 'stopped'],
    ['received', 'withdrawn'],
  ];
  const codeOf = (slot: number) => `000.00.00004.H26-261201-${String(slot).padStart(4, '0')}`;
  const asEvent = ({ slot, ...e }: RecordedEvent): StatusEvent => ({ ...e, code: codeOf(slot) });
  const recorded = recordedStream(LIFECYCLES, 1000, 766);
  const clean = recorded.map(asEvent);

  it('clean, duplicated and shuffled within each dossier, and with poison items all end in the same states', () => {
    expect(clean).toHaveLength(1000);
    const reference = replay(clean);
    const noisy = withDuplicatesAndShuffle(recorded, 767).map(asEvent);
    const shuffled = replay(noisy);
    // 5% poison items (unparseable messages) mixed in: they change nothing.
    const poisoned = replay(withPoison(recorded, 768).map((e) => (e === 'poison' ? e : asEvent(e))));

    expect(noisy.length).toBeGreaterThan(1150);
    expect(poisoned.poisoned).toBeGreaterThan(30);
    expect([...shuffled.final]).toEqual([...reference.final]);
    expect([...poisoned.final]).toEqual([...reference.final]);
    // Reordered events are stale (the system's own order), never refused for their time.
    expect([reference.refused, shuffled.refused, poisoned.refused]).toEqual([0, 0, 0]);
    // And the states are the lifecycles' last statuses, not something in between.
    const lastOf = new Map<string, DossierStatus>();
    for (const e of clean) lastOf.set(e.code, e.status);
    expect([...reference.final]).toEqual([...lastOf]);
  });
});
