// Outbound sync without emulators: which events agency systems hear of, the event they get, the
// retry schedule (full-jitter exponential backoff), and the consumer's handling of one message
// with stand-ins — partial failures retried for the undelivered systems only, the retry delay set
// from the receive count, signatures that verify.
import { backoffCeilingSeconds, retryDelaySeconds } from './domain/retry';
import { describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { OutboundEvent, OUTBOUND_TYPES } from '../../shared/contracts/sync';
import { DOSSIER_ACTIONS } from '../../shared/contracts/dossier-status';
import {
  OUTBOUND_RETRY, outboundEventOf, outboundRetryPolicy, outboundMessageIds, outboundRelevant, outboxSk,
} from './domain/outbound';
import { deliverMessage, type OutboundDeps } from './use-cases/deliver-outbound';
import { outboundConsumer } from './use-cases/outbound-batch';
import type { DeliveryState, OutboxStore } from './adapters/outbox-store';
import { verifySignedRequest } from '../../shared/auth/agency-signature';
import type { DossierEvent, DossierRecord } from '../dossiers/public';

const event = (action: string, actorKind: string, over: Partial<DossierEvent> = {}): DossierEvent => ({
  type: 'dossier.transitioned', at: '2026-12-01T03:00:00.000Z', actor: { kind: actorKind as 'applicant', id: 'sub-1' },
  action: action as DossierEvent['action'], from: 'draft', to: 'submitted', note: null, dossierId: 'd-1', version: 2,
  code: '000.00.00004.H26-261201-0001', agencyCode: '000.00.00004.H26', procedureCode: '1.001266', channel: 'online', statusCode: 1, ...over,
});

const dossier = (over: Partial<DossierRecord> = {}): DossierRecord => ({
  id: 'd-1', code: '000.00.00004.H26-261201-0001', procedureCode: '1.001266', procedureName: 'Đăng ký khai sinh',
  processingTime: { value: 1, unit: 'working_day' }, components: [], agencyCode: '000.00.00004.H26', agencyName: 'UBND Phường Ba Đình',
  agencyParentCode: '000.00.00.H26', status: 'submitted', version: 2, channel: 'online', delivery: 'online', postalAddress: null,
  contact: { phone: '0912345678' }, applicant: { sub: 'sub-1', type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
  form: { hoTen: 'Nguyễn Văn An' },
  attachments: [
    { id: 'a-1', kind: 'application', componentCode: 'TP01', fileName: 'TP01.pdf', contentType: 'application/pdf', size: 10, status: 'verified', rejectedReason: null, createdAt: '', verifiedAt: '', round: 0 },
    { id: 'a-2', kind: 'application', componentCode: 'TP01', fileName: 'old.pdf', contentType: 'application/pdf', size: 10, status: 'rejected', rejectedReason: 'x', createdAt: '', verifiedAt: null, round: 0 },
    { id: 'a-3', kind: 'application', componentCode: 'TP02', fileName: 'TP02.pdf', contentType: 'application/pdf', size: 12, status: 'verified', rejectedReason: null, createdAt: '', verifiedAt: '', round: 1 },
  ],
  createdAt: '', updatedAt: '', submittedAt: '2026-12-01T03:00:00.000Z', receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null,
  returnedAt: null, supplementRequest: null, supplementRounds: 1, apologies: [], ...over,
});

describe('outboundRelevant: the subscription (shared/contracts/sync.ts OUTBOUND_TYPES)', () => {
  it.each([
    ['submit', 'applicant', true], ['supplement', 'applicant', true], ['withdraw', 'applicant', true], ['confirm_payment', 'system', true],
    // The agency system's own actions are never echoed back to it.
    ['withdraw', 'agency_system', false], ['confirm_payment', 'agency_system', false],
    ['receive', 'official', false], ['request_supplement', 'official', false], ['finish', 'agency_system', false], ['return_result', 'system', false],
  ])('%s by %s → %s', (action, actor, expected) => {
    expect(outboundRelevant(event(action, actor))).toBe(expected);
  });

  it('lists only real dossier actions', () => {
    expect(Object.keys(OUTBOUND_TYPES).every((a) => (DOSSIER_ACTIONS as readonly string[]).includes(a))).toBe(true);
  });

  it('FIFO per dossier, deduplicated per version', () => {
    expect(outboundMessageIds(event('submit', 'applicant'))).toEqual({ groupId: 'd-1', dedupId: 'd-1#2' });
  });
});

describe('outboundEventOf', () => {
  it('a new dossier: what the desk needs, the verified files of the submission, no account id', () => {
    const out = outboundEventOf(event('submit', 'applicant'), dossier());
    expect(OutboundEvent.parse(out)).toEqual(out);
    expect(out).toMatchObject({
      schemaVersion: 1, eventId: 'd-1:2', type: 'dossier.submitted', action: 'submit', status: 'submitted', statusCode: 1, actor: 'applicant',
      dossier: { applicant: { type: 'citizen', idNumber: '001099012345', vneidVerified: true }, form: { hoTen: 'Nguyễn Văn An' }, delivery: 'online', postalAddress: null },
    });
    expect(out.dossier!.attachments.map((a) => a.id)).toEqual(['a-1']);
    expect(JSON.stringify(out)).not.toContain('sub-1');
  });

  it('a supplement carries the files of its round; a withdrawal its reason; a payment only the change', () => {
    const sup = outboundEventOf(event('supplement', 'applicant', { from: 'supplement_requested', to: 'processing', statusCode: 4, version: 7 }), dossier());
    expect([sup.type, sup.dossier, sup.attachments?.map((a) => a.id)]).toEqual(['dossier.supplemented', undefined, ['a-3']]);
    const wd = outboundEventOf(event('withdraw', 'applicant', { to: 'withdrawn', statusCode: 7, note: 'Nộp nhầm thủ tục' }), dossier());
    expect([wd.type, wd.note, wd.dossier, wd.attachments]).toEqual(['dossier.withdrawn', 'Nộp nhầm thủ tục', undefined, undefined]);
    const paid = outboundEventOf(event('confirm_payment', 'system', { from: 'payment_required', to: 'processing', statusCode: 4 }), dossier());
    expect([paid.type, paid.actor]).toEqual(['dossier.payment_confirmed', 'system']);
  });

  it('refuses an event that is not sent', () => {
    expect(() => outboundEventOf(event('receive', 'official'), dossier())).toThrow(/not sent/);
  });

  it('outbox keys sort in event order', () => {
    const a = outboxSk({ at: '2026-12-01T03:00:00.000Z', dossierId: 'd-1', version: 9 });
    const b = outboxSk({ at: '2026-12-01T03:00:00.000Z', dossierId: 'd-1', version: 10 });
    const c = outboxSk({ at: '2026-12-01T03:00:01.000Z', dossierId: 'd-0', version: 1 });
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });
});

describe('backoff: full jitter, exponential, capped', () => {
  const policy = { baseSeconds: 30, capSeconds: 3600 };
  it.each([
    [1, 30], [2, 60], [3, 120], [4, 240], [5, 480], [6, 960], [7, 1920], [8, 3600], [9, 3600], [50, 3600],
    [0, 30], [-3, 30],
  ])('ceiling after attempt %i is %i s', (attempt, ceiling) => {
    expect(backoffCeilingSeconds(policy, attempt)).toBe(ceiling);
  });

  it.each([
    // [attempt, random, delay]: uniform whole seconds over [0, ceiling]
    [1, 0, 0], [1, 0.5, 15], [1, 0.999999, 30], [3, 0.25, 30], [8, 0.999999, 3600], [8, 0.5, 1800],
  ])('attempt %i, random %f → %i s', (attempt, r, delay) => {
    expect(retryDelaySeconds(policy, attempt, r)).toBe(delay);
  });

  it('the default schedule: 7 waits between 8 attempts, at most 3,810 s (~64 min) in all', () => {
    expect(OUTBOUND_RETRY).toEqual(policy);
    const worst = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + backoffCeilingSeconds(OUTBOUND_RETRY, n), 0);
    expect(worst).toBe(3810);
  });

  it('a zero base retries at once; the environment sets base and cap, bad values fall back', () => {
    expect(retryDelaySeconds({ baseSeconds: 0, capSeconds: 10 }, 5, 0.9)).toBe(0);
    expect(outboundRetryPolicy({ SYNC_OUTBOUND_BACKOFF_BASE_SECONDS: '2', SYNC_OUTBOUND_BACKOFF_CAP_SECONDS: '8' })).toEqual({ baseSeconds: 2, capSeconds: 8 });
    expect(outboundRetryPolicy({ SYNC_OUTBOUND_BACKOFF_BASE_SECONDS: 'soon', SYNC_OUTBOUND_BACKOFF_CAP_SECONDS: '-1' })).toEqual(OUTBOUND_RETRY);
    expect(outboundRetryPolicy({ SYNC_OUTBOUND_BACKOFF_CAP_SECONDS: '99999' }).capSeconds).toBe(43_200);
  });
});

describe('the consumer, with stand-ins', () => {
  const memoryOutbox = () => {
    const items = new Map<string, { state: DeliveryState; attempts: number; lastError: string | null }>();
    const store: OutboxStore = {
      async prepare(keyIds, e) {
        return new Map(keyIds.map((k) => {
          const key = `${k}|${e.eventId}`;
          if (!items.has(key)) items.set(key, { state: 'pending', attempts: 0, lastError: null });
          return [k, items.get(key)!.state];
        }));
      },
      async delivered(k, e, attempts) { items.set(`${k}|${e.eventId}`, { state: 'delivered', attempts, lastError: null }); },
      async failed(failures, e, attempts) {
        for (const f of failures) items.set(`${f.keyId}|${e.eventId}`, { state: 'pending', attempts, lastError: f.error });
      },
      async list() { return { items: [] }; },
    };
    return { store, items };
  };
  const systems = [
    { keyId: 'sys-a', endpointUrl: 'https://a.example.vn/in?x=1', agencyCodes: ['000.00.00.H26'], secret: 'secret-a', protocol: 'json' as const },
    { keyId: 'sys-b', endpointUrl: 'https://b.example.vn/events', agencyCodes: ['000.00.00004.H26'], secret: 'secret-b', protocol: 'json' as const },
  ];

  const setup = (bDown: () => boolean) => {
    const outbox = memoryOutbox();
    const posts: { url: string; body: string; headers: Record<string, string> }[] = [];
    const delays: number[] = [];
    const deps: OutboundDeps = {
      findDossier: async (id) => (id === 'd-1' ? dossier() : undefined),
      systemsFor: async (agency) => (agency.code === '000.00.00004.H26' && agency.parentCode === '000.00.00.H26' ? systems : []),
      outbox: outbox.store,
      delivery: {
        async post(url, body, headers) {
          posts.push({ url, body, headers });
          return url.includes('b.example') && bDown() ? { ok: false, detail: 'HTTP 503' } : { ok: true, detail: 'HTTP 200' };
        },
      },
      retryLater: async (_handle, seconds) => { delays.push(seconds); },
      now: () => new Date('2026-12-01T03:00:05Z'),
      policy: () => ({ baseSeconds: 30, capSeconds: 3600 }),
      random: () => 0.5,
    };
    return { deps, posts, delays, outbox };
  };
  const sqsRecord = (body: string, receiveCount: number, id = `m-${receiveCount}`, group = 'd-1'): SQSEvent['Records'][number] => ({
    messageId: id, receiptHandle: `h-${id}`, body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:0:q.fifo', awsRegion: 'ap-southeast-1',
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: group, MessageDeduplicationId: `${id}#dedup` },
    messageAttributes: {},
  });
  const sqsEvent = (body: string, receiveCount: number): SQSEvent => ({ Records: [sqsRecord(body, receiveCount)] });

  it('signs each push for its system; a failing system fails the message with a backoff delay, and the retry sends to it alone', async () => {
    let down = true;
    const { deps, posts, delays, outbox } = setup(() => down);
    const handler = outboundConsumer(deps);
    const body = JSON.stringify(event('submit', 'applicant'));

    expect(await handler(sqsEvent(body, 1))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(delays).toEqual([15]); // attempt 1: uniform over [0, 30], random 0.5
    expect(posts.map((p) => new URL(p.url).host)).toEqual(['a.example.vn', 'b.example.vn']);
    for (const [i, p] of posts.entries()) {
      const verdict = verifySignedRequest({
        method: 'POST', pathWithQuery: i === 0 ? '/in?x=1' : '/events', body: p.body, timestamp: p.headers['x-dvc-timestamp'],
        signature: p.headers['x-dvc-signature'], now: Date.parse('2026-12-01T03:00:05Z') / 1000, secrets: [systems[i]!.secret],
      });
      expect([p.headers['x-dvc-key-id'], verdict.ok]).toEqual([systems[i]!.keyId, true]);
      expect(JSON.parse(p.body)).toMatchObject({ eventId: 'd-1:2', type: 'dossier.submitted' });
    }
    expect(outbox.items.get('sys-b|d-1:2')).toEqual({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });

    expect(await handler(sqsEvent(body, 3))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-3' }] });
    expect(delays).toEqual([15, 60]); // attempt 3: uniform over [0, 120]
    down = false;
    expect(await handler(sqsEvent(body, 4))).toEqual({ batchItemFailures: [] });
    expect(posts.map((p) => new URL(p.url).host)).toEqual(['a.example.vn', 'b.example.vn', 'b.example.vn', 'b.example.vn']);
    expect(outbox.items.get('sys-a|d-1:2')).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(outbox.items.get('sys-b|d-1:2')).toMatchObject({ state: 'delivered', attempts: 4 });
    // A redelivery of a delivered message sends nothing.
    expect(await deliverMessage(deps, body, 5)).toMatchObject({ delivered: [], already: ['sys-a', 'sys-b'], failed: [] });
    expect(posts).toHaveLength(4);
  });

  it('a qcvn120 system gets the packet, signed over what it gets; a json system the event; the outbox keeps the event for both', async () => {
    const { deps, posts, outbox } = setup(() => false);
    const both = { ...deps, systemsFor: async () => [systems[0]!, { ...systems[1]!, protocol: 'qcvn120' as const }] };
    expect(await deliverMessage(both, JSON.stringify(event('submit', 'applicant')), 1)).toMatchObject({ delivered: ['sys-a', 'sys-b'] });
    const [json, packet] = posts.map((p) => JSON.parse(p.body) as Record<string, unknown>);
    expect(json).toMatchObject({ eventId: 'd-1:2', type: 'dossier.submitted' });
    expect(packet).toMatchObject({ service: 'DongBoHoSoMC', data: [{ MaHoSo: '000.00.00004.H26-261201-0001', TrangThaiHoSo: '1', KenhThucHien: '2' }] });
    expect(packet).not.toHaveProperty('eventId');
    expect(posts[1]!.headers['x-dvc-event-id']).toBe('d-1:2');
    const verdict = verifySignedRequest({
      method: 'POST', pathWithQuery: '/events', body: posts[1]!.body, timestamp: posts[1]!.headers['x-dvc-timestamp'],
      signature: posts[1]!.headers['x-dvc-signature'], now: Date.parse('2026-12-01T03:00:05Z') / 1000, secrets: ['secret-b'],
    });
    expect(verdict.ok).toBe(true);
    expect([...outbox.items.keys()]).toEqual(['sys-a|d-1:2', 'sys-b|d-1:2']);
    // A later event: a progress step to the qcvn120 system.
    await deliverMessage(both, JSON.stringify(event('withdraw', 'applicant', { version: 3, from: 'submitted', to: 'withdrawn', statusCode: 7, note: 'nhầm' })), 1);
    expect(JSON.parse(posts[3]!.body)).toEqual({ service: 'CapNhatTienDoHoSoMC', data: [{ MaHoSo: '000.00.00004.H26-261201-0001', NguoiXuLy: 'Người nộp hồ sơ', ThoiDiemXuLy: '20261201100000', NoiDungXuLy: 'nhầm', TrangThai: '7' }] });
  });

  it('a batch: dossiers run concurrently; a failed dossier holds its later events back, with the same delay, and not the others', async () => {
    const { deps, posts } = setup(() => true);
    const handles: [string, number][] = [];
    const d2 = dossier({ id: 'd-2', agencyCode: '000.00.00.H57', agencyParentCode: null });
    const handler = outboundConsumer({
      ...deps,
      findDossier: async (id) => (id === 'd-2' ? d2 : id === 'd-1' ? dossier() : undefined),
      retryLater: async (h, seconds) => { handles.push([h, seconds]); },
    });
    const result = await handler({
      Records: [
        sqsRecord(JSON.stringify(event('submit', 'applicant')), 3, 'a-1', 'd-1'),
        sqsRecord(JSON.stringify(event('submit', 'applicant', { dossierId: 'd-2', agencyCode: '000.00.00.H57' })), 1, 'b-1', 'd-2'),
        sqsRecord(JSON.stringify(event('withdraw', 'applicant', { version: 3, to: 'withdrawn' })), 3, 'a-2', 'd-1'),
      ],
    });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a-1', 'a-2']);
    // d-1's withdrawal was never tried (its submission failed first); both come back after 60 s.
    expect(handles.sort()).toEqual([['h-a-1', 60], ['h-a-2', 60]]);
    expect(posts.map((p) => (JSON.parse(p.body) as { action: string }).action)).toEqual(['submit', 'submit']);
  });

  it('no system for the agency, or an event not subscribed: nothing sent, nothing kept', async () => {
    const { deps, posts, outbox } = setup(() => false);
    const other = { ...deps, findDossier: async () => dossier({ agencyCode: '000.00.00.H57', agencyParentCode: null }) };
    expect(await deliverMessage(other, JSON.stringify(event('submit', 'applicant')), 1)).toMatchObject({ systems: 0 });
    expect(await deliverMessage(deps, JSON.stringify(event('withdraw', 'agency_system')), 1)).toMatchObject({ systems: 0 });
    expect([posts.length, outbox.items.size]).toEqual([0, 0]);
  });

  it('an unparseable message or an unknown dossier fails (retried, then the DLQ); an unopenable secret fails that system', async () => {
    const { deps, delays } = setup(() => false);
    const handler = outboundConsumer(deps);
    expect((await handler(sqsEvent('not json', 2))).batchItemFailures).toHaveLength(1);
    expect((await handler(sqsEvent(JSON.stringify(event('submit', 'applicant', { dossierId: 'gone' })), 2))).batchItemFailures).toHaveLength(1);
    expect(delays).toEqual([30, 30]);
    const locked = { ...deps, systemsFor: async () => [{ ...systems[0]!, secret: null }] };
    expect((await deliverMessage(locked, JSON.stringify(event('submit', 'applicant')), 1)).failed).toEqual([{ keyId: 'sys-a', detail: expect.stringMatching(/does not open/) }]);
  });
});
