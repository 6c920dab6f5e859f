// QCVN 120 packet items → the portal's own sync contracts (docs/sync.md "QCVN 120 packets", the
// field-by-field table). Pure: a `DongBoHoSoMC` dossier becomes a dossier upsert (DossierUpsertIn),
// a `CapNhatTienDoHoSoMC` step a status event (StatusEventIn); the JSON routes' own checks then run
// on them unchanged. What the adapter decides itself — the standard's codes and times, which time
// the current status has, the supplement rounds as history — is refused here with the standard's
// field names; fields the portal does not keep yet are named in `notKept`, never silently dropped.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { Qcvn120Dossier, Qcvn120Progress, type Qcvn120Service } from '../../../../shared/contracts/qcvn120';
import type { ItemProblem } from '../dossier-sync';
import { isoFromQcvn120 } from './time';

export type Translation<T> =
  | { ok: true; code: string; item: T; notKept: string[]; packetPath: (contractPath: string) => string }
  | { ok: false; code: string | null; problems: ItemProblem[] };

/** The systems send "" for a field they do not fill: the same as absent. */
const given = (v: string | number | boolean | undefined | null): v is string | number | boolean => v !== undefined && v !== null && v !== '';
const codeOf = (v: string | number | undefined) => (given(v) ? String(v).trim() : undefined);
const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : given(v as string));

/** Keys sorted at every level: the same item from any system hashes the same. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
      : v;

/** The item's event id: its content, so a packet sent again is a duplicate (same id), a changed one a new event. */
export const qcvn120EventId = (service: Qcvn120Service, item: unknown) =>
  `q120-${createHash('sha256').update(JSON.stringify([service, canonical(item)])).digest('hex').slice(0, 40)}`;

/** KenhThucHien → the channel of a dossier of record (online dossiers are submitted on the portal). */
export const CHANNEL_OF_KENH: Record<string, 'desk' | 'post' | undefined> = { '1': 'desk', '3': 'post' };
/** LoaiDoiTuong → applicant type. */
export const APPLICANT_OF_LOAI: Record<string, 'citizen' | 'business' | undefined> = { '1': 'citizen', '2': 'business' };
/** HinhThuc → how the result goes back. */
export const DELIVERY_OF_HINHTHUC: Record<string, 'desk' | 'post' | undefined> = { '0': 'desk', '1': 'post' };

const zodProblems = (issues: { path: PropertyKey[]; message: string }[]): ItemProblem[] => issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
const statusOf = (v: string | number) => (/^\d{1,2}$/.test(String(v).trim()) ? Number(v) : String(v));

/** Reads the standard's times of one item, collecting what is not a real time. */
const timeReader = (problems: ItemProblem[]) => (path: string, value: string | undefined): string | undefined => {
  if (!given(value)) return undefined;
  const iso = isoFromQcvn120(value);
  if (!iso) problems.push({ path, message: `${value} is not a real time (yyyyMMddHHmmss, Vietnam time)` });
  return iso ?? undefined;
};

interface Step { at: string; status: number; actor?: string; note?: string; missingComponents?: string[]; source: string }

/** Where a contract field came from in the packet (problems found by the JSON route's checks are reported there). */
const DOSSIER_PATHS: [string, string][] = [
  ['code', 'MaHoSo'], ['procedureCode', 'MaTTHC'], ['channel', 'KenhThucHien'], ['delivery', 'HinhThuc'],
  ['postalAddress', 'ThongTinTra'], ['applicant.type', 'LoaiDoiTuong'], ['applicant.name', 'ChuHoSo'],
  ['applicant.idNumber', 'MaDoiTuong'], ['applicant.enterpriseCode', 'MaDoiTuong'], ['applicant.contact.phone', 'SoDienThoai'],
  ['applicant.contact.email', 'Email'], ['form', 'TrichYeuHoSo'], ['receivedAt', 'NgayTiepNhan'], ['dueDate', 'NgayHenTra'],
  ['status', 'TrangThaiHoSo'], ['note', 'GhiChu'], ['missingComponents', 'DanhSachHoSoBoSung'],
];
const pathMapper = (fixed: [string, string][], atSource: string, historySources: string[]) => (contractPath: string) => {
  const history = /^history\.(\d+)(\..*)?$/.exec(contractPath);
  if (history) return historySources[Number(history[1])] ?? 'DanhSachHoSoBoSung';
  if (contractPath === 'at') return atSource;
  const hit = fixed.find(([from]) => contractPath === from || contractPath.startsWith(`${from}.`));
  return hit ? hit[1] : contractPath || '';
};

/** Standard fields a dossier item may carry that the portal does not keep yet (the catalogue's own names excepted). */
const DOSSIER_NOT_KEPT = ['SoBienNhan', 'ThongTinKhac', 'Fax', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachTepDinhKemKhac', 'DanhSachGiayToKetQua'] as const;
const ROUND_NOT_KEPT = ['HoSoBoSungId', 'TrangThaiBoSung', 'DanhSachLePhiBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi'] as const;
const PROGRESS_NOT_KEPT = ['ChucDanh', 'PhongBanXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh'] as const;

/** A supplement round's missing documents: their component codes, else their names. */
const componentsOf = (docs: { MaThanhPhanHoSo?: string; TenGiayTo?: string }[] | undefined) =>
  (docs ?? []).flatMap((d) => { const c = given(d.MaThanhPhanHoSo) ? d.MaThanhPhanHoSo : d.TenGiayTo; return given(c) ? [c.trim()] : []; });

/** The item in the standard's shape, or its shape's problems (with its MaHoSo when it has one). */
const parseItem = <T>(schema: z.ZodType<T>, raw: unknown): { ok: true; item: T; problems: ItemProblem[] } | { ok: false; code: string | null; problems: ItemProblem[] } => {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, item: parsed.data, problems: [] };
  const code = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
  return { ok: false, code: typeof code === 'string' ? code : null, problems: zodProblems(parsed.error.issues) };
};

/** One `DongBoHoSoMC` dossier → a dossier upsert (DossierUpsertIn, validated by the JSON route's checks after). */
export const dossierFromQcvn120 = (raw: unknown): Translation<Record<string, unknown>> => {
  const parsed = parseItem(Qcvn120Dossier, raw);
  if (!parsed.ok) return parsed;
  const { item: p, problems } = parsed;
  const time = timeReader(problems);

  const kenh = codeOf(p.KenhThucHien) ?? '1'; // not sent by every system: a dossier of record is a desk one unless said
  const channel = CHANNEL_OF_KENH[kenh];
  if (!channel) problems.push({ path: 'KenhThucHien', message: kenh === '2' ? 'an online dossier (2) is submitted on the portal, not synced as a dossier of record' : `expected 1 (desk) or 3 (post), not ${kenh}` });
  const loai = codeOf(p.LoaiDoiTuong) ?? '';
  const applicantType = APPLICANT_OF_LOAI[loai];
  if (!applicantType) problems.push({ path: 'LoaiDoiTuong', message: `expected 1 (citizen) or 2 (business), not ${loai || 'nothing'}` });
  const hinhThuc = codeOf(p.HinhThuc);
  const delivery = hinhThuc === undefined ? undefined : DELIVERY_OF_HINHTHUC[hinhThuc];
  if (hinhThuc !== undefined && !delivery) problems.push({ path: 'HinhThuc', message: `expected 0 (at the desk) or 1 (by post), not ${hinhThuc}` });

  const receivedAt = time('NgayTiepNhan', p.NgayTiepNhan);
  if (!given(p.NgayTiepNhan)) problems.push({ path: 'NgayTiepNhan', message: 'the time the dossier was received is required' });
  const dueDate = time('NgayHenTra', p.NgayHenTra);
  const returnedAt = time('NgayTra', p.NgayTra);
  const finishedAt = time('NgayKetThucXuLy', p.NgayKetThucXuLy);
  const status = statusOf(p.TrangThaiHoSo);

  // Supplement rounds → history: requested (5), then received (back to 4) when it was.
  const rounds = p.DanhSachHoSoBoSung ?? [];
  const steps: Step[] = [];
  rounds.forEach((r, i) => {
    const base = `DanhSachHoSoBoSung.${i}`;
    const requestedAt = time(`${base}.NgayBoSung`, r.NgayBoSung);
    if (!given(r.NgayBoSung)) problems.push({ path: `${base}.NgayBoSung`, message: 'a supplement round needs the time it was requested' });
    const components = componentsOf(r.DanhSachGiayToBoSung);
    if (requestedAt) steps.push({ at: requestedAt, status: 5, actor: r.NguoiYeuCauBoSung || undefined, note: r.NoiDungBoSung || undefined, missingComponents: components.length ? components : undefined, source: `${base}.DanhSachGiayToBoSung` });
    const receivedBack = time(`${base}.NgayTiepNhanBoSung`, r.NgayTiepNhanBoSung);
    if (receivedBack) steps.push({ at: receivedBack, status: 4, actor: r.NguoiTiepNhanBoSung || undefined, note: r.ThongTinTiepNhan || undefined, source: `${base}.NgayTiepNhanBoSung` });
  });

  // The current status's own time (the packet has no field for it): see docs/sync.md.
  let current: Omit<Step, 'status'> | undefined;
  const lastStep = steps.at(-1);
  if (status === 10) {
    if (finishedAt) steps.push({ at: finishedAt, status: 9, source: 'NgayKetThucXuLy' });
    current = returnedAt ? { at: returnedAt, source: 'NgayTra' } : undefined;
    if (!given(p.NgayTra)) problems.push({ path: 'NgayTra', message: 'a returned dossier (10) needs the time its result was returned' });
  } else if (status === 9 || status === 7 || status === 8) {
    current = finishedAt ? { at: finishedAt, source: 'NgayKetThucXuLy' } : undefined;
    if (!given(p.NgayKetThucXuLy)) problems.push({ path: 'NgayKetThucXuLy', message: `status ${status} needs the time handling ended` });
  } else if (status === 5) {
    // The open round is the current status, not history.
    if (lastStep?.status === 5) current = steps.pop();
    else problems.push({ path: 'DanhSachHoSoBoSung', message: 'status 5 needs its open supplement round (one without NgayTiepNhanBoSung) in DanhSachHoSoBoSung' });
  } else {
    // 2, 4, 6: the latest time the packet carries (receipt, or a supplement round's).
    const known = [...(receivedAt ? [{ at: receivedAt, source: 'NgayTiepNhan' }] : []), ...steps];
    current = known.reduce<{ at: string; source: string } | undefined>((latest, s) => (!latest || Date.parse(s.at) >= Date.parse(latest.at) ? { at: s.at, source: s.source } : latest), undefined);
  }
  if (problems.length || !current || !receivedAt) return { ok: false, code: p.MaHoSo, problems };

  const effectiveDelivery = delivery ?? channel;
  const contact = given(p.SoDienThoai) || given(p.Email) ? { ...(given(p.SoDienThoai) ? { phone: p.SoDienThoai } : {}), ...(given(p.Email) ? { email: p.Email } : {}) } : undefined;
  const item: Record<string, unknown> = {
    eventId: qcvn120EventId('DongBoHoSoMC', raw),
    code: p.MaHoSo,
    procedureCode: p.MaTTHC,
    channel,
    ...(delivery ? { delivery } : {}),
    ...(effectiveDelivery === 'post' && given(p.ThongTinTra) ? { postalAddress: { recipient: p.ChuHoSo, phone: p.SoDienThoai, address: p.ThongTinTra } } : {}),
    applicant: {
      type: applicantType, name: p.ChuHoSo,
      ...(given(p.MaDoiTuong) ? (applicantType === 'business' ? { enterpriseCode: p.MaDoiTuong } : { idNumber: p.MaDoiTuong }) : {}),
      ...(contact ? { contact } : {}),
    },
    ...(given(p.TrichYeuHoSo) ? { form: { TrichYeuHoSo: p.TrichYeuHoSo } } : {}),
    receivedAt,
    ...(dueDate ? { dueDate } : {}),
    status,
    at: current.at,
    ...(given(p.GhiChu) ? { note: p.GhiChu } : current.note ? { note: current.note } : {}),
    ...(current.missingComponents ? { missingComponents: current.missingComponents } : {}),
    ...(steps.length ? { history: steps.map(({ source: _source, ...s }) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))) } : {}),
  };
  const openRound = status === 5 ? rounds.length - 1 : -1;
  const notKept = [
    ...DOSSIER_NOT_KEPT.filter((f) => nonEmpty(p[f])),
    ...rounds.flatMap((r, i) => [
      ...ROUND_NOT_KEPT.filter((f) => nonEmpty(r[f])),
      // The current status has no actor, and one note: the dossier's GhiChu wins over the open round's.
      ...(i === openRound && given(r.NguoiYeuCauBoSung) ? ['NguoiYeuCauBoSung'] : []),
      ...(i === openRound && given(r.NoiDungBoSung) && given(p.GhiChu) ? ['NoiDungBoSung'] : []),
      ...(r.DanhSachGiayToBoSung ?? []).flatMap((d, j) => (given(d.MaThanhPhanHoSo) && given(d.TenGiayTo) ? [`DanhSachGiayToBoSung.${j}.TenGiayTo`] : [])),
    ].map((f) => `DanhSachHoSoBoSung.${i}.${f}`)),
  ];
  const historySources = steps.map((s) => s.source);
  return { ok: true, code: p.MaHoSo, item, notKept, packetPath: pathMapper(DOSSIER_PATHS, current.source, historySources) };
};

/** One `CapNhatTienDoHoSoMC` step → a status event (StatusEventIn, validated by the JSON route's checks after). */
export const progressFromQcvn120 = (raw: unknown): Translation<Record<string, unknown>> => {
  const parsed = parseItem(Qcvn120Progress, raw);
  if (!parsed.ok) return parsed;
  const { item: p, problems } = parsed;
  const at = timeReader(problems)('ThoiDiemXuLy', p.ThoiDiemXuLy);
  if (!given(p.ThoiDiemXuLy)) problems.push({ path: 'ThoiDiemXuLy', message: 'the time of the step is required' });
  const status = statusOf(p.TrangThai);
  // The step names no missing documents, which a supplement request needs (docs/sync.md).
  if (status === 5) problems.push({ path: 'TrangThai', message: 'a supplement request (5) names its missing documents: send the dossier (DongBoHoSoMC) with the round in DanhSachHoSoBoSung' });
  if (problems.length || !at) return { ok: false, code: p.MaHoSo, problems };
  const item: Record<string, unknown> = {
    eventId: qcvn120EventId('CapNhatTienDoHoSoMC', raw),
    code: p.MaHoSo,
    status,
    at,
    ...(given(p.NguoiXuLy) ? { actor: p.NguoiXuLy } : {}),
    ...(given(p.NoiDungXuLy) ? { note: p.NoiDungXuLy } : {}),
  };
  const paths: [string, string][] = [['code', 'MaHoSo'], ['status', 'TrangThai'], ['actor', 'NguoiXuLy'], ['note', 'NoiDungXuLy']];
  return { ok: true, code: p.MaHoSo, item, notKept: PROGRESS_NOT_KEPT.filter((f) => nonEmpty(p[f])), packetPath: pathMapper(paths, 'ThoiDiemXuLy', []) };
};
