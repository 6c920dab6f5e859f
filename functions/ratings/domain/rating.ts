// The rating rules (docs/requirements.md R-CAP-RATINGS, docs/ratings.md). Pure: the clock is a
// parameter, no I/O.
//
// - Only the dossier's applicant rates it; to anyone else the dossier does not exist (404).
// - Only a handled dossier: `done` or `returned` (409 NOT_RATABLE otherwise).
// - One rating per dossier. Another rating replaces it while less than 14 days have passed since
//   the FIRST rating (not since the last change); from then on it is final (409 RATING_FINAL).
// - A rating identical to the stored one changes nothing (a retried or double-clicked POST).
import { localDate } from '../../../shared/calendar';
import { RATING_REPLACEABLE_DAYS, type OverallRating, type RatingCriteria } from '../../../shared/contracts/ratings';

export const RATABLE_STATUSES: readonly string[] = ['done', 'returned'];
export const REPLACEABLE_MS = RATING_REPLACEABLE_DAYS * 86_400_000;

/** What the applicant says: the body of `POST /v1/dossiers/{id}/rating`, normalised. */
export interface RatingContent {
  overall: OverallRating;
  criteria: RatingCriteria;
  comment: string | null;
}

export interface RatingRecord extends RatingContent {
  dossierId: string;
  dossierCode: string | null;
  agencyCode: string;
  agencyParentCode: string | null;
  applicantSub: string;
  /** The first rating: fixes the replacement window and the aggregate month. */
  ratedAt: string;
  updatedAt: string;
  /** 1 for the first rating, +1 per replacement; the condition of every replacement. */
  revisions: number;
  /** YYYY-MM of `ratedAt` in Asia/Ho_Chi_Minh: the aggregate this rating counts in, for good. */
  month: string;
}

/** The dossier as the rules need it. */
export interface RatedDossier {
  id: string;
  code: string | null;
  status: string;
  agencyCode: string;
  agencyParentCode: string | null;
  applicant: { sub: string };
}

/** Why a rating is refused: the dossier is not the caller's (not found), or not ratable now (conflict). */
export type Refusal = { ok: false; kind: 'not_found' | 'conflict'; code: 'NOT_FOUND' | 'NOT_RATABLE' | 'RATING_FINAL'; message: string };
export type RatingDecision =
  | Refusal
  | { ok: true; kind: 'create'; record: RatingRecord }
  | { ok: true; kind: 'replace'; record: RatingRecord; previous: RatingRecord }
  | { ok: true; kind: 'unchanged'; record: RatingRecord };

/** YYYY-MM of an instant in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving). */
export const localMonthOf = (iso: string): string => localDate(iso).slice(0, 7);

/** Until when a rating first given at `ratedAt` may be replaced (exclusive). */
export const replaceableUntil = (ratedAt: string): string => new Date(Date.parse(ratedAt) + REPLACEABLE_MS).toISOString();

export const isReplaceable = (ratedAt: string, now: Date): boolean => now.getTime() < Date.parse(ratedAt) + REPLACEABLE_MS;

const CRITERIA_ORDER = ['convenience', 'timeliness', 'staffAttitude', 'onlineServiceQuality', 'handlingTime', 'visits'] as const;

/** The criteria given, in a fixed key order, absent ones left out (stored maps keep no order). */
export const normaliseCriteria = (given: RatingCriteria | undefined): RatingCriteria =>
  Object.fromEntries(CRITERIA_ORDER.filter((k) => given?.[k] !== undefined && given?.[k] !== null).map((k) => [k, given![k]])) as RatingCriteria;

/** The body as stored: criteria normalised, a blank comment is none (null). */
export const normaliseContent = (body: { overall: OverallRating; criteria?: RatingCriteria; comment?: string | null }): RatingContent => {
  const comment = body.comment?.trim() ?? '';
  return { overall: body.overall, criteria: normaliseCriteria(body.criteria), comment: comment === '' ? null : comment };
};

export const sameContent = (a: RatingContent, b: RatingContent): boolean =>
  a.overall === b.overall && (a.comment ?? null) === (b.comment ?? null) &&
  JSON.stringify(normaliseCriteria(a.criteria)) === JSON.stringify(normaliseCriteria(b.criteria));

/**
 * What a rating by `callerSub` of dossier `d` does, given the stored rating (if any) and now.
 * The store writes a `create` only if no rating exists and a `replace` only at `previous.revisions`,
 * so a decision made on stale data is never applied: the service reads again and decides again.
 */
export const decideRating = (input: {
  dossier: RatedDossier;
  callerSub: string;
  existing: RatingRecord | undefined;
  content: RatingContent;
  now: Date;
}): RatingDecision => {
  const { dossier: d, existing, content, now } = input;
  if (!input.callerSub || input.callerSub !== d.applicant.sub) {
    return { ok: false, kind: 'not_found', code: 'NOT_FOUND', message: 'Dossier was not found' };
  }
  if (!RATABLE_STATUSES.includes(d.status)) {
    return { ok: false, kind: 'conflict', code: 'NOT_RATABLE', message: `The dossier is ${d.status}; it can be rated once it is done or returned` };
  }
  const at = now.toISOString();
  if (!existing) {
    return {
      ok: true, kind: 'create',
      record: {
        ...content, dossierId: d.id, dossierCode: d.code, agencyCode: d.agencyCode, agencyParentCode: d.agencyParentCode,
        applicantSub: d.applicant.sub, ratedAt: at, updatedAt: at, revisions: 1, month: localMonthOf(at),
      },
    };
  }
  if (!isReplaceable(existing.ratedAt, now)) {
    return {
      ok: false, kind: 'conflict', code: 'RATING_FINAL',
      message: `The rating can no longer be changed: it was final at ${replaceableUntil(existing.ratedAt)}, ${RATING_REPLACEABLE_DAYS} days after it was first given`,
    };
  }
  if (sameContent(existing, content)) return { ok: true, kind: 'unchanged', record: existing };
  return {
    ok: true, kind: 'replace', previous: existing,
    // Everything that places the rating (first instant, month, agency) stays as first given.
    record: { ...existing, ...content, updatedAt: at, revisions: existing.revisions + 1 },
  };
};
