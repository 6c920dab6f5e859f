// The items of the agency-system batches. The document declares `items` loosely (each item is
// validated on its own, so one bad item never refuses the batch: 202 with a verdict per item);
// these are their exact shapes, from the zod contracts the portal validates them with.
import type * as z from 'zod';
import type { StatusEventIn } from '../shared/contracts/sync';
import type { DossierUpsertIn } from '../shared/contracts/sync-dossiers';

/** One item of POST /v1/sync/statuses. */
export type StatusEvent = z.input<typeof StatusEventIn>;
/** One item of POST /v1/sync/dossiers. */
export type DossierUpsert = z.input<typeof DossierUpsertIn>;
