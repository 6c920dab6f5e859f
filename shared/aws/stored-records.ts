// Defensive reading of stored records: a reader that aggregates many records (the service index,
// statistics, the catalogue search index) checks each against its contract, and a record that
// fails is reported — one structured log line with the record's kind and key and the failing
// field paths (never its values: they may be personal data), which is also an EMF document that
// counts CORRUPT_RECORDS_METRIC — and skipped, so one bad record never fails the whole answer.
import type * as z from 'zod';
import { logger } from '../http/logger';
import { CORRUPT_RECORDS_METRIC as METRIC } from '../platform/metrics';

export interface CorruptRecord {
  /** What was read, e.g. `procedure`. */
  kind: string;
  /** Its key, e.g. the procedure code (never personal data). */
  key: string;
  /** The failing field paths, or why it could not be used. */
  problems: string[];
}

/** One log line that is also an embedded-metric document (CloudWatch extracts the count). */
export const reportCorruptRecord = (reader: string, record: CorruptRecord): void => {
  logger.warn('Corrupt record skipped', {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: METRIC.namespace, Dimensions: [[METRIC.dimension]], Metrics: [{ Name: METRIC.name, Unit: 'Count' }] }],
    },
    [METRIC.name]: 1,
    reader,
    record,
  });
};

/** Field paths of zod issues (`legalBasis.0.effectiveAt`), without the values. */
export const issuePaths = (issues: readonly z.core.$ZodIssue[]): string[] =>
  [...new Set(issues.map((i) => (i.path.length ? i.path.map(String).join('.') : '(record)')))];

const keyOf = (record: unknown, field: string): string => {
  const value = (record as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '(no key)';
};

/**
 * The records that satisfy `schema` (parsed), reporting and skipping the others. `keyField` names
 * the attribute that identifies a record in the report.
 */
export const validRecords = <S extends z.ZodType>(
  records: readonly unknown[],
  schema: S,
  options: { reader: string; kind: string; keyField: string },
): z.output<S>[] => {
  const out: z.output<S>[] = [];
  for (const record of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) out.push(parsed.data);
    else reportCorruptRecord(options.reader, { kind: options.kind, key: keyOf(record, options.keyField), problems: issuePaths(parsed.error.issues) });
  }
  return out;
};
