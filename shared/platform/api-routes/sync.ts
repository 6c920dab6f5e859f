// The routes of the `sync` function (SPEC §2, agency systems); shared/platform/routes.ts merges every group.
import { SyncAccepted, SyncDossiersBody, SyncOutboxPage, SyncOutboxQuery, SyncStatusesBody, SystemHealth } from '../../contracts/sync';
import { AGENCY_SYSTEM, defineRoute } from './rules';

export const syncRoutes = {
  syncStatuses: defineRoute({
    id: 'syncStatuses', method: 'POST', path: '/v1/sync/statuses', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'Status events of dossiers from an agency system (≤ 100; per-item results; applied in order per dossier)',
    tags: ['sync'],
    request: { body: SyncStatusesBody },
    responses: { 202: { description: 'Which items were queued and which were refused, and why', schema: SyncAccepted } },
  }),
  syncDossiers: defineRoute({
    id: 'syncDossiers', method: 'POST', path: '/v1/sync/dossiers', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'Dossiers received at an agency\'s desk or by post, with their history (≤ 100 upserts keyed by code; per-item results)',
    tags: ['sync'],
    request: { body: SyncDossiersBody },
    responses: { 202: { description: 'Which items were queued and which were refused, and why', schema: SyncAccepted } },
  }),
  syncOutbox: defineRoute({
    id: 'syncOutbox', method: 'GET', path: '/v1/sync/outbox', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'The calling system\'s outbox: the dossier events pushed to it, oldest first, each with its delivery state (the pull alternative)',
    tags: ['sync'],
    request: { query: SyncOutboxQuery },
    responses: { 200: { description: 'A page of outbound events', schema: SyncOutboxPage } },
  }),
  syncOwnHealth: defineRoute({
    id: 'syncOwnHealth', method: 'GET', path: '/v1/sync/health/me', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: "The calling system's own sync health: inbound statistics and latest errors, outbound backlog and deliveries",
    tags: ['sync'],
    request: {},
    responses: { 200: { description: "The calling system's health", schema: SystemHealth } },
  }),
} as const;
