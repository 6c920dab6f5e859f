// Ratings (`POST /v1/dossiers/{id}/rating`, docs/requirements.md R-CAP-RATINGS): the applicant's
// satisfaction rating of a handled dossier (đánh giá mức độ hài lòng), and the rating as it is read
// back. The rules (who, when, how long it may be replaced) are in
// functions/ratings/domain/rating.ts; docs/ratings.md.
import * as z from 'zod';
import { DossierId } from './dossiers';
import { IsoDateTime } from './common';

export const RATING_REPLACEABLE_DAYS = 14;

export const OverallRating = z.enum(['satisfied', 'neutral', 'dissatisfied']);
export type OverallRating = z.infer<typeof OverallRating>;

/** The handling time as the applicant saw it, against the procedure's regulated time. */
export const HandlingTimeRating = z.enum(['faster', 'on_time', 'slower']);
export type HandlingTimeRating = z.infer<typeof HandlingTimeRating>;

const Score = z.number().int().min(1).max(5).describe('1 (very poor) to 5 (very good)');

/** The optional criteria: a closed vocabulary, so a misspelt name is a 400, never silently dropped. */
export const RatingCriteria = z
  .object({
    convenience: Score.optional(),
    timeliness: Score.optional(),
    staffAttitude: Score.optional(),
    onlineServiceQuality: Score.optional(),
    handlingTime: HandlingTimeRating.optional(),
    visits: z.number().int().min(0).max(20).optional().describe('How many times the applicant went to the agency for this dossier'),
  })
  // No component id of its own: nested inside Rating and RateDossier, it is inlined in the OpenAPI document.
  .strict();
export type RatingCriteria = z.infer<typeof RatingCriteria>;

export const RateDossier = z
  .object({
    overall: OverallRating,
    criteria: RatingCriteria.optional(),
    comment: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'RateDossier' });
export type RateDossier = z.infer<typeof RateDossier>;

export const RatingParams = z.object({ id: DossierId });

export const Rating = z
  .object({
    dossierId: DossierId,
    dossierCode: z.string().nullable(),
    agencyCode: z.string(),
    overall: OverallRating,
    criteria: RatingCriteria,
    /** Trimmed; null when none was given (or only blanks). */
    comment: z.string().nullable(),
    /** When the dossier was first rated: the 14-day window and the aggregate month count from it. */
    ratedAt: IsoDateTime,
    updatedAt: IsoDateTime,
    /** 1 for the first rating, +1 for each replacement that changed it. */
    revisions: z.number().int().min(1),
    /** The rating may be replaced until this instant (first rating + 14 days); it is final afterwards. */
    replaceableUntil: IsoDateTime,
  })
  .meta({ id: 'Rating' });
export type Rating = z.infer<typeof Rating>;
