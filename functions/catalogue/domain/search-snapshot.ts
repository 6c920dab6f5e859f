// The search index snapshot format (pure): what a cold function loads instead of reading and
// tokenising every procedure again (adapters/search-snapshot.ts keeps it in S3). Procedures are
// compact tuples whose tokens are ids into one sorted dictionary, so a load needs no tokenising.
// `format` names the layout: a change to it gets a new name, and a snapshot of another format is
// refused (the caller then rebuilds from the table). `version` is the catalogue version it holds.
import type { Level } from '../../../shared/contracts/catalogue';
import { LEVELS, ONLINE_LEVELS, type AgencyRef, type OnlineLevel, type SearchDoc } from './search-model';

export const SNAPSHOT_FORMAT = 'dvc-procedure-index/1';

type FeeTuple = [code: string, name: string, amount: number, kind: 'fee' | 'charge', revenueItemCode: string];
export type SnapshotDoc = [
  code: string, name: string, level: Level, sectorCode: string, onlineService: OnlineLevel,
  timeValue: number, timeUnit: 'working_day' | 'working_hour' | 'day', fees: FeeTuple[],
  agencyKinds: Level[], ministryCodes: string[] | null, nameTokenIds: number[], codeTokenIds: number[],
];
const SNAPSHOT_DOC_LENGTH = 12;

export interface IndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  builtAt: string;
  tokens: string[];
  docs: SnapshotDoc[];
  agencies: [code: string, level: Level, parentCode: string | null][];
}

/**
 * One procedure as the index holds it: what filters and ranking read, plus the full record, built
 * on first use from the snapshot tuple after a load (most procedures are never shown).
 */
export interface IndexedProcedure {
  code: string;
  name: string;
  level: Level;
  sectorCode: string;
  onlineService: OnlineLevel;
  agencyKinds: Level[];
  ministryCodes: string[] | null;
  /** Token ids into the index dictionary: the name's in order, and the code's. */
  nameTokenIds: number[];
  codeTokenIds: number[];
  doc?: SearchDoc;
  snapshotDoc?: SnapshotDoc;
}

export const searchDocOf = (procedure: IndexedProcedure): SearchDoc => {
  if (procedure.doc) return procedure.doc;
  const [code, name, level, sectorCode, onlineService, timeValue, timeUnit, fees, agencyKinds, ministryCodes] =
    procedure.snapshotDoc!;
  procedure.doc = {
    code, name, level, sectorCode, onlineService,
    processingTime: { value: timeValue, unit: timeUnit },
    fees: fees.map(([feeCode, feeName, amount, kind, revenueItemCode]) => ({ code: feeCode, name: feeName, amount, kind, revenueItemCode })),
    agencyKinds,
    ...(ministryCodes ? { ministryCodes } : {}),
  };
  return procedure.doc;
};

const snapshotDocOf = (procedure: IndexedProcedure): SnapshotDoc => {
  if (procedure.snapshotDoc) return procedure.snapshotDoc;
  const doc = searchDocOf(procedure);
  return [
    doc.code, doc.name, doc.level, doc.sectorCode, doc.onlineService, doc.processingTime.value, doc.processingTime.unit,
    doc.fees.map((fee): FeeTuple => [fee.code, fee.name, fee.amount, fee.kind, fee.revenueItemCode]),
    doc.agencyKinds, doc.ministryCodes ?? null, procedure.nameTokenIds, procedure.codeTokenIds,
  ];
};

/** An index's contents, as the snapshot carries them. `dictionary` is sorted and unique. */
export interface SnapshotContents {
  version: number;
  dictionary: readonly string[];
  procedures: IndexedProcedure[];
  agencies: AgencyRef[];
}

export const writeSnapshot = (contents: SnapshotContents, builtAt: string): IndexSnapshot => ({
  format: SNAPSHOT_FORMAT,
  version: contents.version,
  builtAt,
  tokens: [...contents.dictionary],
  docs: contents.procedures.map(snapshotDocOf),
  agencies: contents.agencies.map((agency) => [agency.code, agency.level, agency.parentCode]),
});

const invalid = (why: string): never => {
  throw new Error(`Invalid search index snapshot: ${why}`);
};

/** Checks and unpacks a snapshot written by `writeSnapshot`; throws on anything malformed. */
export const readSnapshot = (input: unknown): SnapshotContents => {
  const snapshot = input as IndexSnapshot;
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.format !== SNAPSHOT_FORMAT) invalid('unknown format');
  if (!Number.isSafeInteger(snapshot.version) || !Array.isArray(snapshot.tokens) || !Array.isArray(snapshot.docs) ||
      !Array.isArray(snapshot.agencies)) {
    invalid('missing parts');
  }
  const dictionary = snapshot.tokens;
  for (let i = 0; i < dictionary.length; i++) {
    // Prefix search relies on the order, so it is checked, not trusted.
    if (typeof dictionary[i] !== 'string' || (i > 0 && !(dictionary[i - 1]! < dictionary[i]!))) invalid('dictionary not sorted');
  }
  const validTokenIds = (ids: unknown): number[] => {
    if (!Array.isArray(ids)) return invalid('bad token ids');
    for (const id of ids) if (!(Number.isInteger(id) && id >= 0 && id < dictionary.length)) invalid('bad token id');
    return ids as number[];
  };
  const seenCodes = new Set<string>();
  const procedures = snapshot.docs.map((row): IndexedProcedure => {
    if (!Array.isArray(row) || row.length !== SNAPSHOT_DOC_LENGTH) invalid('bad document');
    const [code, name, level, sectorCode, onlineService, timeValue, timeUnit, fees, agencyKinds, ministryCodes] = row;
    if (typeof code !== 'string' || typeof name !== 'string' || typeof sectorCode !== 'string' || seenCodes.has(code)) {
      invalid('bad code, name or sector');
    }
    if (!LEVELS.includes(level) || !ONLINE_LEVELS.includes(onlineService) || typeof timeValue !== 'number' ||
        typeof timeUnit !== 'string' || !Array.isArray(fees) || !Array.isArray(agencyKinds) ||
        !agencyKinds.every((kind) => LEVELS.includes(kind)) || !(ministryCodes === null || Array.isArray(ministryCodes))) {
      invalid(`bad fields of ${code}`);
    }
    seenCodes.add(code);
    return {
      code, name, level, sectorCode, onlineService, agencyKinds, ministryCodes,
      nameTokenIds: validTokenIds(row[10]), codeTokenIds: validTokenIds(row[11]), snapshotDoc: row,
    };
  });
  const agencies = snapshot.agencies.map(([code, level, parentCode]): AgencyRef => {
    if (typeof code !== 'string' || !LEVELS.includes(level)) invalid('bad agency');
    return { code, level, parentCode };
  });
  return { version: snapshot.version, dictionary, procedures, agencies };
};
