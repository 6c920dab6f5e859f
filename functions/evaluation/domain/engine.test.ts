// The index arithmetic with numbers worked out by hand (the comment beside each expectation shows
// the sum): every indicator of the shipped 766 definition, redistribution inside a group, a group
// and then everything not applicable, the extremes, band boundaries, ranking ties and rounding.
import { describe, expect, it } from 'vitest';
import type { IndexDefinition } from './definition';
import { definitionFor } from './definitions';
import { bandOf, rankByTotal, round2, scoreAgency, type Measure, type Measures } from './engine';

const def: IndexDefinition = definitionFor('2025-10');
const SCORED_CODES = def.indicators.map((i) => i.code);

const m = (value: number | null, numerator: number | null = null, denominator: number | null = null): Measure => ({ numerator, denominator, value });
/** Every indicator of the definition at `value`, then the overrides (undefined removes a measure). */
const measures = (value: number, over: Record<string, Measure | undefined> = {}): Measures => {
  const out: Record<string, Measure | undefined> = Object.fromEntries(SCORED_CODES.map((c) => [c, m(value)]));
  for (const [code, measure] of Object.entries(over)) {
    if (measure === undefined) delete out[code];
    else out[code] = measure;
  }
  return out;
};
const indicator = (score: ReturnType<typeof scoreAgency>, code: string) => score.indicators.find((i) => i.code === code)!;
const group = (score: ReturnType<typeof scoreAgency>, code: string) => score.groupDetails.find((g) => g.code === code)!;

describe('each indicator, its group otherwise fully measured', () => {
  // MDSH always runs without 4.3, 4.x-CTBS and 4.4 (not measured): its 22 points go to
  // 4.1 (6), 4.2 (4), 4.5a (2), 4.5b (2), i.e. × 22/14 = 11/7 each.
  it.each([
    // code, value, effectiveMax, score
    ['1.1', 0.5, 6, 3], // 6 × 0.5
    ['1.1', 1, 6, 6],
    ['1.1', 0, 6, 0],
    ['1.2', 0.75, 4, 3], // 4 × 0.75
    ['1.3', 0.9, 2, 1.8], // 2 × 0.9
    ['1.4', 0.25, 6, 1.5], // 6 × 0.25
    ['2.1', 0.85, 20, 17], // 20 × 0.85
    ['3.1', 0.6, 4, 3], // 4 × 0.6/0.8
    ['3.1', 0.8, 4, 4], // at the threshold
    ['3.1', 0.95, 4, 4], // above it: capped
    ['3.2', 0.5, 2, 1], // 2 × 0.5
    ['3.3', 0.3, 6, 3.6], // 6 × 0.3/0.5
    ['3.3', 0.5, 6, 6],
    ['3.3', 0.9, 6, 6],
    ['3.5', 0.4, 2, 1], // 2 × 0.4/0.8
    ['3.5b', 0.3, 2, 0.75], // 2 × 0.3/0.8 = min(2, 2.5 × 0.3)
    ['3.5b', 0.8, 2, 2], // min(2, 2.5 × 0.8)
    ['3.6', 0.35, 6, 2.1], // 6 × 0.35
    ['4.1', 0.7, 66 / 7, 6.6], // 6 × 22/14 = 66/7; × 0.7
    ['4.2', 0.6, 44 / 7, 33 / 7], // 4 × 22/14 = 44/7; × 0.6/0.8 = 33/7 ≈ 4.714
    ['4.2', 0.85, 44 / 7, 44 / 7], // above 0.8: capped
    ['4.5a', 0.5, 22 / 7, 11 / 7], // 2 × 22/14 = 22/7; × 0.5
    ['4.5b', 0.35, 22 / 7, 1.1], // 22/7 × 0.35
    ['5.2', 0.5, 6, 3], // 6 × 0.5
    ['5.3', 2 / 3, 6, 4], // 6 × 2/3
    ['5.4', 0.95, 6, 6], // 0.95 ≥ 0.9: capped
    ['5.4', 0.9, 6, 6],
    ['5.4', 0.72, 6, 4.8], // 6 × 0.72/0.9
  ])('%s at %s: effective max %s, score %s', (code, value, effectiveMax, score) => {
    const result = indicator(scoreAgency(def, measures(1, { [code]: m(value) })), code);
    expect(result.applicable).toBe(true);
    expect(result.effectiveMax).toBeCloseTo(effectiveMax, 12);
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.value).toBe(value);
  });

  it.each(['4.3', '4.x-CTBS', '4.4'])('%s is not measured: even a perfect value scores nothing and takes no points', (code) => {
    const result = indicator(scoreAgency(def, measures(1)), code);
    expect(result).toMatchObject({ applicable: false, score: 0, effectiveMax: 0, max: def.indicators.find((i) => i.code === code)!.max });
  });

  it.each(['2.2', '5.1'])('%s is a display indicator: reported, applicable, score 0, takes no points', (code) => {
    const score = scoreAgency(def, measures(1, { [code]: m(0.4, 4, 10) }));
    expect(indicator(score, code)).toMatchObject({ applicable: true, score: 0, max: 0, effectiveMax: 0, value: 0.4, numerator: 4, denominator: 10 });
    expect(score.total).toBe(100);
  });

  it('reports numerator, denominator and the parts of a composite (5.4)', () => {
    const parts = [{ name: 'late', numerator: 3, denominator: 100 }, { name: 'dissatisfied', numerator: 5, denominator: 100 }];
    const result = indicator(scoreAgency(def, measures(1, { '5.4': { numerator: null, denominator: 100, value: 0.92, parts } })), '5.4');
    expect(result).toMatchObject({ code: '5.4', group: 'MDHL', name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', denominator: 100, numerator: null, parts, score: 6 });
    expect(indicator(scoreAgency(def, measures(1)), '5.4')).not.toHaveProperty('parts');
  });
});

describe('redistribution inside a group', () => {
  it('CKMB without 1.1 and 1.2: 1.3 gets 2 × 18/8 = 4.5 and 1.4 gets 6 × 18/8 = 13.5', () => {
    const score = scoreAgency(def, measures(1, { '1.1': undefined, '1.2': m(null), '1.3': m(0.8), '1.4': m(0.5) }));
    expect(indicator(score, '1.1')).toMatchObject({ applicable: false, score: 0, effectiveMax: 0 });
    expect(indicator(score, '1.2')).toMatchObject({ applicable: false, score: 0, effectiveMax: 0 });
    expect(indicator(score, '1.3').effectiveMax).toBe(4.5);
    expect(indicator(score, '1.4').effectiveMax).toBe(13.5);
    expect(indicator(score, '1.3').score).toBeCloseTo(3.6, 12); // 4.5 × 0.8
    expect(indicator(score, '1.4').score).toBeCloseTo(6.75, 12); // 13.5 × 0.5
    expect(score.groups.CKMB).toBeCloseTo(10.35, 12); // 3.6 + 6.75
    expect(score.total).toBeCloseTo(92.35, 12); // 10.35 + 20 + 12 + 10 + 22 + 18
    expect(score.band).toBe('excellent');
  });

  it('MDHL with no feedback (5.2, 5.3 null): 5.4 takes all 18 points', () => {
    const score = scoreAgency(def, measures(1, { '5.1': m(null), '5.2': m(null, 0, 0), '5.3': m(null, 0, 0), '5.4': m(0.81) }));
    expect(indicator(score, '5.4').effectiveMax).toBe(18); // 6 × 18/6
    expect(score.groups.MDHL).toBeCloseTo(16.2, 12); // 18 × 0.81/0.9
    expect(indicator(score, '5.2')).toMatchObject({ applicable: false, numerator: 0, denominator: 0 });
  });

  it('TTTT without 3.5b: 3.5 gets 2 × 10/8 = 2.5 and 3.6 gets 6 × 10/8 = 7.5', () => {
    const score = scoreAgency(def, measures(1, { '3.5b': undefined, '3.5': m(0.4), '3.6': m(0.2) }));
    expect(indicator(score, '3.5').effectiveMax).toBe(2.5);
    expect(indicator(score, '3.6').effectiveMax).toBe(7.5);
    expect(score.groups.TTTT).toBeCloseTo(2.75, 12); // 2.5 × 0.4/0.8 + 7.5 × 0.2 = 1.25 + 1.5
  });

  it('a display indicator missing changes nothing', () => {
    const score = scoreAgency(def, measures(1, { '2.2': undefined, '2.1': m(0.5) }));
    expect(indicator(score, '2.1').effectiveMax).toBe(20);
    expect(score.groups.TDGQ).toBe(10);
    expect(indicator(score, '2.2')).toMatchObject({ applicable: false, score: 0 });
  });

  it('measures for codes the definition does not know are ignored', () => {
    expect(scoreAgency(def, measures(1, { 'DVCTT-TT': m(0) })).total).toBe(100);
  });
});

describe('a group not applicable: the total is rescaled over the others', () => {
  it('TTTT with nothing to pay: 54 earned of 90 → 60', () => {
    const score = scoreAgency(def, measures(0.5, {
      '3.1': m(0.4), '3.3': m(0.25), // CLGQ: 4 × 0.5 + 2 × 0.5 + 6 × 0.5 = 6
      '3.5': m(null), '3.5b': m(null), '3.6': undefined,
      '4.2': m(0.4), // MDSH: (6 × 0.5 + 4 × 0.5 + 2 × 0.5 + 2 × 0.5) × 22/14 = 11
      '5.2': m(1), '5.3': m(1), '5.4': m(1), // MDHL 18
    }));
    expect(group(score, 'TTTT')).toEqual({ code: 'TTTT', score: 0, max: 10, applicable: false });
    expect(score.groups).toEqual({ CKMB: 9, TDGQ: 10, CLGQ: 6, TTTT: 0, MDSH: expect.closeTo(11, 12), MDHL: 18 });
    expect(score.total).toBeCloseTo(60, 12); // (9 + 10 + 6 + 11 + 18) × 100 / 90
    expect(score.band).toBe('average');
    expect(score.applicable).toBe(true);
  });

  it("docs/index.md's worked example: CKMB redistributed and TTTT out → 91.5", () => {
    const score = scoreAgency(def, measures(1, {
      '1.1': undefined, '1.2': undefined, '1.3': m(0.8), '1.4': m(0.5), '3.5': undefined, '3.5b': undefined, '3.6': undefined,
    }));
    expect(score.groups.CKMB).toBeCloseTo(10.35, 12); // 4.5 × 0.8 + 13.5 × 0.5
    expect(score.total).toBeCloseTo(91.5, 12); // (10.35 + 72) × 100 / 90
    expect(score.band).toBe('excellent');
  });

  it('TDGQ with only its display indicator is not applicable (2.2 alone does not count)', () => {
    const score = scoreAgency(def, measures(1, { '2.1': m(null), '2.2': m(0.3), '1.1': m(0) }));
    expect(group(score, 'TDGQ').applicable).toBe(false);
    expect(score.total).toBeCloseTo(92.5, 12); // (18 − 6 + 12 + 10 + 22 + 18) × 100 / 80 = 74 × 1.25
  });

  it('TTTT and MDHL out, everything else perfect → 100', () => {
    const score = scoreAgency(def, measures(1, { '3.5': undefined, '3.5b': undefined, '3.6': undefined, '5.2': undefined, '5.3': undefined, '5.4': undefined }));
    expect(score.groupDetails.filter((g) => !g.applicable).map((g) => g.code)).toEqual(['TTTT', 'MDHL']);
    expect(score.total).toBe(100); // 72 × 100 / 72
  });

  it('nothing applicable: total 0, applicable false, every group out', () => {
    const score = scoreAgency(def, { '2.2': m(0.5), '5.1': m(0.5), '4.4': m(1) });
    expect(score).toMatchObject({ total: 0, band: 'weak', applicable: false, definitionVersion: '766-2022.1' });
    expect(score.groupDetails.every((g) => !g.applicable && g.score === 0)).toBe(true);
    expect(scoreAgency(def, {}).applicable).toBe(false);
  });
});

describe('extremes', () => {
  it('all perfect → exactly 100, excellent, every group at its max', () => {
    const score = scoreAgency(def, measures(1));
    expect(score.total).toBe(100);
    expect(score.band).toBe('excellent');
    expect(score.groups).toEqual({ CKMB: 18, TDGQ: 20, CLGQ: 12, TTTT: 10, MDSH: 22, MDHL: 18 });
    expect(score.indicators.map((i) => i.code)).toEqual(SCORED_CODES);
  });

  it('all zero → 0, weak, but applicable', () => {
    const score = scoreAgency(def, measures(0));
    expect(score).toMatchObject({ total: 0, band: 'weak', applicable: true });
    expect(score.indicators.every((i) => i.score === 0)).toBe(true);
  });

  it('the sum of the indicator scores is the group score', () => {
    const score = scoreAgency(def, measures(0.37));
    for (const g of score.groupDetails) {
      const sum = score.indicators.filter((i) => i.group === g.code).reduce((s, i) => s + i.score, 0);
      expect(sum).toBeCloseTo(g.score, 12);
    }
  });
});

describe('values outside 0–1 are a programming error', () => {
  it.each([1.5, -0.1, Number.NaN, Number.POSITIVE_INFINITY])('%s → RangeError', (value) => {
    expect(() => scoreAgency(def, measures(1, { '3.3': m(value) }))).toThrow(RangeError);
    expect(() => scoreAgency(def, measures(1, { '3.3': m(value) }))).toThrow('indicator 3.3');
  });
});

describe('bandOf', () => {
  it.each([
    [100, 'excellent'], [90, 'excellent'], [89.999, 'good'], [80, 'good'], [79.99, 'fair'],
    [65, 'fair'], [64.99, 'average'], [50, 'average'], [49.99, 'weak'], [0, 'weak'],
  ])('%s → %s', (total, band) => {
    expect(bandOf(def, total)).toBe(band);
  });

  it('uses the unrounded total: 89.996 shows as 90 but is good', () => {
    expect(round2(89.996)).toBe(90);
    expect(bandOf(def, 89.996)).toBe('good');
  });

  it('NaN is a RangeError', () => {
    expect(() => bandOf(def, Number.NaN)).toThrow(RangeError);
  });
});

describe('rankByTotal', () => {
  it('descending, ties share a rank (1, 2, 2, 4), ties by agencyCode', () => {
    const items = [
      { agencyCode: 'H30', total: 80 }, { agencyCode: 'H10', total: 90 }, { agencyCode: 'H20', total: 80 }, { agencyCode: 'H05', total: 70 },
    ];
    expect(rankByTotal(items).map((i) => [i.agencyCode, i.rank])).toEqual([['H10', 1], ['H20', 2], ['H30', 2], ['H05', 4]]);
  });

  it('a tie at the top: 1, 1, 3', () => {
    const items = [{ agencyCode: 'B', total: 95.5 }, { agencyCode: 'C', total: 60 }, { agencyCode: 'A', total: 95.5 }];
    expect(rankByTotal(items).map((i) => `${i.rank}${i.agencyCode}`)).toEqual(['1A', '1B', '3C']);
  });

  it('ranks on the unrounded total: 85.001 and 85 both show 85 but do not tie', () => {
    expect(rankByTotal([{ agencyCode: 'A', total: 85 }, { agencyCode: 'B', total: 85.001 }]).map((i) => [i.agencyCode, i.rank])).toEqual([['B', 1], ['A', 2]]);
  });

  it('agencies with nothing applicable come last, after a scored 0', () => {
    const items = [
      { agencyCode: 'A', total: 0, applicable: false }, { agencyCode: 'Z', total: 0, applicable: true },
      { agencyCode: 'M', total: 40, applicable: true }, { agencyCode: 'B', total: 0, applicable: false },
    ];
    expect(rankByTotal(items).map((i) => `${i.rank}${i.agencyCode}`)).toEqual(['1M', '2Z', '3A', '3B']);
  });

  it('is pure: keeps the other fields, does not touch the input, same answer for any input order', () => {
    const items = [{ agencyCode: 'B', total: 1, name: 'b' }, { agencyCode: 'A', total: 1, name: 'a' }, { agencyCode: 'C', total: 2, name: 'c' }];
    const before = structuredClone(items);
    const ranked = rankByTotal(items);
    expect(items).toEqual(before);
    expect(ranked).toEqual([{ agencyCode: 'C', total: 2, name: 'c', rank: 1 }, { agencyCode: 'A', total: 1, name: 'a', rank: 2 }, { agencyCode: 'B', total: 1, name: 'b', rank: 2 }]);
    expect(rankByTotal([...items].reverse())).toEqual(ranked);
    expect(rankByTotal([])).toEqual([]);
  });
});

describe('round2', () => {
  it.each([
    [3.6, 3.6], [33 / 7, 4.71], [66 / 7, 9.43], [1.005, 1.01], [2.675, 2.68], [89.999, 90], [92.345, 92.35], [0, 0], [100, 100], [0.004, 0],
  ])('%s → %s', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });
});
