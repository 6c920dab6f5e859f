// The QCVN 120 route through the running portal (docs/sync.md "QCVN 120 packets"): desk dossiers and
// their progress sent as the standard's signed packets end exactly as the same events sent as the
// portal's JSON — the records and their histories field for field — through the same queue and
// consumer; a packet sent again changes nothing; a bad item is refused in the standard's answer and
// a body that is not a packet with the standard's "99".
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierStore } from '../../functions/dossiers/public';
import { Qcvn120Answer, Qcvn120Refusal } from '../../shared/contracts/qcvn120';
import { SyncAccepted } from '../../shared/contracts/sync';
import { signedApi } from '../support/auth';
import { expectBody } from '../support/body';
import { fileNamespace, UNSCORED_YEAR } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();
// This file compares the two routes' final states only, on its own agency: it dates them in October
// of the year no test computes an index for (test/support/namespace.ts).
const YEAR = UNSCORED_YEAR;
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const store = dossierStore();

const day = `${String(YEAR).slice(2)}1010`;
const codeOf = (route: 'q' | 'j', n: number) => `${AGENCY}-${day}-${route === 'q' ? 5 : 6}${String(n).padStart(4, '0')}`;
const at = (mmdd: string, hhmm: string) => `${YEAR}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}T${hhmm.slice(0, 2)}:${hhmm.slice(2)}:00+07:00`;
const q120 = (mmdd: string, hhmm: string) => `${YEAR}${mmdd}${hhmm}00`;

const settle = async () => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
  expect(res.status).toBe(200);
};
const postPacket = async (json: unknown) => signedApi('POST', '/v1/qcvn120/sync', { ...HANOI, json });
const packetAnswer = async (json: unknown) => expectBody(await postPacket(json), 202, Qcvn120Answer, 'QCVN 120 answer');
const postJson = async (path: string, items: unknown[]) => {
  const res = expectBody(await signedApi('POST', path, { ...HANOI, json: { items } }), 202, SyncAccepted, path);
  expect(res.rejected, JSON.stringify(res.results)).toBe(0);
};

// Two desk dossiers: one with a closed supplement round, then finished and returned; one awaiting a
// supplement, then withdrawn. As packets (q) and, written by hand, as the JSON route's items (j).
const applicant = { name: 'Nguyễn Văn Thử', id: '001099012345' };
const dossierPackets = [
  {
    MaHoSo: codeOf('q', 1), MaTTHC: '1.001266', TenTTHC: 'Đăng ký khai sinh', KenhThucHien: '1', ChuHoSo: applicant.name, LoaiDoiTuong: '1',
    MaDoiTuong: applicant.id, SoDienThoai: '0912345678', TrichYeuHoSo: 'Khai sinh cho con', NgayTiepNhan: q120('1010', '0830'), TrangThaiHoSo: '4',
    HinhThuc: '0', GhiChu: '', DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: 0 }],
    DanhSachHoSoBoSung: [{
      NguoiYeuCauBoSung: 'Trần Thị Bình', NoiDungBoSung: 'Bản chụp không rõ', NgayBoSung: q120('1011', '0900'), DanhSachGiayToBoSung: [{ MaThanhPhanHoSo: 'TP02' }],
      NguoiTiepNhanBoSung: 'Lê Văn Cường', ThongTinTiepNhan: 'Đã nhận bản rõ', NgayTiepNhanBoSung: q120('1016', '0900'), NgayHenTraMoi: q120('1019', '1700'),
    }],
  },
  {
    MaHoSo: codeOf('q', 2), MaTTHC: '1.001266', ChuHoSo: applicant.name, LoaiDoiTuong: 1, MaDoiTuong: applicant.id, NgayTiepNhan: q120('1010', '0900'), TrangThaiHoSo: 5,
    DanhSachHoSoBoSung: [{ NoiDungBoSung: 'Thiếu giấy chứng sinh', NgayBoSung: q120('1011', '1000'), DanhSachGiayToBoSung: [{ MaThanhPhanHoSo: 'TP01' }] }],
  },
];
const dossierItems = [
  {
    eventId: 'qcvn-twin-1', code: codeOf('j', 1), procedureCode: '1.001266', channel: 'desk', delivery: 'desk',
    applicant: { type: 'citizen', name: applicant.name, idNumber: applicant.id, contact: { phone: '0912345678' } }, form: { TrichYeuHoSo: 'Khai sinh cho con' },
    receivedAt: at('1010', '0830'), status: 4, at: at('1016', '0900'),
    history: [
      { at: at('1011', '0900'), status: 5, actor: 'Trần Thị Bình', note: 'Bản chụp không rõ', missingComponents: ['TP02'] },
      { at: at('1016', '0900'), status: 4, actor: 'Lê Văn Cường', note: 'Đã nhận bản rõ' },
    ],
  },
  {
    eventId: 'qcvn-twin-2', code: codeOf('j', 2), procedureCode: '1.001266', channel: 'desk', applicant: { type: 'citizen', name: applicant.name, idNumber: applicant.id },
    receivedAt: at('1010', '0900'), status: 5, at: at('1011', '1000'), note: 'Thiếu giấy chứng sinh', missingComponents: ['TP01'],
  },
];
const progressPackets = [
  { MaHoSo: codeOf('q', 1), NguoiXuLy: 'Lê Văn Cường', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: q120('1017', '1000'), NoiDungXuLy: 'Đã xử lý xong', TrangThai: '9' },
  { MaHoSo: codeOf('q', 1), NguoiXuLy: 'Trần Thị Bình', ThoiDiemXuLy: q120('1018', '0900'), NoiDungXuLy: 'Đã trả kết quả', TrangThai: '10' },
  { MaHoSo: codeOf('q', 2), ThoiDiemXuLy: q120('1020', '1600'), NoiDungXuLy: 'Công dân rút hồ sơ', TrangThai: '7' },
];
const statusItems = [
  { eventId: 'qcvn-twin-3', code: codeOf('j', 1), actor: 'Lê Văn Cường', at: at('1017', '1000'), note: 'Đã xử lý xong', status: 9 },
  { eventId: 'qcvn-twin-4', code: codeOf('j', 1), actor: 'Trần Thị Bình', at: at('1018', '0900'), note: 'Đã trả kết quả', status: 10 },
  { eventId: 'qcvn-twin-5', code: codeOf('j', 2), at: at('1020', '1600'), note: 'Công dân rút hồ sơ', status: 7 },
];

/** A dossier and its history without what names the one dossier (ids, code, write times). */
const finalState = async (code: string) => {
  const record = await store.findByCode(code);
  expect(record, code).toBeDefined();
  const { id: _id, code: _code, updatedAt: _updatedAt, ...rest } = record!;
  const history = (await store.history(record!.id)).map(({ dossierId: _d, code: _c, recordedAt: _r, ...h }) => h);
  return { ...rest, history };
};

describe('QCVN 120 packets through the running portal', () => {
  let answers: Qcvn120Answer[];
  beforeAll(async () => {
    answers = [await packetAnswer({ service: 'DongBoHoSoMC', isUpdating: 'False', madonvi: AGENCY, data: dossierPackets })];
    await postJson('/v1/sync/dossiers', dossierItems);
    await settle();
    answers.push(await packetAnswer({ service: 'CapNhatTienDoHoSoMC', data: progressPackets }));
    await postJson('/v1/sync/statuses', statusItems);
    await settle();
  }, 180_000);

  it('answers "00" with an event id per item and names the fields it does not keep', () => {
    expect(answers.map((a) => [a.error_code, a.accepted, a.rejected])).toEqual([['00', 2, 0], ['00', 3, 0]]);
    expect(answers[0]!.results[0]!.notKept).toEqual(['DanhSachLePhi', 'DanhSachHoSoBoSung.0.NgayHenTraMoi']);
    expect(answers[1]!.results[0]!.notKept).toEqual(['ChucDanh']);
    expect(answers.flatMap((a) => a.results.map((r) => r.eventId))).toEqual(answers.flatMap((a) => a.results.map(() => expect.stringMatching(/^q120-[0-9a-f]{40}$/))));
  });

  it('moves each dossier exactly as the JSON route does: the record and its history, field for field', async () => {
    for (const n of [1, 2]) {
      const [byPacket, byJson] = await Promise.all([finalState(codeOf('q', n)), finalState(codeOf('j', n))]);
      expect(byPacket).toEqual(byJson);
    }
    const returned = await finalState(codeOf('q', 1));
    expect(returned).toMatchObject({ status: 'returned', channel: 'desk', delivery: 'desk', supplementRounds: 1, form: { TrichYeuHoSo: 'Khai sinh cho con' } });
    expect(returned.history.map((h) => h.action)).toEqual(['receive', 'start', 'request_supplement', 'resume', 'finish', 'return_result']);
    expect((await finalState(codeOf('q', 2))).status).toBe('withdrawn');
  });

  it('a packet sent again is a duplicate: same event ids, nothing moves', async () => {
    const before = await finalState(codeOf('q', 1));
    const again = await packetAnswer({ service: 'CapNhatTienDoHoSoMC', data: progressPackets.slice(0, 2) });
    expect(again.results.map((r) => r.eventId)).toEqual(answers[1]!.results.slice(0, 2).map((r) => r.eventId));
    await settle();
    expect(await finalState(codeOf('q', 1))).toEqual(before);
  });

  it('refuses a bad item in the answer ("01") and a body that is not a packet with "99", never a 500', async () => {
    const partial = await packetAnswer({ service: 'DongBoHoSoMC', data: [{ ...dossierPackets[1], MaHoSo: codeOf('q', 3), KenhThucHien: '2' }, { ...dossierPackets[1], MaHoSo: '000.00.00009.H29-261102-0001' }] });
    expect(partial).toMatchObject({ error_code: '01', accepted: 0, rejected: 2 });
    expect(partial.results.map((r) => r.errors?.map((e) => e.path))).toEqual([['data.0.KenhThucHien'], ['data.1.MaHoSo']]);
    for (const body of [{ service: 'LayThuTuc', data: [{}] }, { service: 'CapNhatTienDoHoSoMC' }, { data: [] }, [progressPackets[0]], 'DongBoHoSoMC']) {
      const refused = expectBody(await postPacket(body), 400, Qcvn120Refusal, 'QCVN 120 refusal');
      expect(refused).toMatchObject({ error_code: '99', error: { code: 'QCVN120_BAD_PACKET' } });
    }
  });
});
