// Scheduled payment jobs (EventBridge Scheduler, shared/platform/schedules.ts):
//   { job: 'reconcile', date?: 'YYYY-MM-DD' } — every provider's settlement report of that day
//   (default: yesterday in Asia/Ho_Chi_Minh) against the orders here (use-cases/reconcile.ts). Locally:
//   npm run job -- reconcile --date 2026-11-30
import { IsoDate } from '../../shared/contracts/common';
import { logger } from '../../shared/http/logger';
import type { ReconciliationReport } from './adapters/payment-store';
import { platformDeps } from './deps';
import { previousLocalDate, reconcileDay } from './use-cases/reconcile';

export interface JobEvent {
  job?: string;
  date?: string;
  now?: string;
}

export const makeJobHandler = (reconcile: (date: string) => Promise<ReconciliationReport[]>) => async (event: JobEvent) => {
  if (event.job !== 'reconcile') throw new Error(`Unknown payment job ${JSON.stringify(event.job)}`);
  const now = event.now ? new Date(event.now) : new Date();
  const date = event.date ?? previousLocalDate(now);
  if (!IsoDate.safeParse(date).success) throw new Error(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const reports = await reconcile(date);
  for (const r of reports) {
    logger.info('payment reconciliation', { provider: r.provider, date: r.date, lines: r.lines, mismatches: r.mismatches.length });
  }
  return { job: 'reconcile', date, reports };
};

const deps = platformDeps();
export const handler = makeJobHandler((date) => reconcileDay(deps, date));
