// What other capabilities may use of the ratings capability: a read of the per-agency, per-month
// rating aggregates (the evaluation capability's index indicator 5.4 reads these counters, never
// the ratings themselves), and the pure helpers to combine them.
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoRatingStore, type RatingAggregateReader } from './adapters/rating-store';

export type { RatingAggregateReader } from './adapters/rating-store';
export type { RatingAggregate, SummedCriterion } from './domain/aggregate';
export { dissatisfiedRate, emptyAggregate, sumAggregates } from './domain/aggregate';
export { localMonthOf } from './domain/rating';

/** The aggregates over the platform's `ratings` table (read access is all a reader needs). */
export const ratingAggregates = (): RatingAggregateReader => new DynamoRatingStore(dynamoClient, () => tableName('ratings'));
