// What other capabilities may use of the feedback capability: the indicator counters the service
// index reads (5.2 answered on time, 5.3 satisfaction with answers; docs/feedback.md "Indicators").
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoFeedbackStore, type IndicatorCounts } from './adapters/feedback-store';

export type { IndicatorCounts } from './adapters/feedback-store';

export interface FeedbackIndicatorReader {
  /** Many agencies of one month, keyed by agency code. */
  countsMany(agencyCodes: readonly string[], month: string): Promise<Map<string, IndicatorCounts>>;
  /** Per agency: items published in [fromIso, toIso) with more dislikes than likes. */
  dislikedPublished(fromIso: string, toIso: string): Promise<Map<string, number>>;
}

export const feedbackIndicators = (): FeedbackIndicatorReader => {
  const store = new DynamoFeedbackStore(dynamoClient, () => tableName('feedback'));
  return { countsMany: (a, m) => store.countersMany(a, m), dislikedPublished: (f, t) => store.dislikedPublished(f, t) };
};
