// The service index definition (docs/requirements.md R-INDEX-DATA, Decision 766/QĐ-TTg) as
// versioned data: the government revises indicators, weights, thresholds and bands, so they live in
// `../definitions/*.json`, validated here, never in code. A period is scored with the definition in
// force for it (the latest `effectiveFrom` not after the period's first month). Pure: no AWS.
import * as z from 'zod';

export const GROUP_CODES = ['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

export const BAND_NAMES = ['excellent', 'good', 'fair', 'average', 'weak'] as const;
export type Band = (typeof BAND_NAMES)[number];

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const IndicatorDef = z.object({
  /** As in the decision, e.g. `2.1`, `3.5b`. */
  code: z.string().min(1).max(20),
  group: z.enum(GROUP_CODES),
  name: z.string().min(1),
  /** Points at full score; 0 for a monitoring-only (display) indicator. */
  max: z.number().min(0).max(100),
  /** Ratio (0–1] at which the indicator earns its full points: score = max × min(1, value ÷ threshold). */
  threshold: z.number().gt(0).max(1),
  /**
   * false: the portal has no data for it (e.g. no personal data store to reuse documents from): it is
   * not applicable for every agency and its points are redistributed like any not-applicable indicator.
   */
  measured: z.boolean(),
  /** Where the maximum comes from: confirmed, derived, or ours (docs/index.md gives the reasoning). */
  maxSource: z.enum(['confirmed', 'derived', 'ours']),
  note: z.string().optional(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

export const IndexDefinition = z.object({
  /** e.g. `766-2022.1`: stored with every result, so a score always says which rules made it. */
  version: z.string().min(1),
  /** The first month this definition scores. */
  effectiveFrom: Month,
  title: z.string().min(1),
  basis: z.string().min(1),
  groups: z.array(z.object({ code: z.enum(GROUP_CODES), name: z.string().min(1), max: z.number().min(0).max(100) })).length(GROUP_CODES.length),
  indicators: z.array(IndicatorDef).min(1),
  /** Descending `min` totals; the first one a total reaches names its band. */
  bands: z.array(z.object({ band: z.enum(BAND_NAMES), min: z.number().min(0).max(100) })).min(1),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;
