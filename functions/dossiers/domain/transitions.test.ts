import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, statusCode } from '../../../shared/contracts/dossier-status';
import {
  ACTOR_KINDS, DOSSIER_ACTIONS, TRANSITIONS, allowedActions, decide, transitionFor,
  type ActorKind, type DossierAction, type DossierState, type Effects,
} from './transitions';
import { EXPECTED, EXPECTED_BY_KEY, key, NOW, stateFor, VALID_INPUT } from './transition-matrix.fixture';

describe('status machine: every cell of statuses × actions × actors', () => {
  it('the table is exactly the required matrix, R-DOSSIER-TRANSITIONS (both directions)', () => {
    const fromTable = TRANSITIONS.flatMap((r) =>
      r.from.flatMap((from) => r.actors.map((actor) => `${key(r.action, from, actor)}>${r.to ?? from}`)));
    const fromSpec = EXPECTED.map((c) => `${key(c.action, c.from, c.actor)}>${c.to}`);
    expect(new Set(fromTable)).toEqual(new Set(fromSpec));
    expect(fromTable).toHaveLength(fromSpec.length); // no duplicate cells either
  });

  it('has one row per action and covers every action', () => {
    expect(TRANSITIONS.map((r) => r.action).sort()).toEqual([...DOSSIER_ACTIONS].sort());
  });

  // Generated from the table: each row × each from-status × each allowed actor → ok, to the row's status.
  const allowed = TRANSITIONS.flatMap((r) => r.from.flatMap((from) => r.actors.map((actor) => ({ r, from, actor }))));
  it.each(allowed.map(({ r, from, actor }) => [r.action, from, actor, r.to ?? from] as const))(
    'table: %s from %s by %s → %s',
    (action, from, actor, to) => {
      const d = decide(stateFor(from), { action, actor, input: VALID_INPUT[action], now: NOW });
      expect(d).toMatchObject({ ok: true, from, to, statusCode: statusCode(to) });
    },
  );

  // All cells, judged against the hand-written matrix.
  const cells = DOSSIER_STATUSES.flatMap((from) =>
    DOSSIER_ACTIONS.flatMap((action) => ACTOR_KINDS.map((actor) => [from, action, actor] as const)));
  it.each(cells)('matrix: %s × %s × %s', (from, action, actor) => {
    const d = decide(stateFor(from), { action, actor, input: VALID_INPUT[action], now: NOW });
    const to = EXPECTED_BY_KEY.get(key(action, from, actor));
    if (to !== undefined) {
      expect(d).toMatchObject({ ok: true, to });
    } else {
      const actorMayEver = EXPECTED.some((c) => c.action === action && c.actor === actor);
      expect(d).toMatchObject({ ok: false, error: actorMayEver ? 'INVALID_TRANSITION' : 'FORBIDDEN_ACTOR' });
    }
  });

  it.each(DOSSIER_STATUSES.flatMap((s) => ACTOR_KINDS.map((a) => [s, a] as const)))(
    'allowedActions(%s, %s) matches the matrix',
    (status, actor) => {
      const expected = DOSSIER_ACTIONS.filter((a) => EXPECTED_BY_KEY.has(key(a, status, actor)));
      expect(allowedActions(status, actor)).toEqual(expected);
    },
  );

  it('officials see the processing console actions in table order', () => {
    expect(allowedActions('processing', 'official')).toEqual(['request_supplement', 'request_payment', 'finish', 'stop', 'issue_apology']);
    expect(allowedActions('returned', 'official')).toEqual([]);
    expect(allowedActions('draft', 'official')).toEqual([]);
  });
});

describe('decide: required fields per action', () => {
  const at = (action: DossierAction) => transitionFor(action)!.from[0]!;
  const actorOf = (action: DossierAction) => transitionFor(action)!.actors[0]!;
  const run = (action: DossierAction, input: unknown) =>
    decide(stateFor(at(action)), { action, actor: actorOf(action), input, now: NOW });

  it.each([
    ['refuse', {}, ['reason']],
    ['refuse', { reason: '   ' }, ['reason']],
    ['refuse', { reason: 42 }, ['reason']],
    ['stop', {}, ['reason']],
    ['withdraw', { note: 'no reason given' }, ['reason']],
    ['request_supplement', {}, ['missingComponents', 'note']],
    ['request_supplement', { missingComponents: [], note: 'x' }, ['missingComponents']],
    ['request_supplement', { missingComponents: ['TP01', ''], note: 'x' }, ['missingComponents.1']],
    ['request_supplement', { missingComponents: 'TP01', note: 'x' }, ['missingComponents']],
    ['request_supplement', { missingComponents: ['TP01'] }, ['note']],
    ['issue_apology', {}, ['newDueDate', 'reason']],
    ['issue_apology', { newDueDate: '2026-02-30', reason: 'x' }, ['newDueDate']],
    ['issue_apology', { newDueDate: '20/03/2026', reason: 'x' }, ['newDueDate']],
    ['receive', { note: 'x'.repeat(2001) }, ['note']],
  ] as const)('%s with %j → MISSING_FIELDS %j', (action, input, paths) => {
    const d = run(action, input);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error).toBe('MISSING_FIELDS');
    expect(d.details.map((x) => x.path)).toEqual(paths);
  });

  it.each(DOSSIER_ACTIONS.filter((a) => !['refuse', 'stop', 'withdraw', 'request_supplement', 'issue_apology'].includes(a)))(
    '%s needs nothing but accepts an optional note (blank = none)',
    (action) => {
      expect(run(action, undefined)).toMatchObject({ ok: true, historyEntry: { note: null } });
      expect(run(action, { note: '  ' })).toMatchObject({ ok: true, historyEntry: { note: null } });
      expect(run(action, { note: ' ghi chú ' })).toMatchObject({ ok: true, historyEntry: { note: 'ghi chú' } });
    },
  );

  it('strips keys the action does not know (the route body also carries action and version)', () => {
    const d = run('refuse', { action: 'refuse', version: 3, reason: ' Sai thẩm quyền ', extra: true });
    expect(d).toMatchObject({ ok: true, input: { reason: 'Sai thẩm quyền' } });
    if (d.ok) expect(Object.keys(d.input)).toEqual(['reason']);
  });

  it('de-duplicates the missing component codes', () => {
    const d = run('request_supplement', { missingComponents: ['TP01', 'TP02', 'TP01'], note: 'Thiếu giấy tờ' });
    expect(d).toMatchObject({ ok: true, input: { missingComponents: ['TP01', 'TP02'] } });
  });
});

describe('decide: results, effects and history', () => {
  const EXPECTED_EFFECTS: Record<DossierAction, (keyof Effects)[]> = {
    submit: ['assignsCode'],
    receive: ['fixesDueDate', 'notifiesApplicant'],
    refuse: ['closes', 'notifiesApplicant'],
    start: [],
    request_supplement: ['pausesClock', 'notifiesApplicant'],
    resume: ['resumesClock'],
    supplement: ['resumesClock'],
    request_payment: ['requestsPayment', 'notifiesApplicant'],
    confirm_payment: [],
    finish: ['finishes', 'notifiesApplicant', 'thenReturnsOnline'],
    stop: ['finishes', 'closes', 'notifiesApplicant'],
    return_result: ['returnsResult', 'closes', 'notifiesApplicant'],
    withdraw: ['closes', 'notifiesApplicant'],
    issue_apology: ['recordsApology', 'notifiesApplicant'],
  };
  const SLIPS: Partial<Record<DossierAction, string>> = {
    receive: 'receipt', refuse: 'refusal', request_supplement: 'supplement_request', issue_apology: 'apology',
  };
  it.each(DOSSIER_ACTIONS)('%s implies its effects', (action) => {
    const e = transitionFor(action)!.effects;
    const flags = (Object.keys(e) as (keyof Effects)[]).filter((k) => e[k] === true);
    expect(flags.sort()).toEqual([...EXPECTED_EFFECTS[action]].sort());
    expect(e.slip).toBe(SLIPS[action] ?? null);
    expect(e.namesComponents).toBe(action === 'request_supplement' ? 'missingComponents' : null);
  });

  it('closing actions lead to statuses no row leaves', () => {
    for (const r of TRANSITIONS.filter((x) => x.effects.closes)) {
      expect(TRANSITIONS.some((x) => x.from.includes(r.to!))).toBe(false);
    }
  });

  it('records a history entry with the clock, the actor and the reason', () => {
    const d = decide({ status: 'submitted' }, {
      action: 'refuse', actor: { kind: 'official', id: 'u-123' }, input: { reason: 'Sai thẩm quyền', note: 'Hướng dẫn nộp tại xã' }, now: NOW,
    });
    expect(d).toEqual(expect.objectContaining({
      ok: true, from: 'submitted', to: 'not_received', statusCode: 3, changesStatus: true,
      historyEntry: {
        at: '2026-03-10T03:00:00.000Z', actor: { kind: 'official', id: 'u-123' }, action: 'refuse',
        from: 'submitted', to: 'not_received', note: 'Sai thẩm quyền',
      },
    }));
  });

  it('issue_apology keeps the status and says so', () => {
    const d = decide(stateFor('processing'), { action: 'issue_apology', actor: 'official', input: VALID_INPUT.issue_apology, now: NOW });
    expect(d).toMatchObject({ ok: true, from: 'processing', to: 'processing', changesStatus: false, statusCode: 4,
      historyEntry: { from: 'processing', to: 'processing', note: 'Cần xác minh thêm' } });
  });

  it('submit from draft has status code 1', () => {
    expect(decide({ status: 'draft' }, { action: 'submit', actor: 'applicant', now: NOW })).toMatchObject({ ok: true, statusCode: 1 });
  });
});

describe('decide: conditions and rules', () => {
  it.each([
    ['online', true, 'official', true],
    ['desk', false, 'official', true],
    ['online', true, 'system', true],
    ['online', false, 'system', false],
    ['desk', true, 'system', false],
    ['post', true, 'system', false],
  ] as const)('return_result with delivery %s, result attached %s, by %s → ok %s', (delivery, resultAttached, actor, ok) => {
    const d = decide({ status: 'done', delivery, resultAttached }, { action: 'return_result', actor, now: NOW });
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d).toMatchObject({ error: 'INVALID_TRANSITION', details: [{ path: 'delivery' }] });
  });

  it('an actor who can never take the action is FORBIDDEN_ACTOR whatever the status', () => {
    expect(decide({ status: 'done' }, { action: 'finish', actor: 'applicant', now: NOW })).toMatchObject({ ok: false, error: 'FORBIDDEN_ACTOR' });
    expect(decide({ status: 'processing' }, { action: 'finish', actor: 'applicant', now: NOW })).toMatchObject({ ok: false, error: 'FORBIDDEN_ACTOR' });
    expect(decide({ status: 'processing' }, { action: 'withdraw', actor: 'official', input: { reason: 'x' }, now: NOW })).toMatchObject({ ok: false, error: 'FORBIDDEN_ACTOR' });
  });

  it('transition and actor are checked before fields', () => {
    expect(decide({ status: 'received' }, { action: 'refuse', actor: 'official', input: {}, now: NOW })).toMatchObject({ ok: false, error: 'INVALID_TRANSITION' });
    expect(decide({ status: 'submitted' }, { action: 'refuse', actor: 'applicant', input: {}, now: NOW })).toMatchObject({ ok: false, error: 'FORBIDDEN_ACTOR' });
  });

  it('unknown actions and actor kinds are refused, an invalid clock is a programming error', () => {
    expect(decide({ status: 'processing' }, { action: 'approve', actor: 'official', now: NOW })).toMatchObject({ ok: false, error: 'INVALID_TRANSITION', details: [{ path: 'action' }] });
    expect(decide({ status: 'processing' }, { action: 'finish', actor: 'admin' as ActorKind, now: NOW })).toMatchObject({ ok: false, error: 'FORBIDDEN_ACTOR' });
    expect(() => decide({ status: 'processing' }, { action: 'finish', actor: 'official', now: new Date(NaN) })).toThrow(RangeError);
  });

  it('issue_apology must come before the due date passes and promise a later date', () => {
    const state: DossierState = { status: 'processing', dueAt: '2026-03-12T17:00:00+07:00' };
    const apology = (newDueDate: string, now: Date) => decide(state, { action: 'issue_apology', actor: 'official', input: { newDueDate, reason: 'x' }, now });
    expect(apology('2026-03-16', new Date('2026-03-12T09:59:59Z'))).toMatchObject({ ok: true });
    expect(apology('2026-03-16', new Date('2026-03-12T10:00:01Z'))).toMatchObject({ ok: false, error: 'INVALID_TRANSITION', details: [{ path: 'dueDate' }] });
    expect(apology('2026-03-12', NOW)).toMatchObject({ ok: false, error: 'MISSING_FIELDS', details: [{ path: 'newDueDate' }] });
    // the appointment in force after a first apology is its new date
    const again = decide({ ...state, apologies: [{ issuedAt: '2026-03-11T08:00:00+07:00', newDueDate: '2026-03-16' }] }, {
      action: 'issue_apology', actor: 'official', input: { newDueDate: '2026-03-18', reason: 'x' }, now: new Date('2026-03-16T09:00:00+07:00'),
    });
    expect(again).toMatchObject({ ok: true });
  });

  it('does not mutate the state it is given', () => {
    const state = Object.freeze({ status: 'processing' as const, apologies: Object.freeze([]) });
    expect(decide(state, { action: 'finish', actor: 'official', now: NOW })).toMatchObject({ ok: true });
    expect(state.status).toBe('processing');
  });
});
