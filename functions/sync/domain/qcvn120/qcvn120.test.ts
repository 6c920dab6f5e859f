// The QCVN 120 adapter's translation, on the fixtures built from the standard's field lists
// (test/fixtures/qcvn120): every packet item → the portal's sync contract, every field asserted;
// the contract accepted by the JSON route's own schema and rules; and back to the packet, equal to
// the item sent for every field the portal keeps (docs/sync.md "QCVN 120 packets").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatusEventIn } from '../../../../shared/contracts/sync';
import { DossierUpsertIn } from '../../../../shared/contracts/sync-dossiers';
import { importSteps } from '../dossier-sync';
import { dossierFromQcvn120, progressFromQcvn120, qcvn120EventId } from './inbound';
import { qcvn120FromDossier, qcvn120FromStatusEvent } from './render';
import { isoFromQcvn120, qcvn120FromIso } from './time';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/qcvn120/${name}.json`, import.meta.url), 'utf8')) as { service: string; data: Record<string, unknown>[] };
const dossiers = fixture('dong-bo-ho-so-mc').data;
const progress = fixture('cap-nhat-tien-do-ho-so-mc').data;

const translated = (t: ReturnType<typeof dossierFromQcvn120>) => {
  if (!t.ok) throw new Error(`refused: ${JSON.stringify(t.problems)}`);
  return t;
};
/** The item as the portal can give it back: the catalogue's own names and what it does not keep left out, "" as absent, codes as strings. */
const keptPart = (item: Record<string, unknown>, notKept: string[], dropped: string[] = []): Record<string, unknown> => {
  const out = structuredClone(item) as Record<string, unknown>;
  for (const path of [...notKept, ...dropped]) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce<Record<string, unknown> | undefined>((o, k) => o?.[k] as Record<string, unknown> | undefined, out);
    if (parent) delete parent[last];
  }
  const clean = (v: unknown): unknown => Array.isArray(v) ? v.map(clean)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && !(Array.isArray(x) && x.length === 0)).map(([k, x]) => [k, clean(x)]))
      : typeof v === 'number' ? String(v) : v;
  return clean(out) as Record<string, unknown>;
};
const CATALOGUE_OWN = ['TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'DonViXuLy'];

describe('QCVN 120 times', () => {
  it('reads yyyyMMddHHmmss as Vietnam time and writes it back', () => {
    expect(isoFromQcvn120('20261102090000')).toBe('2026-11-02T09:00:00+07:00');
    expect(qcvn120FromIso('2026-11-02T02:00:00Z')).toBe('20261102090000');
    expect(qcvn120FromIso('2026-11-01T23:30:00Z')).toBe('20261102063000'); // the day turns in Vietnam first
  });
  it('refuses what is not a real time', () => {
    for (const bad of ['20261131090000', '20261102250000', '2026-11-02', '202611020900', '']) expect(isoFromQcvn120(bad)).toBeNull();
  });
});

describe('DongBoHoSoMC → dossier upsert', () => {
  it('a returned desk dossier with a closed supplement round: every field', () => {
    const t = translated(dossierFromQcvn120(dossiers[0]));
    expect(t.item).toEqual({
      eventId: qcvn120EventId('DongBoHoSoMC', dossiers[0]),
      code: '000.00.00004.H26-261102-120001',
      procedureCode: '1.001266',
      channel: 'desk',
      delivery: 'desk',
      applicant: { type: 'citizen', name: 'Nguyễn Văn An', idNumber: '001199000222', contact: { phone: '0912345678', email: 'an.nguyen@example.vn' } },
      form: { TrichYeuHoSo: 'Đăng ký khai sinh cho con' },
      receivedAt: '2026-11-02T09:00:00+07:00',
      dueDate: '2026-11-05T17:00:00+07:00',
      status: 10,
      at: '2026-11-12T10:00:00+07:00',
      note: 'Đã trả kết quả tại bộ phận một cửa',
      history: [
        { at: '2026-11-03T09:00:00+07:00', status: 5, actor: 'Trần Thị Bình', note: 'Bản chụp giấy chứng sinh không rõ', missingComponents: ['TP02'] },
        { at: '2026-11-10T09:00:00+07:00', status: 4, actor: 'Lê Văn Cường', note: 'Đã nhận bản chụp rõ' },
        { at: '2026-11-11T09:00:00+07:00', status: 9 },
      ],
    });
    expect(t.notKept).toEqual([
      'SoBienNhan', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua',
      'DanhSachHoSoBoSung.0.HoSoBoSungId', 'DanhSachHoSoBoSung.0.TrangThaiBoSung', 'DanhSachHoSoBoSung.0.NgayHenTraTruoc', 'DanhSachHoSoBoSung.0.NgayHenTraMoi',
    ]);
  });

  it('a dossier awaiting a supplement: the open round is its current status', () => {
    const t = translated(dossierFromQcvn120(dossiers[1]));
    expect(t.item).toEqual({
      eventId: qcvn120EventId('DongBoHoSoMC', dossiers[1]),
      code: '000.00.00004.H26-261102-120002', procedureCode: '1.001266', channel: 'desk',
      applicant: { type: 'citizen', name: 'Phạm Thị Dung', idNumber: '001199000333' },
      receivedAt: '2026-11-02T09:30:00+07:00',
      status: 5, at: '2026-11-03T10:00:00+07:00',
      note: 'Thiếu bản sao giấy chứng nhận kết hôn', missingComponents: ['TP03', 'TP04'],
    });
    expect(t.notKept).toEqual([]);
  });

  it('a business dossier by post, its result by post to the address in ThongTinTra', () => {
    const t = translated(dossierFromQcvn120(dossiers[2]));
    expect(t.item).toEqual({
      eventId: qcvn120EventId('DongBoHoSoMC', dossiers[2]),
      code: '000.00.00004.H26-261102-120003', procedureCode: '1.001266', channel: 'post', delivery: 'post',
      postalAddress: { recipient: 'Công ty TNHH Ánh Dương', phone: '0243123456', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
      applicant: { type: 'business', name: 'Công ty TNHH Ánh Dương', enterpriseCode: '0101234567', contact: { phone: '0243123456' } },
      receivedAt: '2026-11-02T14:00:00+07:00', dueDate: '2026-11-05T17:00:00+07:00',
      status: 4, at: '2026-11-02T14:00:00+07:00',
    });
  });

  it.each(dossiers.map((d, i) => [i, d] as const))('item %i is a dossier upsert the JSON route takes, and renders back to the packet', (_, packet) => {
    const t = translated(dossierFromQcvn120(packet));
    const upsert = DossierUpsertIn.parse(t.item);
    expect(importSteps(upsert).ok).toBe(true);
    expect(keptPart(qcvn120FromDossier(upsert) as Record<string, unknown>, [])).toEqual(keptPart(packet, t.notKept, CATALOGUE_OWN));
  });

  it('the same item sent again is the same event; a changed one a new event', () => {
    const again = { ...dossiers[1], MaTTHC: '1.001266' };
    const reordered = Object.fromEntries(Object.entries(dossiers[1]!).reverse());
    expect(translated(dossierFromQcvn120(again)).item.eventId).toBe(translated(dossierFromQcvn120(dossiers[1])).item.eventId);
    expect(translated(dossierFromQcvn120(reordered)).item.eventId).toBe(translated(dossierFromQcvn120(dossiers[1])).item.eventId);
    expect(translated(dossierFromQcvn120({ ...dossiers[1], TrangThaiHoSo: '4' })).item.eventId).not.toBe(translated(dossierFromQcvn120(dossiers[1])).item.eventId);
  });

  it.each([
    ['an online dossier', { KenhThucHien: '2' }, 'KenhThucHien', /online/],
    ['an unknown applicant type', { LoaiDoiTuong: '9' }, 'LoaiDoiTuong', /1 \(citizen\) or 2 \(business\)/],
    ['a time that is not one', { NgayTiepNhan: '20261131090000' }, 'NgayTiepNhan', /not a real time/],
    ['no receipt time', { NgayTiepNhan: '' }, 'NgayTiepNhan', /required/],
    ['returned without NgayTra', { NgayTra: '' }, 'NgayTra', /returned/],
    ['an unknown way back', { HinhThuc: '7' }, 'HinhThuc', /0 \(at the desk\) or 1 \(by post\)/],
    ['a round without its time', { DanhSachHoSoBoSung: [{ NgayBoSung: '' }] }, 'DanhSachHoSoBoSung.0.NgayBoSung', /requested/],
    ['no MaHoSo', { MaHoSo: undefined }, 'MaHoSo', /.+/],
  ])('refuses %s, at the standard\'s field', (_, change, path, message) => {
    const t = dossierFromQcvn120({ ...dossiers[0], ...change });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.problems).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it('refuses status 5 without an open round, and names JSON-route problems by the standard\'s fields', () => {
    const closed = dossierFromQcvn120({ ...dossiers[0], TrangThaiHoSo: '5' });
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.problems[0]!.path).toBe('DanhSachHoSoBoSung');
    const t = translated(dossierFromQcvn120(dossiers[0]));
    expect(['applicant.idNumber', 'applicant.contact.email', 'at', 'history.1.at', 'history.2', 'receivedAt', 'form.TrichYeuHoSo'].map(t.packetPath))
      .toEqual(['MaDoiTuong', 'Email', 'NgayTra', 'DanhSachHoSoBoSung.0.NgayTiepNhanBoSung', 'NgayKetThucXuLy', 'NgayTiepNhan', 'TrichYeuHoSo']);
  });
});

describe('CapNhatTienDoHoSoMC → status event', () => {
  it('every field of each step', () => {
    const events = progress.map((p) => translated(progressFromQcvn120(p)));
    expect(events.map((e) => e.item)).toEqual([
      { eventId: qcvn120EventId('CapNhatTienDoHoSoMC', progress[0]), code: '000.00.00004.H26-261102-120003', status: 9, at: '2026-11-04T10:00:00+07:00', actor: 'Lê Văn Cường', note: 'Đã thẩm định xong' },
      { eventId: qcvn120EventId('CapNhatTienDoHoSoMC', progress[1]), code: '000.00.00004.H26-261102-120003', status: 10, at: '2026-11-05T09:00:00+07:00', actor: 'Trần Thị Bình', note: 'Đã gửi kết quả qua bưu chính' },
      { eventId: qcvn120EventId('CapNhatTienDoHoSoMC', progress[2]), code: '000.00.00004.H26-261102-120002', status: 7, at: '2026-11-20T16:00:00+07:00', note: 'Công dân rút hồ sơ' },
    ]);
    expect(events.map((e) => e.notKept)).toEqual([['ChucDanh', 'PhongBanXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh'], [], []]);
  });

  it.each(progress.map((p, i) => [i, p] as const))('step %i is a status event the JSON route takes, and renders back to the packet', (_, packet) => {
    const t = translated(progressFromQcvn120(packet));
    const event = StatusEventIn.parse(t.item);
    expect(keptPart(qcvn120FromStatusEvent(event) as Record<string, unknown>, [])).toEqual(keptPart(packet, t.notKept));
  });

  it('refuses a supplement request (it names no documents) and a step without its time', () => {
    const five = progressFromQcvn120({ ...progress[0], TrangThai: '5' });
    expect(five.ok || five.problems).toEqual([expect.objectContaining({ path: 'TrangThai', message: expect.stringMatching(/DongBoHoSoMC/) })]);
    const timeless = progressFromQcvn120({ ...progress[0], ThoiDiemXuLy: '' });
    expect(timeless.ok || timeless.problems).toEqual([expect.objectContaining({ path: 'ThoiDiemXuLy' })]);
  });
});
