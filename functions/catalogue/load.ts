// Bulk loading of the catalogue (local runtime seeding, tests): validates everything first, writes
// shared catalogues and procedures with BatchWriteItem, bumps the catalogue version once, then
// builds the search index from the table and writes its snapshot.
import { CATALOGUE_NAMES, type CatalogueName, type Procedure } from '../../shared/contracts/catalogue';
import type { ErrorDetail } from '../../shared/errors/domain-error';
import type { CatalogueEntry, CatalogueStore } from './adapters/catalogue-store';
import type { SnapshotStore } from './adapters/search-snapshot';
import { entryProblems, procedureProblems, REFERENCED_CATALOGUES, referenceProblems } from './domain/validation';
import { buildIndexFromStore } from './index-cache';

export interface CatalogueData {
  procedures: readonly unknown[];
  /** Entries per shared catalogue (holidays: computed by domain/holidays.ts `holidaysFor`). */
  catalogues: Partial<Record<CatalogueName, readonly unknown[]>>;
}

export interface LoadOptions {
  /** Where to write the search snapshot; omitted: no snapshot. */
  snapshots?: SnapshotStore;
  /**
   * Check that every procedure's sector, revenue items, result types and ministries exist among
   * the loaded entries (or, for catalogues not in `data`, in the store). Default true.
   */
  checkReferences?: boolean;
}

export interface LoadReport {
  procedures: number;
  entries: Partial<Record<CatalogueName, number>>;
  version: number;
  snapshotBytes?: number;
  indexedProcedures: number;
}

export class CatalogueDataError extends Error {
  constructor(readonly problems: ErrorDetail[]) {
    super(
      `Catalogue data is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`).join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
    this.name = 'CatalogueDataError';
  }
}

export const loadCatalogue = async (store: CatalogueStore, data: CatalogueData, options: LoadOptions = {}): Promise<LoadReport> => {
  const problems: ErrorDetail[] = [];
  const entries = new Map<CatalogueName, CatalogueEntry[]>();
  for (const [name, list] of Object.entries(data.catalogues) as [CatalogueName, readonly unknown[]][]) {
    if (!CATALOGUE_NAMES.includes(name)) {
      problems.push({ path: `catalogues.${name}`, message: 'unknown catalogue' });
      continue;
    }
    const ids = new Set<string>();
    const valid: CatalogueEntry[] = [];
    list.forEach((value, i) => {
      const { entry, details } = entryProblems(name, value, `${name}.${i}`);
      problems.push(...details);
      if (!entry || details.length) return;
      if (ids.has(entry.id)) problems.push({ path: `${name}.${i}.id`, message: `duplicate id ${entry.id}` });
      ids.add(entry.id);
      valid.push(entry);
    });
    entries.set(name, valid);
  }

  const procedures: Procedure[] = [];
  const positions: number[] = [];
  const codes = new Set<string>();
  data.procedures.forEach((value, i) => {
    const { procedure, details } = procedureProblems(value, `procedures.${i}`);
    problems.push(...details);
    if (!procedure) return;
    if (codes.has(procedure.code)) problems.push({ path: `procedures.${i}.code`, message: `duplicate code ${procedure.code}` });
    codes.add(procedure.code);
    procedures.push(procedure);
    positions.push(i);
  });

  if (options.checkReferences !== false) {
    const known = new Map<string, Map<string, CatalogueEntry>>();
    for (const name of REFERENCED_CATALOGUES) {
      const list = entries.get(name) ?? await allEntries(store, name);
      known.set(name, new Map(list.map((e) => [e.id, e])));
    }
    procedures.forEach((p, i) => {
      problems.push(...referenceProblems(p, (name, code) => known.get(name)!.get(code), `procedures.${positions[i]}`));
    });
  }
  if (problems.length) throw new CatalogueDataError(problems);

  await Promise.all([
    ...[...entries].map(([name, list]) => store.batchPutEntries(name, list)),
    store.batchPutProcedures(procedures),
  ]);
  await store.bumpCatalogueVersion();

  const version = await store.getCatalogueVersion();
  const index = await buildIndexFromStore(store, version);
  const report: LoadReport = {
    procedures: procedures.length,
    entries: Object.fromEntries([...entries].map(([n, l]) => [n, l.length])),
    version,
    indexedProcedures: index.size,
  };
  if (options.snapshots) report.snapshotBytes = (await options.snapshots.save(index.toSnapshot())).bytes;
  return report;
};

const allEntries = async (store: CatalogueStore, name: CatalogueName): Promise<CatalogueEntry[]> => {
  const out: CatalogueEntry[] = [];
  let after: string | undefined;
  do {
    const page = await store.listEntries(name, { limit: 1000, after });
    out.push(...page.items);
    after = page.last ?? undefined;
  } while (after);
  return out;
};
