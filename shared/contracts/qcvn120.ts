// The national packet standard for one-stop systems (docs/requirements.md R-QCVN120; docs/sync.md
// "QCVN 120 packets"): the inbound packets a ministry's or province's one-stop system sends —
// `DongBoHoSoMC` (dossier sync) and `CapNhatTienDoHoSoMC` (progress) — with the standard's
// Vietnamese field names, and the answer. The adapter (functions/sync/domain/qcvn120) translates
// each item into the portal's own sync contracts (sync.ts, sync-dossiers.ts).
import * as z from 'zod';
import { ErrorEnvelope } from './common';

/** `yyyyMMddHHmmss`, Vietnam time (UTC+7); an empty string is "not given", as the systems send it. */
export const Qcvn120Time = z.string().regex(/^(\d{14})?$/, 'expected a time as yyyyMMddHHmmss (Vietnam time)');

const Text = (max: number) => z.string().max(max);
/** Codes the systems send as strings or numbers ("1" or 1). */
const CodeValue = z.union([z.string().max(10), z.number().int()]);

/** One file of the dossier as submitted (TaiLieuNop). */
export const Qcvn120File = z.object({
  TepDinhKemId: Text(100).optional(),
  TenTepDinhKem: Text(500).optional(),
  IsDeleted: z.union([z.boolean(), z.string().max(10)]).optional(),
  MaThanhPhanHoSo: Text(100).optional(),
  DuongDanTaiTepTin: Text(2000).optional(),
});

/** One fee or charge (DanhSachLePhi, DanhSachLePhiBoSung). */
export const Qcvn120Fee = z.object({
  TenPhiLePhi: Text(500).optional(),
  MaPhiLePhi: Text(100).optional(),
  HinhThucThu: CodeValue.optional(),
  Gia: z.union([z.number(), z.string().max(30)]).optional(),
  LoaiPhiLePhi: CodeValue.optional(),
});

/** One document named in a supplement round or a result (DanhSachGiayToBoSung, DanhSachGiayToKetQua). */
export const Qcvn120Document = z.object({
  TenGiayTo: Text(500).optional(),
  MaThanhPhanHoSo: Text(100).optional(),
  GiayToId: Text(100).optional(),
  DuongDanTepTinKetQua: Text(2000).optional(),
});

/** One supplement round (DanhSachHoSoBoSung): requested, and — once received — received. */
export const Qcvn120SupplementRound = z.object({
  HoSoBoSungId: Text(100).optional(),
  NguoiYeuCauBoSung: Text(200).optional(),
  NoiDungBoSung: Text(2000).optional(),
  NgayBoSung: Qcvn120Time,
  NguoiTiepNhanBoSung: Text(200).optional(),
  ThongTinTiepNhan: Text(2000).optional(),
  NgayTiepNhanBoSung: Qcvn120Time.optional(),
  TrangThaiBoSung: CodeValue.optional(),
  DanhSachGiayToBoSung: z.array(Qcvn120Document).max(100).optional(),
  DanhSachLePhiBoSung: z.array(Qcvn120Fee).max(100).optional(),
  NgayHenTraTruoc: Qcvn120Time.optional(),
  NgayHenTraMoi: Qcvn120Time.optional(),
});
export type Qcvn120SupplementRound = z.infer<typeof Qcvn120SupplementRound>;

/** One dossier of `DongBoHoSoMC`. */
export const Qcvn120Dossier = z.object({
  MaHoSo: Text(120),
  MaTTHC: Text(50),
  TenTTHC: Text(1000).optional(),
  MaLinhVuc: Text(50).optional(),
  TenLinhVuc: Text(500).optional(),
  /** 1 at the desk (trực tiếp), 2 online (trực tuyến), 3 by public post (bưu chính công ích). */
  KenhThucHien: CodeValue.optional(),
  SoBienNhan: Text(100).optional(),
  ChuHoSo: Text(200),
  /** 1 a citizen, 2 a business. */
  LoaiDoiTuong: CodeValue,
  /** The personal ID number (citizen) or the enterprise code (business). */
  MaDoiTuong: Text(20).optional(),
  ThongTinKhac: Text(2000).optional(),
  Email: Text(254).optional(),
  Fax: Text(30).optional(),
  SoDienThoai: Text(30).optional(),
  TrichYeuHoSo: Text(2000).optional(),
  NgayTiepNhan: Qcvn120Time,
  NgayHenTra: Qcvn120Time.optional(),
  TrangThaiHoSo: CodeValue,
  NgayTra: Qcvn120Time.optional(),
  ThongTinTra: Text(2000).optional(),
  /** How the result goes back: 0 at the desk, 1 by post. */
  HinhThuc: CodeValue.optional(),
  NgayKetThucXuLy: Qcvn120Time.optional(),
  DonViXuLy: Text(500).optional(),
  GhiChu: Text(2000).optional(),
  TaiLieuNop: z.array(Qcvn120File).max(200).optional(),
  DanhSachLePhi: z.array(Qcvn120Fee).max(100).optional(),
  DanhSachTepDinhKemKhac: z.array(z.object({ TenGiayTo: Text(500).optional(), SoLuong: CodeValue.optional(), LoaiGiayTo: CodeValue.optional() })).max(100).optional(),
  DanhSachHoSoBoSung: z.array(Qcvn120SupplementRound).max(10).optional(),
  DanhSachGiayToKetQua: z.array(Qcvn120Document).max(100).optional(),
}).meta({ id: 'Qcvn120Dossier' });
export type Qcvn120Dossier = z.infer<typeof Qcvn120Dossier>;

/** One progress step of `CapNhatTienDoHoSoMC`. */
export const Qcvn120Progress = z.object({
  MaHoSo: Text(120),
  NguoiXuLy: Text(200).optional(),
  ChucDanh: Text(200).optional(),
  ThoiDiemXuLy: Qcvn120Time,
  PhongBanXuLy: Text(500).optional(),
  NoiDungXuLy: Text(2000).optional(),
  /** The dossier's status code after the step (1–10, the national list). */
  TrangThai: CodeValue,
  NgayBatDau: Qcvn120Time.optional(),
  NgayKetThucTheoQuyDinh: Qcvn120Time.optional(),
}).meta({ id: 'Qcvn120Progress' });
export type Qcvn120Progress = z.infer<typeof Qcvn120Progress>;

export const QCVN120_SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const;
export type Qcvn120Service = (typeof QCVN120_SERVICES)[number];

/** The packet's envelope; its items are checked one by one (a bad item never refuses the packet). */
export const Qcvn120Envelope = z.object({
  service: z.enum(QCVN120_SERVICES, { error: `expected service ${QCVN120_SERVICES.join(' or ')}` }),
  /** DongBoHoSoMC: "True" when the dossier was sent before (the portal decides by the code itself). */
  isUpdating: z.union([z.boolean(), z.string().max(10)]).optional(),
  /** The sending unit's code and the token of the standard's own login: the portal signs requests instead. */
  madonvi: z.string().max(100).optional(),
  session: z.string().max(4000).optional(),
  data: z.array(z.unknown()).min(1, 'expected at least one item in data').max(100, 'at most 100 items per packet'),
});

/** What the route takes before the adapter reads the envelope: any JSON (its answer says what is wrong). */
export const Qcvn120Body = z.unknown();
/** The packet as the OpenAPI document shows it. */
export const Qcvn120Packet = z.discriminatedUnion('service', [
  Qcvn120Envelope.extend({ service: z.literal('DongBoHoSoMC'), data: z.array(Qcvn120Dossier).min(1).max(100) }),
  Qcvn120Envelope.extend({ service: z.literal('CapNhatTienDoHoSoMC'), data: z.array(Qcvn120Progress).min(1).max(100) }),
]).meta({ id: 'Qcvn120Packet' });

/** "00" every item taken; "01" some items refused (see `results`); "99" the packet refused (docs/sync.md). */
export const QCVN120_CODES = { ok: '00', partial: '01', refused: '99' } as const;

export const Qcvn120ItemResult = z.object({
  index: z.number().int(),
  MaHoSo: z.string().nullable(),
  error_code: z.enum([QCVN120_CODES.ok, QCVN120_CODES.refused]),
  message: z.string(),
  /** The portal's own event id for the item (its deduplication key): null when refused before translation. */
  eventId: z.string().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  /** Fields of the standard the item gave that the portal does not keep yet (docs/sync.md "QCVN 120 packets"). */
  notKept: z.array(z.string()).optional(),
});
export const Qcvn120Answer = z.object({
  error_code: z.enum([QCVN120_CODES.ok, QCVN120_CODES.partial]),
  message: z.string(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(Qcvn120ItemResult),
}).meta({ id: 'Qcvn120Answer' });
export type Qcvn120Answer = z.infer<typeof Qcvn120Answer>;

/** A packet refused whole (HTTP 400): the standard's code and reason, and the portal's error envelope. */
export const Qcvn120Refusal = z.object({
  error_code: z.literal(QCVN120_CODES.refused),
  message: z.string(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })) }),
}).meta({ id: 'Qcvn120Refusal' });
/** The route's 400: the standard's refusal, or the error envelope alone for a body that is not JSON at all. */
export const Qcvn120BadRequest = z.union([Qcvn120Refusal, ErrorEnvelope]);
