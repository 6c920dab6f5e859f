// The routes of the `ratings` function (SPEC §2); shared/platform/routes.ts merges every group.
import { RateDossier, Rating, RatingParams } from '../../contracts/ratings';
import { APPLICANT, DOSSIER_READER, defineRoute } from './rules';

export const ratingRoutes = {
  rateDossier: defineRoute({
    id: 'rateDossier', method: 'POST', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: APPLICANT,
    summary: 'Rate a done or returned dossier (its applicant only); replaces the rating within 14 days of the first (docs/ratings.md)',
    tags: ['ratings'],
    request: { params: RatingParams, body: RateDossier },
    responses: {
      201: { description: 'The first rating of the dossier', schema: Rating },
      200: { description: 'The rating replaced (or unchanged when identical)', schema: Rating },
    },
  }),
  getDossierRating: defineRoute({
    id: 'getDossierRating', method: 'GET', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: DOSSIER_READER,
    summary: "A dossier's rating: the applicant's own, or of an agency in the official's scope (404 when not rated)",
    tags: ['ratings'],
    request: { params: RatingParams },
    responses: { 200: { description: 'The rating', schema: Rating } },
  }),
} as const;
