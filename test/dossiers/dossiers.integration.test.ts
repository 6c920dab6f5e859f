// Dossiers end to end through the local gateway (JWT verification, the real handler, DynamoDB
// Local, the S3 emulator): drafts, uploads, submission, the officials' journey, tracking, queues.
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDossierCode } from '../../functions/dossiers/domain/dossier-code';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { CreateDossier } from '../../shared/contracts/dossiers';
import { fingerprintOf } from '../../shared/idempotency/create-once';
import { api, decodePayload, signIn } from '../support/auth';
import {
  act, attach, CITIZEN_ID, completeDraft, createDraft, HANOI_COMMUNE, must, PDF, PNG, postFile, procedure, PROCEDURE,
  sampleForm, submitted,
} from '../support/dossiers';

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
    const res = await post('/v1/dossiers', tokens.citizen, await createBody({ applicant: { idNumber: '079099000001' } }), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft', statusCode: null, code: null, version: 1, procedureCode: PROCEDURE, agencyCode: HANOI_COMMUNE,
      applicant: { type: 'citizen', idNumber: CITIZEN_ID, vneidVerified: true }, delivery: 'online', channel: 'online',
    });
    expect(res.body.allowedActions).toEqual(['submit']);
  });

  it('a replayed Idempotency-Key returns the same draft, written once; another body with it is refused', async () => {
    const key = `replay-${randomUUID()}`;
    const body = await createBody();
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const again = await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key });
    expect(again.body.id).toBe(results[0]!.body.id);
    const reused = await post('/v1/dossiers', tokens.citizen, { ...body, delivery: 'desk' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another person's identical key is another draft.
    const business = await post('/v1/dossiers', tokens.business, body, { 'idempotency-key': key });
    expect(business.status).toBe(201);
    expect(business.body.id).not.toBe(results[0]!.body.id);
  });

  it('a key recorded before dossiers adopted shared/idempotency (`dossierId`, the digest of the body unsorted) still replays its draft; another body under it is 422', async () => {
    const body = await createBody();
    const first = must(await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': randomUUID() }), 201, 'draft');
    const key = `earlier-${randomUUID()}`;
    // The record as dossiers wrote it until then (it lives 24 h after the deploy): SHA-256 of the
    // request body as validated, its keys in the schema's order and the form's as sent.
    const earlierFingerprint = createHash('sha256').update(JSON.stringify(CreateDossier.parse(body))).digest('hex');
    expect(earlierFingerprint).not.toBe(fingerprintOf(CreateDossier.parse(body)));
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await (await dynamoClient()).send(new PutCommand({
      TableName: tableName('dossiers'),
      Item: { pk: `IDEM#${String(decodePayload(tokens.citizen).sub)}#${key}`, sk: 'IDEM', dossierId: first.id, fingerprint: earlierFingerprint, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
    }));
    const replay = await post('/v1/dossiers', tokens.citizen, body, { 'idempotency-key': key });
    expect([replay.status, replay.body.id]).toEqual([201, first.id]);
    const reused = await post('/v1/dossiers', tokens.citizen, { ...body, delivery: 'desk' }, { 'idempotency-key': key });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses bad input with clear 4xx errors', async () => {
    const key = () => ({ 'idempotency-key': randomUUID() });
    const noKey = await post('/v1/dossiers', tokens.citizen, await createBody());
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'headers.idempotency-key' })]));

    const badForm = await post('/v1/dossiers', tokens.citizen, await createBody({ form: { ownerIdNumber: '12' } }), key());
    expect(badForm.status).toBe(400);
    expect(badForm.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.form.ownerIdNumber', 'body.form.businessName']));

    const unknown = await post('/v1/dossiers', tokens.citizen, await createBody({ procedureCode: '9.999999' }), key());
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_PROCEDURE']);

    const province = await post('/v1/dossiers', tokens.citizen, await createBody({ agencyCode: '000.00.00.H26' }), key());
    expect([province.status, province.body.error.code]).toEqual([422, 'AGENCY_NOT_COMPETENT']);

    const noAgency = await post('/v1/dossiers', tokens.citizen, await createBody({ agencyCode: 'XYZ.00' }), key());
    expect([noAgency.status, noAgency.body.error.code]).toEqual([422, 'UNKNOWN_AGENCY']);

    const post_ = await post('/v1/dossiers', tokens.citizen, await createBody({ delivery: 'post' }), key());
    expect(post_.status).toBe(400);
    expect(post_.body.error.details.map((d: { path: string }) => d.path)).toContain('body.postalAddress');
  });
});

describe('attachments', () => {
  it('enforces type, size and component before presigning', async () => {
    const d = await createDraft(tokens.citizen);
    const ask = (json: Record<string, unknown>) => post(`/v1/dossiers/${d.id}/attachments`, tokens.citizen, { componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: 1000, ...json });
    expect((await ask({ contentType: 'application/x-msdownload' })).status).toBe(415);
    expect((await ask({ size: 10 * 1024 * 1024 + 1 })).status).toBe(413);
    expect((await ask({ size: 0 })).status).toBe(400);
    expect((await ask({ componentCode: 'TP99' })).body.error.code).toBe('UNKNOWN_COMPONENT');
    expect((await ask({ fileName: '../../etc/passwd' })).status).toBe(400);
    const ticket = await ask({});
    expect(ticket.status).toBe(201);
    expect(ticket.body.fields).toHaveProperty('Policy');
  });

  it('verifies uploads: a PNG declared as PDF is rejected, a real PDF counts; files are downloadable', async () => {
    const d = await createDraft(tokens.citizen);
    const bad = await attach(tokens.citizen, d.id, 'TP01', { bytes: PNG, declaredType: 'application/pdf' });
    expect(bad.attachments[0]).toMatchObject({ status: 'rejected' });
    expect(bad.attachments[0].rejectedReason).toBeTruthy();
    const good = await attach(tokens.citizen, d.id, 'TP01');
    const file = good.attachments.find((a: { status: string }) => a.status === 'verified');
    expect(file).toMatchObject({ componentCode: 'TP01', contentType: 'application/pdf', size: PDF.length });
    const link = must(await get(`/v1/dossiers/${d.id}/attachments/${file.id}`, tokens.citizen), 200, 'download');
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    // A rejected file is not downloadable.
    expect((await get(`/v1/dossiers/${d.id}/attachments/${bad.attachments[0].id}`, tokens.citizen)).status).toBe(404);
  });

  it('an upload larger than declared is refused after upload and deleted', async () => {
    const d = await createDraft(tokens.citizen);
    const ticket = must(await post(`/v1/dossiers/${d.id}/attachments`, tokens.citizen, { componentCode: 'TP01', fileName: 'a.pdf', contentType: 'application/pdf', size: 20 }), 201, 'ticket');
    await postFile(ticket, PDF, 'application/pdf'); // the emulator does not enforce the policy (docs/requirements.md R-LOCAL-UPLOAD-POLICY)
    const after = must(await post(`/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, tokens.citizen), 200, 'complete');
    expect(after.attachments[0].status).toBe('rejected');
  });
});

describe('submission', () => {
  it('refuses a draft with a required document missing, naming it', async () => {
    const d = await createDraft(tokens.citizen);
    const res = await post(`/v1/dossiers/${d.id}/submit`, tokens.citizen);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'MISSING_COMPONENTS', details: [{ path: 'components.TP01' }] });
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
    const again = await post(`/v1/dossiers/${d.id}/submit`, tokens.citizen);
    expect([again.status, again.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });
});

describe("an official's journey: receipt, supplement, result, return", () => {
  it('runs the whole status machine, with the due date fixed on receipt and moved by the pause', async () => {
    const d = await submitted(tokens.citizen);
    const seenByOfficial = must(await get(`/v1/dossiers/${d.id}`, tokens.official), 200, 'official reads');
    expect(seenByOfficial.allowedActions).toEqual(['receive', 'refuse']);
    expect((await get(`/v1/dossiers/${d.id}`, tokens.officialHue)).status).toBe(404);
    expect((await post(`/v1/dossiers/${d.id}/actions`, tokens.officialHue, { action: 'receive', version: d.version })).status).toBe(404);

    const received = await act(tokens.official, d, { action: 'receive', note: 'Hồ sơ đầy đủ' });
    expect(received).toMatchObject({ status: 'received', statusCode: 2 });
    expect(received.dueDate).toBeTruthy();
    expect(Date.parse(received.dueDate)).toBeGreaterThan(Date.parse(received.receivedAt));

    const paused = await act(tokens.official, received, { action: 'start' },
      { action: 'request_supplement', missingComponents: ['TP01'], note: 'Bản chụp không rõ' });
    expect(paused).toMatchObject({ status: 'supplement_requested', statusCode: 5, supplementRequest: { missingComponents: ['TP01'] } });

    // Supplementing before uploading the requested document is refused.
    const early = await post(`/v1/dossiers/${d.id}/supplement`, tokens.citizen, { note: 'Gửi bổ sung' });
    expect([early.status, early.body.error.code]).toEqual([422, 'MISSING_COMPONENTS']);
    const withFile = await attach(tokens.citizen, d.id, 'TP01');
    const resumed = must(await post(`/v1/dossiers/${d.id}/supplement`, tokens.citizen, {
      note: 'Gửi bổ sung', attachmentIds: [withFile.attachments.at(-1).id],
    }), 200, 'supplement');
    expect(resumed).toMatchObject({ status: 'processing', supplementRequest: null });
    expect(Date.parse(resumed.dueDate)).toBeGreaterThanOrEqual(Date.parse(received.dueDate));

    const done = await act(tokens.official, resumed, { action: 'finish', note: 'Đã giải quyết' });
    expect(done.status).toBe('done');
    const ticket = must(await post(`/v1/dossiers/${d.id}/result`, tokens.official, { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length }), 201, 'result ticket');
    await postFile(ticket, PDF, 'application/pdf');
    // Online delivery with the result attached: the portal returns it by itself.
    const returned = must(await post(`/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, tokens.official), 200, 'complete result');
    expect(returned).toMatchObject({ status: 'returned', statusCode: 10 });
    expect(returned.history.map((h: { action: string }) => h.action)).toEqual([
      'submit', 'receive', 'start', 'request_supplement', 'supplement', 'finish', 'return_result',
    ]);
    expect(returned.history.at(-1).actor).toEqual({ kind: 'system' });
    expect(returned.allowedActions).toEqual([]);

    const citizenView = must(await get(`/v1/dossiers/${d.id}`, tokens.citizen), 200, 'citizen reads');
    const result = citizenView.attachments.find((a: { kind: string }) => a.kind === 'result');
    expect(result.status).toBe('verified');
    expect((await get(`/v1/dossiers/${d.id}/attachments/${result.id}`, tokens.citizen)).status).toBe(200);
  });

  it('maps the table: a forbidden action is 409, a missing reason 400, a stale version 409', async () => {
    const d = await submitted(tokens.citizen);
    const wrong = await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'finish', version: d.version });
    expect([wrong.status, wrong.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const noReason = await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'refuse', version: d.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    const stale = await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'receive', version: d.version - 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
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
    const after = must(await get(`/v1/dossiers/${d.id}`, tokens.citizen), 200, 'read');
    expect(after.history.filter((h: { action: string }) => h.action === 'receive')).toHaveLength(1);
    expect(after.version).toBe(d.version + 1);
  });

  it('an applicant withdraws; a withdrawn dossier takes no further action', async () => {
    const d = await submitted(tokens.citizen);
    const w = must(await post(`/v1/dossiers/${d.id}/withdraw`, tokens.citizen, { reason: 'Nộp nhầm' }), 200, 'withdraw');
    expect(w).toMatchObject({ status: 'withdrawn', statusCode: 7 });
    expect((await post(`/v1/dossiers/${d.id}/actions`, tokens.official, { action: 'receive', version: w.version })).status).toBe(409);
    expect((await post(`/v1/dossiers/${d.id}/withdraw`, tokens.business, { reason: 'x' })).status).toBe(404);
  });
});

describe('tracking and lists', () => {
  it('public tracking needs the code and the matching ID number, and shows no personal data', async () => {
    const d = await submitted(tokens.citizen);
    const res = await get(`/v1/dossiers/track?code=${encodeURIComponent(d.code)}&applicantId=${CITIZEN_ID}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: d.code, status: 'submitted', statusCode: 1, history: [{ status: 'submitted', statusCode: 1 }] });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(CITIZEN_ID);
    expect(text).not.toContain('Nguyễn');
    expect(res.body).not.toHaveProperty('form');
    const wrong = await get(`/v1/dossiers/track?code=${encodeURIComponent(d.code)}&applicantId=079099000001`);
    const none = await get(`/v1/dossiers/track?code=${encodeURIComponent(`${HANOI_COMMUNE}-260101-9999`)}&applicantId=${CITIZEN_ID}`);
    expect([wrong.status, none.status]).toEqual([404, 404]);
    expect(wrong.body).toEqual(none.body);
  });

  it("lists the applicant's own dossiers newest first, with cursors, and a status filter", async () => {
    const first = await createDraft(tokens.business);
    const second = await createDraft(tokens.business);
    const page1 = must(await get('/v1/me/dossiers?limit=1', tokens.business), 200, 'page 1');
    expect(page1.items.map((x: { id: string }) => x.id)).toEqual([second.id]);
    const page2 = must(await get(`/v1/me/dossiers?limit=1&cursor=${page1.nextCursor}`, tokens.business), 200, 'page 2');
    expect(page2.items.map((x: { id: string }) => x.id)).toEqual([first.id]);
    const drafts = must(await get('/v1/me/dossiers?status=draft&limit=100', tokens.business), 200, 'drafts');
    expect(drafts.items.every((x: { status: string }) => x.status === 'draft')).toBe(true);
    const mine = must(await get('/v1/me/dossiers?limit=100', tokens.citizen), 200, 'citizen');
    expect(mine.items.some((x: { id: string }) => x.id === first.id)).toBe(false);
    expect((await get('/v1/me/dossiers?cursor=not-a-cursor', tokens.citizen)).status).toBe(400);
  });

  it("the work queue is in due order, scoped, and filters overdue and status", async () => {
    const d = await submitted(tokens.citizen);
    const received = await act(tokens.official, d, { action: 'receive' });
    const queue = must(await get(`/v1/agency/dossiers?agency=${HANOI_COMMUNE}&limit=100`, tokens.official), 200, 'queue');
    const ids = queue.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(received.id);
    const due = queue.items.filter((x: { dueDate: string | null }) => x.dueDate).map((x: { dueDate: string }) => Date.parse(x.dueDate));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // Dossiers with a due date come before those awaiting receipt.
    const firstWithout = queue.items.findIndex((x: { dueDate: string | null }) => !x.dueDate);
    if (firstWithout >= 0) expect(queue.items.slice(firstWithout).every((x: { dueDate: string | null }) => !x.dueDate)).toBe(true);

    const receivedOnly = must(await get(`/v1/agency/dossiers?agency=${HANOI_COMMUNE}&status=received&limit=100`, tokens.official), 200, 'status');
    expect(receivedOnly.items.every((x: { status: string }) => x.status === 'received')).toBe(true);
    expect(receivedOnly.items.map((x: { id: string }) => x.id)).toContain(received.id);
    const overdue = must(await get(`/v1/agency/dossiers?agency=${HANOI_COMMUNE}&overdue=true&limit=100`, tokens.official), 200, 'overdue');
    expect(overdue.items.map((x: { id: string }) => x.id)).not.toContain(received.id);

    expect((await get(`/v1/agency/dossiers?agency=${HANOI_COMMUNE}`, tokens.officialHue)).status).toBe(403);
    const hueQueue = must(await get('/v1/agency/dossiers?limit=100', tokens.officialHue), 200, 'hue queue');
    expect(hueQueue.items.map((x: { id: string }) => x.id)).not.toContain(received.id);
  });
});

describe('codes under concurrency', () => {
  it('200 concurrent submissions to one agency get 200 distinct, gap-free codes', async () => {
    // An agency no other test submits to, so the day's sequence is this test's alone.
    const agency = '000.00.00008.H26';
    const drafts = [];
    for (let i = 0; i < 200; i += 40) {
      drafts.push(...(await Promise.all(Array.from({ length: 40 }, () => completeDraft(tokens.citizen, { agencyCode: agency })))));
    }
    const results = await Promise.all(drafts.map((d) => post(`/v1/dossiers/${d.id}/submit`, tokens.citizen)));
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(200));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(200);
    const seqs = codes.map((c) => parseDossierCode(c)!.sequence).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => seqs[0]! + i));
  }, 120_000);
});
