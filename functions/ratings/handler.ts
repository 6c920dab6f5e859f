// The ratings capability's routes (docs/requirements.md R-API-ROUTES): thin over RatingService. The
// route stack has parsed and validated the request and checked the caller's group; the service
// checks ownership, scope and the rating rules.
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { ratingRoutes as routes } from '../../shared/platform/api-routes/ratings';
import { dossierStore } from '../dossiers/public';
import { DynamoRatingStore } from './adapters/rating-store';
import { RatingService, type RatingDeps } from './service';

export const defaultDeps = (): RatingDeps => ({
  store: new DynamoRatingStore(dynamoClient, () => tableName('ratings')),
  dossiers: dossierStore(),
});

export const makeHandler = (deps: RatingDeps | RatingService) => {
  const service = deps instanceof RatingService ? deps : new RatingService(deps);
  return createApiHandler([
    implement(routes.rateDossier, async ({ principal, params, body }) => {
      const { rating, created: first } = await service.rate(principal, params.id, body);
      return first ? created(rating) : ok(rating);
    }),
    implement(routes.getDossierRating, async ({ principal, params }) => ok(await service.get(principal, params.id))),
  ]);
};

export const handler = makeHandler(defaultDeps());
