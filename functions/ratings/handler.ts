// The ratings capability's routes (docs/requirements.md R-API-ROUTES): route → RatingService → HTTP
// result. The route stack has parsed and validated the request and checked the caller's group; the
// service checks ownership, scope and the rating rules.
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { ratingRoutes as routes } from '../../shared/platform/api-routes/ratings';
import { platformDeps } from './deps';
import { RatingService, type RatingDeps } from './service';

export const makeHandler = (deps: RatingDeps) => {
  const ratings = new RatingService(deps);
  return createApiHandler([
    implement(routes.rateDossier, async ({ principal, params, body }) => {
      const { rating, created: first } = await ratings.rate(principal, params.id, body);
      return first ? created(rating) : ok(rating);
    }),
    implement(routes.getDossierRating, async ({ principal, params }) => ok(await ratings.get(principal, params.id))),
  ]);
};

export const handler = makeHandler(platformDeps());
