// The slips a dossier has been issued so far, and the document of each, for the dossier pages'
// downloads (GET /v1/dossiers/{id}/slips, docs/dossiers.md). One decision: a slip is what the
// notification of a history event carries as a PDF (`kindOf`, i.e. the transition table's
// `effects.slip`, with a Circular 01/2018 form), rendered by `renderMessage`, so a download is the
// same document as the e-mail attachment and the list never disagrees with what was sent.
// Added here: the portal's acknowledgement of an online submission, which is NOT the receipt slip
// (form 01 is issued by the agency's one-stop desk when it receives the dossier). Pure.
import type { DossierEvent, DossierRecord } from '../../dossiers/public-shapes';
import { renderMessage } from './message';
import { addresseeOf, DELIVERY_TEXT, formOf, kindOf, trackingUrlOf, type SlipBlock, type SlipDocument } from './slip';
import { formatDateline, formatDateTime } from './text';

export type IssuedSlipKind = 'submission_ack' | 'receipt' | 'supplement_request' | 'refusal' | 'apology';

export interface IssuedSlip {
  kind: IssuedSlipKind;
  form: SlipDocument['form'];
  /** The event's instant: the slip's date, and which slip of its kind (`?at=`). */
  issuedAt: string;
  event: DossierEvent;
  /** 1 for the first slip of its kind, 2 for the second (supplement requests, apologies). */
  ordinal: number;
}

/** What a PDF renderer needs: the slip, its title in the PDF metadata, and the download's name. */
export interface SlipFile {
  subject: string;
  trackingUrl: string;
  slip: SlipDocument;
  fileName: string;
}

const FILE_BASE: Record<IssuedSlipKind, string> = {
  submission_ack: 'xac-nhan-nop-ho-so',
  receipt: 'giay-tiep-nhan-ho-so',
  supplement_request: 'phieu-yeu-cau-bo-sung',
  refusal: 'phieu-tu-choi-tiep-nhan',
  apology: 'phieu-xin-loi',
};

const kindOfEvent = (event: DossierEvent, d: DossierRecord): { kind: IssuedSlipKind; form: SlipDocument['form'] } | null => {
  // Steps an agency system imported with a dossier of record happened at its desk, which gave
  // the slips on paper; the portal lists only what it issued (as notifications sends only those).
  if (event.imported) return null;
  if (event.action === 'submit') return d.channel === 'online' ? { kind: 'submission_ack', form: null } : null;
  const kind = kindOf(event.action);
  const form = kind ? formOf(kind) : null;
  return kind && form ? { kind: kind as IssuedSlipKind, form } : null;
};

/** The slips of a dossier, oldest first, from its history (oldest first). */
export const issuedSlips = (d: DossierRecord, history: readonly DossierEvent[]): IssuedSlip[] => {
  const seen = new Map<IssuedSlipKind, number>();
  const slips: IssuedSlip[] = [];
  for (const event of history) {
    const found = kindOfEvent(event, d);
    if (!found) continue;
    const ordinal = (seen.get(found.kind) ?? 0) + 1;
    seen.set(found.kind, ordinal);
    slips.push({ ...found, issuedAt: event.at, event, ordinal });
  }
  return slips;
};

/** The slip of a kind issued at `at` (same instant), or the latest of the kind; null if none. */
export const findSlip = (slips: readonly IssuedSlip[], kind: IssuedSlipKind, at?: string): IssuedSlip | null => {
  const ofKind = slips.filter((s) => s.kind === kind);
  if (at === undefined) return ofKind.at(-1) ?? null;
  const when = Date.parse(at);
  return ofKind.find((s) => Date.parse(s.issuedAt) === when) ?? null;
};

export const PORTAL_ISSUER = 'CỔNG DỊCH VỤ CÔNG QUỐC GIA';
export const ACKNOWLEDGEMENT_TITLE = 'XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN';

/** The files submitted with the dossier (round 0, verified), by component, in procedure order. */
const submittedFiles = (d: DossierRecord): string[] =>
  d.components.flatMap((c) => {
    const n = d.attachments.filter((a) => a.kind === 'application' && a.status === 'verified' && a.round === 0 && a.componentCode === c.code).length;
    return n ? [`${c.name} (${n} tệp)`] : [];
  });

/**
 * The portal's acknowledgement of an online submission: issued by the portal (not the agency's
 * desk), without a form number, and saying in so many words that it is not the receipt slip and
 * that the processing time runs from the agency's receipt.
 */
export const acknowledgementOf = (event: DossierEvent, d: DossierRecord, baseUrl: string): SlipDocument => {
  const code = event.code ?? d.code;
  const files = submittedFiles(d);
  const blocks: SlipBlock[] = [
    { type: 'field', label: 'Nội dung yêu cầu giải quyết', value: d.procedureName },
    { type: 'field', label: 'Cơ quan giải quyết', value: d.agencyName },
    { type: 'field', label: 'Thời điểm nộp hồ sơ', value: formatDateTime(event.at) },
    { type: 'field', label: 'Hình thức nộp', value: 'Trực tuyến trên Cổng Dịch vụ công quốc gia' },
    ...(files.length ? [{ type: 'list' as const, heading: 'Thành phần hồ sơ đã nộp', items: files }] : []),
    { type: 'field', label: 'Đăng ký nhận kết quả', value: DELIVERY_TEXT[d.delivery] },
    {
      type: 'paragraph',
      text: 'Văn bản này xác nhận Cổng Dịch vụ công quốc gia đã nhận hồ sơ Ông/Bà nộp trực tuyến và chuyển đến cơ quan giải quyết. '
        + 'Văn bản này không phải Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01, Thông tư 01/2018/TT-VPCP): cơ quan kiểm tra hồ sơ; '
        + 'khi hồ sơ được tiếp nhận, Ông/Bà nhận Giấy tiếp nhận hồ sơ và hẹn trả kết quả, và thời hạn giải quyết được tính từ ngày tiếp nhận.',
    },
  ];
  return {
    kind: 'submission_ack',
    form: null,
    agencyName: PORTAL_ISSUER,
    unitName: null,
    title: ACKNOWLEDGEMENT_TITLE,
    code,
    issuedAt: event.at,
    dateline: formatDateline(event.at),
    addressee: addresseeOf(d),
    blocks,
    closing: 'Ông/Bà theo dõi tiến độ giải quyết hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công quốc gia.',
    trackingUrl: trackingUrlOf(baseUrl, code),
  };
};

/** The document of a listed slip: for the four forms, exactly the notification's (`renderMessage`). */
export const slipFileOf = (issued: IssuedSlip, d: DossierRecord, baseUrl: string): SlipFile => {
  const code = issued.event.code ?? d.code ?? d.id;
  const fileName = `${FILE_BASE[issued.kind]}-${code}${issued.ordinal > 1 ? `-${issued.ordinal}` : ''}.pdf`;
  if (issued.kind === 'submission_ack') {
    const slip = acknowledgementOf(issued.event, d, baseUrl);
    return { subject: `Xác nhận nộp hồ sơ trực tuyến – hồ sơ ${slip.code ?? ''}`, trackingUrl: slip.trackingUrl, slip, fileName };
  }
  const message = renderMessage(issued.event, d, baseUrl);
  // issuedSlips lists an event only when its action owes a message with a form.
  if (!message) throw new Error(`slipFileOf: ${issued.event.action} owes no message`);
  return { subject: message.subject, trackingUrl: message.trackingUrl, slip: message.slip, fileName };
};
