// From counters to indicator measures (functions/evaluation/domain/measures.ts) on hand-built
// counters, one table per indicator with the cases that count and those that do not (cdk-nag's
// compliant / non-compliant shape); the arithmetic is in the comment beside each expectation. Then
// one agency scored end to end with the shipped definition, its total worked out by hand.
import { describe, expect, it } from 'vitest';
import type { Counters } from './dossier-facts';
import { definitionFor } from './definitions';
import { scoreAgency, type Measure } from './engine';
import { measuresOf, timeliness, type MeasureInputs, type ProcedureFacts } from './measures';

const NO_FEEDBACK: MeasureInputs['feedback'] = { answered: 0, answeredOnTime: 0, answeredLate: 0, answeredRepeated: 0, disliked: 0 };

/** October 2026, judged on 1 November (the month is over); nothing counted unless overridden. */
const inputs = (over: Partial<MeasureInputs> = {}): MeasureInputs => ({
  months: ['2026-10'],
  evaluationDay: '2026-11-01',
  counters: {},
  procedures: [],
  ratings: { total: 0, dissatisfied: 0 },
  feedback: NO_FEEDBACK,
  ...over,
});

const proc = (code: string, over: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  code,
  announcedMonth: '2025-01',
  announcedOnTime: true,
  publishedOnTime: true,
  complete: true,
  online: false,
  hasFee: false,
  forCitizens: false,
  ...over,
});

const ratio = (numerator: number, denominator: number, value: number | null): Measure => ({ numerator, denominator, value });
const measure = (code: string, over: Partial<MeasureInputs>) => measuresOf(inputs(over))[code];

/** Expects a measure, the value to 12 digits (ratios like 2/3). */
const expectMeasure = (actual: Measure | undefined, expected: Measure) => {
  expect(actual).toBeDefined();
  const { value, ...rest } = actual!;
  const { value: expectedValue, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  if (expectedValue === null) expect(value).toBeNull();
  else expect(value).toBeCloseTo(expectedValue, 12);
};

describe('1.1 and 1.2: procedures announced in the period', () => {
  const procedures = [
    proc('P1', { announcedMonth: '2026-10', announcedOnTime: true, publishedOnTime: true }),
    proc('P2', { announcedMonth: '2026-10', announcedOnTime: false, publishedOnTime: false }),
    // no dated legal basis: not judged late for 1.1
    proc('P3', { announcedMonth: '2026-10', announcedOnTime: null, publishedOnTime: true }),
    // announced in September: outside October, inside Q3
    proc('P4', { announcedMonth: '2026-09', announcedOnTime: false, publishedOnTime: false }),
  ];
  it.each<[string, string, readonly string[], Measure]>([
    ['1.1', 'October: P1, P3 on time of P1–P3', ['2026-10'], ratio(2, 3, 2 / 3)],
    ['1.1', 'Q3: P4 late', ['2026-07', '2026-08', '2026-09'], ratio(0, 1, 0)],
    ['1.1', 'Q4 so far: P1–P3', ['2026-10', '2026-11', '2026-12'], ratio(2, 3, 2 / 3)],
    ['1.1', 'November: nothing announced → not applicable', ['2026-11'], ratio(0, 0, null)],
    ['1.2', 'October: P1, P3 published on time of P1–P3', ['2026-10'], ratio(2, 3, 2 / 3)],
    ['1.2', 'Q3: P4 late', ['2026-07', '2026-08', '2026-09'], ratio(0, 1, 0)],
    ['1.2', 'November: nothing announced → not applicable', ['2026-11'], ratio(0, 0, null)],
  ])('%s %s', (code, _name, months, expected) => {
    expectMeasure(measure(code, { months, procedures }), expected);
  });
});

describe('1.3 and 3.1: over every procedure in competence', () => {
  const procedures = [
    proc('P1', { complete: true, online: true }),
    proc('P2', { complete: false, online: true }),
    proc('P3', { complete: true, online: false }),
    proc('P4', { complete: true, online: false, announcedMonth: '2026-10' }),
  ];
  it.each<[string, readonly ProcedureFacts[], Measure]>([
    ['1.3', procedures, ratio(3, 4, 0.75)], // P1, P3, P4 complete of 4
    ['1.3', [], ratio(0, 0, null)],
    ['3.1', procedures, ratio(2, 4, 0.5)], // P1, P2 online of 4
    ['3.1', [proc('P3')], ratio(0, 1, 0)],
    ['3.1', [], ratio(0, 0, null)],
  ])('%s', (code, procs, expected) => {
    expectMeasure(measure(code, { procedures: procs }), expected);
  });
});

describe('dossier ratios: 1.4, 3.6, 4.1, 4.2, 4.5b', () => {
  it.each<[string, string, Counters, Measure]>([
    ['1.4', 'synced 3 of 4', { dossiers: 4, agencyActed: 3 }, ratio(3, 4, 0.75)],
    ['1.4', 'none synced', { dossiers: 4 }, ratio(0, 4, 0)],
    ['1.4', 'no dossiers', {}, ratio(0, 0, null)],
    ['3.6', 'paid online 3 of 4 fee-bearing', { feeBearing: 4, paidOnline: 3 }, ratio(3, 4, 0.75)],
    ['3.6', 'no fee-bearing dossier', { received: 5 }, ratio(0, 0, null)],
    ['4.1', 'electronic result 3 of 5 resulted', { resulted: 5, eResult: 3 }, ratio(3, 5, 0.6)],
    ['4.1', 'nothing resulted', { received: 5 }, ratio(0, 0, null)],
    ['4.2', 'digitised 7 of 10 received', { received: 10, digitised: 7 }, ratio(7, 10, 0.7)],
    ['4.2', 'nothing received', { dossiers: 3 }, ratio(0, 0, null)],
    ['4.5b', 'VNeID 6 of 10 received', { received: 10, vneid: 6 }, ratio(6, 10, 0.6)],
    ['4.5b', 'nothing received', { dossiers: 3, vneid: 0 }, ratio(0, 0, null)],
    // counters out of step (a replayed delta): the ratio is capped, never above 1
    ['4.1', 'more electronic results than results: capped', { resulted: 5, eResult: 6 }, ratio(6, 5, 1)],
  ])('%s %s', (code, _name, counters, expected) => {
    expectMeasure(measure(code, { counters }), expected);
  });
});

describe('2.1: settled dossiers and running ones by the evaluation day', () => {
  // settled: 5 on time, 2 late; running: one due 31 Oct, one due 1 Nov, one due 2 Nov
  const counters: Counters = { onTime: 5, late: 2, 'due:2026-10-31': 1, 'due:2026-11-01': 1, 'due:2026-11-02': 1 };
  it.each<[string, string, Measure]>([
    // due before 1 Nov: 31 Oct → late 2 + 1 = 3, on time 5 + 2 = 7 of 10
    ['2026-11-01', 'due on the evaluation day is not late yet', ratio(7, 10, 0.7)],
    // nothing due before 15 Oct: on time 5 + 3 = 8, late 2
    ['2026-10-15', 'all running due after', ratio(8, 10, 0.8)],
    // due before 2 Nov: 31 Oct, 1 Nov → late 2 + 2 = 4, on time 5 + 1 = 6
    ['2026-11-02', 'due the day before is late', ratio(6, 10, 0.6)],
    // all three overdue: late 5, on time 5
    ['2026-11-03', 'all running overdue', ratio(5, 10, 0.5)],
  ])('evaluated %s: %s', (evaluationDay, _name, expected) => {
    expectMeasure(measure('2.1', { counters, evaluationDay }), expected);
    const t = timeliness(counters, evaluationDay);
    expect(t.judged).toBe(10);
    expect([t.onTime, t.late]).toEqual([expected.numerator, 10 - expected.numerator!]);
  });

  it.each<[string, Counters, Measure]>([
    ['no judged dossiers (only withdrawn ones)', { dossiers: 2, 'st:withdrawn': 2 }, ratio(0, 0, null)],
    ['only late', { late: 3 }, ratio(0, 3, 0)],
    ['several running due the same day', { 'due:2026-10-20': 3, onTime: 1 }, ratio(1, 4, 0.25)], // 3 overdue
  ])('%s', (_name, counters, expected) => {
    expectMeasure(measure('2.1', { counters }), expected);
  });
});

describe('2.2: display only', () => {
  it.each<[string, Counters, Measure]>([
    ['hours over finished dossiers', { finished: 4, handlingHours: 100.5 }, ratio(100.5, 4, null)],
    ['hours rounded to 2 decimals', { finished: 2, handlingHours: 0.1 + 0.2 }, ratio(0.3, 2, null)], // 0.30000000000000004 → 0.3
    ['nothing finished', { handlingHours: 7 }, ratio(0, 0, null)],
  ])('%s', (_name, counters, expected) => {
    expect(measure('2.2', { counters })).toEqual(expected);
  });
});

describe('3.2, 3.5, 3.5b, 4.5a: procedures with dossiers, among the procedures in scope', () => {
  const procedures = [
    proc('P1', { online: true, hasFee: true, forCitizens: true }),
    proc('P2', { online: true, hasFee: true, forCitizens: true }),
    proc('P3', { online: false, hasFee: false, forCitizens: true }),
    proc('P4', { online: false, hasFee: false, forCitizens: false }),
  ];
  it.each<[string, string, Counters, Measure]>([
    // online procedures: P1, P2. op:P1 counts; op:P3 (not online) and op:P9 (not in scope) do not → 1 of 2
    ['3.2', 'online dossiers among online procedures', { 'op:P1': 2, 'op:P3': 5, 'op:P9': 1 }, ratio(1, 2, 0.5)],
    ['3.2', 'both online procedures used', { 'op:P1': 1, 'op:P2': 1 }, ratio(2, 2, 1)],
    ['3.2', 'a zero counter is no dossier', { 'op:P1': 0 }, ratio(0, 2, 0)],
    // fee-bearing procedures: P1, P2. fp:P1, fp:P2 count; fp:P3 (no fee in the catalogue), fp:P9 (out of scope) do not
    ['3.5', 'fee-bearing procedures with fee-bearing dossiers', { 'fp:P1': 1, 'fp:P2': 3, 'fp:P3': 1, 'fp:P9': 4 }, ratio(2, 2, 1)],
    ['3.5', 'only out-of-scope fee counters', { 'fp:P9': 4, 'fp:P3': 2 }, ratio(0, 2, 0)],
    ['3.5b', 'fee-bearing procedures paid online', { 'fp:P1': 1, 'fp:P2': 3, 'pp:P2': 1, 'pp:P9': 3 }, ratio(1, 2, 0.5)],
    ['3.5b', 'paid online only out of scope', { 'pp:P9': 3, 'pp:P4': 1 }, ratio(0, 2, 0)],
    // for citizens: P1, P2, P3. vp:P1 counts; vp:P4 (business only) and vp:P9 do not → 1 of 3
    ['4.5a', 'citizen procedures with VNeID dossiers', { 'vp:P1': 1, 'vp:P4': 2, 'vp:P9': 1 }, ratio(1, 3, 1 / 3)],
  ])('%s %s', (code, _name, counters, expected) => {
    expectMeasure(measure(code, { counters, procedures }), expected);
  });

  it.each(['3.2', '3.5', '3.5b', '4.5a'])('%s: no procedure of its kind in scope → not applicable, whatever the counters', (code) => {
    const counters = { 'op:P4': 1, 'fp:P4': 1, 'pp:P4': 1, 'vp:P4': 1 };
    expectMeasure(measure(code, { counters, procedures: [proc('P4')] }), ratio(0, 0, null));
  });
});

describe('3.3: online share × sync ratio', () => {
  it.each<[string, Counters, Measure]>([
    // online 4 of 10 received = 0.4; synced 9 of 12 = 0.75; 0.4 × 0.75 = 0.3
    ['online share × sync', { received: 10, onlineReceived: 4, dossiers: 12, agencyActed: 9 }, {
      numerator: 4, denominator: 10, value: 0.3,
      parts: [{ name: 'online', numerator: 4, denominator: 10 }, { name: 'synced', numerator: 9, denominator: 12 }],
    }],
    // all online, all synced: 1 × 1
    ['everything online and synced', { received: 2, onlineReceived: 2, dossiers: 2, agencyActed: 2 }, {
      numerator: 2, denominator: 2, value: 1,
      parts: [{ name: 'online', numerator: 2, denominator: 2 }, { name: 'synced', numerator: 2, denominator: 2 }],
    }],
    // synced 0 of 3: 1 × 0
    ['nothing synced', { received: 3, onlineReceived: 3, dossiers: 3 }, {
      numerator: 3, denominator: 3, value: 0,
      parts: [{ name: 'online', numerator: 3, denominator: 3 }, { name: 'synced', numerator: 0, denominator: 3 }],
    }],
    ['dossiers but none received', { dossiers: 3, agencyActed: 1 }, ratio(0, 0, null)],
    ['no dossiers', {}, ratio(0, 0, null)],
  ])('%s', (_name, counters, expected) => {
    expectMeasure(measure('3.3', { counters }), expected);
  });
});

describe('5.2 and 5.3: feedback', () => {
  const fb = (over: Partial<MeasureInputs['feedback']>) => ({ ...NO_FEEDBACK, ...over });
  it.each<[string, string, MeasureInputs['feedback'], Measure]>([
    ['5.2', 'answered on time 8 of 10', fb({ answered: 10, answeredOnTime: 8, answeredLate: 2 }), ratio(8, 10, 0.8)],
    ['5.2', 'no feedback → not applicable', NO_FEEDBACK, ratio(0, 0, null)],
    // 10 − (1 disliked + 2 late + 1 repeated) = 6 of 10
    ['5.3', 'answered less disliked, late, repeated', fb({ answered: 10, answeredOnTime: 8, answeredLate: 2, answeredRepeated: 1, disliked: 1 }), ratio(6, 10, 0.6)],
    // 3 + 2 + 2 = 7 > 5 answered: unsatisfied capped at 5 → 0 of 5, never negative
    ['5.3', 'unsatisfied capped at answered', fb({ answered: 5, answeredLate: 2, answeredRepeated: 2, disliked: 3 }), ratio(0, 5, 0)],
    // exactly answered: 5 − 5 = 0
    ['5.3', 'unsatisfied equal to answered', fb({ answered: 5, answeredLate: 2, disliked: 3 }), ratio(0, 5, 0)],
    ['5.3', 'all satisfied', fb({ answered: 4, answeredOnTime: 4 }), ratio(4, 4, 1)],
    ['5.3', 'no feedback → not applicable', NO_FEEDBACK, ratio(0, 0, null)],
  ])('%s %s', (code, _name, feedback, expected) => {
    expectMeasure(measure(code, { feedback }), expected);
  });

  it('5.1 is display: answered, no value', () => {
    expect(measure('5.1', { feedback: fb({ answered: 7 }) })).toEqual(ratio(7, 7, null));
  });
});

describe('5.4: 1 − (late rate + dissatisfied rate)', () => {
  const parts = (late: number, judged: number, dissatisfied: number, total: number) => [
    { name: 'late', numerator: late, denominator: judged },
    { name: 'dissatisfied', numerator: dissatisfied, denominator: total },
  ];
  it.each<[string, Counters, MeasureInputs['ratings'], Measure]>([
    // late 2 of 10 = 0.2; dissatisfied 3 of 20 = 0.15; 1 − 0.35 = 0.65
    ['late and dissatisfied', { onTime: 8, late: 2 }, { total: 20, dissatisfied: 3 }, { numerator: null, denominator: null, value: 0.65, parts: parts(2, 10, 3, 20) }],
    // running due 2026-10-31 is overdue on 2026-11-01: late 1 + 1 = 2 of 10; 1 − 0.2 − 0 = 0.8
    ['running overdue counts late', { onTime: 8, late: 1, 'due:2026-10-31': 1 }, { total: 5, dissatisfied: 0 }, { numerator: null, denominator: null, value: 0.8, parts: parts(2, 10, 0, 5) }],
    // nobody rated: the late rate alone, 1 − 0.2 = 0.8
    ['no ratings: late rate only', { onTime: 8, late: 2 }, { total: 0, dissatisfied: 0 }, { numerator: null, denominator: null, value: 0.8, parts: parts(2, 10, 0, 0) }],
    // no judged dossiers: 1 − 0.15 = 0.85
    ['ratings only', {}, { total: 20, dissatisfied: 3 }, { numerator: null, denominator: null, value: 0.85, parts: parts(0, 0, 3, 20) }],
    // 6 of 10 late (0.6) + 5 of 10 dissatisfied (0.5) = 1.1 > 1: clamped at 0
    ['clamped at 0', { onTime: 4, late: 6 }, { total: 10, dissatisfied: 5 }, { numerator: null, denominator: null, value: 0, parts: parts(6, 10, 5, 10) }],
    ['neither → not applicable', { dossiers: 1, 'st:withdrawn': 1 }, { total: 0, dissatisfied: 0 }, { numerator: null, denominator: null, value: null }],
  ])('%s', (_name, counters, ratings, expected) => {
    expectMeasure(measure('5.4', { counters, ratings }), expected);
  });
});

describe('nothing at all', () => {
  const all = measuresOf(inputs());
  const DOSSIER_INDICATORS = ['1.4', '2.1', '2.2', '3.3', '3.6', '4.1', '4.2', '4.5b', '5.4'];

  it.each(DOSSIER_INDICATORS)('%s: not applicable (value null)', (code) => {
    expect(all[code]).toBeDefined();
    expect(all[code]!.value).toBeNull();
  });

  it('every measure: value null, numbers finite (never NaN or Infinity)', () => {
    expect(Object.keys(all).sort()).toEqual(
      ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '3.3', '3.5', '3.5b', '3.6', '4.1', '4.2', '4.5a', '4.5b', '5.1', '5.2', '5.3', '5.4'].sort(),
    );
    for (const [code, m] of Object.entries(all)) {
      expect(m.value, code).toBeNull();
      for (const n of [m.numerator, m.denominator]) if (n !== null) expect(Number.isFinite(n), code).toBe(true);
    }
  });

  it('dossiers only in other statuses: procedure indicators still not applicable, 1.4 measured', () => {
    const m = measuresOf(inputs({ counters: { dossiers: 2, 'st:submitted': 2 } }));
    expect(m['1.4']).toEqual(ratio(0, 2, 0));
    expect(m['2.1']!.value).toBeNull();
    expect(m['3.3']!.value).toBeNull();
  });
});

describe('end to end: one province-month scored with definition 766-2022.1', () => {
  // Procedures in competence:
  //   P1 announced Oct, on time, published on time, complete, online, fee, citizens
  //   P2 announced Sep, complete, online, no fee, citizens
  //   P3 announced Aug, incomplete, offline, fee, business
  //   P4 announced Oct, late, published late, complete, offline, no fee, citizens
  const procedures = [
    proc('P1', { announcedMonth: '2026-10', online: true, hasFee: true, forCitizens: true }),
    proc('P2', { announcedMonth: '2026-09', online: true, forCitizens: true }),
    proc('P3', { announcedMonth: '2026-08', complete: false, hasFee: true }),
    proc('P4', { announcedMonth: '2026-10', announcedOnTime: false, publishedOnTime: false, forCitizens: true }),
  ];
  const counters: Counters = {
    dossiers: 10, agencyActed: 8, received: 8, onlineReceived: 4,
    onTime: 5, late: 1, 'due:2026-10-20': 1, 'due:2026-11-05': 1,
    finished: 6, handlingHours: 120,
    'op:P1': 3, 'fp:P1': 2, 'pp:P1': 1, feeBearing: 2, paidOnline: 1,
    resulted: 5, eResult: 4, digitised: 6, vneid: 2, 'vp:P1': 1, 'vp:P2': 1,
  };
  const m = measuresOf(inputs({
    counters, procedures,
    ratings: { total: 10, dissatisfied: 1 },
    feedback: { answered: 4, answeredOnTime: 3, answeredLate: 1, answeredRepeated: 0, disliked: 1 },
  }));

  it('the measures', () => {
    const values = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]));
    expect(values).toEqual({
      '1.1': 0.5, // P1 of P1, P4
      '1.2': 0.5, // P1 of P1, P4
      '1.3': 0.75, // P1, P2, P4 of 4
      '1.4': 0.8, // 8 of 10
      '2.1': 0.75, // on time 5 + 1 (due 5 Nov), late 1 + 1 (due 20 Oct): 6 of 8
      '2.2': null,
      '3.1': 0.5, // P1, P2 of 4
      '3.2': 0.5, // P1 of P1, P2
      '3.3': 0.4, // 4/8 online × 8/10 synced
      '3.5': 0.5, // P1 of P1, P3
      '3.5b': 0.5, // P1 of P1, P3
      '3.6': 0.5, // 1 of 2
      '4.1': 0.8, // 4 of 5
      '4.2': 0.75, // 6 of 8
      '4.5a': expect.closeTo(2 / 3, 12), // P1, P2 of P1, P2, P4
      '4.5b': 0.25, // 2 of 8
      '5.1': null,
      '5.2': 0.75, // 3 of 4
      '5.3': 0.5, // 4 − (1 + 1 + 0) = 2 of 4
      '5.4': expect.closeTo(0.65, 12), // 1 − (2/8 + 1/10)
    });
  });

  it('the score', () => {
    const s = scoreAgency(definitionFor('2026-10'), m);
    // CKMB 18 (1.1: 6, 1.2: 4, 1.3: 2, 1.4: 6): 6 × 0.5 + 4 × 0.5 + 2 × 0.75 + 6 × 0.8 = 3 + 2 + 1.5 + 4.8 = 11.3
    // TDGQ 20 (2.1: 20): 20 × 0.75 = 15
    // CLGQ 12 (3.1: 4 @0.8, 3.2: 2, 3.3: 6 @0.5): 4 × 0.5/0.8 + 2 × 0.5 + 6 × 0.4/0.5 = 2.5 + 1 + 4.8 = 8.3
    // TTTT 10 (3.5: 2 @0.8, 3.5b: 2 @0.8, 3.6: 6): 2 × 0.625 + 2 × 0.625 + 6 × 0.5 = 1.25 + 1.25 + 3 = 5.5
    // MDSH 22 over the measured 4.1: 6, 4.2: 4 @0.8, 4.5a: 2, 4.5b: 2 (Σ 14):
    //   6 × 0.8 + 4 × 0.75/0.8 + 2 × 2/3 + 2 × 0.25 = 4.8 + 3.75 + 4/3 + 0.5 = 623/60; × 22/14 = 979/60 = 16.31666…
    // MDHL 18 (5.2: 6, 5.3: 6, 5.4: 6 @0.9): 6 × 0.75 + 6 × 0.5 + 6 × 0.65/0.9 = 4.5 + 3 + 13/3 = 71/6 = 11.8333…
    // Total = 11.3 + 15 + 8.3 + 5.5 + 979/60 + 710/60 = 40.1 + 1689/60 = 40.1 + 28.15 = 68.25 → fair (≥ 65)
    expect(s.groups.CKMB).toBeCloseTo(11.3, 10);
    expect(s.groups.TDGQ).toBeCloseTo(15, 10);
    expect(s.groups.CLGQ).toBeCloseTo(8.3, 10);
    expect(s.groups.TTTT).toBeCloseTo(5.5, 10);
    expect(s.groups.MDSH).toBeCloseTo(979 / 60, 10);
    expect(s.groups.MDHL).toBeCloseTo(71 / 6, 10);
    expect(s.total).toBeCloseTo(68.25, 10);
    expect(s.band).toBe('fair');
    expect(s.applicable).toBe(true);
    const byCode = Object.fromEntries(s.indicators.map((i) => [i.code, i]));
    expect(byCode['4.2']!.effectiveMax).toBeCloseTo(44 / 7, 10); // 4 × 22/14
    expect(byCode['4.2']!.score).toBeCloseTo((44 / 7) * 0.9375, 10);
    expect(byCode['5.4']!.parts).toEqual([
      { name: 'late', numerator: 2, denominator: 8 },
      { name: 'dissatisfied', numerator: 1, denominator: 10 },
    ]);
    expect(byCode['2.2']).toMatchObject({ numerator: 120, denominator: 6, score: 0, applicable: false });
  });

  it('with nothing at all, nothing is applicable and nothing throws', () => {
    const s = scoreAgency(definitionFor('2026-10'), measuresOf(inputs()));
    expect(s.applicable).toBe(false);
    expect(s.total).toBe(0);
  });
});
