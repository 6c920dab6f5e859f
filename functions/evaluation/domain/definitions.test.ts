// The definition data and its loader: the shipped 766 file against docs/requirements.md
// R-INDEX-GROUPS, R-INDEX-INDICATORS, R-INDEX-BANDS (indicator set, group maxima, thresholds,
// unmeasured indicators), validateDefinition on broken copies (each check must fire on its own
// problem), loadDefinitions' ordering, and definitionFor on month/quarter/year.
import { describe, expect, it } from 'vitest';
import raw766 from '../definitions/766-2022.json';
import { IndexDefinition } from './definition';
import { definitionFor, definitions, firstMonthOf, loadDefinitions, validateDefinition } from './definitions';

/** A deep copy of the shipped definition, to break. */
const copy = (): IndexDefinition => structuredClone(IndexDefinition.parse(raw766));

describe('definitions/766-2022.json', () => {
  const def = IndexDefinition.parse(raw766);

  it('is valid and is the one definition loaded', () => {
    expect(validateDefinition(raw766)).toEqual([]);
    expect(definitions.map((d) => d.version)).toEqual(['766-2022.1']);
    expect(def.effectiveFrom).toBe('2022-07');
  });

  it('has exactly the indicator set of R-INDEX-INDICATORS', () => {
    expect(def.indicators.map((i) => i.code)).toEqual([
      '1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '3.3', '3.5', '3.5b', '3.6',
      '4.1', '4.2', '4.3', '4.x-CTBS', '4.4', '4.5a', '4.5b', '5.1', '5.2', '5.3', '5.4',
    ]);
  });

  it('splits 100 points into the portal groups 18/20/12/10/22/18', () => {
    expect(Object.fromEntries(def.groups.map((g) => [g.code, g.max]))).toEqual({ CKMB: 18, TDGQ: 20, CLGQ: 12, TTTT: 10, MDSH: 22, MDHL: 18 });
  });

  // code → [group, max, threshold, measured, maxSource]
  const expected: Record<string, [string, number, number, boolean, string]> = {
    '1.1': ['CKMB', 6, 1, true, 'confirmed'], '1.2': ['CKMB', 4, 1, true, 'confirmed'],
    '1.3': ['CKMB', 2, 1, true, 'confirmed'], '1.4': ['CKMB', 6, 1, true, 'confirmed'],
    '2.1': ['TDGQ', 20, 1, true, 'confirmed'], '2.2': ['TDGQ', 0, 1, true, 'confirmed'],
    '3.1': ['CLGQ', 4, 0.8, true, 'ours'], '3.2': ['CLGQ', 2, 1, true, 'ours'], '3.3': ['CLGQ', 6, 0.5, true, 'ours'],
    '3.5': ['TTTT', 2, 0.8, true, 'derived'], '3.5b': ['TTTT', 2, 0.8, true, 'derived'], '3.6': ['TTTT', 6, 1, true, 'derived'],
    '4.1': ['MDSH', 6, 1, true, 'confirmed'], '4.2': ['MDSH', 4, 0.8, true, 'confirmed'],
    '4.3': ['MDSH', 2, 0.8, false, 'confirmed'], '4.x-CTBS': ['MDSH', 2, 1, false, 'confirmed'],
    '4.4': ['MDSH', 4, 1, false, 'confirmed'], '4.5a': ['MDSH', 2, 1, true, 'confirmed'], '4.5b': ['MDSH', 2, 1, true, 'confirmed'],
    '5.1': ['MDHL', 0, 1, true, 'confirmed'], '5.2': ['MDHL', 6, 1, true, 'confirmed'],
    '5.3': ['MDHL', 6, 1, true, 'confirmed'], '5.4': ['MDHL', 6, 0.9, true, 'confirmed'],
  };
  it.each(Object.entries(expected))('indicator %s: group, max, threshold, measured, maxSource', (code, [group, max, threshold, measured, maxSource]) => {
    const ind = def.indicators.find((i) => i.code === code)!;
    expect([ind.group, ind.max, ind.threshold, ind.measured, ind.maxSource]).toEqual([group, max, threshold, measured, maxSource]);
  });

  it('keeps the Vietnamese names of the decision', () => {
    const name = (code: string) => def.indicators.find((i) => i.code === code)!.name;
    expect(name('2.1')).toBe('Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn');
    expect(name('5.4')).toBe('Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC');
  });

  it('has the bands of R-INDEX-BANDS', () => {
    expect(def.bands).toEqual([
      { band: 'excellent', min: 90 }, { band: 'good', min: 80 }, { band: 'fair', min: 65 }, { band: 'average', min: 50 }, { band: 'weak', min: 0 },
    ]);
  });
});

describe('validateDefinition on broken definitions', () => {
  it('group maxima not summing to 100', () => {
    const d = copy();
    d.groups[0]!.max = 17; // CKMB 17: groups sum to 99, and CKMB's indicators (18) no longer match it
    expect(validateDefinition(d)).toEqual(['group maxima sum to 99, not 100', 'indicators of group CKMB sum to 18, not its max 17']);
  });

  it("a group's indicators not summing to the group max", () => {
    const d = copy();
    d.indicators.find((i) => i.code === '3.1')!.max = 5;
    expect(validateDefinition(d)).toEqual(['indicators of group CLGQ sum to 13, not its max 12']);
  });

  it('a duplicate indicator code', () => {
    const d = copy();
    const twin = d.indicators.find((i) => i.code === '1.4')!;
    twin.max = 3;
    d.indicators.push({ ...twin }); // CKMB still sums to 18: 6+4+2+3+3
    expect(validateDefinition(d)).toEqual(['indicator 1.4 is defined more than once']);
  });

  it('an indicator in a group that is not one of the codes', () => {
    const d = copy() as unknown as { indicators: { group: string }[] };
    d.indicators[0]!.group = 'XXXX';
    const problems = validateDefinition(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^indicators\.0\.group: /);
  });

  it('an indicator in a group that is not declared (a group declared twice instead)', () => {
    const d = copy();
    d.groups[5] = { code: 'MDSH', name: 'again', max: 18 };
    expect(validateDefinition(d)).toEqual([
      'group MDSH is declared more than once',
      'group MDHL is not declared',
      'indicator 5.1 is in group MDHL, which is not declared',
      'indicator 5.2 is in group MDHL, which is not declared',
      'indicator 5.3 is in group MDHL, which is not declared',
      'indicator 5.4 is in group MDHL, which is not declared',
      'indicators of group MDSH sum to 22, not its max 18',
    ]);
  });

  it('bands not strictly descending, or equal', () => {
    const d = copy();
    d.bands[1]!.min = 95;
    expect(validateDefinition(d)).toEqual(['bands are not strictly descending: good (95) after excellent (90)']);
    const e = copy();
    e.bands[2]!.min = 80;
    expect(validateDefinition(e)).toEqual(['bands are not strictly descending: fair (80) after good (80)']);
  });

  it('a last band above 0, and a repeated band', () => {
    const d = copy();
    d.bands[4]!.min = 10;
    expect(validateDefinition(d)).toEqual(['the last band (weak) must start at 0, not 10']);
    const e = copy();
    e.bands[4]!.band = 'average';
    expect(validateDefinition(e)).toEqual(['band average is listed more than once']);
  });

  it('schema errors: a threshold of 0 and a bad effectiveFrom', () => {
    const d = copy();
    d.indicators[0]!.threshold = 0;
    d.effectiveFrom = '2022-13';
    const problems = validateDefinition(d);
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('effectiveFrom: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('indicators.0.threshold: '))).toBe(true);
  });
});

describe('loadDefinitions', () => {
  const revision = (version: string, effectiveFrom: string) => ({ ...copy(), version, effectiveFrom });

  it('sorts by effectiveFrom', () => {
    expect(loadDefinitions([revision('b', '2025-07'), revision('a', '2022-07')]).map((d) => d.version)).toEqual(['a', 'b']);
  });

  it('throws with every problem of an invalid file', () => {
    const d = copy();
    d.version = '766-broken';
    d.bands[4]!.min = 5;
    d.indicators[0]!.max = 7;
    expect(() => loadDefinitions([d])).toThrow(
      'index definition 766-broken is invalid:\n- indicators of group CKMB sum to 19, not its max 18\n- the last band (weak) must start at 0, not 5',
    );
  });

  it('refuses two definitions from the same month, or the same version twice', () => {
    expect(() => loadDefinitions([revision('a', '2024-01'), revision('b', '2024-01')])).toThrow('both effective from 2024-01');
    expect(() => loadDefinitions([revision('a', '2024-01'), revision('a', '2025-01')])).toThrow('not unique');
  });
});

describe('definitionFor', () => {
  const defs = loadDefinitions([
    { ...copy(), version: 'v1', effectiveFrom: '2022-07' },
    { ...copy(), version: 'v2', effectiveFrom: '2025-07' },
  ]);

  it.each([
    ['2022-07', 'v1'], ['2025-06', 'v1'], ['2025-07', 'v2'], ['2030-12', 'v2'],
    ['2022-Q3', 'v1'], ['2025-Q2', 'v1'], ['2025-Q3', 'v2'],
    ['2023', 'v1'], ['2025', 'v1'], ['2026', 'v2'],
  ])('%s is scored with %s (the period’s first month decides)', (period, version) => {
    expect(definitionFor(period, defs).version).toBe(version);
  });

  it('the shipped definition scores a month, a quarter and a year', () => {
    expect(definitionFor('2025-10').version).toBe('766-2022.1');
    expect(definitionFor('2025-Q4').version).toBe('766-2022.1');
    expect(definitionFor('2023').version).toBe('766-2022.1');
  });

  it('a period that starts before any definition is a RangeError', () => {
    expect(() => definitionFor('2022-06')).toThrow(RangeError);
    expect(() => definitionFor('2022-06')).toThrow('no index definition in force for period 2022-06 (starts 2022-06; the earliest definition is effective from 2022-07)');
    expect(() => definitionFor('2022-Q2')).toThrow(RangeError);
    // A year starts in January: 2022 began before the decision took effect (July).
    expect(() => definitionFor('2022')).toThrow('starts 2022-01');
  });

  it('an ill-formed period is a RangeError', () => {
    for (const p of ['2025-13', '2025-Q5', '2025-1', '25-01', '2025-00', '', '2025-10-01']) {
      expect(() => definitionFor(p), p).toThrow(RangeError);
    }
  });

  it('firstMonthOf each quarter', () => {
    expect(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'].map(firstMonthOf)).toEqual(['2025-01', '2025-04', '2025-07', '2025-10']);
  });
});
