// What the evaluation-jobs function is asked to do, whoever asks: EventBridge Scheduler
// (shared/platform/schedules.ts), an operator (`npm run job -- index --period 2026-10`, `aws lambda
// invoke`) or a message on the index-runs queue (an admin's recompute, a refresh a read kicked).
import * as z from 'zod';
import { IndexRunId, PeriodId } from '../../shared/contracts/evaluation';

export const IndexCommand = z.discriminatedUnion('job', [
  /** Scores `period` (default: what the month that just ended closes) and stores it; `runId`: an admin's recompute to report to. */
  z.object({ job: z.literal('index'), period: PeriodId.optional(), runId: IndexRunId.optional() }),
  /**
   * Scores and stores running periods (default: the month, quarter and year running now); with
   * `staleBefore`, only those last computed before that instant (several reads may kick one refresh).
   */
  z.object({ job: z.literal('index-refresh'), period: PeriodId.optional(), staleBefore: z.iso.datetime().optional() }),
]);
export type IndexCommand = z.infer<typeof IndexCommand>;

/** Where index work goes that must not hold up a request (the index-runs queue). */
export interface IndexQueue {
  send(command: IndexCommand): Promise<void>;
}
