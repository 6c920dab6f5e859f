// The routes of the `ratings` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import { RateDossier, Rating, RatingParams } from '../../contracts/ratings';
import { APPLICANT, DOSSIER_READER, defineRoute } from './rules';

export const ratingRoutes = {
  rateDossier: defineRoute({
    id: 'rateDossier', method: 'POST', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: APPLICANT,
    summary: 'Rate a dossier', tags: ['ratings'],
    description: 'The applicant rates their own dossier once it is done or returned: 201 the first time, 200 when replacing it within 14 days of the first rating (or unchanged when identical). 409 `NOT_RATABLE`, `RATING_FINAL`, `RATING_BUSY`; 404 for anyone else\'s dossier (docs/ratings.md).',
    request: { params: RatingParams, body: RateDossier },
    responses: {
      201: { description: 'The first rating of the dossier', schema: Rating },
      200: { description: 'The rating replaced (or unchanged when identical)', schema: Rating },
    },
  }),
  getDossierRating: defineRoute({
    id: 'getDossierRating', method: 'GET', path: '/v1/dossiers/{id}/rating', fn: 'ratings', auth: DOSSIER_READER,
    summary: 'Get a dossier\'s rating', tags: ['ratings'],
    description: 'The rating with its revisions and `replaceableUntil`: the applicant\'s own dossier, one of an agency in the official\'s scope, any for an admin. 404 when not rated or not readable.',
    request: { params: RatingParams },
    responses: { 200: { description: 'The rating', schema: Rating } },
  }),
} as const;
