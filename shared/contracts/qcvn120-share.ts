// The sharing services of the national packet standard QCVN 120:2019/BTTTT (docs/requirements.md
// R-QCVN120; docs/sync.md "QCVN 120 sharing services"): a one-stop system reads the procedure
// catalogue (`LayDanhSachTTHC` the list, `LayThuTuc` one procedure) and looks a dossier up
// (`TraCuuHoSo`), with the standard's Vietnamese field names. Answered from the catalogue's and the
// dossiers' public modules by functions/sync/use-cases/share-qcvn120.ts.
import * as z from 'zod';
import { Qcvn120Dossier } from './qcvn120';

export const QCVN120_SHARE_SERVICES = ['LayDanhSachTTHC', 'LayThuTuc', 'TraCuuHoSo'] as const;
export type Qcvn120ShareService = (typeof QCVN120_SHARE_SERVICES)[number];

/** The largest page of `LayDanhSachTTHC` (the standard returns the whole list; the portal pages it). */
export const QCVN120_LIST_MAX = 500;

/** The request, by service; `session` and `madonvi` of the standard's own login are accepted and not used (the request is signed). */
const Common = { session: z.string().max(4000).optional(), madonvi: z.string().max(100).optional() };
export const Qcvn120ShareRequest = z.discriminatedUnion('service', [
  z.object({
    service: z.literal('LayDanhSachTTHC'),
    /** The portal's paging (not in the standard): where the previous page ended, and a page's size. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(QCVN120_LIST_MAX).optional(),
    ...Common,
  }),
  z.object({ service: z.literal('LayThuTuc'), maTTHC: z.string().min(1).max(50), ...Common }),
  z.object({ service: z.literal('TraCuuHoSo'), MaHoSo: z.string().min(1).max(120), ...Common }),
], { error: `expected service ${QCVN120_SHARE_SERVICES.join(', ')}` }).meta({ id: 'Qcvn120ShareRequest' });
export type Qcvn120ShareRequest = z.infer<typeof Qcvn120ShareRequest>;

/** One procedure of the list. */
export const Qcvn120ProcedureListed = z.object({
  MATTHC: z.string(),
  TENTTHC: z.string(),
  MALINHVUC: z.string(),
  /** 1 central, 2 province, 3 commune (the portal's levels; the standard's own list of levels is to be checked). */
  CAPTHUCHIEN: z.string(),
});

const Named = <K extends string, N extends string>(codeKey: K, nameKey: N) =>
  z.object({ [codeKey]: z.string(), [nameKey]: z.string() } as Record<K | N, z.ZodString>);

/** One procedure, as `LayThuTuc` gives it. */
export const Qcvn120Procedure = z.object({
  MATTHC: z.string(),
  TENTTHC: z.string(),
  CAPTHUCHIEN: z.string(),
  LINHVUCTHUCHIEN: z.array(Named('MALINHVUC', 'TENLINHVUC')),
  /** One entry per channel: KENH 1 at the desk, 2 online, 3 by post. */
  CACHTHUCTHUCHIEN: z.array(z.object({
    KENH: z.string(),
    THOIGIAN: z.array(z.object({
      THOIGIANGIAIQUYET: z.number(),
      DONVITINH: z.string(),
      MOTA: z.string(),
      PHILEPHI: z.array(z.object({ MAPHILEPHI: z.string(), SOTIEN: z.number(), DONVI: z.string(), MOTA: z.string() })),
    })),
  })),
  THANHPHANHOSO: z.array(z.object({
    TRUONGHOP: z.string(),
    GIAYTO: z.array(z.object({ MAGIAYTO: z.string(), TENGIAYTO: z.string(), BATBUOC: z.boolean(), URL: z.string(), TENMAUDON: z.string() })),
  })),
  TRINHTUTHUCHIEN: z.array(z.object({ TRUONGHOP: z.string(), TRINHTU: z.array(z.object({ TENTRINHTU: z.string() })) })),
  YEUCAU: z.string(),
  MOTADOITUONGTHUCHIEN: z.string(),
  KETQUATHUCHIEN: z.array(Named('MAKETQUA', 'TENKETQUA')),
  CANCUPHAPLY: z.array(z.object({ SOVANBAN: z.string(), TENVANBAN: z.string() })),
  COQUANTHUCHIEN: z.array(Named('MADONVI', 'TENDONVI')),
}).meta({ id: 'Qcvn120Procedure' });
export type Qcvn120Procedure = z.infer<typeof Qcvn120Procedure>;

const Found = { error_code: z.literal('00'), message: z.string() };
export const Qcvn120ProcedureList = z.object({
  ...Found, result: z.array(Qcvn120ProcedureListed),
  /** The portal's paging: send it back as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
}).meta({ id: 'Qcvn120ProcedureList' });
export const Qcvn120ProcedureAnswer = z.object({ ...Found, result: Qcvn120Procedure }).meta({ id: 'Qcvn120ProcedureAnswer' });
/** `TraCuuHoSo`: the dossier in the shape of a `DongBoHoSoMC` item. */
export const Qcvn120LookupAnswer = z.object({ ...Found, result: Qcvn120Dossier }).meta({ id: 'Qcvn120LookupAnswer' });
export const Qcvn120ShareAnswer = z.union([Qcvn120ProcedureList, Qcvn120ProcedureAnswer, Qcvn120LookupAnswer]);
export type Qcvn120ShareAnswer = z.infer<typeof Qcvn120ShareAnswer>;
