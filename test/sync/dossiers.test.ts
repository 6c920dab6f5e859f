// Dossiers of record from an agency system through the running portal: the signed batch route
// validates each upsert on its own (shape, scope, catalogue, history); the consumer creates the
// dossier of record through the dossiers capability — status, imported history, due date, channel —
// which then behaves like any dossier (work queue, public tracking, later status events). A
// duplicate event id does nothing, a re-sent upsert is a status event (never a second dossier), and
// the code of another dossier is a conflict in the system's error report.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { createWorkingCalendar } from '../../shared/calendar';
import { DynamoSyncStore } from '../../functions/sync/adapters/sync-store';
import { BY_CODE } from '../../functions/dossiers/adapters/dossier-queries';
import { counterKey, formatDossierCode } from '../../functions/dossiers/domain/dossier-code';
import { applyMessage, PoisonMessageError, type InboundDeps } from '../../functions/sync/use-cases/apply-inbound';
import type { DossierRecord, OfRecordOutcome } from '../../functions/dossiers/public';
import type * as z from 'zod';
import { Dossier, DossierPage, TrackedDossier } from '../../shared/contracts/dossiers';
import { SyncAccepted } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { CITIZEN_ID, HANOI_COMMUNE, submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { fakeSyncStore } from '../support/sync';
import { uniqueDossierCode } from '../support/dossier-codes';

const ns = fileNamespace(import.meta.url);
/** A Hà Nội commune of this file's own: its work queue and its codes are this file's alone. */
const AGENCY = ns.agency();
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const store = new DynamoSyncStore(dynamoClient, () => tableName('sync'));
let citizen: string;
let official: string;

beforeAll(async () => {
  [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
});

const postDossiers = (items: unknown[]) => signedApi('POST', '/v1/sync/dossiers', { ...HANOI, json: { items } });
const postStatuses = (items: unknown[]) => signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items } });
/** A batch the route takes (202): what it accepted and refused, item by item. */
const sent = async (batch: Promise<Awaited<ReturnType<typeof postDossiers>>>) => expectBody(await batch, 202, SyncAccepted, 'sync batch');
const settle = async () => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
  expect(res.status).toBe(200);
};
// Codes with a sequence far past anything the portal draws in a test run.
const codeOf = (agency: string) => uniqueDossierCode(agency, '261120');
const ID_NUMBER = '001199000111';
const upsert = (over: Record<string, unknown> = {}) => ({
  eventId: `evt-${randomUUID()}`,
  code: codeOf(AGENCY),
  procedureCode: '1.001266',
  channel: 'desk',
  applicant: { type: 'citizen', name: 'Trần Thị B', idNumber: ID_NUMBER, contact: { email: 'tran.b@example.vn' } },
  form: { hoTen: 'Trần Thị B' },
  receivedAt: '2026-11-20T09:00:00+07:00',
  status: 4,
  at: '2026-11-20T10:00:00+07:00',
  history: [{ at: '2026-11-20T09:00:00+07:00', status: 2, note: 'Tiếp nhận tại bộ phận một cửa' }],
  ...over,
});
const dossiersWithCode = async (code: string) => {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const out = await (await dynamoClient()).send(new QueryCommand({
    TableName: tableName('dossiers'), IndexName: BY_CODE, KeyConditionExpression: 'gsi4pk = :c', ExpressionAttributeValues: { ':c': code },
  }));
  return out.Items ?? [];
};
const workQueueHas = async (code: string, query: string) => {
  let cursor: string | null = null;
  do {
    const page: z.output<typeof DossierPage> = expectBody(await api('GET', `/v1/agency/dossiers?agency=${AGENCY}&limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: official }), 200, DossierPage, 'work queue');
    const found = page.items.find((i) => i.code === code);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
};
const outboxFor = async (dossierId: string) => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/outbox?format=json`);
  const { items } = (await res.json()) as { items: { dossierId: string; kind: string }[] };
  return items.filter((i) => i.dossierId === dossierId).map((i) => i.kind);
};

describe('POST /v1/sync/dossiers → the FIFO queue → a dossier of record', () => {
  it('validates each item; creates the dossier of record, which then behaves like any dossier', async () => {
    const desk = upsert();
    const post = upsert({
      channel: 'post', delivery: 'post', status: 9, at: '2026-11-23T15:00:00+07:00', dueDate: '2026-11-26T17:00:00+07:00',
      postalAddress: { recipient: 'Công ty TNHH A', phone: '0912345678', address: '1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
      applicant: { type: 'business', name: 'Công ty TNHH A', enterpriseCode: '0101234567' },
      history: [],
    });
    const res = await sent(postDossiers([
      desk,
      post,
      upsert({ status: 1 }),
      upsert({ code: codeOf('000.00.00.H56') }),
      upsert({ procedureCode: '1.000915' }),
      upsert({ procedureCode: '1.002755', channel: 'post' }),
      upsert({ history: [{ at: '2026-11-20T09:30:00+07:00', status: 9 }] }),
      { code: 'x' },
    ]));
    expect(res).toMatchObject({ accepted: 2, rejected: 6 });
    const errorsOf = (i: number) => (res.results[i]?.errors ?? []).map((e) => `${e.path}: ${e.message}`).join(' | ');
    expect(errorsOf(2)).toMatch(/^items\.2\.status: a dossier of record was received/);
    expect(errorsOf(3)).toMatch(/items\.3\.code: the dossier is not of an agency this system speaks for/);
    expect(errorsOf(4)).toMatch(/items\.4\.procedureCode: a commune-level agency does not handle this procedure/);
    expect(errorsOf(5)).toMatch(/items\.5\.channel: this procedure is not received by post/);
    expect(errorsOf(6)).toMatch(/items\.6\.status: no transition leads from done to processing/);
    expect(res.results[7]).toMatchObject({ eventId: null, status: 'rejected' });
    await settle();

    // The work queue of the agency's officials.
    const listed = await workQueueHas(desk.code, '&status=processing');
    expect(listed).toMatchObject({ status: 'processing', statusCode: 4, procedureCode: '1.001266' });
    const dueAt = createWorkingCalendar([]).dueDate(new Date('2026-11-20T02:00:00Z'), { value: 3, unit: 'working_day' }).toISOString();
    expect(listed!.dueDate).toBe(dueAt); // no holiday in late November 2026

    const d = expectBody(await api('GET', `/v1/dossiers/${listed!.id}`, { token: official }), 200, Dossier, 'dossier');
    expect(d).toMatchObject({
      code: desk.code, status: 'processing', version: 2, channel: 'desk', delivery: 'desk', receivedAt: '2026-11-20T02:00:00.000Z',
      submittedAt: '2026-11-20T02:00:00.000Z', dueDate: dueAt, applicant: { type: 'citizen', idNumber: ID_NUMBER, vneidVerified: false },
      contact: { email: 'tran.b@example.vn' }, form: { hoTen: 'Trần Thị B' }, allowedActions: expect.arrayContaining(['request_supplement', 'finish']),
    });
    expect(d.history.map((h) => [h.action, h.from, h.to, h.actor.kind, h.note]))
      .toEqual([['receive', 'submitted', 'received', 'agency_system', 'Tiếp nhận tại bộ phận một cửa'], ['start', 'received', 'processing', 'agency_system', null]]);
    expect(await store.outcome(HANOI.keyId, desk.eventId)).toBe('applied');
    // No portal account owns it: the citizen (even with a token) does not see it; it is in nobody's list.
    expect((await api('GET', `/v1/dossiers/${listed!.id}`, { token: citizen })).status).toBe(404);

    // Public tracking by code and the applicant's ID number.
    const tracked = expectBody(await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(desk.code)}&applicantId=${ID_NUMBER}`), 200, TrackedDossier, 'track');
    expect(tracked).toMatchObject({ status: 'processing', statusCode: 4, dueDate: dueAt, history: [{ status: 'received' }, { status: 'processing' }] });
    expect((await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(desk.code)}&applicantId=${CITIZEN_ID}`)).status).toBe(404);

    // The dossier received by post, already done, with the agency's appointed date.
    const byPost = expectBody(await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(post.code)}&applicantId=0101234567`), 200, TrackedDossier, 'track post');
    expect(byPost).toMatchObject({ status: 'done', statusCode: 9, dueDate: '2026-11-26T10:00:00.000Z' });
    expect(byPost.history.map((h) => h.status)).toEqual(['received', 'processing', 'done']);

    // A later status event moves it through the transition function; it, unlike the imported history, notifies.
    expect((await sent(postStatuses([{ eventId: `evt-${randomUUID()}`, code: desk.code, status: 9, at: '2026-11-24T10:00:00+07:00' }]))).accepted).toBe(1);
    await settle();
    const after = expectBody(await api('GET', `/v1/dossiers/${listed!.id}`, { token: official }), 200, Dossier, 'dossier');
    expect(after).toMatchObject({ status: 'done', version: 3, finishedAt: '2026-11-24T03:00:00.000Z' }); // the event's time
    expect(after.history.at(-1)).toMatchObject({ action: 'finish', actor: { kind: 'agency_system' } });
    expect(await outboxFor(listed!.id)).toEqual(['result_ready']);
    // Two settles of the whole shared runtime (each up to 30 s while other files' events flow): the
    // test's own budget must cover both.
  }, 120_000);

  it('a duplicate event id does nothing; the same dossier re-sent is a status event, never a second dossier', async () => {
    const first = upsert();
    expect((await sent(postDossiers([first]))).accepted).toBe(1);
    await settle();
    const [held] = await dossiersWithCode(first.code);
    expect(held).toMatchObject({ status: 'processing', version: 2 });

    // The same event again (a retried batch), and an older status for the code: nothing moves.
    const older = upsert({ code: first.code, status: 2, at: '2026-11-20T09:30:00+07:00' });
    expect((await sent(postDossiers([first, older]))).accepted).toBe(2);
    await settle();
    expect(await dossiersWithCode(first.code)).toEqual([expect.objectContaining({ id: held!.id, version: 2, status: 'processing' })]);
    expect(await store.outcome(HANOI.keyId, older.eventId)).toBe('stale');

    // Re-sent with a newer status and a longer history: applied as a status event on the same dossier.
    const resent = upsert({
      code: first.code, status: 10, at: '2026-11-25T16:00:00+07:00',
      history: [...first.history, { at: '2026-11-20T10:00:00+07:00', status: 4 }, { at: '2026-11-24T10:00:00+07:00', status: 9 }],
    });
    expect((await sent(postDossiers([resent]))).accepted).toBe(1);
    await settle();
    const all = await dossiersWithCode(first.code);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: held!.id, status: 'returned', version: 4 });
    expect(await store.outcome(HANOI.keyId, resent.eventId)).toBe('applied');
  });

  it('the code of a dossier submitted online is a conflict in the system\'s error report, never merged', async () => {
    const online = await submitted(citizen, { agencyCode: AGENCY });
    const clash = upsert({ code: online.code, applicant: { type: 'citizen', name: 'Nguyễn Văn A', idNumber: CITIZEN_ID } });
    expect((await sent(postDossiers([clash]))).accepted).toBe(1);
    await settle();
    expect(await store.outcome(HANOI.keyId, clash.eventId)).toBe('conflict');
    const report = await store.errors(HANOI.keyId, 100);
    expect(report.find((e) => e.eventId === clash.eventId)).toMatchObject({ code: online.code, why: expect.stringMatching(/submitted online/) });
    const still = await dossiersWithCode(online.code);
    expect(still).toHaveLength(1);
    expect(still[0]).toMatchObject({ id: online.id, channel: 'online', status: 'submitted' });
  });

  it('a portal submission skips a number held by an agency system\'s dossier of record: codes stay unique', async () => {
    const agency = ns.agency('sequence'); // this file's own: nobody else draws from its sequence
    const now = new Date();
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const counter = await (await dynamoClient()).send(new GetCommand({ TableName: tableName('dossiers'), Key: { pk: counterKey(agency, now), sk: 'SEQ' } }));
    const drawn = Number(counter.Item?.seq ?? 0);
    const taken = [drawn + 1, drawn + 2].map((n) => formatDossierCode(agency, now, n));
    const receivedAt = new Date(now.getTime() - 60_000).toISOString();
    const res = await sent(postDossiers(taken.map((code) => upsert({ code, receivedAt, at: now.toISOString(), status: 2, history: [] }))));
    expect(res.accepted).toBe(2);
    await settle();
    const online = await submitted(citizen, { agencyCode: agency });
    expect(online.code).toBe(formatDossierCode(agency, now, drawn + 3));
    for (const code of [...taken, online.code]) expect(await dossiersWithCode(code)).toHaveLength(1);
  });

  it('refuses an unsigned request and more than 100 items', async () => {
    expect((await api('POST', '/v1/sync/dossiers', { json: { items: [] } })).status).toBe(401);
    expectError(await postDossiers(Array.from({ length: 101 }, () => ({}))), 400, 'VALIDATION_FAILED');
  });
});

describe('applyMessage with dossier upserts (stand-ins)', () => {
  const item = upsert({ eventId: 'evt-upsert-0001', code: `${HANOI_COMMUNE}-261120-0001` });
  const body = (over: Record<string, unknown> = {}) => JSON.stringify({ kind: 'dossier', keyId: 'k', item: { ...item, ...over } });
  const deps = (created: OfRecordOutcome, held?: Partial<DossierRecord>, seen?: string) => {
    const recorded: [string, string | null][] = [];
    const fake: InboundDeps = {
      store: fakeSyncStore({
        outcome: async (_k, id) => (id === seen ? 'applied' : undefined),
        record: async (_k, _e, outcome, why) => { recorded.push([outcome, why]); },
      }),
      findDossier: async () => held as DossierRecord | undefined,
      lastStepAt: async () => null,
      transition: async (x) => x,
      createOfRecord: async (input) => { recorded.push(['create', input.steps.map((s) => s.action).join(',')]); return created; },
    };
    return { fake, recorded };
  };

  it('creates the dossier of record from the replay steps and records the event applied', async () => {
    const { fake, recorded } = deps({ outcome: 'created', record: {} as DossierRecord });
    expect(await applyMessage(fake, body())).toBe('created');
    expect(recorded).toEqual([['create', 'receive,start'], ['applied', null]]);
  });

  it('a code taken between the read and the write is retried (thrown), not recorded', async () => {
    const { fake, recorded } = deps({ outcome: 'exists' });
    await expect(applyMessage(fake, body())).rejects.toThrow(/taken concurrently/);
    expect(recorded).toEqual([['create', 'receive,start']]);
  });

  it('what the dossiers capability refuses (e.g. a procedure gone from the catalogue) is in the error report', async () => {
    const { fake, recorded } = deps({ outcome: 'rejected', why: 'no procedure 1.001266 in the catalogue' });
    expect(await applyMessage(fake, body())).toBe('impossible');
    expect(recorded.at(-1)).toEqual(['impossible', 'no procedure 1.001266 in the catalogue']);
  });

  it('a duplicate does nothing; an unparseable upsert is poison', async () => {
    const dup = deps({ outcome: 'created', record: {} as DossierRecord }, undefined, 'evt-upsert-0001');
    expect(await applyMessage(dup.fake, body())).toBe('duplicate');
    expect(dup.recorded).toEqual([]);
    await expect(applyMessage(dup.fake, body({ channel: 'online' }))).rejects.toBeInstanceOf(PoisonMessageError);
  });

  it('a code held by an online dossier is a conflict, recorded for the error report', async () => {
    const { fake, recorded } = deps({ outcome: 'created', record: {} as DossierRecord }, {
      channel: 'online', procedureCode: '1.001266', status: 'submitted', applicant: { sub: 's', type: 'citizen', idNumber: ID_NUMBER, enterpriseCode: null, vneidVerified: true },
    });
    expect(await applyMessage(fake, body())).toBe('conflict');
    expect(recorded).toEqual([['conflict', expect.stringMatching(/submitted online/)]]);
  });
});
