// Validation of catalogue writes (pure): each catalogue's entry schema and key-field rule, which
// catalogues have parents, and the referential checks of a procedure against the shared catalogues.
import {
  Agency, CATALOGUE_ENTRY, Procedure, type CatalogueName, type Level,
} from '../../../shared/contracts/catalogue';
import { badRequest, type ErrorDetail } from '../../../shared/errors/domain-error';
import type { z } from 'zod';
import type { AgencyRef } from './search-model';

/** Catalogues whose entries have a parent (`?parent=` and the byParent index). */
export const PARENTED: ReadonlySet<CatalogueName> = new Set<CatalogueName>(['agencies', 'administrative-units']);

/** The field an entry's id must equal: its code (lookups by code are lookups by id), a holiday's date. */
export const keyFieldOf = (name: CatalogueName): 'code' | 'date' => (name === 'holidays' ? 'date' : 'code');

export const issuesToDetails = (where: string, issues: readonly z.core.$ZodIssue[]): ErrorDetail[] =>
  issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));

export type Entry = { id: string } & Record<string, unknown>;

/** Field problems of an entry for catalogue `name` (empty when valid), paths prefixed with `where`. */
export const entryProblems = (name: CatalogueName, value: unknown, where = 'body'): { entry?: Entry; details: ErrorDetail[] } => {
  const parsed = CATALOGUE_ENTRY[name].safeParse(value);
  if (!parsed.success) return { details: issuesToDetails(where, parsed.error.issues) };
  const entry = parsed.data as Entry;
  const details: ErrorDetail[] = [];
  const key = keyFieldOf(name);
  if (entry[key] !== entry.id) details.push({ path: `${where}.${key}`, message: `must equal the id (${entry.id})` });
  if (name === 'holidays' && typeof entry.date === 'string' && entry.year !== Number(entry.date.slice(0, 4))) {
    details.push({ path: `${where}.year`, message: 'must be the year of the date' });
  }
  return { entry, details };
};

/** Validates `PUT /v1/catalogues/{name}/{id}`: 400 with field paths, the id in the body must be the path id. */
export const validateEntry = (name: CatalogueName, id: string, body: unknown): Entry => {
  const { entry, details } = entryProblems(name, body);
  if (!entry) throw badRequest('VALIDATION_FAILED', `The entry is not a valid ${name} entry`, details);
  if (entry.id !== id) {
    throw badRequest('ID_MISMATCH', 'The id in the body must equal the id in the path', [
      { path: 'body.id', message: `expected ${id}` },
    ]);
  }
  if (details.length) throw badRequest('VALIDATION_FAILED', `The entry is not a valid ${name} entry`, details);
  return entry;
};

export const procedureProblems = (value: unknown, where = 'body'): { procedure?: Procedure; details: ErrorDetail[] } => {
  const parsed = Procedure.safeParse(value);
  return parsed.success ? { procedure: parsed.data, details: [] } : { details: issuesToDetails(where, parsed.error.issues) };
};

/** The shared catalogues a procedure refers to. */
export const REFERENCED_CATALOGUES = ['sectors', 'revenue-items', 'result-types', 'agencies'] as const;
export type ReferencedCatalogue = (typeof REFERENCED_CATALOGUES)[number];

/** Codes a procedure refers to, per shared catalogue (each code once). */
export const procedureReferences = (p: Procedure): Record<ReferencedCatalogue, string[]> => ({
  sectors: [p.sectorCode],
  'revenue-items': [...new Set(p.fees.map((f) => f.revenueItemCode))],
  'result-types': [...new Set(p.resultTypes)],
  agencies: [...new Set(p.ministryCodes ?? [])],
});

/**
 * Field paths of references that do not resolve; `find` answers the entry of a catalogue by code
 * (undefined when there is none). Ministry codes must name central agencies.
 */
export const referenceProblems = (
  p: Procedure,
  find: (name: ReferencedCatalogue, code: string) => CatalogueEntryLike | undefined,
  where = 'body',
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  if (!find('sectors', p.sectorCode)) {
    details.push({ path: `${where}.sectorCode`, message: `no sector ${p.sectorCode} in the sectors catalogue` });
  }
  p.fees.forEach((f, i) => {
    if (!find('revenue-items', f.revenueItemCode)) {
      details.push({ path: `${where}.fees.${i}.revenueItemCode`, message: `no revenue item ${f.revenueItemCode} in the revenue-items catalogue` });
    }
  });
  p.resultTypes.forEach((code, i) => {
    if (!find('result-types', code)) {
      details.push({ path: `${where}.resultTypes.${i}`, message: `no result type ${code} in the result-types catalogue` });
    }
  });
  (p.ministryCodes ?? []).forEach((code, i) => {
    const agency = find('agencies', code);
    if (!agency) details.push({ path: `${where}.ministryCodes.${i}`, message: `no agency ${code} in the agencies catalogue` });
    else if (agency.level !== 'central') details.push({ path: `${where}.ministryCodes.${i}`, message: `${code} is not a central agency` });
  });
  return details;
};

type CatalogueEntryLike = { id: string } & Record<string, unknown>;

/** The agency filter's view of an agencies entry, or undefined if it is not a valid agency. */
export const toAgencyRef = (entry: unknown): AgencyRef | undefined => {
  const parsed = Agency.safeParse(entry);
  if (!parsed.success) return undefined;
  return { code: parsed.data.code, level: parsed.data.level as Level, parentCode: parsed.data.parentCode };
};
