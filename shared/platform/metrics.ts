// Custom metrics the functions publish (CloudWatch embedded metric format: a structured log line
// carries the value; no API call) and the alarms stack watches. One declaration for both.

/**
 * Stored records a reader found corrupt (not the shape the contract says was written) and skipped,
 * so one bad record never fails a public aggregate (the index, statistics, catalogue search).
 * Dimension `service`: the function's name (POWERTOOLS_SERVICE_NAME), one alarm per function.
 */
export const CORRUPT_RECORDS_METRIC = {
  namespace: 'dvc-portal',
  name: 'CorruptRecordsSkipped',
  dimension: 'service',
} as const;
