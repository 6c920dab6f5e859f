// A guided dossier journey against a running `npm start` (README, "Try a dossier"): citizen.demo
// submits a dossier, official.hanoi receives it, asks for a supplement, the citizen supplements,
// the official finishes and attaches the result, the portal returns it online — and official.hue
// cannot see it. Every step is a plain API call, printed as it goes.
//
//   npm run demo:dossier            (PORTAL_URL=http://127.0.0.1:3000 by default)
import { randomUUID } from 'node:crypto';

process.env.DVC_BASE_URL ??= process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const { api, signIn } = await import('../test/support/auth');
const { act, attach, createDraft, HANOI_COMMUNE, must, PDF, postFile, PROCEDURE } = await import('../test/support/dossiers');

const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const show = (d: { code: string | null; status: string; statusCode: number | null; version: number; dueDate: string | null }) =>
  console.log(`   → ${d.code ?? '(no code yet)'}  status ${d.status}${d.statusCode ? ` (${d.statusCode})` : ''}, version ${d.version}` +
    (d.dueDate ? `, due ${new Date(d.dueDate).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}` : ''));

const probe = await fetch(`${process.env.DVC_BASE_URL}/v1/config`).catch(() => null);
if (!probe?.ok) {
  console.error(`No portal answers at ${process.env.DVC_BASE_URL}: start it first with npm start (or set PORTAL_URL).`);
  process.exit(1);
}

step(1, 'citizen.demo and the officials sign in through Cognito (the endpoint /v1/config names)');
const [citizen, official, hue] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi'), signIn('official.hue')]);

step(2, `citizen.demo creates a draft of procedure ${PROCEDURE} at ${HANOI_COMMUNE} (POST /v1/dossiers, Idempotency-Key)`);
const draft = await createDraft(citizen, { key: `demo-${randomUUID()}` });
console.log(`   → draft ${draft.id}`);

step(3, 'uploads the required document TP01 with the presigned POST, then asks the portal to verify it');
const withFile = await attach(citizen, draft.id, 'TP01');
console.log(`   → ${withFile.attachments.map((a: { fileName: string; status: string }) => `${a.fileName}: ${a.status}`).join(', ')}`);

step(4, 'submits (POST /v1/dossiers/{id}/submit): the dossier gets its code');
const submitted = must(await api('POST', `/v1/dossiers/${draft.id}/submit`, { token: citizen }), 200, 'submit');
show(submitted);

step(5, "official.hanoi finds it in the commune's work queue and receives it; the due date is fixed");
const queue = must(await api('GET', `/v1/agency/dossiers?agency=${HANOI_COMMUNE}&status=submitted&limit=100`, { token: official }), 200, 'queue');
console.log(`   → ${queue.items.length} dossier(s) awaiting receipt, ours among them: ${queue.items.some((x: { id: string }) => x.id === draft.id)}`);
const processing = await act(official, submitted, { action: 'receive', note: 'Đã tiếp nhận' }, { action: 'start' });
show(processing);

step(6, 'official.hanoi requests a supplement (the clock stops)');
const paused = await act(official, processing, { action: 'request_supplement', missingComponents: ['TP01'], note: 'Bản chụp không rõ, đề nghị nộp lại' });
show(paused);

step(7, 'citizen.demo uploads the document again and answers the supplement request');
await attach(citizen, draft.id, 'TP01');
const resumed = must(await api('POST', `/v1/dossiers/${draft.id}/supplement`, { token: citizen, json: { note: 'Đã nộp lại bản rõ' } }), 200, 'supplement');
show(resumed);

step(8, 'official.hanoi finishes and attaches the electronic result; delivery is online, so the portal returns it');
const done = await act(official, resumed, { action: 'finish', note: 'Đã giải quyết' });
show(done);
const ticket = must(await api('POST', `/v1/dossiers/${draft.id}/result`, { token: official, json: { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length } }), 201, 'result');
await postFile(ticket, PDF, 'application/pdf');
const returned = must(await api('POST', `/v1/dossiers/${draft.id}/attachments/${ticket.attachmentId}/complete`, { token: official }), 200, 'complete');
show(returned);

step(9, 'anyone can track it with the code and the ID number; official.hue cannot see it');
const tracked = must(await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(returned.code)}&applicantId=001099012345`), 200, 'track');
console.log(`   → public steps: ${tracked.history.map((h: { status: string }) => h.status).join(' → ')}`);
const hueRead = await api('GET', `/v1/dossiers/${draft.id}`, { token: hue });
console.log(`   → official.hue GET /v1/dossiers/${draft.id}: ${hueRead.status}`);
if (returned.status !== 'returned' || hueRead.status !== 404) process.exit(1);
console.log('\nDone: the dossier was returned, and out-of-scope officials are told it does not exist.');
