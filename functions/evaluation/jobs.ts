// The index jobs (evaluation-jobs; docs/index.md "The job, the reads and the running month"), one
// command language (commands.ts) whoever asks:
// - `{ job: 'index' }`, schedule `index-monthly` (00:30 on day 1, Asia/Ho_Chi_Minh): the month that
//   ended, and the quarter and the year when that month closes them. With a period (`npm run job --
//   index --period 2026-10`, `aws lambda invoke ... '{"job":"index","period":"2026-10"}'`) that one;
//   with a runId too, an admin's recompute (POST /v1/indices/recompute), its run record kept up to date.
// - `{ job: 'index-refresh' }`, schedule `index-refresh` (every few minutes): the running month,
//   quarter and year, stored provisional (final: false) for the public reads.
// Direct invocations get the command as the event; the index-runs queue delivers commands as SQS
// messages, one per invocation.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { logger } from '../../shared/http/logger';
import { reportProgress } from '../../shared/jobs/progress';
import type { IndexRun } from './adapters/evaluation-store';
import { IndexCommand } from './commands';
import type { Progress } from './compute';
import { indexContext, platformDeps, type IndexContext, type IndexDeps } from './deps';
import { periodsClosedBy } from './domain/period';
import { recomputePeriod, refreshRunning } from './recompute';
import { executeRecompute } from './runs';

export interface JobOptions { clock?: () => Date }

const parse = (input: unknown): IndexCommand => {
  const parsed = IndexCommand.safeParse(input);
  if (!parsed.success) throw new Error(`index: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ')}`);
  return parsed.data;
};

const isSqsEvent = (event: unknown): event is SQSEvent =>
  typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records);

const logged = (run: IndexRun) => {
  logger.info('index computed', { period: run.period, trigger: run.trigger, agencies: run.agencies, durationMs: run.durationMs, definitionVersion: run.definitionVersion });
  return run;
};

/** `deps` is called once, on the first command (module initialisation stays cheap). */
export const makeHandler = (deps: () => IndexDeps, options: JobOptions = {}) => {
  let ready: IndexContext | undefined;
  const index = () => (ready ??= indexContext(deps()));
  const progressOf = (period: string): Progress => (done, total) => reportProgress(`index ${period}`, done, total);

  const run = async (command: IndexCommand): Promise<IndexRun[]> => {
    if (command.job === 'index-refresh') {
      // A read that found the period stale or missing says since when it wants it fresh.
      const trigger = command.staleBefore ? 'stale-read' : 'refresh';
      const runs = await refreshRunning(index(), trigger, { periods: command.period ? [command.period] : undefined, staleBefore: command.staleBefore, onProgress: progressOf });
      return runs.map(logged);
    }
    if (command.runId) {
      const stored = await executeRecompute(index(), command.runId, command.period ? progressOf(command.period) : undefined);
      return stored ? [logged(stored)] : [];
    }
    const periods = command.period ? [command.period] : periodsClosedBy((options.clock ?? (() => new Date()))());
    const runs: IndexRun[] = [];
    for (const period of periods) runs.push(logged(await recomputePeriod(index(), period, command.period ? 'command' : 'schedule', progressOf(period))));
    return runs;
  };

  return async (event: unknown, context?: Context): Promise<{ runs: IndexRun[] } | SQSBatchResponse> => {
    if (!isSqsEvent(event)) return { runs: await run(parse(event)) };
    // A message that is not a command is dropped with a warning (retrying cannot mend it).
    const handleRecord = async (record: SQSRecord) => {
      let command: IndexCommand;
      try {
        command = parse(JSON.parse(record.body));
      } catch (error) {
        logger.warn('malformed index-runs message dropped', { messageId: record.messageId, error: (error as Error).message });
        return;
      }
      await run(command);
    };
    return processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
      processInParallel: false, throwOnFullBatchFailure: false, ...(context ? { context } : {}),
    }) as Promise<SQSBatchResponse>;
  };
};

export const handler = makeHandler(platformDeps);
