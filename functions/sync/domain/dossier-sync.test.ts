// Dossiers of record from agency systems, the pure parts: the upsert contract, the steps an
// upsert's history becomes (`importSteps`), what an upsert does given what the portal holds
// (`decideDossierUpsert`, compliant and non-compliant cases), and the replay that builds the record
// through the dossier transition table (`replayOfRecord`).
import { describe, expect, it } from 'vitest';
import { DossierUpsertIn } from '../../../shared/contracts/sync-dossiers';
import { decideDossierUpsert, importSteps, MAX_IMPORT_STEPS, type HeldDossier } from './dossier-sync';
import { replayOfRecord } from '../../dossiers/domain/of-record';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { DossierRecord } from '../../dossiers/public';

const CODE = '000.00.00004.H26-261201-0042';
const upsert = (over: Record<string, unknown> = {}) => DossierUpsertIn.parse({
  eventId: 'evt-desk-0001',
  code: CODE,
  procedureCode: '1.001266',
  channel: 'desk',
  applicant: { type: 'citizen', name: 'Trần Thị B', idNumber: '001199000111' },
  receivedAt: '2026-12-01T09:00:00+07:00',
  status: 4,
  at: '2026-12-01T10:00:00+07:00',
  ...over,
});

describe('DossierUpsertIn', () => {
  it.each([
    ['a desk dossier with its history', {}],
    ['a business by post with an address and a due date', {
      channel: 'post', delivery: 'post', postalAddress: { recipient: 'Công ty A', phone: '0912345678', address: '1 Tràng Tiền, Hoàn Kiếm' },
      applicant: { type: 'business', name: 'Công ty A', enterpriseCode: '0101234567-001', contact: { email: 'a@example.vn' } }, dueDate: '2026-12-04T17:00:00+07:00',
    }],
    ['a status as a decimal string', { status: '9' }],
  ])('compliant: %s', (_what, over) => {
    expect(DossierUpsertIn.safeParse({ ...upsert(), ...over }).success).toBe(true);
  });

  it.each([
    ['an online channel', { channel: 'online' }, 'channel'],
    ['a citizen without an ID number', { applicant: { type: 'citizen', name: 'A' } }, 'applicant.idNumber'],
    ['an 11-digit ID number', { applicant: { type: 'citizen', name: 'A', idNumber: '00119900011' } }, 'applicant.idNumber'],
    ['a business without an enterprise code', { applicant: { type: 'business', name: 'A' } }, 'applicant.enterpriseCode'],
    ['post delivery without an address', { delivery: 'post' }, 'postalAddress'],
    ['a status code 11', { status: 11 }, 'status'],
    ['a time without offset', { at: '2026-12-01T10:00:00' }, 'at'],
    ['not a dossier code', { code: 'H26-1' }, 'code'],
    ['31 history steps', { history: Array.from({ length: 31 }, () => ({ at: '2026-12-01T09:30:00+07:00', status: 4 })) }, 'history'],
  ])('non-compliant: %s', (_what, over, path) => {
    const out = DossierUpsertIn.safeParse({ ...upsert(), ...over });
    expect(out.success).toBe(false);
    expect(out.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('importSteps', () => {
  it.each([
    ['received: the receipt only', { status: 2, at: '2026-12-01T09:00:00+07:00' }, ['receive']],
    ['processing', {}, ['receive', 'start']],
    ['returned with a supplement round in its history', {
      status: 10, at: '2026-12-10T10:00:00+07:00',
      history: [
        { at: '2026-12-01T09:30:00+07:00', status: 4 },
        { at: '2026-12-02T09:00:00+07:00', status: 5, missingComponents: ['TP02'], note: 'Thiếu bản sao' },
        { at: '2026-12-03T09:00:00+07:00', status: 4 },
        { at: '2026-12-05T09:00:00+07:00', status: 9 },
      ],
    }, ['receive', 'start', 'request_supplement', 'resume', 'finish', 'return_result']],
    ['coarse history: received then done', { status: 9, history: [{ at: '2026-12-01T09:00:00+07:00', status: 2 }] }, ['receive', 'start', 'finish']],

    ['withdrawn at the desk', { status: 7, reason: 'Công dân rút' }, ['receive', 'withdraw']],
  ])('compliant: %s', (_what, over, actions) => {
    const out = importSteps(upsert(over));
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.steps.map((s) => s.action)).toEqual(actions);
  });

  it('the receipt reported again as the first history step lends it its note', () => {
    const out = importSteps(upsert({ history: [{ at: '2026-12-01T09:00:00+07:00', status: 2, note: 'Tiếp nhận tại một cửa' }] }));
    expect(out.ok && out.steps.map((s) => [s.action, s.input.note])).toEqual([['receive', 'Tiếp nhận tại một cửa'], ['start', undefined]]);
  });

  it('each step carries the time it happened at the agency (UTC) and the input its action needs', () => {
    const out = importSteps(upsert({ status: 8, reason: 'Hồ sơ giả mạo', history: [{ at: '2026-12-01T09:10:00+07:00', status: 4, note: 'Chuyển xử lý' }] }));
    expect(out).toEqual({ ok: true, steps: [
      { action: 'receive', input: { note: undefined }, at: '2026-12-01T02:00:00.000Z' },
      { action: 'start', input: { note: 'Chuyển xử lý' }, at: '2026-12-01T02:10:00.000Z' },
      { action: 'stop', input: { reason: 'Hồ sơ giả mạo', note: undefined }, at: '2026-12-01T03:00:00.000Z' },
    ] });
  });

  it.each([
    ['status submitted (1): not a dossier of record', { status: 1 }, 'status'],
    ['status not_received (3)', { status: 3 }, 'status'],
    ['a history step going back (done → processing)', { status: 4, history: [{ at: '2026-12-01T09:30:00+07:00', status: 9 }] }, 'status'],
    ['a history step out of order', { history: [{ at: '2026-12-01T08:00:00+07:00', status: 4 }] }, 'history.0.at'],
    ['the current status before the last step', { at: '2026-12-01T09:10:00+07:00', history: [{ at: '2026-12-01T09:30:00+07:00', status: 4 }] }, 'at'],
    ['a supplement request without missing components', { status: 5 }, 'missingComponents'],
    ['a history step without missing components', { status: 9, history: [{ at: '2026-12-01T09:30:00+07:00', status: 5 }] }, 'history.0.missingComponents'],
    ['a due date before the receipt', { dueDate: '2026-11-30T09:00:00+07:00' }, 'dueDate'],
    ['a closed dossier reopened', { status: 4, history: [{ at: '2026-12-01T09:30:00+07:00', status: 10 }] }, 'status'],
  ])('non-compliant: %s', (_what, over, path) => {
    const out = importSteps(upsert(over));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors.map((e) => e.path)).toContain(path);
  });

  it(`the longest history the contract allows stays within one transaction (≤ ${MAX_IMPORT_STEPS} transitions)`, () => {
    // 30 steps alternating supplement request (5) and payment request (6): two transitions each.
    const history = Array.from({ length: 30 }, (_, i) => ({ at: new Date(Date.UTC(2026, 11, 2, i)).toISOString(), status: i % 2 ? 6 : 5, missingComponents: ['TP01'] }));
    const out = importSteps(upsert({ history, status: 5, missingComponents: ['TP01'], at: '2026-12-31T10:00:00+07:00' }));
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.steps.length).toBeGreaterThan(60);
    expect(out.steps.length).toBeLessThanOrEqual(MAX_IMPORT_STEPS);
  });
});

describe('decideDossierUpsert', () => {
  // Received at the desk at 09:00 (+07:00) on 1 December, started at 10:00; decided on the 5th.
  const held = (over: Partial<HeldDossier> = {}, lastAppliedAt: string | null = '2026-12-01T03:00:00.000Z') => ({
    dossier: {
      channel: 'desk', procedureCode: '1.001266', status: 'processing', applicant: { type: 'citizen', idNumber: '001199000111', enterpriseCode: null },
      submittedAt: '2026-12-01T02:00:00.000Z', createdAt: '2026-12-01T02:00:00.000Z', ...over,
    } as HeldDossier,
    lastAppliedAt,
    lastStepAt: '2026-12-01T03:00:00.000Z',
  });
  const NOW = new Date('2026-12-05T00:00:00Z');

  it('compliant: a free code creates the dossier of record with its steps', () => {
    expect(decideDossierUpsert(undefined, upsert(), NOW)).toMatchObject({ kind: 'create', steps: [{ action: 'receive' }, { action: 'start' }] });
  });

  it.each([
    ['the same dossier, a newer status: applied as a status event', held(), { status: 9, at: '2026-12-01T11:00:00+07:00' }, { kind: 'apply', at: '2026-12-01T04:00:00.000Z', steps: [{ action: 'finish', input: { note: undefined } }] }],
    ['the same dossier re-sent unchanged: already', held({}, '2026-12-01T02:00:00.000Z'), { at: '2026-12-01T10:30:00+07:00' }, { kind: 'already' }],
    ['the same dossier, an older status: stale', held({ status: 'done' }), { status: 4, at: '2026-12-01T09:30:00+07:00' }, { kind: 'stale' }],
    ['the same dossier, a status it cannot go back to: impossible', held({ status: 'returned' }), { status: 4, at: '2026-12-02T09:30:00+07:00' }, { kind: 'impossible' }],
  ] as const)('compliant upsert: %s', (_what, h, over, decision) => {
    expect(decideDossierUpsert(h, upsert(over), NOW)).toMatchObject(decision);
  });

  it.each([
    ['the code of an online dossier', held({ channel: 'online' }), {}, /submitted online/],
    ['a dossier received by post, re-sent as desk', held({ channel: 'post' }), {}, /received by post/],
    ['another procedure', held({ procedureCode: '1.001570' }), {}, /procedure 1.001570/],
    ['another applicant', held({ applicant: { type: 'citizen', idNumber: '001199000999', enterpriseCode: null } }), {}, /another applicant/],
    ['a business where a citizen was', held({ applicant: { type: 'business', idNumber: null, enterpriseCode: '0101234567' } }), {}, /another applicant/],
  ] as const)('non-compliant (conflict, never merged): %s', (_what, h, over, why) => {
    const d = decideDossierUpsert(h, upsert(over), NOW);
    expect(d.kind).toBe('conflict');
    expect('why' in d ? d.why : '').toMatch(why);
  });

  it('a free code with a history the table cannot follow is impossible (the consumer records it, never half-creates)', () => {
    expect(decideDossierUpsert(undefined, upsert({ status: 5 }), NOW)).toMatchObject({ kind: 'impossible', why: expect.stringMatching(/missingComponents/) });
  });

  it('times: a free code with a step in the future is refused; a re-sent dossier\'s status is judged like a status event\'s', () => {
    const tomorrow = new Date(NOW.getTime() + 86_400_000).toISOString();
    expect(decideDossierUpsert(undefined, upsert({ at: tomorrow }), NOW)).toMatchObject({ kind: 'refused', code: 'AT_IN_FUTURE' });
    expect(decideDossierUpsert(held({}, null), upsert({ status: 9, at: tomorrow }), NOW)).toMatchObject({ kind: 'refused', code: 'AT_IN_FUTURE' });
    // Before the last step (10:00), beyond the allowance: out of order; 2 minutes before: applied at 10:00.
    expect(decideDossierUpsert(held({}, null), upsert({ status: 9, at: '2026-12-01T09:30:00+07:00' }), NOW)).toMatchObject({ kind: 'refused', code: 'AT_OUT_OF_ORDER' });
    expect(decideDossierUpsert(held({}, null), upsert({ status: 9, at: '2026-12-01T09:58:00+07:00' }), NOW)).toMatchObject({ kind: 'apply', at: '2026-12-01T03:00:00.000Z' });
  });
});

describe('replayOfRecord', () => {
  const calendar = createWorkingCalendar([]);
  const registered = (): DossierRecord => ({
    id: 'd-1', code: CODE, procedureCode: '1.001266', procedureName: 'P', processingTime: { value: 3, unit: 'working_day' },
    components: [{ code: 'TP02', name: 'Bản sao', required: true, accept: ['application/pdf'], maxFiles: 1 }],
    agencyCode: '000.00.00004.H26', agencyName: 'UBND Phường Ba Đình', agencyParentCode: '000.00.00.H26',
    status: 'submitted', version: 0, channel: 'desk', delivery: 'desk', postalAddress: null, contact: null,
    applicant: { sub: '', type: 'citizen', idNumber: '001199000111', enterpriseCode: null, vneidVerified: false, name: 'Trần Thị B' },
    form: {}, attachments: [], createdAt: '2026-12-01T02:00:00.000Z', updatedAt: '2026-12-01T02:00:00.000Z',
    submittedAt: '2026-12-01T02:00:00.000Z', receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null, returnedAt: null,
    supplementRequest: null, supplementRounds: 0, apologies: [],
  });
  const actor = { kind: 'agency_system' as const, id: 'demo-hanoi-system' };

  it('builds the record through the transition table: due date, pause, finish, version, imported history by the agency system', () => {
    const steps = importSteps(upsert({
      status: 9, at: '2026-12-08T10:00:00+07:00',
      history: [
        { at: '2026-12-01T09:30:00+07:00', status: 4 },
        { at: '2026-12-02T09:00:00+07:00', status: 5, missingComponents: ['TP02'] },
        { at: '2026-12-03T09:00:00+07:00', status: 4 },
      ],
    }));
    if (!steps.ok) throw new Error('steps');
    const out = replayOfRecord(registered(), steps.steps, actor, calendar);
    if (!out.ok) throw new Error(out.error);
    expect(out.record).toMatchObject({ status: 'done', version: 5, receivedAt: '2026-12-01T02:00:00.000Z', finishedAt: '2026-12-08T03:00:00.000Z', pausedAt: null, supplementRounds: 1 });
    // Received Tue 1 Dec 09:00 (+07), 3 working days → Fri 4 Dec; paused a working day (2 → 3 Dec) → Mon 7 Dec.
    const plain = calendar.dueDate(new Date('2026-12-01T02:00:00Z'), { value: 3, unit: 'working_day' }).toISOString();
    expect(Date.parse(out.record.dueAt!)).toBeGreaterThan(Date.parse(plain));
    expect(out.events.map((e) => [e.version, e.action, e.from, e.to, e.actor.kind, e.imported, e.channel])).toEqual([
      [1, 'receive', 'submitted', 'received', 'agency_system', true, 'desk'],
      [2, 'start', 'received', 'processing', 'agency_system', true, 'desk'],
      [3, 'request_supplement', 'processing', 'supplement_requested', 'agency_system', true, 'desk'],
      [4, 'resume', 'supplement_requested', 'processing', 'agency_system', true, 'desk'],
      [5, 'finish', 'processing', 'done', 'agency_system', true, 'desk'],
    ]);
  });

  it('the agency\'s appointed date wins over the computed one', () => {
    const out = replayOfRecord(registered(), [{ action: 'receive', input: {}, at: '2026-12-01T02:00:00.000Z' }], actor, calendar, '2026-12-10T17:00:00+07:00');
    expect(out.ok && out.record.dueAt).toBe('2026-12-10T10:00:00.000Z');
  });

  it('a step the table refuses stops the replay (nothing to write)', () => {
    const out = replayOfRecord(registered(), [{ action: 'receive', input: {}, at: '2026-12-01T02:00:00.000Z' }, { action: 'finish', input: {}, at: '2026-12-01T03:00:00.000Z' }], actor, calendar);
    expect(out).toMatchObject({ ok: false, step: 1, error: 'INVALID_TRANSITION' });
  });
});
