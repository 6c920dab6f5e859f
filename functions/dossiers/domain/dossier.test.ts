import { describe, expect, it } from 'vitest';
import {
  applyDecision, eventOf, indexKeys, overdueUntil, queueSortKey, stateOf, type DossierRecord, type TransitionCalendar,
} from './dossier';
import { listShardOf, listShardPk } from './list-shards';
import { aDraft } from './dossier.fixture';
import { decide, type Decision } from './transitions';

const calendar: TransitionCalendar = {
  // 3 days later at 10:00 UTC (17:00 local), whatever the processing time: enough to see it applied.
  dueDate: (receivedAt) => new Date(Date.UTC(receivedAt.getUTCFullYear(), receivedAt.getUTCMonth(), receivedAt.getUTCDate() + 3, 10)),
  extendByPause: (dueAt, from, to) => new Date(Date.parse(dueAt) + (Date.parse(to) - Date.parse(from))),
};

const base = aDraft({ id: '3f1c2a9e-0000-4000-8000-000000000001' });

const step = (d: DossierRecord, action: string, at: string, input: Record<string, unknown> = {}, code?: string) => {
  const actor = ['submit', 'supplement', 'withdraw'].includes(action) ? 'applicant' : 'official';
  const decision = decide(stateOf(d), { action, actor, input, now: new Date(at) }) as Extract<Decision, { ok: true }>;
  expect(decision.ok, JSON.stringify(decision)).toBe(true);
  return applyDecision(d, decision, { calendar, code });
};

describe('applyDecision', () => {
  it('walks a dossier through submission, receipt, a supplement pause, finish and return', () => {
    const submitted = step(base, 'submit', '2026-11-20T02:00:00.000Z', {}, '000.00.00004.H26-261120-0001');
    expect(submitted).toMatchObject({ status: 'submitted', version: 2, code: '000.00.00004.H26-261120-0001', submittedAt: '2026-11-20T02:00:00.000Z' });

    const received = step(submitted, 'receive', '2026-11-20T03:00:00.000Z');
    expect(received).toMatchObject({ status: 'received', version: 3, receivedAt: '2026-11-20T03:00:00.000Z', dueAt: '2026-11-23T10:00:00.000Z' });

    const paused = step(step(received, 'start', '2026-11-20T04:00:00.000Z'), 'request_supplement', '2026-11-21T00:00:00.000Z', { missingComponents: ['TP01'], note: 'Bổ sung' });
    expect(paused).toMatchObject({ status: 'supplement_requested', pausedAt: '2026-11-21T00:00:00.000Z', supplementRounds: 1, supplementRequest: { missingComponents: ['TP01'] } });

    const resumed = step(paused, 'supplement', '2026-11-21T02:00:00.000Z');
    expect(resumed).toMatchObject({ status: 'processing', pausedAt: null, supplementRequest: null, dueAt: '2026-11-23T12:00:00.000Z' });

    const done = step(resumed, 'finish', '2026-11-22T00:00:00.000Z');
    expect(done).toMatchObject({ status: 'done', finishedAt: '2026-11-22T00:00:00.000Z', version: 7 });
    const returned = step(done, 'return_result', '2026-11-22T01:00:00.000Z');
    expect(returned).toMatchObject({ status: 'returned', returnedAt: '2026-11-22T01:00:00.000Z' });
    expect(base.status).toBe('draft'); // nothing mutated
  });

  it('records an apology without changing the status', () => {
    const received = step(step(base, 'submit', '2026-11-20T02:00:00.000Z', {}, 'X-261120-0001'), 'receive', '2026-11-20T03:00:00.000Z');
    const apologised = step(received, 'issue_apology', '2026-11-21T03:00:00.000Z', { newDueDate: '2026-11-30', reason: 'Cần xác minh thêm' });
    expect(apologised.status).toBe('received');
    expect(apologised.apologies).toEqual([{ issuedAt: '2026-11-21T03:00:00.000Z', newDueDate: '2026-11-30', reason: 'Cần xác minh thêm' }]);
  });

  it('refuses to assign a code it was not given', () => {
    const decision = decide(stateOf(base), { action: 'submit', actor: 'applicant', now: new Date() }) as Extract<Decision, { ok: true }>;
    expect(() => applyDecision(base, decision, { calendar })).toThrow(/code/);
  });
});

describe('index keys', () => {
  it('drafts are only in the applicant index; dossiers of record in the queue, status and code indexes', () => {
    expect(indexKeys(base)).toEqual({ gsi1pk: 'APPLICANT#u-1', gsi1sk: `${base.createdAt}#${base.id}` });
    const submitted = step(base, 'submit', '2026-11-20T02:00:00.000Z', {}, 'A-261120-0001');
    expect(indexKeys(submitted)).toMatchObject({
      gsi2pk: 'QUEUE#000.00.00004.H26#open', gsi2sk: `S#2026-11-20T02:00:00.000Z#${base.id}`,
      gsi3pk: 'STATUS#000.00.00004.H26#submitted', gsi4pk: 'A-261120-0001',
    });
    const withdrawn = step(submitted, 'withdraw', '2026-11-20T05:00:00.000Z', { reason: 'x' });
    expect(indexKeys({ ...withdrawn })).toMatchObject({ gsi2pk: 'QUEUE#000.00.00004.H26#closed' });
  });

  it('puts a sharded agency\'s queue and status entries of a dossier on its list shard (domain/list-shards.ts)', () => {
    const busiest = { ...base, agencyCode: '000.00.00.H17' };
    const submitted = step(busiest, 'submit', '2026-11-20T02:00:00.000Z', {}, 'A-261120-0001');
    const shard = listShardOf(base.id, '000.00.00.H17');
    expect(indexKeys(submitted)).toMatchObject({
      gsi2pk: listShardPk('QUEUE#000.00.00.H17#open', shard), gsi3pk: listShardPk('STATUS#000.00.00.H17#submitted', shard),
    });
  });

  it('sorts due dossiers first by due instant, and "overdue" is a key range', () => {
    const a = queueSortKey({ id: 'a', dueAt: '2026-11-23T10:00:00.000Z', submittedAt: 'x', createdAt: 'x' });
    const b = queueSortKey({ id: 'b', dueAt: '2026-11-24T10:00:00.000Z', submittedAt: 'x', createdAt: 'x' });
    const s = queueSortKey({ id: 'c', dueAt: null, submittedAt: '2026-11-01T00:00:00.000Z', createdAt: 'x' });
    expect([s, b, a].sort()).toEqual([a, b, s]);
    const until = overdueUntil(new Date('2026-11-24T00:00:00.000Z'));
    expect(a >= 'D#' && a <= until).toBe(true);
    expect(b <= until).toBe(false);
    expect(s <= until).toBe(false);
  });
});

describe('eventOf', () => {
  it('carries what notifications, sync and the index need', () => {
    const decision = decide(stateOf(base), { action: 'submit', actor: { kind: 'applicant', id: 'u-1' }, now: new Date('2026-11-20T02:00:00Z') }) as Extract<Decision, { ok: true }>;
    const after = applyDecision(base, decision, { calendar, code: 'A-261120-0001' });
    expect(eventOf(after, decision.historyEntry)).toMatchObject({
      type: 'dossier.transitioned', dossierId: base.id, version: 2, code: 'A-261120-0001', agencyCode: base.agencyCode,
      from: 'draft', to: 'submitted', statusCode: 1, channel: 'online', actor: { kind: 'applicant', id: 'u-1' },
    });
  });
});
