// A guided feedback journey against a running `npm start` (README, "Send feedback and rate"):
// citizen.demo sends feedback about a Hà Nội commune; official.hanoi accepts, answers and
// publishes it; anyone reads the answer (without the sender's personal data); citizen.demo likes
// it; and citizen.demo rates a dossier the commune returned. Every step is a plain API call.
//
//   npm run demo:feedback            (PORTAL_URL=http://127.0.0.1:3000 by default)
export {};
process.env.DVC_BASE_URL ??= process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const { api, signIn } = await import('../test/support/auth');
const { act, HANOI_COMMUNE, must, PDF, postFile, submitted } = await import('../test/support/dossiers');

const step = (n: number, text: string) => console.log(`\n${n}. ${text}`);
const probe = await fetch(`${process.env.DVC_BASE_URL}/v1/config`).catch(() => null);
if (!probe?.ok) {
  console.error(`No portal answers at ${process.env.DVC_BASE_URL}: start it first with npm start (or set PORTAL_URL).`);
  process.exit(1);
}

step(1, 'citizen.demo and official.hanoi sign in');
const [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);

step(2, `citizen.demo sends feedback about ${HANOI_COMMUNE} (POST /v1/feedback)`);
let f = must(await api('POST', '/v1/feedback', {
  token: citizen,
  json: {
    category: 'procedures', agencyCode: HANOI_COMMUNE,
    subject: 'Đề nghị niêm yết rõ thời gian trả kết quả đăng ký tạm trú',
    content: 'Tôi nộp hồ sơ đăng ký tạm trú nhưng không rõ thời gian trả kết quả. Số điện thoại của tôi là 0912345678, CCCD 001099012345.',
  },
}), 201, 'send');
console.log(`   → ${f.code}, status ${f.status}; accept or reject by ${new Date(f.deadlines.decideBy).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}, answer by ${new Date(f.deadlines.answerBy).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);

step(3, "official.hanoi finds it in the commune's feedback queue, accepts, answers and publishes it");
const queue = must(await api('GET', `/v1/agency/feedback?agency=${HANOI_COMMUNE}&status=submitted&limit=100`, { token: official }), 200, 'queue');
console.log(`   → in the queue: ${queue.items.some((x: { id: string }) => x.id === f.id)}`);
for (const [action, extra] of [['accept', {}], ['answer', { answer: 'UBND phường đã niêm yết thời gian trả kết quả tại bộ phận một cửa và trên Cổng Dịch vụ công: 3 ngày làm việc.' }], ['publish', {}]] as const) {
  f = must(await api('POST', `/v1/feedback/${f.id}/actions`, { token: official, json: { action, version: f.version, ...extra } }), 200, action);
  console.log(`   → ${action}: ${f.status}`);
}

step(4, 'anyone reads the published answer (GET /v1/feedback/{id}): personal data masked');
const pub = must(await api('GET', `/v1/feedback/${f.id}`), 200, 'public');
console.log(`   → "${pub.content}"`);
console.log(`   → answer: "${pub.answer.text}"`);
const found = must(await api('GET', `/v1/feedback?q=${encodeURIComponent('niem yet thoi gian tra ket qua')}`), 200, 'search');
console.log(`   → search "niem yet thoi gian tra ket qua" finds it: ${found.items.some((x: { id: string }) => x.id === f.id)}`);

step(5, 'citizen.demo likes the answer (POST /v1/feedback/{id}/reaction)');
const reaction = must(await api('POST', `/v1/feedback/${f.id}/reaction`, { token: citizen, json: { like: true } }), 200, 'react');
console.log(`   → likes ${reaction.likes}, dislikes ${reaction.dislikes}`);

step(6, 'a dossier of citizen.demo is processed and returned online; citizen.demo rates it (POST /v1/dossiers/{id}/rating)');
const d = await submitted(citizen);
const done = await act(official, d, { action: 'receive' }, { action: 'start' }, { action: 'finish', note: 'Đã giải quyết' });
const ticket = must(await api('POST', `/v1/dossiers/${d.id}/result`, { token: official, json: { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: PDF.length } }), 201, 'result');
await postFile(ticket, PDF, 'application/pdf');
const returned = must(await api('POST', `/v1/dossiers/${d.id}/attachments/${ticket.attachmentId}/complete`, { token: official }), 200, 'complete');
console.log(`   → ${returned.code}: ${done.status} → ${returned.status}`);
const rating = must(await api('POST', `/v1/dossiers/${d.id}/rating`, {
  token: citizen, json: { overall: 'satisfied', criteria: { timeliness: 5, staffAttitude: 5, handlingTime: 'on_time', visits: 0 }, comment: 'Nhanh, không phải đi lại.' },
}), 201, 'rate');
console.log(`   → rated ${rating.overall}; may be changed until ${new Date(rating.replaceableUntil).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`);
if (pub.content.includes('0912345678') || pub.content.includes('001099012345')) process.exit(1);
console.log('\nDone: feedback answered and published without personal data, liked, and a returned dossier rated.');
