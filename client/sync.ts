// The items of the agency-system batches, as the OpenAPI document declares them (each item is
// still validated on its own by the portal, so one bad item never refuses the batch: 202 with a
// verdict per item).
import type { paths } from './api-types';

type BatchItem<Path extends '/v1/sync/statuses' | '/v1/sync/dossiers'> =
  paths[Path]['post']['requestBody']['content']['application/json']['items'][number];

/** One item of POST /v1/sync/statuses. */
export type StatusEvent = BatchItem<'/v1/sync/statuses'>;
/** One item of POST /v1/sync/dossiers. */
export type DossierUpsert = BatchItem<'/v1/sync/dossiers'>;
