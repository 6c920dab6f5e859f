// The dashboard's pure logic: the API's shapes, bands and their colours, and the mapping from API
// answers to what the charts and tables show. No DOM, no chart library: unit-tested in node.
import type * as z from 'zod';
import type { IndexBreakdown, IndexRanking, Statistics } from '../../../shared/contracts/evaluation';
import { GROUP_CODES, type Band, type GroupCode } from './definitions';

export type Level = 'central' | 'province' | 'commune';
export const LEVELS: readonly Level[] = ['province', 'central', 'commune'];
export const isLevel = (v: string | undefined): v is Level => v === 'central' || v === 'province' || v === 'commune';

/** Agencies with nothing applicable are listed unranked (`rank: null`, docs/index.md). */
export type RankingItem = Omit<z.infer<typeof IndexRanking>['items'][number], 'rank'> & { rank: number | null };
export type Ranking = Omit<z.infer<typeof IndexRanking>, 'items'> & { items: RankingItem[] };
export type Breakdown = z.infer<typeof IndexBreakdown>;
export type Indicator = Breakdown['indicators'][number];
export type StatisticsBody = z.infer<typeof Statistics>;

export const BANDS: readonly Band[] = ['excellent', 'good', 'fair', 'average', 'weak'];

/**
 * A colour per band, from green (excellent) to red (weak); each ≥ 4.5:1 on white, so the bars
 * (WCAG 1.4.11 needs 3:1) and the band names written in them (1.4.3, 4.5:1) are both readable.
 */
export const BAND_COLOURS: Record<Band, string> = {
  excellent: '#136f3a',
  good: '#0b57a4',
  fair: '#6b4fbb',
  average: '#8a4b00',
  weak: '#b0171f',
};
/** Bars of unscored agencies, remaining points, and other neutral marks. */
export const NEUTRAL_COLOUR = '#5f6773';

export const bandColour = (band: string) => BAND_COLOURS[band as Band] ?? NEUTRAL_COLOUR;

/** The WCAG contrast ratio of two `#rrggbb` colours. */
export const contrastRatio = (a: string, b: string) => {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

export interface BarSeries {
  labels: string[];
  values: number[];
  colours: string[];
}

/** An agency's name on a chart, without the "UBND" (People's Committee) every province and commune shares. */
export const chartName = (agencyName: string) => agencyName.replace(/^UBND\s+/u, '');

/** The ranking's bars: scored agencies in rank order, at most `limit` of them (all when absent). */
export const rankingBars = (items: readonly RankingItem[], limit?: number): BarSeries & { bands: Band[]; codes: string[] } => {
  const scored = items.filter((i) => i.applicable && i.rank !== null);
  const shown = limit === undefined ? scored : scored.slice(0, limit);
  return {
    labels: shown.map((i) => chartName(i.agencyName)),
    values: shown.map((i) => i.total),
    colours: shown.map((i) => bandColour(i.band)),
    bands: shown.map((i) => i.band),
    codes: shown.map((i) => i.agencyCode),
  };
};

/** The bands present in a ranking, in band order (the chart's legend shows only these). */
export const bandsPresent = (items: readonly RankingItem[]): Band[] =>
  BANDS.filter((b) => items.some((i) => i.applicable && i.band === b));

/** Per group of a breakdown: earned points and the group's maximum, in the definition's group order. */
export const groupBars = (groups: Breakdown['groupDetails']) => {
  const ordered = GROUP_CODES.map((code) => groups.find((g) => g.code === code)).filter((g): g is Breakdown['groupDetails'][number] => Boolean(g));
  return {
    codes: ordered.map((g) => g.code as GroupCode),
    scores: ordered.map((g) => g.score),
    maxima: ordered.map((g) => g.max),
    applicable: ordered.map((g) => g.applicable),
  };
};

/** A count per key (dossiers by status, by channel), largest first, zero counts left out; `order` breaks ties. */
export const countEntries = (counts: Readonly<Record<string, number>>, order: readonly string[] = []): { key: string; count: number }[] =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || rank(order, a.key) - rank(order, b.key) || a.key.localeCompare(b.key));

const rank = (order: readonly string[], key: string) => {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
};

/** The dossier statuses in the order of their life (docs/requirements.md R-DOSSIER-TRANSITIONS), for ties and legends. */
export const STATUS_ORDER = ['submitted', 'received', 'processing', 'supplement_requested', 'payment_required', 'done', 'returned', 'not_received', 'stopped', 'withdrawn'];
export const CHANNEL_ORDER = ['online', 'desk', 'post'];

/** The procedures with the most dossiers (the API sorts them; kept sorted here whatever it sends). */
export const topProcedures = (byProcedure: StatisticsBody['byProcedure'], limit: number) =>
  [...byProcedure].sort((a, b) => b.dossiers - a.dossiers || a.procedureCode.localeCompare(b.procedureCode)).slice(0, limit);

/** Share of a part in a whole, null when the whole is 0. */
export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** How an indicator's value reads: a ratio as a percentage; 2.2 (display) as average handling days. */
export const AVERAGE_HANDLING_CODE = '2.2';
export const averageHandlingDays = (ind: Pick<Indicator, 'numerator' | 'denominator'>) =>
  ind.numerator !== null && ind.denominator ? ind.numerator / ind.denominator / 24 : null;

export type NotApplicableReason = 'display' | 'notMeasured' | 'nothingToMeasure' | 'groupOut';

/**
 * Why an indicator earns no points of its own, or null when it is scored: a display indicator (max
 * 0), one the portal does not measure (the definition's `measured: false`), nothing to measure in the
 * period (no dossier, no feedback, …), or its whole group is out.
 */
export const notApplicableReason = (ind: Pick<Indicator, 'applicable' | 'max' | 'effectiveMax' | 'value'>, measured: boolean | undefined, groupApplicable: boolean): NotApplicableReason | null => {
  if (ind.max === 0) return 'display';
  if (measured === false) return 'notMeasured';
  if (!ind.applicable) return 'nothingToMeasure';
  if (!groupApplicable || ind.effectiveMax === 0) return 'groupOut';
  return null;
};

/** Whether the indicator carries points redistributed from a not-applicable neighbour. */
export const gainsRedistributedPoints = (ind: Pick<Indicator, 'applicable' | 'max' | 'effectiveMax'>) =>
  ind.applicable && ind.max > 0 && ind.effectiveMax > ind.max + 0.005;

/** Ranking totals descend (ties share a rank): the rows the table shows, unscored last. */
export const rankingRows = (items: readonly RankingItem[]) => {
  const scored = items.filter((i) => i.rank !== null).sort((a, b) => (a.rank! - b.rank!) || b.total - a.total || a.agencyCode.localeCompare(b.agencyCode));
  const unscored = items.filter((i) => i.rank === null);
  return [...scored, ...unscored];
};
