// The index arithmetic (docs/requirements.md R-INDEX-SCORE, docs/index.md): an agency's measures
// for a period, scored with the definition in force for that period. Pure and total: no AWS, no
// clock, never a division by zero. Full precision throughout; `round2` is for presentation only, so
// bands and ranks never depend on how a number was rounded on the way.
import { GROUP_CODES, type Band, type GroupCode, type IndexDefinition } from './definition';

export interface Measure {
  numerator: number | null;
  denominator: number | null;
  /** The ratio (0–1) the score comes from; null = not applicable (nothing to measure in the period). */
  value: number | null;
  /** Composite indicators (5.4) show their parts. */
  parts?: { name: string; numerator: number; denominator: number }[];
}
/** By indicator code; absent = not applicable. Codes the definition does not know are ignored. */
export type Measures = Readonly<Record<string, Measure | undefined>>;

export interface IndicatorScore {
  code: string;
  group: GroupCode;
  name: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  score: number;
  /** The definition's maximum. */
  max: number;
  /** The maximum after redistribution within the group: 0 when not applicable or display-only. */
  effectiveMax: number;
  applicable: boolean;
  parts?: Measure['parts'];
}

export interface GroupScore {
  code: GroupCode;
  score: number;
  max: number;
  /** false: no scored indicator of the group could be measured; the total is rescaled without it. */
  applicable: boolean;
}

export interface AgencyScore {
  definitionVersion: string;
  /** 0–100, over the applicable groups only. */
  total: number;
  band: Band;
  /** false: nothing at all was applicable; total 0 means "not scored", and ranking puts it last. */
  applicable: boolean;
  /** Group scores as earned (not rescaled). */
  groups: Record<GroupCode, number>;
  groupDetails: GroupScore[];
  indicators: IndicatorScore[];
}

/** The index is out of 100 points. */
const TOTAL_MAX = 100;

/** A measure's value, checked: the producer computes ratios, so anything outside 0–1 is its bug. */
function checkedValue(code: string, measure: Measure | undefined): number | null {
  const value = measure?.value ?? null;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`indicator ${code}: value ${String(value)} is not a ratio in [0, 1]`);
  }
  return value;
}

export function scoreAgency(definition: IndexDefinition, measures: Measures): AgencyScore {
  const values = new Map<string, number | null>();
  for (const ind of definition.indicators) values.set(ind.code, checkedValue(ind.code, measures[ind.code]));

  // An indicator is applicable when the portal measures it and there was something to measure.
  const isApplicable = (code: string, measured: boolean) => measured && values.get(code) !== null;

  const groupDetails: GroupScore[] = [];
  const indicatorScores = new Map<string, IndicatorScore>();
  for (const group of definition.groups) {
    const members = definition.indicators.filter((i) => i.group === group.code);
    // Display indicators (max 0) neither take nor give points, so they never make a group applicable.
    const scored = members.filter((i) => i.max > 0 && isApplicable(i.code, i.measured));
    const scoredMax = scored.reduce((s, i) => s + i.max, 0);
    const groupApplicable = scoredMax > 0;
    // Σ max × attainment over the applicable scored indicators, scaled to the group max once at the
    // end: a perfect group is then exactly its max (summing 66/7 + 44/7 + … would miss by 1e-15).
    let weighted = 0;
    for (const ind of members) {
      const measure = measures[ind.code];
      const value = values.get(ind.code) ?? null;
      const applicable = isApplicable(ind.code, ind.measured);
      // Not-applicable points go to the applicable scored indicators of the same group, in proportion to their maxima.
      const effectiveMax = applicable && ind.max > 0 && groupApplicable ? (ind.max * group.max) / scoredMax : 0;
      const attainment = value === null || effectiveMax === 0 ? 0 : Math.min(1, value / ind.threshold);
      const score = effectiveMax * attainment;
      weighted += ind.max * attainment;
      indicatorScores.set(ind.code, {
        code: ind.code,
        group: ind.group,
        name: ind.name,
        numerator: measure?.numerator ?? null,
        denominator: measure?.denominator ?? null,
        value,
        score,
        max: ind.max,
        effectiveMax,
        applicable,
        ...(measure?.parts ? { parts: measure.parts } : {}),
      });
    }
    const groupScore = groupApplicable ? (weighted * group.max) / scoredMax : 0;
    groupDetails.push({ code: group.code, score: groupScore, max: group.max, applicable: groupApplicable });
  }

  const applicableMax = groupDetails.reduce((s, g) => s + (g.applicable ? g.max : 0), 0);
  const earned = groupDetails.reduce((s, g) => s + g.score, 0);
  // Rescale only when a group is out, so a complete total is exactly the sum of the group scores.
  const total = applicableMax === 0 ? 0 : applicableMax === TOTAL_MAX ? earned : (earned * TOTAL_MAX) / applicableMax;

  const groups = Object.fromEntries(GROUP_CODES.map((c) => [c, 0])) as Record<GroupCode, number>;
  for (const g of groupDetails) groups[g.code] = g.score;

  return {
    definitionVersion: definition.version,
    total,
    band: bandOf(definition, total),
    applicable: applicableMax > 0,
    groups,
    groupDetails,
    // In the definition's order, whatever the group order.
    indicators: definition.indicators.map((i) => indicatorScores.get(i.code)!),
  };
}

/** The first band (bands descend) whose minimum the total reaches. */
export function bandOf(definition: IndexDefinition, total: number): Band {
  if (!Number.isFinite(total)) throw new RangeError(`total ${total} is not a number`);
  const band = definition.bands.find((b) => total >= b.min) ?? definition.bands[definition.bands.length - 1];
  return band!.band;
}

/**
 * Competition ranking (1, 1, 3) by descending unrounded total; ties listed by agencyCode. Agencies
 * with nothing applicable (`applicable: false`) come after every scored agency, whatever their total.
 * Returns a new array; the input is not changed.
 */
export function rankByTotal<T extends { agencyCode: string; total: number; applicable?: boolean }>(items: readonly T[]): (T & { rank: number })[] {
  const scored = (x: T) => (x.applicable === false ? 1 : 0);
  const sorted = [...items].sort(
    (a, b) => scored(a) - scored(b) || b.total - a.total || (a.agencyCode < b.agencyCode ? -1 : a.agencyCode > b.agencyCode ? 1 : 0),
  );
  const out: (T & { rank: number })[] = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && prev.total === item.total && scored(prev) === scored(item);
    out.push({ ...item, rank: tied ? prev.rank : i + 1 });
  });
  return out;
}

/**
 * Two decimals, half up, for presentation (scores and totals). The tiny relative nudge
 * makes a product like 1.005 × 100 = 100.49999… round as the decimal it stands for.
 */
export function round2(x: number): number {
  return Math.round(x * 100 * (1 + Number.EPSILON)) / 100;
}
