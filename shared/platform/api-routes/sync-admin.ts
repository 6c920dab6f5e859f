// The routes of the `sync-admin` function (admins' view of sync, docs/sync.md "Operations");
// shared/platform/routes.ts merges every group.
import { DeadLetterList, DeadLettersQuery, ReplayBody, ReplayResult, SyncHealth } from '../../contracts/sync';
import { ADMIN, defineRoute } from './rules';

export const syncAdminRoutes = {
  syncHealth: defineRoute({
    id: 'syncHealth', method: 'GET', path: '/v1/sync/health', fn: 'sync-admin', auth: ADMIN,
    summary: 'Sync health', tags: ['sync', 'admin'],
    description: 'Per agency system: inbound events, applied, errors, the last event, applied and error times, the latest errors and the outbound backlog; and the sync queues\' depths (waiting, in flight, dead letters).',
    request: {},
    responses: { 200: { description: 'Sync health', schema: SyncHealth } },
  }),
  listSyncDeadLetters: defineRoute({
    id: 'listSyncDeadLetters', method: 'GET', path: '/v1/sync/dead-letters', fn: 'sync-admin', auth: ADMIN,
    summary: 'List sync dead letters', tags: ['sync', 'admin'],
    description: 'What a sync queue\'s dead-letter queue holds, oldest first: message id, dossier code, event id, receives and why it last failed. Nothing is removed.',
    request: { query: DeadLettersQuery },
    responses: { 200: { description: 'The dead letters, oldest first', schema: DeadLetterList } },
  }),
  replaySyncDeadLetters: defineRoute({
    id: 'replaySyncDeadLetters', method: 'POST', path: '/v1/sync/dead-letters/replay', fn: 'sync-admin', auth: ADMIN,
    summary: 'Replay sync dead letters', tags: ['sync', 'admin'],
    description: 'Sends dead letters (all up to `limit`, or the listed ones) back to their queue in order per dossier; the consumer applies each once. The same as `npm run job -- sync:dlq --replay`.',
    request: { body: ReplayBody },
    responses: { 200: { description: 'What was replayed', schema: ReplayResult } },
  }),
} as const;
