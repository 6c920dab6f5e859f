// The routes of the `sync-admin` function (admins' view of sync, docs/sync.md "Operations");
// shared/platform/routes.ts merges every group.
import { DeadLetterList, DeadLettersQuery, ReplayBody, ReplayResult, SyncHealth } from '../../contracts/sync';
import { ADMIN, defineRoute } from './rules';

export const syncAdminRoutes = {
  syncHealth: defineRoute({
    id: 'syncHealth', method: 'GET', path: '/v1/sync/health', fn: 'sync-admin', auth: ADMIN,
    summary: "Each agency system's inbound statistics, last success and recent errors, and the sync queues' depths",
    tags: ['sync'],
    request: {},
    responses: { 200: { description: 'Sync health', schema: SyncHealth } },
  }),
  listSyncDeadLetters: defineRoute({
    id: 'listSyncDeadLetters', method: 'GET', path: '/v1/sync/dead-letters', fn: 'sync-admin', auth: ADMIN,
    summary: "What a sync queue's DLQ holds and why each message failed (nothing is removed)",
    tags: ['sync'],
    request: { query: DeadLettersQuery },
    responses: { 200: { description: 'The dead letters, oldest first', schema: DeadLetterList } },
  }),
  replaySyncDeadLetters: defineRoute({
    id: 'replaySyncDeadLetters', method: 'POST', path: '/v1/sync/dead-letters/replay', fn: 'sync-admin', auth: ADMIN,
    summary: 'Sends dead letters back to their queue, in order per dossier (all, or the listed ones); the consumer applies each once',
    tags: ['sync'],
    request: { body: ReplayBody },
    responses: { 200: { description: 'What was replayed', schema: ReplayResult } },
  }),
} as const;
