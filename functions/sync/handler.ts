// The agency-system sync API (docs/requirements.md R-SYNC-INBOUND): signed requests (the Lambda
// authorizer has verified the system), batches of ≤ 100 status events or dossier upserts checked
// item by item and the valid ones queued FIFO per dossier code, deduplicated by the system's event
// id (202 with a result per item: use-cases/receive-statuses.ts, receive-dossiers.ts); the same
// items as packets of the national standard QCVN 120 (use-cases/receive-qcvn120.ts) and the
// standard's sharing services (use-cases/share-qcvn120.ts); a system's
// outbox and its own health.
import { agencySystemOf } from '../../shared/auth/principal';
import { accepted, createApiHandler, implement, ok } from '../../shared/http/api';
import { syncRoutes as routes } from '../../shared/platform/api-routes/sync';
import { signedBodies } from '../identity/public';
import { apiDeps, type SyncApiDeps } from './deps/api';
import { ownHealth } from './use-cases/health';
import { readOutbox } from './use-cases/outbox';
import { receiveQcvn120 } from './use-cases/receive-qcvn120';
import { receiveDossiers } from './use-cases/receive-dossiers';
import { receiveStatuses } from './use-cases/receive-statuses';
import { shareQcvn120 } from './use-cases/share-qcvn120';

export const makeHandler = (deps: SyncApiDeps) =>
  createApiHandler([
    implement(routes.syncStatuses, async ({ principal, body }) => accepted(await receiveStatuses(deps, agencySystemOf(principal), body.items))),
    implement(routes.syncDossiers, async ({ principal, body }) => accepted(await receiveDossiers(deps, agencySystemOf(principal), body.items))),
    implement(routes.qcvn120Sync, async ({ principal, body }) => {
      const out = await receiveQcvn120(deps, agencySystemOf(principal), body);
      return out.ok ? accepted(out.answer) : { status: 400, body: out.refused };
    }),
    implement(routes.qcvn120Share, async ({ principal, body }) => {
      const out = await shareQcvn120(deps.share, agencySystemOf(principal), body);
      return out.ok ? ok(out.answer) : { status: out.kind === 'not_found' ? 404 : 400, body: out.refused };
    }),
    implement(routes.syncOutbox, async ({ principal, query }) => ok(await readOutbox(deps.outbox, agencySystemOf(principal), query))),
    implement(routes.syncOwnHealth, async ({ principal }) => ok(await ownHealth(deps, agencySystemOf(principal)))),
  ]).use(signedBodies()); // the authorizer cannot see bodies: the signature over it is checked here

export const handler = makeHandler(apiDeps());
