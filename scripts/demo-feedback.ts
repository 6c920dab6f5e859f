// A guided feedback journey against a running `npm start` (README, "Send feedback and rate"):
// citizen.demo sends feedback about a Hà Nội commune; official.hanoi accepts, answers and
// publishes it; anyone reads the answer (without the sender's personal data); citizen.demo likes
// it; and citizen.demo rates a dossier the commune returned. Every step is one call of the typed
// client (client/).
//
//   npm run demo:feedback            (PORTAL_URL=http://127.0.0.1:3000 by default)
import { unwrap } from '../client';
import { act, HANOI_COMMUNE, PDF, portalAt, postFile, submitted } from './walkthrough';

const baseUrl = process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const portal = await portalAt(baseUrl).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

step(1, 'citizen.demo and official.hanoi sign in');
const [citizen, official] = await Promise.all([portal.as('citizen.demo'), portal.as('official.hanoi')]);

step(2, `citizen.demo sends feedback about ${HANOI_COMMUNE} (POST /v1/feedback)`);
let f = unwrap(await citizen.POST('/v1/feedback', {
  body: {
    category: 'procedures', agencyCode: HANOI_COMMUNE,
    subject: 'Đề nghị niêm yết rõ thời gian trả kết quả đăng ký tạm trú',
    content: 'Tôi nộp hồ sơ đăng ký tạm trú nhưng không rõ thời gian trả kết quả. Số điện thoại của tôi là 0912345678, CCCD 001099012345.',
  },
}), 'send', 201);
console.log(`   → ${f.code}, status ${f.status}; accept or reject by ${new Date(f.deadlines.decideBy).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}, answer by ${new Date(f.deadlines.answerBy).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);
const id = { path: { id: f.id } };

step(3, "official.hanoi finds it in the commune's feedback queue, accepts, answers and publishes it");
const queue = unwrap(await official.GET('/v1/agency/feedback', { params: { query: { agency: HANOI_COMMUNE, status: 'submitted', limit: 100 } } }), 'queue');
console.log(`   → in the queue: ${queue.items.some((x) => x.id === f.id)}`);
for (const [action, extra] of [['accept', {}], ['answer', { answer: 'UBND phường đã niêm yết thời gian trả kết quả tại bộ phận một cửa và trên Cổng Dịch vụ công: 3 ngày làm việc.' }], ['publish', {}]] as const) {
  f = unwrap(await official.POST('/v1/feedback/{id}/actions', { params: id, body: { action, version: f.version, ...extra } }), action);
  console.log(`   → ${action}: ${f.status}`);
}

step(4, 'anyone reads the published answer (GET /v1/feedback/{id}): personal data masked');
const pub = unwrap(await portal.anonymous.GET('/v1/feedback/{id}', { params: id }), 'public');
console.log(`   → "${pub.content}"`);
console.log(`   → answer: "${pub.answer?.text}"`);
const found = unwrap(await portal.anonymous.GET('/v1/feedback', { params: { query: { q: 'niem yet thoi gian tra ket qua' } } }), 'search');
console.log(`   → search "niem yet thoi gian tra ket qua" finds it: ${found.items.some((x) => x.id === f.id)}`);

step(5, 'citizen.demo likes the answer (POST /v1/feedback/{id}/reaction)');
const reaction = unwrap(await citizen.POST('/v1/feedback/{id}/reaction', { params: id, body: { like: true } }), 'react');
console.log(`   → likes ${reaction.likes}, dislikes ${reaction.dislikes}`);

step(6, 'a dossier of citizen.demo is processed and returned online; citizen.demo rates it (POST /v1/dossiers/{id}/rating)');
const d = await submitted(citizen);
const dossierId = { path: { id: d.id } };
const done = await act(official, d, { action: 'receive' }, { action: 'start' }, { action: 'finish', note: 'Đã giải quyết' });
const ticket = unwrap(await official.POST('/v1/dossiers/{id}/result', { params: dossierId, body: { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length } }), 'result', 201);
await postFile(ticket, PDF, 'application/pdf');
const returned = unwrap(await official.POST('/v1/dossiers/{id}/attachments/{attachmentId}/complete', { params: { path: { id: d.id, attachmentId: ticket.attachmentId } } }), 'complete');
console.log(`   → ${returned.code}: ${done.status} → ${returned.status}`);
const rating = unwrap(await citizen.POST('/v1/dossiers/{id}/rating', {
  params: dossierId,
  body: { overall: 'satisfied', criteria: { timeliness: 5, staffAttitude: 5, handlingTime: 'on_time', visits: 0 }, comment: 'Nhanh, không phải đi lại.' },
}), 'rate', 201);
console.log(`   → rated ${rating.overall}; may be changed until ${new Date(rating.replaceableUntil).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);
if (pub.content.includes('0912345678') || pub.content.includes('001099012345')) process.exit(1);
console.log('\nDone: feedback answered and published without personal data, liked, and a returned dossier rated.');
