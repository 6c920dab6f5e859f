// Admins' view of sync (docs/sync.md "Operations"): health per agency system, the dead letters of
// the sync queues with why they failed, and their replay. Thin: operations.ts does the work.
import { createApiHandler, implement } from '../../shared/http/api';
import { syncAdminRoutes as routes } from '../../shared/platform/api-routes/sync-admin';
import { listDeadLetters, operationsDeps, replayDeadLetters, syncHealth, type OperationsDeps } from './operations';

export const makeHandler = (deps: OperationsDeps) =>
  createApiHandler([
    implement(routes.syncHealth, async () => ({ status: 200, body: await syncHealth(deps) })),
    implement(routes.listSyncDeadLetters, async ({ query }) => ({ status: 200, body: await listDeadLetters(deps, query.queue, query.limit) })),
    implement(routes.replaySyncDeadLetters, async ({ body }) => ({
      status: 200, body: await replayDeadLetters(deps, body.queue, { messageIds: body.messageIds, limit: body.limit }),
    })),
  ]);

export const handler = makeHandler(operationsDeps());
