// Dossier codes (docs/requirements.md R-DOSSIER-CODE; Circular 01/2018/TT-VPCP):
// `{agencyCode}-{YYMMDD}-{NNNN}` — the receiving agency's code, the receipt date in
// Asia/Ho_Chi_Minh (UTC+7), and that agency's daily sequence from 1, zero-padded to 4 digits and
// widening past 9999 (10000, 10001, …: never failing). Uniqueness under concurrency comes from the
// per-agency per-day counter (`counterKey`), incremented atomically by the service; this module is
// pure.
import { localParts } from './time';

/** Agency codes as the catalogue stores them (e.g. `000.00.00.H26`, `G12.03`). */
const AGENCY_RE = /^[A-Za-z0-9._-]{1,60}$/;
const CODE_RE = /^([A-Za-z0-9._-]{1,60})-(\d{2})(\d{2})(\d{2})-(\d{4}|[1-9]\d{4,})$/;

const instantOf = (at: Date): number => {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError('expected a valid Date');
  return ms;
};

const checkAgency = (agencyCode: string): void => {
  if (typeof agencyCode !== 'string' || !AGENCY_RE.test(agencyCode)) {
    throw new RangeError(`invalid agency code ${JSON.stringify(agencyCode)}`);
  }
};

/** YYMMDD of an instant's local (UTC+7) date. */
export const receiptDay = (at: Date): string => {
  const [y, m, d] = localParts(instantOf(at));
  return `${y.slice(2)}${m}${d}`;
};

/** Formats a dossier code. Throws RangeError on a malformed agency code, an invalid Date, or a sequence < 1. */
export const formatDossierCode = (agencyCode: string, receiptInstant: Date, sequence: number): string => {
  checkAgency(agencyCode);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`invalid sequence ${sequence}`);
  return `${agencyCode}-${receiptDay(receiptInstant)}-${String(sequence).padStart(4, '0')}`;
};

/** The counter an agency's codes of the local day of `instant` are drawn from, e.g. `DOSSIER_SEQ#000.00.00.H26#2026-11-22`. */
export const counterKey = (agencyCode: string, instant: Date): string => {
  checkAgency(agencyCode);
  return `DOSSIER_SEQ#${agencyCode}#${localParts(instantOf(instant)).join('-')}`;
};

export interface ParsedDossierCode {
  agencyCode: string;
  /** The local receipt date, YYYY-MM-DD (years 2000–2099). */
  date: string;
  sequence: number;
}

/**
 * Parses a dossier code; null unless it is exactly what `formatDossierCode` produces (a real date;
 * a sequence of 4 digits, or more without a leading zero; not 0000).
 */
export const parseDossierCode = (code: string): ParsedDossierCode | null => {
  if (typeof code !== 'string') return null;
  const m = CODE_RE.exec(code.trim());
  if (!m) return null;
  const [, agencyCode, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  const year = 2000 + Number(yy);
  const t = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (t.getUTCMonth() !== Number(mm) - 1 || t.getUTCDate() !== Number(dd)) return null;
  const sequence = Number(seq);
  if (sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return { agencyCode, date: `${year}-${mm}-${dd}`, sequence };
};
