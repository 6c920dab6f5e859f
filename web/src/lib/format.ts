// What people read: dates in Asia/Ho_Chi_Minh (docs/requirements.md R-API-TIME), money in đồng, in the chosen language.
import type { Lang } from '../i18n';

const TZ = 'Asia/Ho_Chi_Minh';
const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export const formatDate = (iso: string | null | undefined, lang: Lang) => {
  if (!iso) return '—';
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: never shift it by a time zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return lang === 'vi' ? `${d}/${m}/${y}` : new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale(lang), { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
};

export const formatDateTime = (iso: string | null | undefined, lang: Lang) => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(lang), { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
};

export const formatMoney = (amount: number, lang: Lang) =>
  `${new Intl.NumberFormat(locale(lang)).format(amount)} ${lang === 'vi' ? 'đồng' : 'VND'}`;

export const formatNumber = (value: number, lang: Lang, digits = 0) =>
  new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

export const formatPercent = (ratio: number | null | undefined, lang: Lang, digits = 1) =>
  ratio === null || ratio === undefined || Number.isNaN(ratio) ? '—' : `${formatNumber(ratio * 100, lang, digits)}%`;

export const formatBytes = (bytes: number, lang: Lang) =>
  bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, lang, 0)} KB` : `${formatNumber(bytes / 1024 / 1024, lang, 1)} MB`;
