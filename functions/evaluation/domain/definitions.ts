// The index definitions in force over time (docs/index.md): each `../definitions/*.json` file is
// parsed with the schema and checked for the consistency the schema alone cannot express (maxima
// adding up, unique codes, ordered bands) when this module loads, so a broken revision fails the
// build's tests and the function's cold start instead of scoring agencies wrongly. Pure: no AWS.
import def766 from '../definitions/766-2022.json';
import { GROUP_CODES, IndexDefinition } from './definition';

/** The index is out of 100 points (docs/requirements.md R-INDEX-GROUPS). */
export const TOTAL_MAX = 100;

// Maxima are small decimals at most (e.g. 4.5); a tolerance keeps a sum like 0.1 + 0.2 from failing.
const EPSILON = 1e-9;
const same = (a: number, b: number) => Math.abs(a - b) < EPSILON;

/**
 * Every problem with a candidate definition, as readable lines; empty when it is valid. Schema
 * errors come first and stop there (the consistency checks need a well-formed definition).
 */
export function validateDefinition(input: unknown): string[] {
  const parsed = IndexDefinition.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const def = parsed.data;
  const problems: string[] = [];

  const groupMax = new Map<string, number>();
  for (const g of def.groups) {
    if (groupMax.has(g.code)) problems.push(`group ${g.code} is declared more than once`);
    groupMax.set(g.code, g.max);
  }
  for (const code of GROUP_CODES) {
    if (!groupMax.has(code)) problems.push(`group ${code} is not declared`);
  }
  const groupSum = def.groups.reduce((s, g) => s + g.max, 0);
  if (!same(groupSum, TOTAL_MAX)) problems.push(`group maxima sum to ${groupSum}, not ${TOTAL_MAX}`);

  const codes = new Set<string>();
  const indicatorSum = new Map<string, number>();
  for (const ind of def.indicators) {
    if (codes.has(ind.code)) problems.push(`indicator ${ind.code} is defined more than once`);
    codes.add(ind.code);
    if (!groupMax.has(ind.group)) problems.push(`indicator ${ind.code} is in group ${ind.group}, which is not declared`);
    indicatorSum.set(ind.group, (indicatorSum.get(ind.group) ?? 0) + ind.max);
  }
  for (const [code, max] of groupMax) {
    const sum = indicatorSum.get(code) ?? 0;
    if (!same(sum, max)) problems.push(`indicators of group ${code} sum to ${sum}, not its max ${max}`);
  }

  const bandNames = new Set<string>();
  def.bands.forEach((b, i) => {
    if (bandNames.has(b.band)) problems.push(`band ${b.band} is listed more than once`);
    bandNames.add(b.band);
    const prev = def.bands[i - 1];
    if (prev && !(b.min < prev.min)) problems.push(`bands are not strictly descending: ${b.band} (${b.min}) after ${prev.band} (${prev.min})`);
  });
  const last = def.bands[def.bands.length - 1];
  // Without a band at 0 some totals would have no band at all.
  if (last && last.min !== 0) problems.push(`the last band (${last.band}) must start at 0, not ${last.min}`);

  return problems;
}

/** Parses and checks every definition; sorted by effectiveFrom. Throws listing all problems. */
export function loadDefinitions(inputs: readonly unknown[]): IndexDefinition[] {
  const defs = inputs.map((input, i) => {
    const problems = validateDefinition(input);
    if (problems.length > 0) {
      const name = (input as { version?: unknown } | null)?.version ?? `#${i}`;
      throw new Error(`index definition ${String(name)} is invalid:\n- ${problems.join('\n- ')}`);
    }
    return IndexDefinition.parse(input);
  });
  defs.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (let i = 1; i < defs.length; i++) {
    const [prev, cur] = [defs[i - 1]!, defs[i]!];
    // Two definitions from the same month would make the one in force depend on file order.
    if (prev.effectiveFrom === cur.effectiveFrom) throw new Error(`index definitions ${prev.version} and ${cur.version} are both effective from ${cur.effectiveFrom}`);
  }
  const versions = new Set(defs.map((d) => d.version));
  if (versions.size !== defs.length) throw new Error('index definition versions are not unique');
  return defs;
}

/** Every definition, oldest first. A revision is a new JSON file with a later effectiveFrom, added here. */
export const definitions: readonly IndexDefinition[] = Object.freeze(loadDefinitions([def766]));

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** The first month (`YYYY-MM`) of a period `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
export function firstMonthOf(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`invalid period "${period}": expected YYYY-MM, YYYY-Qn or YYYY`);
  const [, year, month, quarter] = m;
  if (month) return `${year}-${month}`;
  if (quarter) return `${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}`;
  return `${year}-01`;
}

/**
 * The definition that scores a period: the latest effectiveFrom not after the period's first month,
 * so a period keeps its rules when a later revision is added.
 */
export function definitionFor(period: string, from: readonly IndexDefinition[] = definitions): IndexDefinition {
  const month = firstMonthOf(period);
  let found: IndexDefinition | undefined;
  for (const def of from) {
    if (def.effectiveFrom <= month && (!found || def.effectiveFrom > found.effectiveFrom)) found = def;
  }
  if (!found) {
    const earliest = from.map((d) => d.effectiveFrom).sort()[0];
    throw new RangeError(`no index definition in force for period ${period} (starts ${month}; the earliest definition is effective from ${earliest ?? 'never'})`);
  }
  return found;
}
