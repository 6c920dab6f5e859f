// Operator commands of sync (shared/platform/commands.ts). Locally:
//   npm run job -- sync:dlq --list [--queue sync-inbound] [--limit 50]
//   npm run job -- sync:dlq --replay [--queue sync-inbound] [--ids <id>,<id>]
// In AWS: `aws lambda invoke --function-name <sync-jobs> --payload '{"job":"sync:dlq","list":true}'`
// (docs/operations.md). The admin routes offer the same.
import * as z from 'zod';
import { SyncQueueName } from '../../shared/contracts/sync';
import { operationsDeps } from './deps/operations';
import { listDeadLetters, replayDeadLetters, type OperationsDeps } from './use-cases/operations';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional();
const DlqCommand = z.object({
  job: z.literal('sync:dlq'),
  list: flag,
  replay: flag,
  queue: SyncQueueName.default('sync-inbound'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** Comma-separated message ids (as listed) to replay only those. */
  ids: z.string().optional(),
}).refine((c) => Boolean(c.list) !== Boolean(c.replay), 'give exactly one of --list and --replay');

export const makeHandler = (deps: () => OperationsDeps) => async (event: unknown) => {
  const parsed = DlqCommand.safeParse(event);
  if (!parsed.success) throw new Error(`sync:dlq: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  if (c.list) return listDeadLetters(deps(), c.queue, Math.min(c.limit ?? 50, 100));
  const messageIds = c.ids?.split(',').map((s) => s.trim()).filter(Boolean);
  return replayDeadLetters(deps(), c.queue, { messageIds: messageIds?.length ? messageIds : undefined, limit: c.limit ?? 1000 });
};

let deps: OperationsDeps | undefined;
export const handler = makeHandler(() => (deps ??= operationsDeps()));
