// What procedure search works on (pure): the record the index keeps per procedure, the agencies the
// agency filter resolves against, a query and a page of results. Shared by the index
// (search-index.ts), its snapshot format (search-snapshot.ts) and its cursors (search-cursor.ts).
import type { Level, ProcedureSummary } from '../../../shared/contracts/catalogue';

export type OnlineLevel = 'full' | 'partial' | 'none';

/** What the index keeps per procedure: the list summary plus what the agency filter needs. */
export interface SearchDoc extends ProcedureSummary {
  agencyKinds: Level[];
  ministryCodes?: string[];
}

/** An agency as the agency filter sees it. */
export interface AgencyRef {
  code: string;
  level: Level;
  parentCode: string | null;
}

export interface SearchParams {
  q?: string;
  sector?: string;
  /** An agency code; resolved against the agencies the index holds. */
  agency?: string;
  level?: Level;
  online?: 'full' | 'partial';
  limit: number;
  cursor?: string;
}

export interface SearchPage {
  items: ProcedureSummary[];
  nextCursor: string | null;
}

/** The filter values in a fixed order: the index and the snapshot store each as its position. */
export const LEVELS: readonly Level[] = ['central', 'province', 'commune'];
export const ONLINE_LEVELS: readonly OnlineLevel[] = ['full', 'partial', 'none'];

/** UTF-16 code-unit order, not locale order: ties and code listings must not depend on the runtime's locale. */
export const compareCodeUnits = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

export const summaryOf = (doc: SearchDoc): ProcedureSummary => ({
  code: doc.code, name: doc.name, level: doc.level, sectorCode: doc.sectorCode,
  onlineService: doc.onlineService, processingTime: doc.processingTime, fees: doc.fees,
});

/** Picks the indexed fields from a full procedure record. */
export const toSearchDoc = (procedure: SearchDoc): SearchDoc => ({
  ...summaryOf(procedure),
  agencyKinds: procedure.agencyKinds,
  ...(procedure.ministryCodes ? { ministryCodes: procedure.ministryCodes } : {}),
});

/**
 * The agency filter: a procedure matches when its agencyKinds include `level` and, for a central
 * agency, one of its ministryCodes is in `codes`.
 */
export interface AgencyFilter {
  level: Level;
  /** For central agencies: the agency and its central ancestors (a department reaches its ministry's procedures). */
  codes?: ReadonlySet<string>;
}

/** Agency chains above this depth are data errors; stopping keeps a bad record from looping. */
const MAX_AGENCY_DEPTH = 8;

/** `null` when the agency is unknown: the filter then matches nothing. */
export const resolveAgency = (code: string, lookup: (code: string) => AgencyRef | undefined): AgencyFilter | null => {
  const agency = lookup(code);
  if (!agency) return null;
  if (agency.level !== 'central') return { level: agency.level };
  const codes = new Set<string>([agency.code]);
  let parentCode = agency.parentCode;
  for (let depth = 0; parentCode && depth < MAX_AGENCY_DEPTH && !codes.has(parentCode); depth++) {
    const parent = lookup(parentCode);
    if (parent?.level !== 'central') break;
    codes.add(parent.code);
    parentCode = parent.parentCode;
  }
  return { level: 'central', codes };
};
