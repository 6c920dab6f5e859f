// A guided dossier journey against a running `npm start` (README, "Try a dossier"): citizen.demo
// submits a dossier, official.hanoi receives it, asks for a supplement, the citizen supplements,
// the official finishes and attaches the result, the portal returns it online — and official.hue
// cannot see it. Every step is one call of the typed client (client/), printed as it goes.
//
//   npm run demo:dossier            (PORTAL_URL=http://127.0.0.1:3000 by default)
import { randomUUID } from 'node:crypto';
import { unwrap } from '../client';
import { act, attach, CITIZEN_ID, createDraft, HANOI_COMMUNE, PDF, portalAt, postFile, PROCEDURE, type Dossier } from './walkthrough';

const baseUrl = process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const show = (d: Pick<Dossier, 'code' | 'status' | 'statusCode' | 'version' | 'dueDate'>) =>
  console.log(`   → ${d.code ?? '(no code yet)'}  status ${d.status}${d.statusCode ? ` (${d.statusCode})` : ''}, version ${d.version}` +
    (d.dueDate ? `, due ${new Date(d.dueDate).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}` : ''));

const portal = await portalAt(baseUrl).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

step(1, 'citizen.demo and the officials sign in through Cognito (the endpoint /v1/config names)');
const [citizen, official, hue] = await Promise.all([portal.as('citizen.demo'), portal.as('official.hanoi'), portal.as('official.hue')]);

step(2, `citizen.demo creates a draft of procedure ${PROCEDURE} at ${HANOI_COMMUNE} (POST /v1/dossiers, Idempotency-Key)`);
const draft = await createDraft(citizen, { key: `demo-${randomUUID()}` });
console.log(`   → draft ${draft.id}`);
const id = { path: { id: draft.id } };

step(3, 'uploads the required document TP01 with the presigned POST, then asks the portal to verify it');
const withFile = await attach(citizen, draft.id, 'TP01');
console.log(`   → ${withFile.attachments.map((a) => `${a.fileName}: ${a.status}`).join(', ')}`);

step(4, 'submits (POST /v1/dossiers/{id}/submit): the dossier gets its code');
const submitted = unwrap(await citizen.POST('/v1/dossiers/{id}/submit', { params: id }), 'submit');
show(submitted);

step(5, "official.hanoi finds it in the commune's work queue and receives it; the due date is fixed");
const queue = unwrap(await official.GET('/v1/agency/dossiers', { params: { query: { agency: HANOI_COMMUNE, status: 'submitted', limit: 100 } } }), 'queue');
console.log(`   → ${queue.items.length} dossier(s) awaiting receipt, ours among them: ${queue.items.some((x) => x.id === draft.id)}`);
const processing = await act(official, submitted, { action: 'receive', note: 'Đã tiếp nhận' }, { action: 'start' });
show(processing);

step(6, 'official.hanoi requests a supplement (the clock stops)');
const paused = await act(official, processing, { action: 'request_supplement', missingComponents: ['TP01'], note: 'Bản chụp không rõ, đề nghị nộp lại' });
show(paused);

step(7, 'citizen.demo uploads the document again and answers the supplement request');
await attach(citizen, draft.id, 'TP01');
const resumed = unwrap(await citizen.POST('/v1/dossiers/{id}/supplement', { params: id, body: { note: 'Đã nộp lại bản rõ' } }), 'supplement');
show(resumed);

step(8, 'official.hanoi finishes and attaches the electronic result; delivery is online, so the portal returns it');
const done = await act(official, resumed, { action: 'finish', note: 'Đã giải quyết' });
show(done);
const ticket = unwrap(await official.POST('/v1/dossiers/{id}/result', { params: id, body: { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length } }), 'result', 201);
await postFile(ticket, PDF, 'application/pdf');
const returned = unwrap(await official.POST('/v1/dossiers/{id}/attachments/{attachmentId}/complete', { params: { path: { id: draft.id, attachmentId: ticket.attachmentId } } }), 'complete');
show(returned);

step(9, 'anyone can track it with the code and the ID number; official.hue cannot see it');
const tracked = unwrap(await portal.anonymous.GET('/v1/dossiers/track', { params: { query: { code: returned.code!, applicantId: CITIZEN_ID } } }), 'track');
console.log(`   → public steps: ${tracked.history.map((h) => h.status).join(' → ')}`);
const hueRead = await hue.GET('/v1/dossiers/{id}', { params: id });
console.log(`   → official.hue GET /v1/dossiers/${draft.id}: ${hueRead.response.status}`);
if (returned.status !== 'returned' || hueRead.response.status !== 404) process.exit(1);
console.log('\nDone: the dossier was returned, and out-of-scope officials are told it does not exist.');
