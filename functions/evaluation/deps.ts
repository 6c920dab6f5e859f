// The evaluation capability's adapters over the platform's tables (shared by the API and the job).
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { catalogueReader } from '../catalogue/public';
import { feedbackIndicators } from '../feedback/public';
import { ratingAggregates } from '../ratings/public';
import { DynamoEvaluationStore } from './adapters/evaluation-store';
import type { IndexDeps } from './service';

export const platformDeps = (): IndexDeps => ({
  store: new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation')),
  catalogue: catalogueReader(),
  ratings: ratingAggregates(),
  feedback: feedbackIndicators(),
});
