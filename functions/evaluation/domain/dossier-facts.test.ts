// What one dossier contributes to the index counters (functions/evaluation/domain/dossier-facts.ts),
// table-driven in the shape of cdk-nag's rule tests: for each fact, the records that have it
// (compliant) and the records that do not (non-compliant), with the expectation worked out by hand
// in the comment beside it. Times: Asia/Ho_Chi_Minh is UTC+7 all year, so 17:00 local = 10:00Z.
import { describe, expect, it } from 'vitest';
import type { AttachmentRecord, DossierEvent, DossierRecord } from '../../dossiers/domain/dossier';
import {
  C,
  contributionDelta,
  contributionOf,
  factsOf,
  sumCounters,
  type Contribution,
  type Counters,
  type DossierFacts,
} from './dossier-facts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../../shared/contracts/dossier-status';

type HistoryItem = Pick<DossierEvent, 'action' | 'actor' | 'at'>;

// Received Monday 2026-10-05 10:00 local (03:00Z); due Friday 2026-10-09 17:00 local (10:00Z).
const RECEIVED = '2026-10-05T03:00:00.000Z';
const DUE = '2026-10-09T10:00:00.000Z';
const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const attachment = (kind: AttachmentRecord['kind'], status: AttachmentRecord['status']): AttachmentRecord => ({
  id: `${kind}-${status}`,
  kind,
  componentCode: kind === 'application' ? 'TP1' : null,
  fileName: 'f.pdf',
  contentType: 'application/pdf',
  size: 1000,
  status,
  rejectedReason: status === 'rejected' ? 'unreadable' : null,
  createdAt: RECEIVED,
  verifiedAt: status === 'verified' ? RECEIVED : null,
  round: 0,
});

/** A received, processing online dossier with its clock running; `over` replaces fields. */
const record = (over: Partial<DossierRecord> = {}): DossierRecord => ({
  id: 'dos-1',
  code: '000.00.00.H26-261005-0001',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  processingTime: { value: 5, unit: 'working_day' },
  components: [],
  agencyCode: '000.00.00.H26',
  agencyName: 'UBND thành phố Hà Nội',
  agencyParentCode: null,
  status: 'processing',
  version: 4,
  channel: 'online',
  delivery: 'online',
  postalAddress: null,
  contact: null,
  applicant: { sub: 'user-1', type: 'citizen', idNumber: '001090000001', enterpriseCode: null, vneidVerified: false },
  form: {},
  attachments: [],
  createdAt: '2026-10-05T01:00:00.000Z',
  updatedAt: RECEIVED,
  submittedAt: '2026-10-05T02:00:00.000Z',
  receivedAt: RECEIVED,
  dueAt: DUE,
  pausedAt: null,
  finishedAt: null,
  returnedAt: null,
  supplementRequest: null,
  supplementRounds: 0,
  apologies: [],
  ...over,
});

const ev = (action: HistoryItem['action'], kind: HistoryItem['actor']['kind'], id?: string): HistoryItem => ({
  action,
  actor: id === undefined ? { kind } : { kind, id },
  at: RECEIVED,
});

const facts = (r: DossierRecord, history: HistoryItem[] = [], hasFee?: boolean): DossierFacts => {
  const f = factsOf(r, history, hasFee);
  if (f === null) throw new Error('expected facts, got null');
  return f;
};

describe('factsOf: drafts are no dossier of record', () => {
  it.each([
    ['draft', record({ status: 'draft', code: null, submittedAt: null, receivedAt: null, dueAt: null })],
    // a draft that somehow carries a submission time is still a draft
    ['draft with submittedAt', record({ status: 'draft' })],
    // no submission instant: no month to count it in
    ['submitted without submittedAt', record({ status: 'submitted', submittedAt: null, receivedAt: null, dueAt: null })],
  ])('%s → null', (_name, r) => {
    expect(factsOf(r, [])).toBeNull();
  });

  it('a submitted dossier has facts', () => {
    expect(factsOf(record({ status: 'submitted', receivedAt: null, dueAt: null }), [])).not.toBeNull();
  });
});

describe('factsOf: month is the Asia/Ho_Chi_Minh month of submittedAt', () => {
  it.each([
    ['2026-10-31T16:59:59.999Z', '2026-10'], // 23:59:59.999 local on 31 Oct
    ['2026-10-31T17:00:00.000Z', '2026-11'], // 00:00 local on 1 Nov
    ['2026-10-31T18:00:00.000Z', '2026-11'], // 01:00 local on 1 Nov
    ['2026-09-30T17:00:00.000Z', '2026-10'], // 00:00 local on 1 Oct
    ['2026-10-01T00:00:00.000Z', '2026-10'], // 07:00 local
    ['2026-12-31T17:00:00.000Z', '2027-01'], // across the year: 00:00 local on 1 Jan 2027
    ['2026-11-01T06:00:00+07:00', '2026-11'], // an offset instant: 2026-10-31T23:00Z, local 1 Nov
  ])('submitted %s → %s', (submittedAt, month) => {
    expect(facts(record({ submittedAt })).month).toBe(month);
  });
});

describe('factsOf: timeliness (2.1, 5.4)', () => {
  const done = (finishedAt: string, over: Partial<DossierRecord> = {}) => record({ status: 'done', finishedAt, ...over });
  it.each<[string, DossierRecord, DossierFacts['timeliness'], string | null]>([
    // compliant: settled on time
    ['done a day before due', done('2026-10-08T10:00:00.000Z'), 'on_time', null],
    ['done at the due instant', done(DUE), 'on_time', null], // not after the due instant
    ['returned, finished before due', record({ status: 'returned', finishedAt: '2026-10-07T02:00:00.000Z', returnedAt: '2026-10-12T02:00:00.000Z' }), 'on_time', null],
    ['done early after one supplement round', done('2026-10-08T10:00:00.000Z', { supplementRounds: 1 }), 'on_time', null],
    // non-compliant: settled late
    ['done 1 ms after due', done(plusMs(DUE, 1)), 'late', null],
    ['stopped after due', record({ status: 'stopped', finishedAt: '2026-10-12T02:00:00.000Z' }), 'late', null],
    ['done early but 2 supplement rounds', done('2026-10-06T02:00:00.000Z', { supplementRounds: 2 }), 'late', null],
    ['processing with 2 supplement rounds', record({ supplementRounds: 2 }), 'late', null],
    // running: judged later against dueDay (the local date of the due instant)
    ['processing', record(), 'running', '2026-10-09'],
    ['received', record({ status: 'received' }), 'running', '2026-10-09'],
    ['payment_required', record({ status: 'payment_required' }), 'running', '2026-10-09'],
    // due 2026-10-09T17:30Z = 00:30 local on 10 Oct: the local date, not the UTC date
    ['processing, due just after local midnight', record({ dueAt: '2026-10-09T17:30:00.000Z' }), 'running', '2026-10-10'],
    ['supplement_requested without pausedAt', record({ status: 'supplement_requested', supplementRounds: 1 }), 'running', '2026-10-09'],
    // paused: judged at the pause
    ['paused before due', record({ status: 'supplement_requested', supplementRounds: 1, pausedAt: '2026-10-07T03:00:00.000Z' }), 'on_time', null],
    ['paused at the due instant', record({ status: 'supplement_requested', supplementRounds: 1, pausedAt: DUE }), 'on_time', null],
    ['paused after due', record({ status: 'supplement_requested', supplementRounds: 1, pausedAt: '2026-10-12T03:00:00.000Z' }), 'late', null],
    ['paused before due, second round', record({ status: 'supplement_requested', supplementRounds: 2, pausedAt: '2026-10-07T03:00:00.000Z' }), 'late', null],
    // not judged
    ['withdrawn after receipt', record({ status: 'withdrawn' }), 'none', null],
    ['withdrawn past due', record({ status: 'withdrawn', updatedAt: '2026-10-20T03:00:00.000Z' }), 'none', null],
    ['not_received', record({ status: 'not_received', receivedAt: null, dueAt: null }), 'none', null],
    ['submitted', record({ status: 'submitted', receivedAt: null, dueAt: null }), 'none', null],
  ])('%s → %s', (_name, r, timeliness, dueDay) => {
    const f = facts(r);
    expect(f.timeliness).toBe(timeliness);
    expect(f.dueDay).toBe(dueDay);
  });
});

describe('factsOf: agencyActed (1.4)', () => {
  it.each<[string, HistoryItem[], boolean]>([
    ['an official received it', [ev('submit', 'applicant'), ev('receive', 'official', 'off-1')], true],
    ['its agency system reported a step', [ev('submit', 'applicant'), ev('start', 'agency_system', 'key-1')], true],
    ['only the applicant', [ev('submit', 'applicant'), ev('withdraw', 'applicant')], false],
    ['applicant and the system (deadline job, payments)', [ev('submit', 'applicant'), ev('confirm_payment', 'system', 'payments')], false],
    ['no history', [], false],
  ])('%s → %s', (_name, history, expected) => {
    expect(facts(record(), history).agencyActed).toBe(expected);
  });
});

describe('factsOf: feeBearing (3.5, 3.6)', () => {
  it.each<[string, boolean | undefined, HistoryItem[], boolean]>([
    ['procedure has a fee', true, [], true],
    ['procedure has no fee, payment requested', false, [ev('request_payment', 'official')], true],
    ['fee unknown, payment requested', undefined, [ev('request_payment', 'agency_system')], true],
    ['procedure has no fee, no request', false, [ev('receive', 'official')], false],
    ['fee unknown, no request', undefined, [ev('receive', 'official')], false],
  ])('%s → %s', (_name, hasFee, history, expected) => {
    expect(facts(record(), history, hasFee).feeBearing).toBe(expected);
  });
});

describe('factsOf: paidOnline only through the portal payments (3.6)', () => {
  it.each<[string, HistoryItem[], boolean]>([
    ['confirm_payment by system/payments', [ev('request_payment', 'official'), ev('confirm_payment', 'system', 'payments')], true],
    ['confirm_payment by an agency system called payments', [ev('request_payment', 'official'), ev('confirm_payment', 'agency_system', 'payments')], false],
    ['confirm_payment by another system job', [ev('request_payment', 'official'), ev('confirm_payment', 'system', 'deadlines')], false],
    ['confirm_payment by a system without id', [ev('request_payment', 'official'), ev('confirm_payment', 'system')], false],
    ['confirm_payment by an official (paid at the desk)', [ev('request_payment', 'official'), ev('confirm_payment', 'official', 'payments')], false],
    ['payment only requested', [ev('request_payment', 'official')], false],
  ])('%s → %s', (_name, history, expected) => {
    expect(facts(record(), history).paidOnline).toBe(expected);
  });
});

describe('factsOf: resulted, electronicResult, digitised (4.1, 4.2)', () => {
  const app = attachment('application', 'verified');
  const res = attachment('result', 'verified');
  it.each<[string, Partial<DossierRecord>, { resulted: boolean; electronicResult: boolean; digitised: boolean }]>([
    ['processing, verified application file', { attachments: [app] }, { resulted: false, electronicResult: false, digitised: true }],
    ['processing, application file pending', { attachments: [attachment('application', 'pending')] }, { resulted: false, electronicResult: false, digitised: false }],
    ['processing, application file rejected', { attachments: [attachment('application', 'rejected')] }, { resulted: false, electronicResult: false, digitised: false }],
    ['processing, no files', { attachments: [] }, { resulted: false, electronicResult: false, digitised: false }],
    ['done, application + verified result', { status: 'done', finishedAt: DUE, attachments: [app, res] }, { resulted: true, electronicResult: true, digitised: true }],
    ['returned, application + verified result', { status: 'returned', finishedAt: DUE, attachments: [res, app] }, { resulted: true, electronicResult: true, digitised: true }],
    ['done, application but no result file (paper result)', { status: 'done', finishedAt: DUE, attachments: [app] }, { resulted: true, electronicResult: false, digitised: false }],
    ['done, application + pending result', { status: 'done', finishedAt: DUE, attachments: [app, attachment('result', 'pending')] }, { resulted: true, electronicResult: false, digitised: false }],
    ['done, verified result but no application file', { status: 'done', finishedAt: DUE, attachments: [res] }, { resulted: true, electronicResult: true, digitised: false }],
    ['stopped: no result, application file enough', { status: 'stopped', finishedAt: DUE, attachments: [app] }, { resulted: false, electronicResult: false, digitised: true }],
  ])('%s', (_name, over, expected) => {
    const f = facts(record(over));
    expect({ resulted: f.resulted, electronicResult: f.electronicResult, digitised: f.digitised }).toEqual(expected);
  });
});

describe('factsOf: handlingHours (2.2)', () => {
  it.each<[string, Partial<DossierRecord>, number | null]>([
    // 2026-10-05T03:00Z → 2026-10-07T08:00Z = 2 × 24 + 5 = 53 h
    ['done 53 h after receipt', { status: 'done', finishedAt: '2026-10-07T08:00:00.000Z' }, 53],
    // 03:00Z → 03:20Z = 1/3 h
    ['stopped 20 min after receipt', { status: 'stopped', finishedAt: '2026-10-05T03:20:00.000Z' }, 1 / 3],
    ['returned at the due instant', { status: 'returned', finishedAt: DUE }, 103], // 4 × 24 + 7 = 103 h
    ['finish recorded before receipt: clamped to 0', { status: 'done', finishedAt: '2026-10-05T02:00:00.000Z' }, 0],
    ['processing: not finished', {}, null],
    ['withdrawn: not finished', { status: 'withdrawn' }, null],
    ['done without finishedAt', { status: 'done', finishedAt: null }, null],
    ['stopped without receipt', { status: 'stopped', receivedAt: null, dueAt: null, finishedAt: '2026-10-07T08:00:00.000Z' }, null],
  ])('%s → %s', (_name, over, hours) => {
    const f = facts(record(over));
    if (hours === null) expect(f.handlingHours).toBeNull();
    else expect(f.handlingHours).toBeCloseTo(hours, 10);
  });
});

describe('factsOf: the identity fields', () => {
  it('copies id, version, agency, procedure, channel, status, receipt and VNeID', () => {
    const f = facts(record({ id: 'x9', version: 7, channel: 'desk', applicant: { ...record().applicant, vneidVerified: true } }));
    expect(f).toMatchObject({
      dossierId: 'x9', version: 7, agencyCode: '000.00.00.H26', procedureCode: '1.001193', channel: 'desk',
      status: 'processing', received: true, vneidVerified: true,
    });
    expect(facts(record({ status: 'submitted', receivedAt: null, dueAt: null })).received).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

const baseFacts = (over: Partial<DossierFacts> = {}): DossierFacts => ({
  dossierId: 'dos-1',
  version: 1,
  agencyCode: 'AG1',
  procedureCode: 'P1',
  channel: 'online',
  status: 'processing',
  month: '2026-10',
  received: true,
  agencyActed: true,
  timeliness: 'running',
  dueDay: '2026-10-09',
  handlingHours: null,
  feeBearing: false,
  paidOnline: false,
  resulted: false,
  electronicResult: false,
  digitised: false,
  vneidVerified: false,
  populationPrefilled: false,
  ...over,
});

describe('contributionOf: exact counter maps', () => {
  it('an online, received, running, fee-bearing dossier paid online, digitised, by a VNeID account', () => {
    const f = baseFacts({ feeBearing: true, paidOnline: true, digitised: true, vneidVerified: true });
    expect(contributionOf(f)).toEqual({
      agencyCode: 'AG1',
      month: '2026-10',
      counters: {
        dossiers: 1, 'st:processing': 1, 'ch:online': 1, 'pr:P1': 1,
        agencyActed: 1, received: 1, onlineReceived: 1, 'op:P1': 1,
        digitised: 1, vneid: 1, 'vp:P1': 1,
        feeBearing: 1, 'fp:P1': 1, paidOnline: 1, 'pp:P1': 1,
        'due:2026-10-09': 1,
      },
    });
  });

  it('a desk dossier returned on time with an electronic result, from the record', () => {
    // received 03:00Z, finished 2026-10-07T11:20Z: 2 × 24 h + 8 h 20 min = 56.333… h → 56.33
    const r = record({
      channel: 'desk', delivery: 'desk', status: 'returned', finishedAt: '2026-10-07T11:20:00.000Z', returnedAt: '2026-10-08T02:00:00.000Z',
      attachments: [attachment('application', 'verified'), attachment('result', 'verified')],
    });
    const f = facts(r, [ev('receive', 'agency_system', 'key-1'), ev('finish', 'agency_system', 'key-1')], false);
    expect(contributionOf(f)).toEqual({
      agencyCode: '000.00.00.H26',
      month: '2026-10',
      counters: {
        dossiers: 1, 'st:returned': 1, 'ch:desk': 1, 'pr:1.001193': 1,
        agencyActed: 1, received: 1, digitised: 1,
        onTime: 1, finished: 1, handlingHours: 56.33,
        resulted: 1, eResult: 1,
      },
    });
  });

  // 4.5a/4.5b count dossiers using population data (Decision 766: "có sử dụng thông tin, dữ liệu dân cư").
  // Worked by hand: a received dossier of a password account (not VNeID-verified) whose requester
  // fields came from the population database → vneid 1, vp:1.001193 1; the same filled from the
  // business register only → neither; not prefilled and not VNeID → neither.
  it.each<[string, DossierRecord['prefilled'], boolean]>([
    ['prefilled from the population database', [{ name: 'requesterFullName', source: 'population.fullName', readAt: RECEIVED, valueHash: 'h' }], true],
    ['prefilled from the business register only', [{ name: 'enterpriseName', source: 'enterprise.name', readAt: RECEIVED, valueHash: 'h' }], false],
    ['not prefilled', [], false],
    ['an older record without the field', undefined, false],
  ])('population data (4.5a, 4.5b), applicant not VNeID-verified, %s', (_name, prefilled, counted) => {
    const r = record({ prefilled, applicant: { sub: 's', type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: false } });
    const c = contributionOf(facts(r, [ev('receive', 'official', 'o')], false)).counters;
    expect({ vneid: c.vneid ?? 0, vp: c['vp:1.001193'] ?? 0 }).toEqual(counted ? { vneid: 1, vp: 1 } : { vneid: 0, vp: 0 });
  });

  it('a submitted dossier not yet received: per-receipt counters stay out even when fee-bearing and VNeID', () => {
    const f = baseFacts({
      status: 'submitted', received: false, agencyActed: false, timeliness: 'none', dueDay: null,
      feeBearing: true, paidOnline: true, vneidVerified: true, digitised: true,
    });
    expect(contributionOf(f).counters).toEqual({ dossiers: 1, 'st:submitted': 1, 'ch:online': 1, 'pr:P1': 1 });
  });

  it('a late stopped post dossier, paid online though not fee-bearing (no paidOnline), and no electronic result', () => {
    const f = baseFacts({
      channel: 'post', status: 'stopped', timeliness: 'late', dueDay: null, handlingHours: 120.456,
      paidOnline: true, feeBearing: false, electronicResult: true, resulted: false, agencyActed: false,
    });
    // handlingHours 120.456 → 120.46; eResult needs resulted
    expect(contributionOf(f).counters).toEqual({
      dossiers: 1, 'st:stopped': 1, 'ch:post': 1, 'pr:P1': 1,
      received: 1, late: 1, finished: 1, handlingHours: 120.46,
    });
  });

  it('running without a dueDay adds no due: counter', () => {
    expect(Object.keys(contributionOf(baseFacts({ dueDay: null })).counters).filter((k) => k.startsWith('due:'))).toEqual([]);
  });
});

describe('contributionDelta', () => {
  const c1 = contributionOf(baseFacts());
  const negate = (c: Counters) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, -v]));

  it('first contribution: the whole contribution', () => {
    expect(contributionDelta(null, c1)).toEqual([c1]);
  });

  it('nothing before and nothing now: nothing', () => {
    expect(contributionDelta(null, null)).toEqual([]);
  });

  it('an identical contribution: nothing', () => {
    expect(contributionDelta(c1, contributionOf(baseFacts({ version: 9 })))).toEqual([]);
  });

  it('removed: everything negative', () => {
    expect(contributionDelta(c1, null)).toEqual([{ agencyCode: 'AG1', month: '2026-10', counters: negate(c1.counters) }]);
  });

  it('a status change moves one st: counter', () => {
    // processing → payment_required: still running with the same due day
    expect(contributionDelta(c1, contributionOf(baseFacts({ status: 'payment_required' })))).toEqual([
      { agencyCode: 'AG1', month: '2026-10', counters: { 'st:processing': -1, 'st:payment_required': 1 } },
    ]);
  });

  it('finishing on time: status, due: → onTime, finished and hours', () => {
    const next = contributionOf(baseFacts({ status: 'done', timeliness: 'on_time', dueDay: null, handlingHours: 30.5, resulted: true }));
    expect(contributionDelta(c1, next)).toEqual([
      {
        agencyCode: 'AG1', month: '2026-10',
        counters: { 'st:processing': -1, 'due:2026-10-09': -1, 'st:done': 1, onTime: 1, finished: 1, handlingHours: 30.5, resulted: 1 },
      },
    ]);
  });

  it('a change of hours only: the difference, rounded to 2 decimals', () => {
    const a = contributionOf(baseFacts({ status: 'done', timeliness: 'on_time', dueDay: null, handlingHours: 0.1 }));
    const b = contributionOf(baseFacts({ status: 'done', timeliness: 'on_time', dueDay: null, handlingHours: 0.3 }));
    // 0.3 − 0.1 = 0.19999999999999998 in floating point → 0.2
    expect(contributionDelta(a, b)).toEqual([{ agencyCode: 'AG1', month: '2026-10', counters: { handlingHours: 0.2 } }]);
  });

  it('a change of month moves every counter between two agency-months', () => {
    const next = contributionOf(baseFacts({ month: '2026-11' }));
    expect(contributionDelta(c1, next)).toEqual([
      { agencyCode: 'AG1', month: '2026-10', counters: negate(c1.counters) },
      { agencyCode: 'AG1', month: '2026-11', counters: c1.counters },
    ]);
  });

  it('a change of agency and status: all out of one, the new contribution into the other', () => {
    const next = contributionOf(baseFacts({ agencyCode: 'AG2', status: 'received' }));
    const [out, into] = contributionDelta(c1, next);
    expect(out).toEqual({ agencyCode: 'AG1', month: '2026-10', counters: negate(c1.counters) });
    expect(into).toEqual({ agencyCode: 'AG2', month: '2026-10', counters: next.counters });
    expect(out!.counters['st:processing']).toBe(-1);
    expect(into!.counters['st:received']).toBe(1);
    expect(into!.counters['st:processing']).toBeUndefined();
  });

  it('zero entries are dropped, non-zero kept', () => {
    const prev: Contribution = { agencyCode: 'A', month: '2026-10', counters: { a: 1, b: 2, h: 1.25 } };
    const next: Contribution = { agencyCode: 'A', month: '2026-10', counters: { a: 1, b: 3, c: 1, h: 1.25 } };
    expect(contributionDelta(prev, next)).toEqual([{ agencyCode: 'A', month: '2026-10', counters: { b: 1, c: 1 } }]);
  });

  it('differences that round to zero at 2 decimals are dropped too (never a 0 or −0 entry)', () => {
    // h: 1.003 − 1.001 = 0.002 → 0.00; h: 1.001 − 1.004 = −0.003 → −0.00: neither is a change
    const p1: Contribution = { agencyCode: 'A', month: '2026-10', counters: { h: 1.001 } };
    const n1: Contribution = { agencyCode: 'A', month: '2026-10', counters: { h: 1.003 } };
    expect(contributionDelta(p1, n1)).toEqual([]);
    const p2: Contribution = { agencyCode: 'A', month: '2026-10', counters: { a: 1, h: 1.004 } };
    const n2: Contribution = { agencyCode: 'A', month: '2026-10', counters: { a: 2, h: 1.001 } };
    expect(contributionDelta(p2, n2)).toEqual([{ agencyCode: 'A', month: '2026-10', counters: { a: 1 } }]);
  });
});

describe('sumCounters', () => {
  it.each<[string, Counters[], Counters]>([
    ['nothing', [], {}],
    ['one', [{ a: 1 }], { a: 1 }],
    // a: 1 + 2 = 3; h: 0.1 + 0.2 = 0.30000000000000004 → 0.3; c only in the last
    ['three months', [{ a: 1, h: 0.1 }, { a: 2, h: 0.2 }, { c: 5 }], { a: 3, h: 0.3, c: 5 }],
    // 3 − 1 − 2 = 0 stays as a 0 entry
    ['with negatives', [{ a: 3 }, { a: -1 }, { a: -2, b: -1 }], { a: 0, b: -1 }],
  ])('%s', (_name, items, expected) => {
    expect(sumCounters(items)).toEqual(expected);
  });

  it('accepts any iterable (a generator)', () => {
    function* gen() { yield { x: 1 }; yield { x: 2.5 }; }
    expect(sumCounters(gen())).toEqual({ x: 3.5 });
  });
});

describe('property: applying the deltas of a dossier in order leaves its last contribution', () => {
  /** mulberry32: a tiny seeded PRNG, so a failure replays. */
  const prng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const STATUSES = DOSSIER_STATUSES.filter((s) => s !== 'draft');

  const randomFacts = (rnd: () => number): DossierFacts => {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const bool = () => rnd() < 0.5;
    const timeliness = pick(['on_time', 'late', 'running', 'none'] as const);
    return baseFacts({
      agencyCode: pick(['AG1', 'AG2', 'AG3']),
      month: pick(['2026-09', '2026-10', '2026-11']),
      procedureCode: pick(['P1', 'P2']),
      channel: pick(['online', 'desk', 'post'] as const),
      status: pick(STATUSES) as DossierStatus,
      received: bool(),
      agencyActed: bool(),
      timeliness,
      dueDay: timeliness === 'running' ? pick(['2026-10-09', '2026-10-31', '2026-11-02']) : null,
      handlingHours: bool() ? Math.round(rnd() * 50_000) / 100 + rnd() / 1000 : null,
      feeBearing: bool(),
      paidOnline: bool(),
      resulted: bool(),
      electronicResult: bool(),
      digitised: bool(),
      vneidVerified: bool(),
      populationPrefilled: bool(),
    });
  };

  it('200 random sequences (seed 766)', () => {
    const rnd = prng(766);
    for (let run = 0; run < 200; run++) {
      const store = new Map<string, Counters>();
      let previous: Contribution | null = null;
      const length = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < length; i++) {
        const next = contributionOf(randomFacts(rnd));
        for (const d of contributionDelta(previous, next)) {
          const k = `${d.agencyCode}|${d.month}`;
          store.set(k, sumCounters([store.get(k) ?? {}, d.counters]));
        }
        previous = next;
      }
      const nonZero = [...store.entries()]
        .map(([k, c]) => [k, Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0))] as const)
        .filter(([, c]) => Object.keys(c).length > 0);
      expect(nonZero, `run ${run}`).toEqual([[`${previous!.agencyCode}|${previous!.month}`, previous!.counters]]);
    }
  });
});

// C is the vocabulary the measures read: a typo there would silently zero an indicator.
describe('counter names', () => {
  it.each([
    [C.status('done'), 'st:done'],
    [C.channel('online'), 'ch:online'],
    [C.procedure('P1'), 'pr:P1'],
    [C.runningDue('2026-10-09'), 'due:2026-10-09'],
    [C.onlineProcedure('P1'), 'op:P1'],
    [C.feeProcedure('P1'), 'fp:P1'],
    [C.paidProcedure('P1'), 'pp:P1'],
    [C.populationProcedure('P1'), 'vp:P1'],
  ])('%s = %s', (actual, expected) => expect(actual).toBe(expected));
});
