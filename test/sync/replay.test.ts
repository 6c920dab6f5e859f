// The sync issue's replay test, end to end through the running portal: a recorded stream of status
// events (functions/sync/domain/recorded-stream.test-support.ts) replayed three ways — clean; with ~20% duplicates and
// each dossier's events reordered within a window; with ~5% poison items — each way on its own
// dossiers of record (created through POST /v1/sync/dossiers), all through the signed route, the
// FIFO queue and the consumer. The three ways end in identical states (the lifecycles' last
// statuses). The poison items — events about dossiers the portal does not hold yet — end in the
// DLQ; once their dossiers are synced (the cause fixed), replaying the DLQ applies them.
// The same three ways run again through the QCVN 120 route (docs/sync.md "QCVN 120 packets"): the
// dossiers as `DongBoHoSoMC` packets, the events as `CapNhatTienDoHoSoMC` steps — a supplement
// request as the dossier re-sent with its open round, as the standard has it — and end in the same
// states as through the JSON routes.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { DOSSIER_STATUSES, type DossierStatus } from '../../shared/contracts/dossier-status';
import { dossierStore } from '../../functions/dossiers/public';
import { qcvn120FromIso } from '../../functions/sync/domain/qcvn120/time';
import { Qcvn120Answer } from '../../shared/contracts/qcvn120';
import { DeadLetterList, ReplayResult, SyncAccepted } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody } from '../support/body';
import { fileNamespace } from '../support/namespace';
import { recordedStream, withDuplicatesAndShuffle, withPoison, type RecordedEvent } from '../../functions/sync/domain/recorded-stream.test-support';

const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
// 1,000 as the issue asks (`npm run test:sync-replay`, ~3 min on 2 cores); the suite replays the
// stream's first 200 events the same three ways, to stay well inside its time budget. The
// domain-level replay of all 1,000 runs in the suite (functions/sync/domain/status-sync.test.ts).
const EVENTS = Number(process.env.SYNC_REPLAY_EVENTS ?? 200);
const ns = fileNamespace(import.meta.url);
// A commune of this file's own (test/support/namespace.ts): a thousand dossiers of record stay out of
// other files' work queues and counts.
const AGENCY = ns.agency();
// Dossiers of record start at `received` (a desk dossier); their lifecycles from there.
const LIFECYCLES: DossierStatus[][] = [
  ['processing', 'supplement_requested', 'processing', 'payment_required', 'processing', 'done', 'returned'],
  ['processing', 'done', 'returned'],
  ['processing', 'stopped'],
  ['withdrawn'],
  ['processing', 'done'],
];
const codeStatus = (s: DossierStatus) => DOSSIER_STATUSES.indexOf(s); // wire codes 1–10 (docs/requirements.md R-DOSSIER-STATUS)
// Received on a day of this file's own year: the index counts a dossier in its code's month, and the
// province's figures include its communes', so a fixed day in a recent month would end up in some
// test's "last month" as the calendar moves on.
const YEAR = ns.year();
const RECEIVED_DAY = `${String(YEAR).slice(2)}0615`;
const codeOf = (way: number, slot: number) => `${AGENCY}-${RECEIVED_DAY}-${way}${String(slot).padStart(4, '0')}`;

let admin: string;
beforeAll(async () => {
  admin = await signIn('admin.demo');
});

/** Until everything written so far has flowed through (the route waits ≤ 60 s a call). */
const settle = async () => {
  for (let round = 0; round < 8; round++) {
    const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
    if (res.status === 200) return;
    expect(res.status).toBe(504);
  }
  throw new Error('events did not settle in 8 minutes');
};
const postAll = async (path: string, items: unknown[]) => {
  for (let i = 0; i < items.length; i += 100) {
    const res = expectBody(await signedApi('POST', path, { ...HANOI, json: { items: items.slice(i, i + 100) } }), 202, SyncAccepted, path);
    expect(res.rejected, JSON.stringify(res).slice(0, 500)).toBe(0);
  }
};
const RECEIVED_AT = `${YEAR}-06-15T08:30:00+07:00`;
const applicantIdOf = (n: number) => `0010990${String(n).padStart(5, '0')}`;
const deskDossier = (code: string, n: number) => ({
  eventId: `replay-desk-${code}`, code, procedureCode: '1.001266', channel: 'desk',
  applicant: { type: 'citizen', name: 'Nguyễn Văn Thử', idNumber: applicantIdOf(n) },
  form: { hoTen: 'Nguyễn Văn Thử' },
  receivedAt: RECEIVED_AT, status: 2, at: RECEIVED_AT,
});

// The QCVN 120 route (ways 4–6 are ways 1–3 through it).
const viaQcvn120 = (way: number) => way > 3;
type Packet = { service: 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC'; item: Record<string, unknown> };
const deskPacket = (code: string, n: number, current: Record<string, unknown> = {}): Packet => ({
  service: 'DongBoHoSoMC',
  item: { MaHoSo: code, MaTTHC: '1.001266', KenhThucHien: '1', ChuHoSo: 'Nguyễn Văn Thử', LoaiDoiTuong: '1', MaDoiTuong: applicantIdOf(n), NgayTiepNhan: qcvn120FromIso(RECEIVED_AT), TrangThaiHoSo: '2', ...current },
});
/** A status event as the standard sends it: a progress step, or — a supplement request — the dossier with its open round. */
const packetOf = (code: string, n: number, e: Pick<RecordedEvent, 'status' | 'at' | 'missingComponents' | 'note'>): Packet => (e.status === 'supplement_requested'
  ? deskPacket(code, n, { TrangThaiHoSo: '5', DanhSachHoSoBoSung: [{ NgayBoSung: qcvn120FromIso(e.at), NoiDungBoSung: e.note, DanhSachGiayToBoSung: e.missingComponents!.map((c) => ({ MaThanhPhanHoSo: c })) }] })
  : { service: 'CapNhatTienDoHoSoMC', item: { MaHoSo: code, ThoiDiemXuLy: qcvn120FromIso(e.at), TrangThai: String(codeStatus(e.status)) } });
/** In stream order: each run of one service as packets of ≤ 100, one after the other (FIFO order per dossier holds). */
const postPackets = async (packets: Packet[]) => {
  for (let i = 0; i < packets.length;) {
    const service = packets[i]!.service;
    let end = i;
    while (end < packets.length && end - i < 100 && packets[end]!.service === service) end++;
    const res = expectBody(await signedApi('POST', '/v1/qcvn120/sync', { ...HANOI, json: { service, data: packets.slice(i, end).map((p) => p.item) } }), 202, Qcvn120Answer, 'QCVN 120');
    expect(res.rejected, JSON.stringify(res).slice(0, 500)).toBe(0);
    i = end;
  }
};
const statusItem = (way: number, e: RecordedEvent) => ({
  eventId: `w${way}-${e.eventId}`, code: codeOf(way, e.slot), status: codeStatus(e.status), at: e.at,
  ...(e.missingComponents ? { missingComponents: e.missingComponents, note: e.note } : {}),
});

describe(`replaying ${EVENTS} recorded status events three ways through SQS`, () => {
  it('ends in identical states; poison goes to the DLQ and is applied by a replay once its cause is fixed', async () => {
    const started = performance.now();
    const recorded = recordedStream(LIFECYCLES, EVENTS, 766, 'evt');
    const slots = Math.max(...recorded.map((e) => e.slot)) + 1;
    const ways = [1, 2, 3, 4, 5, 6] as const;
    const jsonWays = ways.filter((w) => !viaQcvn120(w));
    const qcvnWays = ways.filter(viaQcvn120);
    await Promise.all([
      postAll('/v1/sync/dossiers', jsonWays.flatMap((w) => Array.from({ length: slots }, (_, s) => deskDossier(codeOf(w, s), w * 10_000 + s)))),
      postPackets(qcvnWays.flatMap((w) => Array.from({ length: slots }, (_, s) => deskPacket(codeOf(w, s), w * 10_000 + s)))),
    ]);
    await settle();
    const created = performance.now();

    const poisonCodes: string[] = [];
    const qcvnPoisonCodes: string[] = [];
    const POISON = { status: 'processing', at: '2026-12-01T00:00:00.000Z' } as const;
    const streams = {
      1: recorded.map((e) => statusItem(1, e)),
      2: withDuplicatesAndShuffle(recorded, 767).map((e) => statusItem(2, e)),
      // Poison: an event about a dossier the agency system has not synced yet.
      3: withPoison(recorded, 768).map((e) => {
        if (e !== 'poison') return statusItem(3, e);
        const code = `${AGENCY}-261115-9${String(poisonCodes.length).padStart(4, '0')}`;
        poisonCodes.push(code);
        return { eventId: `w3-poison-${poisonCodes.length}`, code, status: codeStatus(POISON.status), at: POISON.at };
      }),
    };
    const packets = {
      4: recorded.map((e) => packetOf(codeOf(4, e.slot), 40_000 + e.slot, e)),
      5: withDuplicatesAndShuffle(recorded, 767).map((e) => packetOf(codeOf(5, e.slot), 50_000 + e.slot, e)),
      6: withPoison(recorded, 768).map((e) => {
        if (e !== 'poison') return packetOf(codeOf(6, e.slot), 60_000 + e.slot, e);
        const code = `${AGENCY}-261115-8${String(qcvnPoisonCodes.length).padStart(4, '0')}`;
        qcvnPoisonCodes.push(code);
        return packetOf(code, 0, POISON);
      }),
    };
    expect(streams[2].length).toBeGreaterThan(EVENTS * 1.1);
    expect(poisonCodes.length).toBeGreaterThan(EVENTS * 0.02);
    expect(packets[5].length).toBe(streams[2].length);
    expect(qcvnPoisonCodes.length).toBe(poisonCodes.length);
    await Promise.all([
      ...jsonWays.map((w) => postAll('/v1/sync/statuses', streams[w as 1 | 2 | 3])),
      ...qcvnWays.map((w) => postPackets(packets[w as 4 | 5 | 6])),
    ]);
    await settle();
    const applied = performance.now();

    const store = dossierStore();
    const statesOf = async (codes: string[]) => {
      const out: (string | undefined)[] = [];
      for (let i = 0; i < codes.length; i += 50) out.push(...(await Promise.all(codes.slice(i, i + 50).map(async (c) => (await store.findByCode(c))?.status))));
      return out;
    };
    const expected = Array.from({ length: slots }, (_, s) => recorded.filter((e) => e.slot === s).at(-1)!.status);
    const finals = await Promise.all(ways.map((w) => statesOf(Array.from({ length: slots }, (_, s) => codeOf(w, s)))));
    for (const final of finals) expect(final).toEqual(expected);

    // Every poison item is in the DLQ, with its reason.
    const deadLetters = async () => expectBody(await api('GET', '/v1/sync/dead-letters?limit=100', { token: admin }), 200, DeadLetterList, 'dead letters');
    const allPoison = [...poisonCodes, ...qcvnPoisonCodes];
    // A listing shows at most 100 of the DLQ (the two routes' poison is ~100 at 1,000 events): gathered over a few.
    const found = new Map<string, z.infer<typeof DeadLetterList>['items'][number]>();
    for (let round = 0; round < 10 && found.size < allPoison.length; round++) {
      for (const i of (await deadLetters()).items) if (i.code !== null && allPoison.includes(i.code)) found.set(i.messageId, i);
    }
    const poisonLetters = [...found.values()];
    expect(poisonLetters.map((i) => i.code).sort()).toEqual([...allPoison].sort());
    expect(poisonLetters.every((i) => /^no dossier .* \(yet\)$/.test(i.lastFailure?.why ?? ''))).toBe(true);

    // The cause fixed — the system syncs those dossiers — a replay applies the poison items.
    await Promise.all([
      postAll('/v1/sync/dossiers', poisonCodes.map((c, n) => deskDossier(c, 90_000 + n))),
      postPackets(qcvnPoisonCodes.map((c, n) => deskPacket(c, 80_000 + n))),
    ]);
    await settle();
    let replayed = 0;
    for (let i = 0; i < poisonLetters.length; i += 100) {
      const messageIds = poisonLetters.slice(i, i + 100).map((l) => l.messageId);
      replayed += expectBody(await api('POST', '/v1/sync/dead-letters/replay', { token: admin, json: { messageIds } }), 200, ReplayResult, 'replay').replayed;
    }
    expect(replayed).toBe(allPoison.length);
    await settle();
    expect(await statesOf(allPoison)).toEqual(allPoison.map(() => 'processing'));
    expect((await deadLetters()).items.filter((i) => i.code !== null && allPoison.includes(i.code))).toEqual([]);

    const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
    const total = streams[1].length + streams[2].length + streams[3].length + packets[4].length + packets[5].length + packets[6].length;
    console.log(`[replay] ${slots * ways.length} dossiers of record in ${s(started, created)} s; ${total} status events (3 ways, JSON and QCVN 120) applied in ${s(created, applied)} s → ${(total / ((applied - created) / 1000)).toFixed(1)} events/s`);
  }, 600_000);
});
