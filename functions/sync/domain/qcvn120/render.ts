// The portal's sync contracts → QCVN 120 packet items: the inverse of inbound.ts for every field the
// portal keeps (docs/sync.md "QCVN 120 packets"). The round-trip tests hold the two to each other;
// the outbound path will render a QCVN 120 system's pushes with these.
import type { Qcvn120Dossier, Qcvn120Progress, Qcvn120SupplementRound } from '../../../../shared/contracts/qcvn120';
import type { StatusEventIn } from '../../../../shared/contracts/sync';
import type { DossierUpsertIn, ImportedStep } from '../../../../shared/contracts/sync-dossiers';
import { statusFromCode } from '../../../../shared/contracts/dossier-status';
import { APPLICANT_OF_LOAI, CHANNEL_OF_KENH, DELIVERY_OF_HINHTHUC } from './inbound';
import { qcvn120FromIso } from './time';

const keyOf = <V extends string>(table: Record<string, V | undefined>, value: V) => Object.entries(table).find(([, v]) => v === value)?.[0];
const present = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const codeOf = (status: string | number) => String(statusFromCode(status) === null ? status : Number(status));

/** Supplement rounds from the history's requested (5) / received back (4) pairs, and an open current one. */
const roundsOf = (history: readonly ImportedStep[], current?: { at: string; note?: string; missingComponents?: string[] }) => {
  const rounds: Qcvn120SupplementRound[] = [];
  history.forEach((step, i) => {
    if (Number(step.status) !== 5) return;
    const back = history[i + 1] && Number(history[i + 1]!.status) === 4 ? history[i + 1] : undefined;
    rounds.push(present({
      NgayBoSung: qcvn120FromIso(step.at),
      NguoiYeuCauBoSung: step.actor,
      NoiDungBoSung: step.note,
      DanhSachGiayToBoSung: step.missingComponents?.map((c) => ({ MaThanhPhanHoSo: c })),
      NgayTiepNhanBoSung: back ? qcvn120FromIso(back.at) : undefined,
      NguoiTiepNhanBoSung: back?.actor,
      ThongTinTiepNhan: back?.note,
    }));
  });
  if (current) rounds.push(present({ NgayBoSung: qcvn120FromIso(current.at), NoiDungBoSung: current.note, DanhSachGiayToBoSung: current.missingComponents?.map((c) => ({ MaThanhPhanHoSo: c })) }));
  return rounds;
};

/** A dossier upsert → one `DongBoHoSoMC` dossier. */
export const qcvn120FromDossier = (u: DossierUpsertIn): Qcvn120Dossier => {
  const status = Number(u.status);
  const history = u.history ?? [];
  const finished = status === 10 ? history.find((s) => Number(s.status) === 9) : undefined;
  const rounds = roundsOf(history, status === 5 ? { at: u.at, note: u.note, missingComponents: u.missingComponents } : undefined);
  return present({
    MaHoSo: u.code,
    MaTTHC: u.procedureCode,
    KenhThucHien: keyOf(CHANNEL_OF_KENH, u.channel),
    ChuHoSo: u.applicant.name,
    LoaiDoiTuong: keyOf(APPLICANT_OF_LOAI, u.applicant.type) ?? '',
    MaDoiTuong: u.applicant.idNumber ?? u.applicant.enterpriseCode,
    Email: u.applicant.contact?.email,
    SoDienThoai: u.applicant.contact?.phone ?? u.postalAddress?.phone,
    TrichYeuHoSo: typeof u.form?.TrichYeuHoSo === 'string' ? u.form.TrichYeuHoSo : undefined,
    NgayTiepNhan: qcvn120FromIso(u.receivedAt),
    NgayHenTra: u.dueDate ? qcvn120FromIso(u.dueDate) : undefined,
    TrangThaiHoSo: codeOf(u.status),
    NgayTra: status === 10 ? qcvn120FromIso(u.at) : undefined,
    NgayKetThucXuLy: status === 9 || status === 7 || status === 8 ? qcvn120FromIso(u.at) : finished ? qcvn120FromIso(finished.at) : undefined,
    HinhThuc: u.delivery ? keyOf(DELIVERY_OF_HINHTHUC, u.delivery as 'desk' | 'post') : undefined,
    ThongTinTra: u.postalAddress?.address,
    GhiChu: status === 5 ? undefined : u.note,
    DanhSachHoSoBoSung: rounds.length ? rounds : undefined,
  });
};

/** A status event → one `CapNhatTienDoHoSoMC` step. */
export const qcvn120FromStatusEvent = (e: StatusEventIn): Qcvn120Progress => present({
  MaHoSo: e.code,
  NguoiXuLy: e.actor,
  ThoiDiemXuLy: qcvn120FromIso(e.at),
  NoiDungXuLy: e.note ?? e.reason,
  TrangThai: codeOf(e.status),
});
