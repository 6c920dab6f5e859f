// The ratings capability's adapters over the platform's tables: its own `ratings` table and a read
// of the dossiers capability's store (who may rate, whether the dossier is done or returned).
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { dossierStore } from '../dossiers/public';
import { DynamoRatingStore } from './adapters/rating-store';
import type { RatingDeps } from './service';

export const platformDeps = (): RatingDeps => ({
  store: new DynamoRatingStore(dynamoClient, () => tableName('ratings')),
  dossiers: dossierStore(),
});
