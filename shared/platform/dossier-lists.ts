// The projection of the dossiers table's work-queue lists (shared/platform/tables.ts), declared apart
// so that the dossiers capability can type its list entries from it.
/**
 * What an agency's work-queue lists hold of a dossier (the indexes byAgencyQueueList and
 * byAgencyStatusList): what the list summary shows, filters on, and judges "late" by
 * (functions/dossiers/use-cases/views.ts `summaries`, domain/late.ts), and what the deadline job
 * reads (domain/deadlines.ts). The dossiers capability types its list entries from this array.
 */
export const DOSSIER_LIST_ATTRIBUTES = [
  'id', 'code', 'procedureCode', 'procedureName', 'agencyCode', 'status', 'version', 'createdAt', 'submittedAt',
  'dueAt', 'finishedAt', 'pausedAt', 'apologies',
] as const;
