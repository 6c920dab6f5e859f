// The index job (shared/platform/schedules.ts `index-monthly`, commands.ts `index`): at 00:30 on
// day 1 (Asia/Ho_Chi_Minh) it scores the month that ended, and the quarter and the year when that
// month closes them; given a period (`npm run job -- index --period 2026-10`, or
// `aws lambda invoke ... '{"job":"index","period":"2026-10"}'`) it scores that one. The admin route
// POST /v1/indices/recompute runs the same IndexService.recompute.
import * as z from 'zod';
import { PeriodId } from '../../shared/contracts/evaluation';
import { logger } from '../../shared/http/logger';
import { reportProgress } from '../../shared/jobs/progress';
import type { IndexRun } from './adapters/evaluation-store';
import { periodsClosedBy } from './domain/period';
import { platformDeps } from './deps';
import { IndexService, type Progress } from './service';

const IndexCommand = z.object({ job: z.literal('index'), period: PeriodId.optional() });

export interface JobOptions { clock?: () => Date }

export const makeHandler = (service: () => IndexService, options: JobOptions = {}) => async (event: unknown): Promise<{ runs: IndexRun[] }> => {
  const parsed = IndexCommand.safeParse(event);
  if (!parsed.success) throw new Error(`index: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ')}`);
  const periods = parsed.data.period ? [parsed.data.period] : periodsClosedBy((options.clock ?? (() => new Date()))());
  const runs: IndexRun[] = [];
  for (const period of periods) {
    const progress: Progress = (done, total) => reportProgress(`index ${period}`, done, total);
    const run = await service().recompute(period, parsed.data.period ? 'command' : 'schedule', progress);
    logger.info('index computed', { period: run.period, agencies: run.agencies, durationMs: run.durationMs, definitionVersion: run.definitionVersion });
    runs.push(run);
  }
  return { runs };
};

let service: IndexService | undefined;
export const handler = makeHandler(() => (service ??= new IndexService(platformDeps())));
