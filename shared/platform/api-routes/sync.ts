// The routes of the `sync` function (docs/requirements.md R-SYNC-INBOUND); shared/platform/routes.ts merges every group.
import {
  SyncAccepted, SyncDossiersBody, SyncOutboxPage, SyncOutboxQuery, SyncStatusesBatch, SyncStatusesBody, SystemHealth,
} from '../../contracts/sync';
import { Qcvn120Answer, Qcvn120BadRequest, Qcvn120Body, Qcvn120Refusal } from '../../contracts/qcvn120';
import { Qcvn120ShareAnswer } from '../../contracts/qcvn120-share';
import { AGENCY_CATALOGUE_READ, AGENCY_SYSTEM, AGENCY_SYSTEM_READ, defineRoute } from './rules';

export const syncRoutes = {
  syncStatuses: defineRoute({
    id: 'syncStatuses', method: 'POST', path: '/v1/sync/statuses', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'Send status events', tags: ['sync'],
    description: 'Up to 100 status events of dossiers of the system\'s agencies, applied in order per dossier and deduplicated by `eventId`. Each item is validated on its own (shape, status code 1–10, the dossier\'s agency within the system\'s): a bad item is refused in the 202 answer with its errors, the others are queued; only a malformed batch is a 400 (docs/sync.md).',
    request: { body: SyncStatusesBody },
    documentedBody: async () => SyncStatusesBatch,
    responses: { 202: { description: 'Which items were queued and which were refused, and why', schema: SyncAccepted } },
  }),
  syncDossiers: defineRoute({
    id: 'syncDossiers', method: 'POST', path: '/v1/sync/dossiers', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'Send dossiers of record', tags: ['sync'],
    description: 'Up to 100 dossiers received at an agency\'s desk or by post, with their history, keyed by dossier code: created as dossiers of record, or applied as a status event when sent again. Each item is validated on its own (shape, the procedure at that agency for that applicant and channel, a history the transitions allow, ≤ 24 KiB): a bad item is refused in the 202 answer with its errors, the others are queued; only a malformed batch is a 400 (docs/sync.md).',
    request: { body: SyncDossiersBody },
    // The upsert schema stays out of the sync API's cold start (the handler loads it with the first batch).
    documentedBody: async () => (await import('../../contracts/sync-dossiers')).SyncDossiersBatch,
    responses: { 202: { description: 'Which items were queued and which were refused, and why', schema: SyncAccepted } },
  }),
  qcvn120Sync: defineRoute({
    id: 'qcvn120Sync', method: 'POST', path: '/v1/qcvn120/sync', fn: 'sync', auth: AGENCY_SYSTEM,
    summary: 'Send a QCVN 120 packet', tags: ['sync'],
    description: 'A packet of the national standard QCVN 120:2019/BTTTT (docs/requirements.md R-QCVN120): `service` `DongBoHoSoMC` (up to 100 dossiers received at the desk or by post) or `CapNhatTienDoHoSoMC` (up to 100 progress steps). Each item is translated into the dossier upsert or status event of `/v1/sync/dossiers` and `/v1/sync/statuses` and handled exactly as they handle it (docs/sync.md "QCVN 120 packets"). 202 with the standard\'s answer: `error_code` "00" every item queued, "01" some refused (each item\'s `errors` name the standard\'s fields; `notKept` the fields the portal does not keep yet). A body that is not such a packet is a 400 with `error_code` "99", its reason, and the error envelope. Signed like every agency-system route, or with a client-credentials token carrying dvc/sync.write.',
    request: { body: Qcvn120Body },
    // The route takes any JSON so that a bad packet gets the standard's refusal, not the generic 400.
    documentedBody: async () => (await import('../../contracts/qcvn120')).Qcvn120Packet,
    responses: {
      202: { description: 'Which items were queued and which were refused, and why, in the standard\'s answer', schema: Qcvn120Answer },
      400: { description: 'Not a QCVN 120 packet: `error_code` "99", the reason, and the error envelope inside; a body that is not JSON at all gets the error envelope alone', schema: Qcvn120BadRequest },
    },
  }),
  qcvn120Share: defineRoute({
    id: 'qcvn120Share', method: 'POST', path: '/v1/qcvn120/share', fn: 'sync', auth: AGENCY_CATALOGUE_READ,
    summary: 'QCVN 120 sharing services', tags: ['sync'],
    description: 'The sharing services of the national standard QCVN 120:2019/BTTTT (docs/requirements.md R-QCVN120), by `service`: `LayDanhSachTTHC` a page of the procedure catalogue (`cursor`, `limit` ≤ 500: the portal pages the standard\'s list), `LayThuTuc` one procedure (`maTTHC`), `TraCuuHoSo` one dossier of the system\'s agencies by its code (`MaHoSo`), in the shape of a `DongBoHoSoMC` item (docs/sync.md "QCVN 120 sharing services"). 200 with `error_code` "00" and `result`; a request that is not one of them is a 400, an unknown procedure or a dossier that does not exist or is not of the system\'s agencies a 404, both with `error_code` "99" and the error envelope. Signed like every agency-system route, or with a client-credentials token carrying dvc/catalogue.read.',
    request: { body: Qcvn120Body },
    // The route takes any JSON object so that a bad request gets the standard's refusal, not the generic 400.
    documentedBody: async () => (await import('../../contracts/qcvn120-share')).Qcvn120ShareRequest,
    responses: {
      200: { description: 'The list page, the procedure or the dossier, in the standard\'s fields', schema: Qcvn120ShareAnswer },
      400: { description: 'Not a request of the sharing services (or a cursor it did not return): `error_code` "99", the reason, and the error envelope inside; a body that is not JSON at all gets the error envelope alone', schema: Qcvn120BadRequest },
      404: { description: 'No such procedure, or no such dossier of the system\'s agencies: `error_code` "99" and the error envelope', schema: Qcvn120Refusal },
    },
  }),
  syncOutbox: defineRoute({
    id: 'syncOutbox', method: 'GET', path: '/v1/sync/outbox', fn: 'sync', auth: AGENCY_SYSTEM_READ,
    summary: 'Read my outbox', tags: ['sync'],
    description: 'The dossier events the portal pushes to the calling system (new dossiers, supplements, withdrawals, payments), oldest first, each with its delivery state: the pull alternative to the push (docs/sync.md "Outbound"). Paginated; a cursor of another system is a 400.',
    request: { query: SyncOutboxQuery },
    responses: { 200: { description: 'A page of outbound events', schema: SyncOutboxPage } },
  }),
  syncOwnHealth: defineRoute({
    id: 'syncOwnHealth', method: 'GET', path: '/v1/sync/health/me', fn: 'sync', auth: AGENCY_SYSTEM_READ,
    summary: "The calling system's own sync health",
    description:
      "Inbound statistics and latest errors, outbound backlog and latest deliveries of the calling agency system only " +
      '(the same view an admin gets per system from GET /v1/sync/health). Signed as an agency system; 401 on a bad signature.',
    tags: ['sync'],
    request: {},
    responses: { 200: { description: "The calling system's health", schema: SystemHealth } },
  }),
} as const;
