// The message an event owes the applicant, rendered for each channel from one SlipDocument:
// plain text and HTML for e-mail (every value escaped: notes, names and file names are typed by
// people), and a short SMS without diacritics in the GSM alphabet (how Vietnamese SMS are sent),
// which never carries free text or personal numbers. Pure.
import type { DossierEvent, DossierRecord } from '../../dossiers/public-shapes';
import { apologyOf, buildSlip, kindOf, type MessageKind, type SlipDocument } from './slip';
import { escapeHtml, formatDate, maskLongNumbers, toGsm } from './text';

export interface Message {
  kind: MessageKind;
  subject: string;
  text: string;
  html: string;
  /** At most 160 GSM 03.38 characters: one SMS segment. */
  sms: string;
  trackingUrl: string;
  /** The document the text, the HTML and the PDF are rendered from (kept to regenerate the PDF). */
  slip: SlipDocument;
  /** Whether the e-mail carries the slip as a PDF (the four forms of Circular 01/2018). */
  attachPdf: boolean;
}

export const SMS_MAX = 160;
export const PORTAL_NAME = 'Cổng Dịch vụ công quốc gia';
const SMS_PREFIX = 'DVCQG: ';

const codeText = (code: string | null) => code ?? '(chưa có mã)';

const subjectOf = (kind: MessageKind, code: string): string => {
  switch (kind) {
    case 'receipt': return `Giấy tiếp nhận hồ sơ và hẹn trả kết quả – hồ sơ ${code}`;
    case 'supplement_request': return `Yêu cầu bổ sung, hoàn thiện hồ sơ ${code}`;
    case 'refusal': return `Từ chối tiếp nhận hồ sơ ${code}`;
    case 'apology': return `Thư xin lỗi và hẹn lại ngày trả kết quả – hồ sơ ${code}`;
    case 'result_ready': return `Hồ sơ ${code} đã có kết quả giải quyết`;
    case 'payment_required': return `Hồ sơ ${code}: yêu cầu thực hiện nghĩa vụ tài chính`;
    case 'stopped': return `Hồ sơ ${code} đã dừng xử lý`;
    case 'returned': return `Đã trả kết quả hồ sơ ${code}`;
    case 'withdrawn': return `Hồ sơ ${code} đã được rút`;
  }
};

/**
 * The SMS sentence of a kind (written with diacritics; stripped for sending). Short, so that with
 * the prefix, a dossier code and the tracking link it still fits one 160-character segment.
 */
const smsSentence = (kind: MessageKind, code: string, event: DossierEvent, d: DossierRecord): string => {
  switch (kind) {
    case 'receipt': return `Hồ sơ ${code} đã được tiếp nhận${d.dueAt ? `, hẹn trả ${formatDate(d.dueAt)}` : ''}.`;
    case 'supplement_request': return `Hồ sơ ${code} cần bổ sung, hoàn thiện.`;
    case 'refusal': return `Hồ sơ ${code} không được tiếp nhận.`;
    case 'apology': {
      const apology = apologyOf(d, event);
      return `Xin lỗi: hồ sơ ${code} trễ hạn${apology ? `, hẹn trả lại ${formatDate(apology.newDueDate)}` : ''}.`;
    }
    case 'result_ready': return `Hồ sơ ${code} đã có kết quả.`;
    case 'payment_required': return `Hồ sơ ${code} cần nộp phí, lệ phí.`;
    case 'stopped': return `Hồ sơ ${code} đã dừng xử lý.`;
    case 'returned': return `Đã trả kết quả hồ sơ ${code}.`;
    case 'withdrawn': return `Hồ sơ ${code} đã được rút.`;
  }
};

/** The longest of: sentence + link, sentence + bare link, sentence; cut only as a last resort. */
export const composeSms = (sentence: string, trackingUrl: string): string => {
  const body = maskLongNumbers(toGsm(`${SMS_PREFIX}${sentence}`));
  const url = toGsm(trackingUrl);
  const candidates = [`${body} Tra cuu: ${url}`, `${body} ${url}`, body];
  return candidates.find((c) => c.length <= SMS_MAX) ?? body.slice(0, SMS_MAX);
};

const FOOTER = `Thư này được gửi tự động từ ${PORTAL_NAME}; vui lòng không trả lời thư này.`;
const formName = (slip: SlipDocument) => (slip.form ? `Mẫu số ${slip.form} (Thông tư 01/2018/TT-VPCP)` : null);

export const renderText = (slip: SlipDocument, attachPdf: boolean): string => {
  const lines: string[] = [slip.agencyName, ...(slip.unitName ? [slip.unitName] : []), '', slip.title, `Mã hồ sơ: ${codeText(slip.code)}`, '', slip.addressee, ''];
  for (const b of slip.blocks) {
    if (b.type === 'field') lines.push(`${b.label}: ${b.value}`);
    else if (b.type === 'paragraph') lines.push(b.text);
    else lines.push(`${b.heading}:`, ...b.items.map((item, i) => `   ${i + 1}) ${item}`));
  }
  if (slip.closing) lines.push('', slip.closing);
  lines.push('', `${slip.agencyName}, ${slip.dateline}`, '', `Tra cứu hồ sơ: ${slip.trackingUrl}`);
  if (attachPdf) lines.push(`Bản PDF của phiếu (${formName(slip)}) đính kèm thư này.`);
  lines.push('', FOOTER);
  return lines.join('\n');
};

export const renderHtml = (slip: SlipDocument, attachPdf: boolean): string => {
  const e = escapeHtml;
  const blocks = slip.blocks.map((b) => {
    if (b.type === 'field') return `<p><strong>${e(b.label)}:</strong> ${e(b.value)}</p>`;
    if (b.type === 'paragraph') return `<p>${e(b.text)}</p>`;
    return `<p><strong>${e(b.heading)}:</strong></p><ol>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ol>`;
  });
  const url = e(slip.trackingUrl);
  return [
    '<!doctype html>',
    `<html lang="vi"><head><meta charset="utf-8"><title>${e(slip.title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">',
    `<p style="margin:0"><strong>${e(slip.agencyName)}</strong>${slip.unitName ? `<br>${e(slip.unitName)}` : ''}</p>`,
    `<h1 style="font-size:18px;text-align:center;margin:24px 0 4px">${e(slip.title)}</h1>`,
    `<p style="text-align:center;margin:0 0 16px">Mã hồ sơ: <strong>${e(codeText(slip.code))}</strong></p>`,
    `<p>${e(slip.addressee)}</p>`,
    ...blocks,
    ...(slip.closing ? [`<p>${e(slip.closing)}</p>`] : []),
    `<p style="text-align:right"><em>${e(slip.agencyName)}, ${e(slip.dateline)}</em></p>`,
    `<p>Tra cứu hồ sơ: <a href="${url}">${url}</a></p>`,
    ...(attachPdf ? [`<p>Bản PDF của phiếu (${e(formName(slip) ?? '')}) đính kèm thư này.</p>`] : []),
    `<p style="color:#666;font-size:12px">${e(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
};

/** The message an event owes the applicant, or null when its action owes none. */
export const renderMessage = (event: DossierEvent, dossier: DossierRecord, portalBaseUrl: string): Message | null => {
  const kind = kindOf(event.action);
  if (!kind) return null;
  const slip = buildSlip(kind, event, dossier, portalBaseUrl);
  const attachPdf = slip.form !== null;
  const code = codeText(slip.code);
  return {
    kind,
    subject: subjectOf(kind, code),
    text: renderText(slip, attachPdf),
    html: renderHtml(slip, attachPdf),
    sms: composeSms(smsSentence(kind, code, event, dossier), slip.trackingUrl),
    trackingUrl: slip.trackingUrl,
    slip,
    attachPdf,
  };
};
