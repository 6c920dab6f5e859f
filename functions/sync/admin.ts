// Admins' view of sync (docs/sync.md "Operations"): health per agency system, the dead letters of
// the sync queues with why they failed, and their replay (use-cases/operations.ts).
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { syncAdminRoutes as routes } from '../../shared/platform/api-routes/sync-admin';
import { operationsDeps } from './deps/operations';
import { listDeadLetters, replayDeadLetters, syncHealth, type OperationsDeps } from './use-cases/operations';

export const makeHandler = (deps: OperationsDeps) =>
  createApiHandler([
    implement(routes.syncHealth, async () => ok(await syncHealth(deps))),
    implement(routes.listSyncDeadLetters, async ({ query }) => ok(await listDeadLetters(deps, query.queue, query.limit))),
    implement(routes.replaySyncDeadLetters, async ({ body }) => ok(await replayDeadLetters(deps, body.queue, { messageIds: body.messageIds, limit: body.limit }))),
  ]);

export const handler = makeHandler(operationsDeps());
