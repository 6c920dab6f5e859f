// The portal's catalogue and dossiers → the packets of the QCVN 120 sharing services (docs/sync.md
// "QCVN 120 sharing services"): a procedure of the list (`LayDanhSachTTHC`), a procedure in full
// (`LayThuTuc`), and a dossier as `TraCuuHoSo` answers it, in the shape of a `DongBoHoSoMC` item.
// Pure: the names of sectors, result types and agencies are looked up by the caller.
import type { Procedure } from '../../../../shared/contracts/catalogue';
import type { Qcvn120Dossier } from '../../../../shared/contracts/qcvn120';
import type { Qcvn120Procedure } from '../../../../shared/contracts/qcvn120-share';
import { statusCode } from '../../../../shared/contracts/dossier-status';
import type { DossierRecord } from '../../../dossiers/public-shapes';
import { APPLICANT_OF_LOAI, DELIVERY_OF_HINHTHUC } from './inbound';
import { qcvn120FromIso } from './time';

type Level = Procedure['level'];
type ChannelName = Procedure['channels'][number];

/** The standard's KENH: 1 at the desk, 2 online, 3 by public post (inbound.ts takes 1 and 3 for dossiers of record). */
export const KENH_OF_CHANNEL: Record<ChannelName, string> = { desk: '1', online: '2', post: '3' };
/** CAPTHUCHIEN: the portal's levels as 1–3 (to be checked against the standard's list). */
export const CAP_OF_LEVEL: Record<Level, string> = { central: '1', province: '2', commune: '3' };
const UNIT_LABEL: Record<Procedure['processingTime']['unit'], string> = { working_day: 'Ngày làm việc', working_hour: 'Giờ làm việc', day: 'Ngày' };
const APPLICANT_LABEL: Record<Procedure['applicantTypes'][number], string> = { citizen: 'Công dân', business: 'Doanh nghiệp, tổ chức' };

const keyOf = <V extends string>(table: Record<string, V | undefined>, value: V) => Object.entries(table).find(([, v]) => v === value)?.[0];
const present = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** One procedure of `LayDanhSachTTHC`. */
export const qcvn120Listed = (p: { code: string; name: string; level: Level; sectorCode: string }) => ({
  MATTHC: p.code, TENTTHC: p.name, MALINHVUC: p.sectorCode, CAPTHUCHIEN: CAP_OF_LEVEL[p.level],
});

/** The fee a channel pays: the amount less a reduction the channel earns whoever applies (others are the applicant's and named in MOTA). */
const feeFor = (fee: Procedure['fees'][number], channel: ChannelName) => {
  const own = (fee.reductions ?? []).filter((r) => r.channel === channel && !r.applicantType).reduce((max, r) => Math.max(max, r.percent), 0);
  const others = (fee.reductions ?? []).filter((r) => r.applicantType);
  const note = others.map((r) => `giảm ${r.percent}% cho ${APPLICANT_LABEL[r.applicantType!]}${r.channel ? ` (kênh ${KENH_OF_CHANNEL[r.channel]})` : ''}: ${r.basis}`);
  return { MAPHILEPHI: fee.code, SOTIEN: Math.round((fee.amount * (100 - own)) / 100), DONVI: 'Đồng', MOTA: [fee.name, ...note].join('; ') };
};

export interface ProcedureNames {
  sector?: string;
  resultTypes: ReadonlyMap<string, string>;
  agencies: ReadonlyMap<string, string>;
}

/** One procedure of `LayThuTuc`. */
export const qcvn120Procedure = (p: Procedure, names: ProcedureNames): Qcvn120Procedure => ({
  MATTHC: p.code,
  TENTTHC: p.name,
  CAPTHUCHIEN: CAP_OF_LEVEL[p.level],
  LINHVUCTHUCHIEN: [{ MALINHVUC: p.sectorCode, TENLINHVUC: names.sector ?? '' }],
  CACHTHUCTHUCHIEN: p.channels.map((channel) => ({
    KENH: KENH_OF_CHANNEL[channel],
    THOIGIAN: [{
      THOIGIANGIAIQUYET: p.processingTime.value,
      DONVITINH: UNIT_LABEL[p.processingTime.unit],
      MOTA: '',
      PHILEPHI: p.fees.map((fee) => feeFor(fee, channel)),
    }],
  })),
  THANHPHANHOSO: [{
    TRUONGHOP: '',
    GIAYTO: p.components.map((c) => ({
      MAGIAYTO: c.code, TENGIAYTO: c.name, BATBUOC: c.required,
      URL: c.formTemplateUrl ?? '', TENMAUDON: c.formTemplateUrl ? decodeURIComponent(new URL(c.formTemplateUrl).pathname.split('/').pop() ?? '') : '',
    })),
  }],
  TRINHTUTHUCHIEN: [{ TRUONGHOP: '', TRINHTU: p.steps.map((s) => ({ TENTRINHTU: s })) }],
  YEUCAU: p.requirements.join('\n'),
  MOTADOITUONGTHUCHIEN: p.applicantTypes.map((t) => APPLICANT_LABEL[t]).join('; '),
  KETQUATHUCHIEN: p.resultTypes.map((code) => ({ MAKETQUA: code, TENKETQUA: names.resultTypes.get(code) ?? '' })),
  CANCUPHAPLY: p.legalBasis.map((l) => ({ SOVANBAN: l.number, TENVANBAN: l.title })),
  COQUANTHUCHIEN: (p.ministryCodes ?? []).map((code) => ({ MADONVI: code, TENDONVI: names.agencies.get(code) ?? '' })),
});

const time = (iso: string | null | undefined) => (iso ? qcvn120FromIso(iso) : undefined);

/** What a `DongBoHoSoMC` item is made of: a dossier record, or what an outbound event carries of one. */
export type DossierView = Pick<DossierRecord,
  'code' | 'procedureCode' | 'procedureName' | 'agencyName' | 'channel' | 'delivery' | 'postalAddress' | 'contact' | 'form' | 'status'
  | 'receivedAt' | 'dueAt' | 'finishedAt' | 'returnedAt' | 'supplementRequest'>
  & { applicant: Pick<DossierRecord['applicant'], 'type' | 'idNumber' | 'enterpriseCode' | 'name'>; attachments: Pick<DossierRecord['attachments'][number], 'id' | 'kind' | 'componentCode' | 'fileName' | 'status'>[] };

/** A dossier as `TraCuuHoSo` gives it, and as a push to a QCVN 120 system: the `DongBoHoSoMC` item of its current state. */
export const qcvn120FromRecord = (d: DossierView): Qcvn120Dossier => {
  const code = statusCode(d.status);
  const files = (kind: 'application' | 'result') => d.attachments.filter((a) => a.kind === kind && a.status === 'verified');
  const open = d.status === 'supplement_requested' ? d.supplementRequest : null;
  const summary = d.form.TrichYeuHoSo;
  const taiLieu = files('application').map((a) => present({ TepDinhKemId: a.id, TenTepDinhKem: a.fileName, MaThanhPhanHoSo: a.componentCode ?? undefined }));
  const ketQua = files('result').map((a) => ({ GiayToId: a.id, TenGiayTo: a.fileName }));
  return present({
    MaHoSo: d.code ?? '',
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    KenhThucHien: KENH_OF_CHANNEL[d.channel],
    ChuHoSo: d.applicant.name ?? '',
    LoaiDoiTuong: keyOf(APPLICANT_OF_LOAI, d.applicant.type) ?? '',
    MaDoiTuong: d.applicant.idNumber ?? d.applicant.enterpriseCode ?? undefined,
    SoDienThoai: d.contact?.phone,
    Email: d.contact?.email,
    TrichYeuHoSo: typeof summary === 'string' ? summary : undefined,
    NgayTiepNhan: time(d.receivedAt) ?? '',
    NgayHenTra: time(d.dueAt),
    TrangThaiHoSo: code === null ? '' : String(code),
    NgayTra: time(d.returnedAt),
    HinhThuc: d.delivery === 'online' ? undefined : keyOf(DELIVERY_OF_HINHTHUC, d.delivery),
    ThongTinTra: d.delivery === 'post' ? d.postalAddress?.address : undefined,
    NgayKetThucXuLy: time(d.finishedAt),
    DonViXuLy: d.agencyName,
    TaiLieuNop: taiLieu.length ? taiLieu : undefined,
    DanhSachHoSoBoSung: open ? [present({
      NgayBoSung: qcvn120FromIso(open.requestedAt),
      NoiDungBoSung: open.note || undefined,
      DanhSachGiayToBoSung: open.missingComponents.map((c) => ({ MaThanhPhanHoSo: c })),
    })] : undefined,
    DanhSachGiayToKetQua: ketQua.length ? ketQua : undefined,
  });
};
