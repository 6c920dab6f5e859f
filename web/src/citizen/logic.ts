// Pure logic of the citizen pages (no DOM, no Preact): the procedure search's filters and the URL,
// the tracking form's checks and lateness badge, how processing times and fees read. Unit-tested in node.
import { translate, type Lang } from '../i18n';
import { formatMoney } from '../lib/format';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import type { TrackedDossier } from './types';

export const LEVELS = ['central', 'province', 'commune'] as const;
export type LevelFilter = typeof LEVELS[number];
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type OnlineFilter = typeof ONLINE_LEVELS[number];

/** What the procedure search looks for; every field is also a query parameter of `/thu-tuc`. */
export interface ProcedureFilters {
  q: string;
  sector: string;
  agency: string;
  level: LevelFilter | '';
  online: OnlineFilter | '';
}

export const EMPTY_FILTERS: ProcedureFilters = { q: '', sector: '', agency: '', level: '', online: '' };

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | '' =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : '';

/** Filters from the page's query; unknown levels and online values (a hand-edited URL) are dropped, not sent. */
export const filtersFromQuery = (query: Record<string, string | undefined>): ProcedureFilters => ({
  q: (query.q ?? '').trim().slice(0, 200),
  sector: (query.sector ?? '').trim().slice(0, 40),
  agency: (query.agency ?? '').trim().slice(0, 40),
  level: oneOf(LEVELS, query.level),
  online: oneOf(ONLINE_LEVELS, query.online),
});

/** The query string of `/thu-tuc` for these filters (empty ones left out, stable order), with its `?`. */
export const queryFromFilters = (filters: ProcedureFilters): string => {
  const params = new URLSearchParams();
  for (const key of ['q', 'sector', 'agency', 'level', 'online'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
};

export const hasFilters = (filters: ProcedureFilters) => Object.values(filters).some((v) => v.trim() !== '');

// ---------------------------------------------------------------------------------------------
// Tracking

/**
 * Checks what the tracking form's "ID number" field holds: a 12-digit personal ID number (CCCD),
 * a 10-digit enterprise (tax) code, or a 13-digit branch code written 10 digits + `-NNN`.
 * Returns the normalized value (spaces removed) or the key of the message to show.
 */
export const checkApplicantId = (raw: string): { value: string } | { error: 'track.idRequired' | 'track.idInvalid' } => {
  const value = raw.replace(/\s+/g, '');
  if (!value) return { error: 'track.idRequired' };
  if (/^\d{12}$/.test(value) || /^\d{10}(-\d{3})?$/.test(value)) return { value };
  return { error: 'track.idInvalid' };
};

/** A dossier code as people copy it from an e-mail or a slip: trimmed, upper case. */
export const checkDossierCode = (raw: string): { value: string } | { error: 'track.codeRequired' | 'track.codeInvalid' } => {
  const value = raw.trim().toUpperCase();
  if (!value) return { error: 'track.codeRequired' };
  if (value.length < 10 || value.length > 100 || /\s/.test(value)) return { error: 'track.codeInvalid' };
  return { value };
};

/**
 * Statuses in which handling has finished (shared/contracts/dossier-status.ts FINISHED_STATUSES,
 * not imported: that module brings zod into the bundle).
 */
const FINISHED: readonly DossierStatus[] = ['done', 'returned', 'stopped'];

/**
 * The lateness badge of a tracked dossier. Whether it is late is the API's `late` alone (docs/
 * requirements.md R-LATE: judged at `done`/`stopped`, with the time awaiting a supplement not
 * counted); the page only words it: "late" while handling goes on, "done late" once it finished.
 */
export const trackLateBadge = (d: Pick<TrackedDossier, 'status' | 'late'>): 'track.late' | 'track.doneLate' | null =>
  !d.late ? null : FINISHED.includes(d.status) ? 'track.doneLate' : 'track.late';

// ---------------------------------------------------------------------------------------------
// Processing time and fees

export interface ProcessingTimeValue { value: number; unit: 'working_day' | 'working_hour' | 'day' }

export const formatProcessingTime = (time: ProcessingTimeValue, lang: Lang): string => {
  const number = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(time.value);
  return translate(lang, `proc.unit.${time.unit}.${time.value === 1 ? 'one' : 'other'}`, { count: number });
};

export interface FeeValue { amount: number; kind: 'fee' | 'charge' }

/**
 * One line for a result list. A dossier owes every fee and charge its procedure lists (the payments
 * function assesses them all), so the summary is their total and how many there are.
 */
export const summarizeFees = (fees: readonly FeeValue[], lang: Lang): string => {
  const total = fees.reduce((sum, f) => sum + f.amount, 0);
  if (!fees.length || total === 0) return translate(lang, 'proc.feesFree');
  if (fees.length === 1) return formatMoney(total, lang);
  return translate(lang, 'proc.feesTotal', { total: formatMoney(total, lang), count: fees.length });
};

/** Whether the portal takes this procedure's dossiers online (the wizard), per its online service level. */
export const submitsOnline = (p: { onlineService: string; channels: readonly string[] }) =>
  (p.onlineService === 'full' || p.onlineService === 'partial') && p.channels.includes('online');

// ---------------------------------------------------------------------------------------------
// Feedback

export const FEEDBACK_LIMITS = { subject: [5, 200], content: [10, 5000] } as const;

export interface FeedbackDraft { category: string; subject: string; content: string; procedureCode: string; agencyCode: string }

/** The message key (and its parameters) for each field of the feedback form that is wrong; the API enforces the same limits. */
export const checkFeedback = (d: FeedbackDraft): Record<string, { key: string; params?: Record<string, number> }> => {
  const errors: Record<string, { key: string; params?: Record<string, number> }> = {};
  if (!['rules_policies', 'procedures', 'official_conduct', 'other'].includes(d.category)) errors['fb-category'] = { key: 'fb.categoryRequired' };
  const subject = d.subject.trim();
  const [subjectMin, subjectMax] = FEEDBACK_LIMITS.subject;
  if (!subject) errors['fb-subject'] = { key: 'fb.subjectRequired' };
  else if (subject.length < subjectMin || subject.length > subjectMax) errors['fb-subject'] = { key: 'fb.subjectLength', params: { min: subjectMin, max: subjectMax } };
  const content = d.content.trim();
  const [contentMin, contentMax] = FEEDBACK_LIMITS.content;
  if (!content) errors['fb-content'] = { key: 'fb.contentRequired' };
  else if (content.length < contentMin || content.length > contentMax) errors['fb-content'] = { key: 'fb.contentLength', params: { min: contentMin, max: contentMax } };
  if (d.procedureCode.trim() && !/^\d\.\d{6}(\.\d{6})?$/.test(d.procedureCode.trim())) errors['fb-procedure'] = { key: 'fb.procedureInvalid' };
  return errors;
};

/** The request body for `POST /v1/feedback`: trimmed, optional fields left out when empty. */
export const feedbackBody = (d: FeedbackDraft) => ({
  category: d.category,
  subject: d.subject.trim(),
  content: d.content.trim(),
  ...(d.procedureCode.trim() ? { procedureCode: d.procedureCode.trim() } : {}),
  ...(d.agencyCode ? { agencyCode: d.agencyCode } : {}),
});
