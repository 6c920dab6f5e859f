// Feedback through the running local portal: the whole workflow (routing, accept, information
// rounds, answer, publication) with its deadlines and counters, rejection and transfer, the public
// views — which never carry the sender's personal data — and reactions counted exactly under
// concurrency.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoFeedbackStore } from '../../functions/feedback/adapters/feedback-store';
import { UploadTicket } from '../../shared/contracts/dossiers';
import { Feedback, FeedbackPage, PublicFeedback, PublicFeedbackPage, ReactionResult } from '../../shared/contracts/feedback';
import { api, craftToken, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { fileNamespace } from '../support/namespace';

/** A Hà Nội commune of this file's own (test/support/namespace.ts): its queue and counters are this file's alone. */
const COMMUNE = fileNamespace(import.meta.url).agency();
const HUE = '000.00.00.H57';
const store = new DynamoFeedbackStore(dynamoClient, () => tableName('feedback'));
const run = randomBytes(3).toString('hex');

let official: string;
let officialHue: string;
let admin: string;
let citizen: string;
/** A citizen whose token carries name, e-mail, phone and ID number, as a real pool's would. */
let sender: string;
const SENDER = { name: 'Phạm Thị Hoa', email: 'hoa.pham@example.vn', phone: '+84987654321', idNumber: '079188009999' };

beforeAll(async () => {
  [official, officialHue, admin, citizen] = (await Promise.all(['official.hanoi', 'official.hue', 'admin.demo', 'citizen.demo'].map((u) => signIn(u)))) as [string, string, string, string];
  sender = await craftToken({
    'cognito:groups': ['citizen'], name: SENDER.name, email: SENDER.email, email_verified: true,
    phone_number: SENDER.phone, phone_number_verified: true, 'custom:id_number': SENDER.idNumber, 'custom:vneid_verified': 'true',
  });
});

const send = async (token: string, over: Record<string, unknown> = {}) => expectBody(await api('POST', '/v1/feedback', {
  token,
  json: {
    category: 'procedures',
    subject: `Chậm trả kết quả đăng ký tạm trú ${run} ${Math.random().toString(36).slice(2, 7)}`,
    content: `Tôi là ${SENDER.name}, CCCD ${SENDER.idNumber}, điện thoại 0987 654 321, email ${SENDER.email}. Hồ sơ nộp ngày 02/03/2026 đã quá hạn 5 ngày.`,
    agencyCode: COMMUNE,
    ...over,
  },
}), 201, Feedback, 'send');

const act = async (token: string, f: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
  api('POST', `/v1/feedback/${f.id}/actions`, { token, json: { action, version: f.version, ...extra } });
const step = async (token: string, f: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
  expectBody(await act(token, f, action, extra), 200, Feedback, action);
const publicView = async (id: string) => expectBody(await api('GET', `/v1/feedback/${id}`), 200, PublicFeedback, 'public view');
const myFeedback = async (token: string) => expectBody(await api('GET', '/v1/me/feedback?limit=100', { token }), 200, FeedbackPage, 'my feedback');
const ticketFor = async (id: string, json: Record<string, unknown>) =>
  expectBody(await api('POST', `/v1/feedback/${id}/attachments`, { token: sender, json }), 201, UploadTicket, 'ticket');

/** Nothing of the sender's identity anywhere in a public response (the body as sent: expectBody drops nothing). */
const expectNoPersonalData = (body: unknown) => {
  const text = JSON.stringify(body);
  for (const needle of [SENDER.name, SENDER.email, SENDER.idNumber, '987654321', '0987 654 321', 'sender', 'hoa.pham']) {
    expect(text, `public response contains ${needle}`).not.toContain(needle);
  }
};

describe('the feedback workflow', () => {
  it('send → queue → accept → information round → answer → publish, with deadlines, counters and a public answer without personal data', async () => {
    const f = await send(sender);
    expect(f).toMatchObject({ status: 'submitted', agencyCode: COMMUNE, code: expect.stringMatching(/^PAKN-\d{6}-\d{4}$/), likes: 0, dislikes: 0, repeated: false });
    expect(f.sender).toEqual({ name: SENDER.name, idNumber: SENDER.idNumber, email: SENDER.email, phone: SENDER.phone });
    const d = f.deadlines;
    expect(Date.parse(d.decideBy)).toBeLessThan(Date.parse(d.firstInfoRequestBy));
    expect(Date.parse(d.firstInfoRequestBy)).toBeLessThan(Date.parse(d.answerBy));
    expect(d.publishBy).toBeNull();

    // Not public yet; the official of Hà Nội sees it in the commune's queue with the sender's data.
    expect((await api('GET', `/v1/feedback/${f.id}`)).status).toBe(404);
    const queue = expectBody(await api('GET', `/v1/agency/feedback?agency=${COMMUNE}&status=submitted&limit=100`, { token: official }), 200, FeedbackPage, 'queue');
    expect(queue.items.find((i) => i.id === f.id)).toMatchObject({ sender: { name: SENDER.name }, allowedActions: expect.arrayContaining(['accept', 'reject', 'transfer']) });
    expect((await api('GET', `/v1/agency/feedback?agency=${COMMUNE}`, { token: officialHue })).status).toBe(403);
    expect((await act(officialHue, f, 'accept')).status).toBe(404);

    let x = await step(official, f, 'accept');
    expectError(await act(official, f, 'accept'), 409, 'VERSION_CONFLICT');
    expectError(await act(official, x, 'publish'), 409, 'INVALID_TRANSITION');
    expect((await act(official, x, 'request_info')).status).toBe(400);
    x = await step(official, x, 'request_info', { note: 'Đề nghị cung cấp mã hồ sơ' });
    expect(x).toMatchObject({ status: 'info_requested', infoRequest: 'Đề nghị cung cấp mã hồ sơ' });
    expect((await act(official, x, 'provide_info', { note: 'x' })).status).toBe(403);
    x = await step(sender, x, 'provide_info', { note: 'Mã hồ sơ 000.00.00004.H26-260302-0012' });
    expect(x.status).toBe('accepted');
    x = await step(official, x, 'answer', { answer: `Kính gửi bà ${SENDER.name}: hồ sơ đã được giải quyết, kết quả trả ngày 20/03/2026. Liên hệ 0987654321 nếu cần.` });
    expect(x).toMatchObject({ status: 'answered', deadlines: { publishBy: expect.any(String) }, overdue: [] });
    // The commune's counters hold this file's feedback only: exactly this answer, on time.
    const month = new Date(Date.parse(x.answer!.answeredAt) + 7 * 3600_000).toISOString().slice(0, 7);
    const counters = await store.counters(COMMUNE, month);
    expect(counters).toMatchObject({ answered: 1, answeredOnTime: 1, answeredLate: 0 });
    x = await step(official, x, 'publish');
    expect(x.history.map((h) => h.action)).toEqual(['accept', 'request_info', 'provide_info', 'answer', 'publish']);

    const res = await api('GET', `/v1/feedback/${f.id}`);
    const pub = expectBody(res, 200, PublicFeedback, 'public view');
    expect(res.headers.get('cache-control')).toContain('public');
    expect(pub).toMatchObject({ status: 'published', answer: { agencyCode: COMMUNE }, publishedAt: expect.any(String) });
    expect(pub.content).toContain('quá hạn 5 ngày');
    expectNoPersonalData(pub);
    const list = expectBody(await api('GET', `/v1/feedback?q=${encodeURIComponent(`cham tra ket qua dang ky tam tru ${run}`)}`), 200, PublicFeedbackPage, 'search');
    expect(list.items.map((i) => i.id)).toContain(f.id);
    expectNoPersonalData(list);
    // The sender's own list has everything.
    expect((await myFeedback(sender)).items.find((i) => i.id === f.id)).toMatchObject({ status: 'published', sender: { email: SENDER.email } });
  });

  it('unaddressed feedback goes to the administrators, who assign it; the agency can transfer it on; a rejection is never public', async () => {
    const f = await send(sender, { agencyCode: undefined, subject: `Góp ý quy định chung ${run}` });
    expect(f.agencyCode).toBeNull();
    const portal = expectBody(await api('GET', '/v1/agency/feedback?agency=portal&status=submitted&limit=100', { token: admin }), 200, FeedbackPage, 'portal');
    expect(portal.items.some((i) => i.id === f.id)).toBe(true);
    expect((await api('GET', '/v1/agency/feedback?agency=portal', { token: official })).status).toBe(403);
    expect((await act(official, f, 'accept')).status).toBe(404);

    const assigned = await step(admin, f, 'assign', { agencyCode: '000.00.00.H26' });
    expect(assigned).toMatchObject({ status: 'assigned', agencyCode: '000.00.00.H26' });
    const moved = await step(official, assigned, 'transfer', { agencyCode: HUE });
    expect(moved).toMatchObject({ status: 'assigned', agencyCode: HUE });
    expect(Date.parse(moved.deadlines.decideBy!)).toBeGreaterThanOrEqual(Date.parse(assigned.deadlines.decideBy!));
    expect((await act(official, moved, 'accept')).status).toBe(404);
    const rejected = await step(officialHue, moved, 'reject', { reason: 'Nội dung không thuộc phạm vi tiếp nhận' });
    expect(rejected).toMatchObject({ status: 'rejected', rejection: 'Nội dung không thuộc phạm vi tiếp nhận', allowedActions: [] });
    expect((await api('GET', `/v1/feedback/${f.id}`)).status).toBe(404);
  });

  it('the same subject sent twice to the same agency is marked repeated (indicator 5.3)', async () => {
    const subject = `Phản ánh lặp lại ${run}`;
    const first = await send(sender, { subject });
    const again = await send(sender, { subject: subject.toUpperCase() });
    expect([first.repeated, again.repeated]).toEqual([false, true]);
  });

  it('the daily job lists open items past their deadlines', async () => {
    const f = await send(sender);
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const res = await fetch(`${process.env.DVC_BASE_URL}/local/jobs/feedback-deadlines`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: later }),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { overdue: { id: string; steps: string[] }[]; open: number };
    expect(report.overdue.find((o) => o.id === f.id)?.steps).toEqual(['decide', 'answer']);
    const now = await fetch(`${process.env.DVC_BASE_URL}/local/jobs/feedback-deadlines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await now.json()) as { overdue: { id: string }[] }).overdue.some((o) => o.id === f.id)).toBe(false);
  });
});

describe('one item for the agency (GET /v1/agency/feedback/{id})', () => {
  it('officials of its agency and admins read the full view; another province\'s official and the sender do not', async () => {
    const f = await send(sender);
    const agencyView = async (token: string, what: string) => expectBody(await api('GET', `/v1/agency/feedback/${f.id}`, { token }), 200, Feedback, what);
    const seen = await agencyView(official, 'official');
    expect(seen).toMatchObject({ id: f.id, code: f.code, version: f.version, status: 'submitted', sender: { name: SENDER.name, idNumber: SENDER.idNumber } });
    expect(seen.allowedActions).toContain('accept');
    expect(seen.deadlines).toEqual(f.deadlines);
    expect((await agencyView(admin, 'admin')).id).toBe(f.id);
    expect((await api('GET', `/v1/agency/feedback/${f.id}`, { token: officialHue })).status).toBe(404);
    expect((await api('GET', `/v1/agency/feedback/${f.id}`, { token: sender })).status).toBe(403);
    expect((await api('GET', '/v1/agency/feedback/00000000-0000-4000-8000-000000000000', { token: official })).status).toBe(404);
    // After a step the route shows the new version, as the step's answer did.
    const accepted = await step(official, seen, 'accept');
    expect((await agencyView(official, 'after')).version).toBe(accepted.version);
  });
});

describe('reactions', () => {
  let published: { id: string };

  beforeAll(async () => {
    let x = await send(sender);
    x = await step(official, x, 'accept');
    x = await step(official, x, 'answer', { answer: 'Cơ quan đã tiếp thu và xử lý phản ánh.' });
    published = await step(official, x, 'publish');
  });

  it('100 people reacting at once are counted exactly; changing one\'s mind moves one count; repeating changes nothing', async () => {
    const people = await Promise.all(Array.from({ length: 100 }, () => craftToken({ 'cognito:groups': ['citizen'] })));
    const results = await Promise.all(people.map((token, i) =>
      api('POST', `/v1/feedback/${published.id}/reaction`, { token, json: { like: i < 60 } })));
    for (const r of results) expectBody(r, 200, ReactionResult, 'reaction');
    let pub = await publicView(published.id);
    expect([pub.likes, pub.dislikes]).toEqual([60, 40]);

    // Ten who liked now dislike (at once), and ten repeat their dislike.
    await Promise.all([
      ...people.slice(0, 10).map((token) => api('POST', `/v1/feedback/${published.id}/reaction`, { token, json: { like: false } })),
      ...people.slice(90).map((token) => api('POST', `/v1/feedback/${published.id}/reaction`, { token, json: { like: false } })),
    ]);
    pub = await publicView(published.id);
    expect([pub.likes, pub.dislikes]).toEqual([50, 50]);

    // One person toggling concurrently ends with exactly one reaction counted.
    const toggler = await craftToken({ 'cognito:groups': ['business'] });
    await Promise.all(Array.from({ length: 10 }, (_, i) => api('POST', `/v1/feedback/${published.id}/reaction`, { token: toggler, json: { like: i % 2 === 0 } })));
    pub = await publicView(published.id);
    expect(pub.likes + pub.dislikes).toBe(101);
  });

  it('only published feedback can be reacted to; officials and admins may react too', async () => {
    const open = await send(sender);
    expect((await api('POST', `/v1/feedback/${open.id}/reaction`, { token: citizen, json: { like: true } })).status).toBe(404);
    const r = expectBody(await api('POST', `/v1/feedback/${published.id}/reaction`, { token: officialHue, json: { like: true } }), 200, ReactionResult, 'react');
    expect(r).toMatchObject({ like: true, likes: expect.any(Number) });
    expect((await api('POST', `/v1/feedback/${published.id}/reaction`, { json: { like: true } })).status).toBe(401);
  });
});

describe('evidence attached by the sender', () => {
  it('uploads with a presigned POST, verified after upload; officials in scope download it; it never appears in public', async () => {
    const { PDF, PNG, postFile } = await import('../support/dossiers');
    const f = await send(sender);
    const ticket = await ticketFor(f.id, { fileName: 'anh-chup.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(JSON.parse(Buffer.from(ticket.fields.Policy!, 'base64').toString()).conditions).toContainEqual(['content-length-range', 1, 10 * 1024 * 1024]);
    await postFile(ticket, PDF, 'application/pdf');
    const verified = expectBody(await api('POST', `/v1/feedback/${f.id}/attachments/${ticket.attachmentId}/complete`, { token: sender }), 200, Feedback, 'complete');
    expect(verified.attachments).toEqual([expect.objectContaining({ id: ticket.attachmentId, status: 'verified', fileName: 'anh-chup.pdf' })]);

    // A PNG declared as a PDF is refused and forgotten.
    const bad = await ticketFor(f.id, { fileName: 'gia.pdf', contentType: 'application/pdf', size: PNG.length });
    await postFile(bad, PNG, 'application/pdf');
    expectError(await api('POST', `/v1/feedback/${f.id}/attachments/${bad.attachmentId}/complete`, { token: sender }), 422, 'UPLOAD_CONTENT_MISMATCH');
    const mine = (await myFeedback(sender)).items.find((x) => x.id === f.id)!;
    expect(mine.attachments.map((a) => a.id)).toEqual([ticket.attachmentId]);

    expect((await api('GET', `/v1/feedback/${f.id}/attachments/${ticket.attachmentId}`, { token: official })).status).toBe(200);
    expect((await api('GET', `/v1/feedback/${f.id}/attachments/${ticket.attachmentId}`, { token: officialHue })).status).toBe(404);
    expect((await api('GET', `/v1/feedback/${f.id}/attachments/${ticket.attachmentId}`, { token: citizen })).status).toBe(404);
    expect((await api('POST', `/v1/feedback/${f.id}/attachments`, { token: citizen, json: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 } })).status).toBe(404);
    expect((await api('POST', `/v1/feedback/${f.id}/attachments`, { token: sender, json: { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10 } })).status).toBe(400);

    // Once accepted, no more files; once published, the public view has no attachments at all.
    let x = await step(official, mine, 'accept');
    expectError(await api('POST', `/v1/feedback/${f.id}/attachments`, { token: sender, json: { fileName: 'y.pdf', contentType: 'application/pdf', size: 10 } }), 409, 'NOT_ACCEPTING_FILES');
    x = await step(official, x, 'answer', { answer: 'Đã xem xét bằng chứng và xử lý.' });
    await step(official, x, 'publish');
    const pub = await publicView(f.id);
    expect(pub).not.toHaveProperty('attachments');
    expect(JSON.stringify(pub)).not.toContain(ticket.attachmentId);
  });

  it('several files at once: every ticket and every completion lands (a lost race is re-applied, not a 409)', async () => {
    const { PDF, postFile } = await import('../support/dossiers');
    const f = await send(sender);
    const tickets = await Promise.all([1, 2, 3, 4].map((n) => ticketFor(f.id, { fileName: `trang-${n}.pdf`, contentType: 'application/pdf', size: PDF.length })));
    await Promise.all(tickets.map((t) => postFile(t, PDF, 'application/pdf')));
    const completions = await Promise.all(tickets.map((t) => api('POST', `/v1/feedback/${f.id}/attachments/${t.attachmentId}/complete`, { token: sender })));
    for (const r of completions) expectBody(r, 200, Feedback, 'complete');
    const mine = (await myFeedback(sender)).items.find((x) => x.id === f.id)!;
    expect(mine.attachments.map((a) => `${a.fileName}:${a.status}`).sort())
      .toEqual(['trang-1.pdf:verified', 'trang-2.pdf:verified', 'trang-3.pdf:verified', 'trang-4.pdf:verified']);
    expect(mine.version).toBe(f.version + 8);
  });
});
