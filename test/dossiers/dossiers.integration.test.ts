// Dossiers end to end through the local gateway (JWT verification, the real handler, DynamoDB
// Local, the S3 emulator): drafts, uploads, submission, the officials' journey, tracking, queues.
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDossierCode } from '../../functions/dossiers/domain/dossier-code';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { CreateDossier, Dossier, DossierPage, Download, TrackedDossier, UploadTicket } from '../../shared/contracts/dossiers';
import { fingerprintOf } from '../../shared/idempotency/create-once';
import { api, decodePayload, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import {
  act, attach, CITIZEN_ID, completeDraft, createDraft, HANOI_COMMUNE, PDF, PNG, postFile, procedure, PROCEDURE,
  sampleForm, submitted,
} from '../support/dossiers';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);

const tokens = { citizen: '', business: '', official: '', officialHue: '', admin: '' };

beforeAll(async () => {
  const users = { citizen: 'citizen.demo', business: 'business.demo', official: 'official.hanoi', officialHue: 'official.hue', admin: 'admin.demo' };
  await Promise.all(Object.entries(users).map(async ([role, username]) => {
    tokens[role as keyof typeof tokens] = await signIn(username);
  }));
});

const createBody = async (overrides: Record<string, unknown> = {}) => ({
  procedureCode: PROCEDURE,
  agencyCode: HANOI_COMMUNE,
  form: sampleForm((await procedure()).form.fields),
  delivery: 'online',
  ...overrides,
});

const post = (path: string, token: string, json?: unknown, headers?: Record<string, string>) => api('POST', path, { token, json, headers });
const get = (path: string, token?: string) => api('GET', path, { token });

describe('drafts', () => {
  it('creates a draft whose applicant comes from the token, never from the body', async () => {
    const draft = expectBody(await post('/v1/dossiers', tokens.citizen, await createBody({ applicant: { idNumber: '079099000001' } }), { 'idempotency-key': randomUUID() }), 201, Dossier);
    expect(draft).toMatchObject({
      status: 'draft', statusCode: null, code: null, version: 1, procedureCode: PROCEDURE, agencyCode: HANOI_COMMUNE,
      applicant: { type: 'citizen', idNumber: CITIZEN_ID, vneidVerified: true }, delivery: 'online', channel: 'online',
    });
    expect(draft.allowedActions).toEqual(['submit']);
  });

  it('a replayed Idempotency-Key returns the same draft, written once; another body with it is refused', async () => {
    const key = ns.key('replay');
    const body = await createBody();
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key })));
    const drafts = results.map((r) => expectBody(r, 201, Dossier, 'replayed create'));
    expect(new Set(drafts.map((d) => d.id)).size).toBe(1);
    const again = expectBody(await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key }), 201, Dossier, 'replay');
    expect(again.id).toBe(drafts[0]!.id);
    const reused = await post('/v1/dossiers', tokens.citizen, { ...body, delivery: 'desk' }, { 'idempotency-key': key });
    expectError(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
    // Another person's identical key is another draft.
    const business = expectBody(await post('/v1/dossiers', tokens.business, body, { 'idempotency-key': key }), 201, Dossier, "another person's key");
    expect(business.id).not.toBe(drafts[0]!.id);
  });

  it('a key recorded before dossiers adopted shared/idempotency (`dossierId`, the digest of the body unsorted) still replays its draft; another body under it is 422', async () => {
    const body = await createBody();
    const first = expectBody(await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': randomUUID() }), 201, Dossier, 'draft');
    const key = ns.key('earlier');
    // The record as dossiers wrote it until then (it lives 24 h after the deploy): SHA-256 of the
    // request body as validated, its keys in the schema's order and the form's as sent.
    const earlierFingerprint = createHash('sha256').update(JSON.stringify(CreateDossier.parse(body))).digest('hex');
    expect(earlierFingerprint).not.toBe(fingerprintOf(CreateDossier.parse(body)));
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await (await dynamoClient()).send(new PutCommand({
      TableName: tableName('dossiers'),
      Item: { pk: `IDEM#${String(decodePayload(tokens.citizen).sub)}#${key}`, sk: 'IDEM', dossierId: first.id, fingerprint: earlierFingerprint, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    }));
    const replay = expectBody(await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key }), 201, Dossier, 'replay of an earlier key');
    expect(replay.id).toBe(first.id);
    expectError(await post('/v1/dossiers', tokens.citizen, { ...body, delivery: 'desk' }, { 'idempotency-key': key }), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with clear 4xx errors', async () => {
    const key = () => ({ 'idempotency-key': randomUUID() });
    const paths = (error: { details?: { path: string }[] }) => (error.details ?? []).map((d) => d.path);
    const noKey = expectError(await post('/v1/dossiers', tokens.citizen, await createBody()), 400);
    expect(paths(noKey)).toContain('headers.idempotency-key');

    const badForm = expectError(await post('/v1/dossiers', tokens.citizen, await createBody({ form: { ownerIdNumber: '12' } }), key()), 400);
    expect(paths(badForm)).toEqual(expect.arrayContaining(['body.form.ownerIdNumber', 'body.form.businessName']));

    expectError(await post('/v1/dossiers', tokens.citizen, await createBody({ procedureCode: '9.999999' }), key()), 422, 'UNKNOWN_PROCEDURE');
    expectError(await post('/v1/dossiers', tokens.citizen, await createBody({ agencyCode: '000.00.00.H26' }), key()), 422, 'AGENCY_NOT_COMPETENT');
    expectError(await post('/v1/dossiers', tokens.citizen, await createBody({ agencyCode: 'XYZ.00' }), key()), 422, 'UNKNOWN_AGENCY');

    const byPost = expectError(await post('/v1/dossiers', tokens.citizen, await createBody({ delivery: 'post' }), key()), 400);
    expect(paths(byPost)).toContain('body.postalAddress');
  });
});

describe('attachments', () => {
  it('enforces type, size and component before presigning', async () => {
    const d = await createDraft(tokens.citizen);
    const ask = (json: Record<string, unknown>) => post(`/v1/dossiers/${d.id}/attachments`, tokens.citizen, { componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: 1000, ...json });
    expect((await ask({ contentType: 'application/x-msdownload' })).status).toBe(415);
    expect((await ask({ size: 10 * 1024 * 1024 + 1 })).status).toBe(413);
    expect((await ask({ size: 0 })).status).toBe(400);
    expectError(await ask({ componentCode: 'TP99' }), 422, 'UNKNOWN_COMPONENT');
    expect((await ask({ fileName: '../../etc/passwd' })).status).toBe(400);
    const ticket = expectBody(await ask({}), 201, UploadTicket);
    expect(ticket.fields).toHaveProperty('Policy');
  });

  it('verifies uploads: a PNG declared as PDF is rejected, a real PDF counts; files are downloadable', async () => {
    const d = await createDraft(tokens.citizen);
    const bad = await attach(tokens.citizen, d.id, 'TP01', { bytes: PNG, declaredType: 'application/pdf' });
    const rejected = bad.attachments[0]!;
    expect(rejected).toMatchObject({ status: 'rejected' });
    expect(rejected.rejectedReason).toBeTruthy();
    const good = await attach(tokens.citizen, d.id, 'TP01');
    const file = good.attachments.find((a) => a.status === 'verified');
    expect(file).toMatchObject({ componentCode: 'TP01', contentType: 'application/pdf', size: PDF.length });
    const link = expectBody(await get(`/v1/dossiers/${d.id}/attachments/${file!.id}`, tokens.citizen), 200, Download, 'download');
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    // A rejected file is not downloadable.
    expect((await get(`/v1/dossiers/${d.id}/attachments/${rejected.id}`, tokens.citizen)).status).toBe(404);
  });

  it('an upload larger than declared is refused after upload and deleted', async () => {
    const d = await createDraft(tokens.citizen);
    const ticket = expectBody(await post(`/v1/dossiers/${d.id}/attachments`, tokens.citizen, { componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: 20 }), 201, UploadTicket, 'ticket');
    await postFile(ticket, PDF, 'application/pdf'); // the emulator does not enforce the policy (docs/requirements.md R-LOCAL-UPLOAD-POLICY)
    const after = expectBody(await post(`/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, tokens.citizen), 200, Dossier, 'complete');
    expect(after.attachments[0]?.status).toBe('rejected');
  });
});

describe('submission', () => {
  it('refuses a draft with a required document missing, naming it', async () => {
    const d = await createDraft(tokens.citizen);
    const error = expectError(await post(`/v1/dossiers/${d.id}/submit`, tokens.citizen), 422, 'MISSING_COMPONENTS');
    expect(error.details).toMatchObject([{ path: 'components.TP01' }]);
  });

  it('assigns a dossier code {agency}-{YYMMDD}-{NNNN} in Vietnam time and moves to submitted', async () => {
    const d = await submitted(tokens.citizen);
    expect(d).toMatchObject({ status: 'submitted', statusCode: 1, version: expect.any(Number) });
    const parsed = parseDossierCode(d.code);
    expect(parsed).toMatchObject({ agencyCode: HANOI_COMMUNE });
    const vnToday = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(parsed!.date).toBe(vnToday);
    expect(d.history).toEqual([expect.objectContaining({ action: 'submit', from: 'draft', to: 'submitted', actor: { kind: 'applicant' } })]);
    expect(d.allowedActions).toEqual(['withdraw']);
    expectError(await post(`/v1/dossiers/${d.id}/submit`, tokens.citizen), 409, 'INVALID_TRANSITION');
  });
});

describe("an official's journey: receipt, supplement, result, return", () => {
  it('runs the whole status machine, with the due date fixed on receipt and moved by the pause', async () => {
    const d = await submitted(tokens.citizen);
    const seenByOfficial = expectBody(await get(`/v1/dossiers/${d.id}`, tokens.official), 200, Dossier, 'official reads');
    expect(seenByOfficial.allowedActions).toEqual(['receive', 'refuse']);
    expect((await get(`/v1/dossiers/${d.id}`, tokens.officialHue)).status).toBe(404);
    expect((await post(`/v1/dossiers/${d.id}/actions`, tokens.officialHue, { action: 'receive', version: d.version })).status).toBe(404);

    const received = await act(tokens.official, d, { action: 'receive', note: 'Hồ sơ đầy đủ' });
    expect(received).toMatchObject({ status: 'received', statusCode: 2 });
    expect(received.dueDate).toBeTruthy();
    expect(Date.parse(received.dueDate!)).toBeGreaterThan(Date.parse(received.receivedAt!));

    const paused = await act(tokens.official, received, { action: 'start' },
      { action: 'request_supplement', missingComponents: ['TP01'], note: 'Bản chụp không rõ' });
    expect(paused).toMatchObject({ status: 'supplement_requested', statusCode: 5, supplementRequest: { missingComponents: ['TP01'] } });

    // Supplementing before uploading the requested document is refused.
    expectError(await post(`/v1/dossiers/${d.id}/supplement`, tokens.citizen, { note: 'Gửi bổ sung' }), 422, 'MISSING_COMPONENTS');
    const withFile = await attach(tokens.citizen, d.id, 'TP01');
    const resumed = expectBody(await post(`/v1/dossiers/${d.id}/supplement`, tokens.citizen, {
      note: 'Gửi bổ sung', attachmentIds: [withFile.attachments.at(-1)!.id],
    }), 200, Dossier, 'supplement');
    expect(resumed).toMatchObject({ status: 'processing', supplementRequest: null });
    expect(Date.parse(resumed.dueDate!)).toBeGreaterThanOrEqual(Date.parse(received.dueDate!));

    const done = await act(tokens.official, resumed, { action: 'finish', note: 'Đã giải quyết' });
    expect(done.status).toBe('done');
    const ticket = expectBody(await post(`/v1/dossiers/${d.id}/result`, tokens.official, { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length }), 201, UploadTicket, 'result ticket');
    await postFile(ticket, PDF, 'application/pdf');
    // Online delivery with the result attached: the portal returns it by itself.
    const returned = expectBody(await post(`/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, tokens.official), 200, Dossier, 'complete result');
    expect(returned).toMatchObject({ status: 'returned', statusCode: 10 });
    expect(returned.history.map((h) => h.action)).toEqual([
      'submit', 'receive', 'start', 'request_supplement', 'supplement', 'finish', 'return_result',
    ]);
    expect(returned.history.at(-1)!.actor).toEqual({ kind: 'system' });
    expect(returned.allowedActions).toEqual([]);

    const citizenView = expectBody(await get(`/v1/dossiers/${d.id}`, tokens.citizen), 200, Dossier, 'citizen reads');
    const result = citizenView.attachments.find((a) => a.kind === 'result');
    expect(result?.status).toBe('verified');
    expect((await get(`/v1/dossiers/${d.id}/attachments/${result!.id}`, tokens.citizen)).status).toBe(200);
  });

  it('maps the table: a forbidden action is 409, a missing reason 400, a stale version 409', async () => {
    const d = await submitted(tokens.citizen);
    expectError(await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'finish', version: d.version }), 409, 'INVALID_TRANSITION');
    const noReason = expectError(await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'refuse', version: d.version }), 400);
    expect(noReason.details).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expectError(await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'receive', version: d.version - 1 }), 409, 'VERSION_CONFLICT');
    const applicantAction = await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'withdraw', version: d.version, reason: 'x' });
    expect(applicantAction.status).toBe(403);
    const unknown = await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'approve', version: d.version });
    expect(unknown.status).toBe(400);
  });

  it('50 concurrent identical actions: exactly one succeeds, the rest are 409', async () => {
    const d = await submitted(tokens.citizen);
    const results = await Promise.all(Array.from({ length: 50 }, () =>
      post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'receive', version: d.version })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const after = expectBody(await get(`/v1/dossiers/${d.id}`, tokens.citizen), 200, Dossier, 'read');
    expect(after.history.filter((h) => h.action === 'receive')).toHaveLength(1);
    expect(after.version).toBe(d.version + 1);
  });

  it('an applicant withdraws; a withdrawn dossier takes no further action', async () => {
    const d = await submitted(tokens.citizen);
    const w = expectBody(await post(`/v1/dossiers/${d.id}/withdraw`, tokens.citizen, { reason: 'Nộp nhầm' }), 200, Dossier, 'withdraw');
    expect(w).toMatchObject({ status: 'withdrawn', statusCode: 7 });
    expect((await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'receive', version: w.version })).status).toBe(409);
    expect((await post(`/v1/dossiers/${d.id}/withdraw`, tokens.business, { reason: 'x' })).status).toBe(404);
  });
});

describe('tracking and lists', () => {
  it('public tracking needs the code and the matching ID number, and shows no personal data', async () => {
    const d = await submitted(tokens.citizen);
    const tracked = expectBody(await get(`/v1/dossiers/track?code=${encodeURIComponent(d.code)}&applicantId=${CITIZEN_ID}`), 200, TrackedDossier);
    expect(tracked).toMatchObject({ code: d.code, status: 'submitted', statusCode: 1, history: [{ status: 'submitted', statusCode: 1 }] });
    // The body as sent (expectBody drops nothing): no personal data in it.
    const text = JSON.stringify(tracked);
    expect(text).not.toContain(CITIZEN_ID);
    expect(text).not.toContain('Nguyễn');
    expect(tracked).not.toHaveProperty('form');
    const wrong = expectError(await get(`/v1/dossiers/track?code=${encodeURIComponent(d.code)}&applicantId=079099000001`), 404);
    const none = expectError(await get(`/v1/dossiers/track?code=${encodeURIComponent(`${HANOI_COMMUNE}-260101-9999`)}&applicantId=${CITIZEN_ID}`), 404);
    expect(wrong).toEqual(none);
  });

  it("lists the applicant's own dossiers newest first, with cursors, and a status filter", async () => {
    const first = await createDraft(tokens.business);
    const second = await createDraft(tokens.business);
    const page1 = expectBody(await get('/v1/me/dossiers?limit=1', tokens.business), 200, DossierPage, 'page 1');
    expect(page1.items.map((x) => x.id)).toEqual([second.id]);
    const page2 = expectBody(await get(`/v1/me/dossiers?limit=1&cursor=${page1.nextCursor}`, tokens.business), 200, DossierPage, 'page 2');
    expect(page2.items.map((x) => x.id)).toEqual([first.id]);
    const drafts = expectBody(await get('/v1/me/dossiers?status=draft&limit=100', tokens.business), 200, DossierPage, 'drafts');
    expect(drafts.items.every((x) => x.status === 'draft')).toBe(true);
    const mine = expectBody(await get('/v1/me/dossiers?limit=100', tokens.citizen), 200, DossierPage, 'citizen');
    expect(mine.items.some((x) => x.id === first.id)).toBe(false);
    expect((await get('/v1/me/dossiers?cursor=not-a-cursor', tokens.citizen)).status).toBe(400);
  });

  it("the work queue is in due order, scoped, and filters overdue and status", async () => {
    // A commune of this file's own: its queue holds this test's dossiers only, in a known order.
    const agency = ns.agency('queue');
    const [waiting, first, second] = await Promise.all([1, 2, 3].map(() => submitted(tokens.citizen, { agencyCode: agency })));
    const received = await act(tokens.official, first!, { action: 'receive' });
    const started = await act(tokens.official, second!, { action: 'receive' }, { action: 'start' });
    const queueOf = async (query: string) =>
      expectBody(await get(`/v1/agency/dossiers?agency=${agency}&limit=100${query}`, tokens.official), 200, DossierPage, `queue ${query}`).items;

    const queue = await queueOf('');
    // Dossiers with a due date first, earliest due first (a tie in either order); then those awaiting receipt.
    expect(queue.slice(0, 2).map((x) => x.id).sort()).toEqual([received.id, started.id].sort());
    expect(Date.parse(queue[0]!.dueDate!)).toBeLessThanOrEqual(Date.parse(queue[1]!.dueDate!));
    expect(queue.slice(2).map((x) => [x.id, x.dueDate])).toEqual([[waiting!.id, null]]);

    expect((await queueOf('&status=received')).map((x) => x.id)).toEqual([received.id]);
    expect((await queueOf('&status=processing')).map((x) => x.id)).toEqual([started.id]);
    expect(await queueOf('&overdue=true')).toEqual([]);

    expect((await get(`/v1/agency/dossiers?agency=${agency}`, tokens.officialHue)).status).toBe(403);
    const hueQueue = expectBody(await get('/v1/agency/dossiers?limit=100', tokens.officialHue), 200, DossierPage, 'hue queue');
    expect(hueQueue.items.map((x) => x.id)).not.toContain(received.id);
  });
});

describe('codes under concurrency', () => {
  it('200 concurrent submissions to one agency get 200 distinct, gap-free codes', async () => {
    // A commune of this file's own (test/support/namespace.ts): the day's sequence is this test's alone.
    const agency = ns.agency('codes');
    const drafts = [];
    for (let i = 0; i < 200; i += 40) {
      drafts.push(...(await Promise.all(Array.from({ length: 40 }, () => completeDraft(tokens.citizen, { agencyCode: agency })))));
    }
    const results = await Promise.all(drafts.map((d) => post(`/v1/dossiers/${d.id}/submit`, tokens.citizen)));
    const codes = results.map((r) => expectBody(r, 200, Dossier, 'submit').code!);
    expect(new Set(codes).size).toBe(200);
    const seqs = codes.map((c) => parseDossierCode(c)!.sequence).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => seqs[0]! + i));
  }, 120_000);
});
