// Small pure helpers for the messages: local dates as people read them, HTML escaping, the SMS
// alphabet, and masking of contact details. Asia/Ho_Chi_Minh is UTC+7 all year (no daylight
// saving), so a fixed offset is exact.

const VN_OFFSET_MS = 7 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local (UTC+7) parts of an instant, or null when it is not a valid instant. */
const localParts = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + VN_OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
};

/** `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh; the input as is when it is not an instant. */
export const formatDateTime = (iso: string): string => {
  const p = localParts(iso);
  return p ? `${pad(p.d)}/${pad(p.mo)}/${p.y} ${pad(p.h)}:${pad(p.mi)}` : iso;
};

/** `dd/MM/yyyy`: of a calendar date `YYYY-MM-DD` as written, or of an instant in Asia/Ho_Chi_Minh. */
export const formatDate = (value: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const p = localParts(value);
  return p ? `${pad(p.d)}/${pad(p.mo)}/${p.y}` : value;
};

/** The dateline of an administrative document: "ngày 05 tháng 11 năm 2026". */
export const formatDateline = (iso: string): string => {
  const p = localParts(iso);
  return p ? `ngày ${pad(p.d)} tháng ${pad(p.mo)} năm ${p.y}` : iso;
};

/** The local (UTC+7) calendar date `YYYY-MM-DD` of an instant. */
export const localDate = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Vietnamese without diacritics ("Đăng ký" → "Dang ky"): how SMS are sent in Vietnam. */
export const stripDiacritics = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** The GSM 03.38 basic character set: one septet each, so 160 of them fit one SMS. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Whether every character is in the GSM basic set (no UCS-2 fallback, no escape pairs). */
export const isGsmBasic = (text: string): boolean => [...text].every((c) => GSM_BASIC.has(c));

/** Text for an SMS: diacritics stripped, whitespace collapsed, anything outside GSM basic as "?". */
export const toGsm = (text: string): string =>
  [...stripDiacritics(text).replace(/\s+/g, ' ').trim()].map((c) => (GSM_BASIC.has(c) ? c : '?')).join('');

/** Runs of 9 or more digits (an ID number, a phone) masked but their last 3 digits. */
export const maskLongNumbers = (text: string): string => text.replace(/\d{9,}/g, (d) => '*'.repeat(d.length - 3) + d.slice(-3));

/** An e-mail address for operators' eyes: "a***@example.vn". */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
};

/** A phone number for operators' eyes: "09******78". */
export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
};
