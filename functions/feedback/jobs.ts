// Scheduled feedback jobs (shared/platform/schedules.ts): { job: 'feedback-deadlines', now? } —
// every open item with a step past its working-day deadline. Locally: npm run job -- feedback-deadlines
import { logger } from '../../shared/http/logger';
import { deadlineReport } from './deadline-report';
import { feedbackContext, platformDeps, type FeedbackContext } from './deps';

export const makeJobHandler = (ctx: FeedbackContext) => async (event: { job?: string; now?: string }) => {
  if (event.job !== 'feedback-deadlines') throw new Error(`Unknown feedback job ${JSON.stringify(event.job)}`);
  const now = event.now ? new Date(event.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`now must be an ISO instant, got ${JSON.stringify(event.now)}`);
  const report = await deadlineReport(ctx, now);
  logger.info('feedback deadlines', { open: report.open, overdue: report.overdue.length });
  return { job: 'feedback-deadlines', ...report };
};

export const handler = makeJobHandler(feedbackContext(platformDeps()));
