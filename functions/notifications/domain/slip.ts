// What the applicant is told, as a document: one model per event, from which the e-mail text, the
// e-mail HTML and the PDF are all rendered, so the three never disagree. The four slips follow the
// forms of Circular 01/2018/TT-VPCP (01 receipt, 02 supplement request, 03 refusal, 04 apology);
// the other notices (result ready, payment, stop, return, withdrawal) have no form and are short.
// Pure: the dossier is read by the caller; nothing here touches the network or the clock.
import type { DossierEvent, DossierRecord } from '../../dossiers/public-shapes';
import { transitionFor } from '../../dossiers/public-shapes';
import { formatDate, formatDateline, formatDateTime } from './text';

export const MESSAGE_KINDS = [
  'receipt',
  'supplement_request',
  'refusal',
  'apology',
  'result_ready',
  'payment_required',
  'stopped',
  'returned',
  'withdrawn',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Notices without a slip, by the action that owes them. */
const NOTICE_BY_ACTION: Readonly<Record<string, MessageKind>> = {
  finish: 'result_ready',
  request_payment: 'payment_required',
  stop: 'stopped',
  return_result: 'returned',
  withdraw: 'withdrawn',
};

/** The message an action owes the applicant (the transition table decides), or null for none. */
export const kindOf = (action: string): MessageKind | null => {
  const effects = transitionFor(action)?.effects;
  if (!effects?.notifiesApplicant) return null;
  return effects.slip ?? NOTICE_BY_ACTION[action] ?? null;
};

export type SlipBlock =
  | { type: 'field'; label: string; value: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; heading: string; items: string[] };

export interface SlipDocument {
  /** The message kind, or a document another capability renders with the same layout (public.ts). */
  kind: MessageKind | 'payment_receipt' | 'submission_ack';
  /** The Circular 01/2018/TT-VPCP form number, or null for a notice without a form. */
  form: '01' | '02' | '03' | '04' | null;
  agencyName: string;
  /** The issuing unit under the agency's name (the one-stop desk for the slips). */
  unitName: string | null;
  title: string;
  code: string | null;
  /** When the event happened (ISO): the slip's date. */
  issuedAt: string;
  /** "ngày dd tháng MM năm yyyy" in Asia/Ho_Chi_Minh. */
  dateline: string;
  addressee: string;
  blocks: SlipBlock[];
  closing: string | null;
  trackingUrl: string;
}

const FORM_OF: Partial<Record<MessageKind, SlipDocument['form']>> = {
  receipt: '01',
  supplement_request: '02',
  refusal: '03',
  apology: '04',
};

/** The Circular 01/2018 form of a message kind, or null for a notice without one (no PDF). */
export const formOf = (kind: MessageKind): SlipDocument['form'] => FORM_OF[kind] ?? null;

export const ONE_STOP_DESK = 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ';

/** `${base}/tra-cuu?code=<code>`: the portal's public tracking page. */
export const trackingUrlOf = (baseUrl: string, code: string | null): string => {
  const base = baseUrl.replace(/\/+$/, '');
  return code ? `${base}/tra-cuu?code=${encodeURIComponent(code)}` : `${base}/tra-cuu`;
};

/** Form fields that name the applicant in the seeded procedures, most specific first. */
const NAME_FIELDS = {
  business: ['enterpriseName', 'organizationName', 'requesterFullName', 'applicantName', 'fullName'],
  citizen: ['requesterFullName', 'applicantName', 'fullName', 'enterpriseName'],
} as const;

/** The applicant's name as written in the form, if the form has one. */
export const applicantNameOf = (d: DossierRecord): string | null => {
  for (const field of NAME_FIELDS[d.applicant.type] ?? NAME_FIELDS.citizen) {
    const value = d.form?.[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
};

export const addresseeOf = (d: DossierRecord): string => {
  const name = applicantNameOf(d);
  if (d.applicant.type === 'business') return `Kính gửi: ${name ?? 'Quý tổ chức'}`;
  return `Kính gửi: Ông/Bà${name ? ` ${name}` : ''}`;
};

export const DELIVERY_TEXT: Record<DossierRecord['delivery'], string> = {
  online: 'Trực tuyến trên Cổng Dịch vụ công quốc gia',
  desk: 'Tại Bộ phận tiếp nhận và trả kết quả',
  post: 'Qua dịch vụ bưu chính công ích',
};

const PROCESSING_UNIT: Record<DossierRecord['processingTime']['unit'], string> = {
  working_day: 'ngày làm việc',
  working_hour: 'giờ làm việc',
  day: 'ngày',
};

const field = (label: string, value: string): SlipBlock => ({ type: 'field', label, value });
const paragraph = (text: string): SlipBlock => ({ type: 'paragraph', text });

/** "Tờ khai (2 tệp)" for every component with verified application files, in procedure order. */
const receivedDocuments = (d: DossierRecord): string[] => {
  const counts = new Map<string, number>();
  for (const a of d.attachments ?? []) {
    if (a.kind === 'application' && a.status === 'verified' && a.componentCode) {
      counts.set(a.componentCode, (counts.get(a.componentCode) ?? 0) + 1);
    }
  }
  const items: string[] = [];
  for (const c of d.components ?? []) {
    const n = counts.get(c.code);
    if (n) items.push(`${c.name} (${n} tệp)`);
  }
  return items.length ? items : ['Hồ sơ giấy nộp tại Bộ phận tiếp nhận và trả kết quả'];
};

const componentName = (d: DossierRecord, code: string) => d.components?.find((c) => c.code === code)?.name ?? code;

/** The apology this event recorded (issued at the event's instant), or the latest one. */
export const apologyOf = (d: DossierRecord, event: DossierEvent) =>
  d.apologies?.find((a) => a.issuedAt === event.at) ?? d.apologies?.at(-1) ?? null;

const request = (d: DossierRecord) => field('Nội dung yêu cầu giải quyết', d.procedureName);
const noteBlock = (label: string, note: string | null) => (note ? [field(label, note)] : []);

const blocksOf = (kind: MessageKind, event: DossierEvent, d: DossierRecord): { blocks: SlipBlock[]; closing: string | null } => {
  const name = applicantNameOf(d);
  const of = name ? [field(d.applicant.type === 'business' ? 'Tổ chức nộp hồ sơ' : 'Hồ sơ của', name)] : [];
  switch (kind) {
    case 'receipt':
      return {
        blocks: [
          ...(name ? [field('Tiếp nhận hồ sơ của', name)] : []),
          request(d),
          { type: 'list', heading: '1. Thành phần hồ sơ nộp gồm', items: receivedDocuments(d) },
          field('2. Số lượng hồ sơ', '01 bộ'),
          field('3. Thời gian giải quyết hồ sơ theo quy định', `${d.processingTime.value} ${PROCESSING_UNIT[d.processingTime.unit]}`),
          field('4. Thời gian nhận hồ sơ', formatDateTime(d.receivedAt ?? event.at)),
          field('5. Thời gian trả kết quả giải quyết hồ sơ', d.dueAt ? formatDateTime(d.dueAt) : 'Theo thông báo của cơ quan giải quyết'),
          field('6. Đăng ký nhận kết quả tại', DELIVERY_TEXT[d.delivery]),
        ],
        closing: 'Ông/Bà theo dõi tiến độ giải quyết hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công quốc gia.',
      };
    case 'supplement_request': {
      // The request this event made; the dossier may have moved on (already supplemented).
      const current = d.supplementRequest && d.supplementRequest.requestedAt === event.at ? d.supplementRequest : null;
      const missing = current?.missingComponents.map((code) => componentName(d, code)) ?? [];
      return {
        blocks: [
          ...of,
          request(d),
          ...(d.receivedAt ? [field('Ngày tiếp nhận hồ sơ', formatDateTime(d.receivedAt))] : []),
          ...(missing.length ? [{ type: 'list' as const, heading: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau', items: missing }] : []),
          ...noteBlock('Nội dung cần bổ sung, hoàn thiện', current?.note ?? event.note),
          paragraph('Thời gian giải quyết hồ sơ tạm dừng cho đến khi Ông/Bà bổ sung đủ hồ sơ. Ông/Bà bổ sung hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại Bộ phận tiếp nhận và trả kết quả.'),
        ],
        closing: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ Bộ phận tiếp nhận và trả kết quả để được hướng dẫn.',
      };
    }
    case 'refusal':
      return {
        blocks: [
          ...of,
          request(d),
          paragraph('Sau khi xem xét, đối chiếu hồ sơ với quy định, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:'),
          field('Lý do', event.note ?? 'Hồ sơ không đáp ứng quy định'),
        ],
        closing: 'Xin thông báo để Ông/Bà được biết và thực hiện./.',
      };
    case 'apology': {
      const apology = apologyOf(d, event);
      const newDate = apology ? formatDate(apology.newDueDate) : null;
      return {
        blocks: [
          paragraph(`Ngày ${formatDate(d.receivedAt ?? d.submittedAt ?? event.at)}, ${d.agencyName} tiếp nhận giải quyết hồ sơ${name ? ` của ${name}` : ''}.`),
          request(d),
          ...(d.dueAt ? [field('Thời hạn giải quyết hồ sơ theo quy định', formatDateTime(d.dueAt))] : []),
          paragraph('Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ.'),
          ...noteBlock('Lý do', apology?.reason ?? event.note),
          paragraph(`Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà/Tổ chức. ${d.agencyName} xin lỗi Ông/Bà/Tổ chức${newDate ? ` và hẹn trả kết quả vào ngày ${newDate}` : ''}.`),
          ...(newDate ? [field('Ngày hẹn trả kết quả mới', newDate)] : []),
        ],
        closing: 'Kính mong nhận được sự thông cảm của Ông/Bà/Tổ chức./.',
      };
    }
    case 'result_ready': {
      const how: Record<DossierRecord['delivery'], string> = {
        online: 'Kết quả được trả trực tuyến: Ông/Bà đăng nhập Cổng Dịch vụ công quốc gia để nhận kết quả.',
        desk: `Mời Ông/Bà đến Bộ phận tiếp nhận và trả kết quả của ${d.agencyName} để nhận kết quả, mang theo giấy tờ tùy thân.`,
        post: 'Kết quả sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính công ích theo địa chỉ đã đăng ký.',
      };
      return {
        blocks: [request(d), field('Thời gian có kết quả', formatDateTime(event.at)), paragraph(how[d.delivery]), ...noteBlock('Ghi chú', event.note)],
        closing: null,
      };
    }
    case 'payment_required':
      return {
        blocks: [
          request(d),
          paragraph('Hồ sơ cần thực hiện nghĩa vụ tài chính (phí, lệ phí) trước khi được tiếp tục giải quyết. Ông/Bà có thể thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia.'),
          ...noteBlock('Ghi chú', event.note),
        ],
        closing: null,
      };
    case 'stopped':
      return {
        blocks: [request(d), field('Thời gian dừng xử lý', formatDateTime(event.at)), ...noteBlock('Lý do', event.note)],
        closing: null,
      };
    case 'returned':
      return {
        blocks: [
          request(d),
          field('Thời gian trả kết quả', formatDateTime(event.at)),
          field('Hình thức nhận kết quả', DELIVERY_TEXT[d.delivery]),
          paragraph('Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ trên Cổng Dịch vụ công quốc gia.'),
        ],
        closing: null,
      };
    case 'withdrawn':
      return {
        blocks: [
          request(d),
          paragraph('Hồ sơ đã được rút theo yêu cầu; cơ quan dừng giải quyết hồ sơ này.'),
          ...noteBlock('Lý do', event.note),
        ],
        closing: null,
      };
  }
};

const TITLES: Record<MessageKind, string> = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  supplement_request: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  apology: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  result_ready: 'THÔNG BÁO CÓ KẾT QUẢ GIẢI QUYẾT HỒ SƠ',
  payment_required: 'THÔNG BÁO THỰC HIỆN NGHĨA VỤ TÀI CHÍNH',
  stopped: 'THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ',
  returned: 'THÔNG BÁO ĐÃ TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ',
  withdrawn: 'THÔNG BÁO RÚT HỒ SƠ',
};

/** The document of one message. */
export const buildSlip = (kind: MessageKind, event: DossierEvent, d: DossierRecord, baseUrl: string): SlipDocument => {
  const form = formOf(kind);
  const code = event.code ?? d.code;
  return {
    kind,
    form,
    agencyName: d.agencyName,
    unitName: form ? ONE_STOP_DESK : null,
    title: TITLES[kind],
    code,
    issuedAt: event.at,
    dateline: formatDateline(event.at),
    addressee: addresseeOf(d),
    ...blocksOf(kind, event, d),
    trackingUrl: trackingUrlOf(baseUrl, code),
  };
};
