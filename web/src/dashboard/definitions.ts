// What the dashboard needs from the index definitions (docs/index.md) that the API's answers do not
// carry: each indicator's full-score threshold and whether the portal measures it at all, the group
// maxima, the bands, and the first month any definition scores. Read from the very JSON files the
// evaluation capability scores with (no schema library at run time: the capability validates them;
// test/web/dashboard-model.test.ts checks this list names every file).
import def766 from '../../../functions/evaluation/definitions/766-2022.json';

export const GROUP_CODES = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];
export type Band = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

export interface IndicatorDefinition {
  code: string;
  group: string;
  name: string;
  max: number;
  threshold: number;
  measured: boolean;
}

export interface DefinitionData {
  version: string;
  effectiveFrom: string;
  groups: { code: string; name: string; max: number }[];
  indicators: IndicatorDefinition[];
  bands: { band: string; min: number }[];
}

/** Every definition, oldest first. Add a revision's file here when it is added to the capability. */
export const DEFINITIONS: readonly DefinitionData[] = [def766 as DefinitionData];

export const definitionByVersion = (version: string | undefined): DefinitionData | undefined =>
  DEFINITIONS.find((d) => d.version === version);

/** The definition in force for a period's first month (the capability's rule). */
export const definitionForMonth = (month: string): DefinitionData | undefined =>
  [...DEFINITIONS].filter((d) => d.effectiveFrom <= month).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];

/** No period that begins before this month can be scored. */
export const EARLIEST_PERIOD_MONTH = DEFINITIONS.map((d) => d.effectiveFrom).sort()[0]!;

/** The indicator as a definition declares it (its threshold, whether measured), if known. */
export const indicatorDefinition = (version: string | undefined, code: string): IndicatorDefinition | undefined =>
  definitionByVersion(version)?.indicators.find((i) => i.code === code);
