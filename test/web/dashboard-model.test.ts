// The dashboard's pure logic: band colours and names, the mapping from the API's answers to the
// charts and tables, why an indicator is not applicable, and the texts that must follow the
// index definitions.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dashboard } from '../../web/src/i18n/dashboard';
import { DEFINITIONS, EARLIEST_PERIOD_MONTH, GROUP_CODES } from '../../web/src/dashboard/definitions';
import {
  BANDS, BAND_COLOURS, NEUTRAL_COLOUR, averageHandlingDays, chartName, bandColour, bandsPresent, contrastRatio, countEntries,
  gainsRedistributedPoints, groupBars, notApplicableReason, rankingBars, rankingRows, topProcedures,
  STATUS_ORDER, type RankingItem,
} from '../../web/src/dashboard/model';

const groups = (v: number) => ({ CKMB: v, TDGQ: v, CLGQ: v, TTTT: v, MDSH: v, MDHL: v });
const item = (agencyCode: string, rank: number | null, total: number, band: RankingItem['band'], applicable = true): RankingItem =>
  ({ rank, agencyCode, agencyName: `UBND ${agencyCode}`, total, band, groups: groups(total / 6), applicable });

describe('bands', () => {
  it('has a colour per band, each readable on white as text (4.5:1) and as a bar (3:1)', () => {
    for (const band of BANDS) {
      expect(BAND_COLOURS[band]).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastRatio(BAND_COLOURS[band], '#ffffff'), band).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(NEUTRAL_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(new Set(Object.values(BAND_COLOURS)).size).toBe(BANDS.length);
    expect(bandColour('unknown')).toBe(NEUTRAL_COLOUR);
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('names every band of every definition in both languages, with its range', () => {
    for (const def of DEFINITIONS) {
      for (const { band, min } of def.bands) {
        expect(BANDS).toContain(band);
        for (const lang of ['vi', 'en'] as const) {
          expect(dashboard[lang][`dash.band.${band}`], `${lang} ${band}`).toBeTruthy();
          expect(dashboard[lang][`dash.bandRange.${band}`], `${lang} ${band}`).toContain(min === 0 ? '50' : String(min));
        }
      }
    }
    expect(dashboard.vi['dash.band.excellent']).toBe('Xuất sắc');
    expect(dashboard.vi['dash.band.weak']).toBe('Yếu');
  });
});

describe('the ranking', () => {
  const items = [
    item('H01', 1, 84.2, 'good'), item('H02', 2, 80, 'good'), item('H03', 2, 80, 'good'),
    item('H04', 4, 66.5, 'fair'), item('H05', 5, 51, 'average'), item('H06', null, 0, 'weak', false),
  ];

  it('maps scored agencies to bars in rank order, coloured by band, cut to the top N on phones', () => {
    const all = rankingBars(items);
    expect(all.labels).toEqual(['H01', 'H02', 'H03', 'H04', 'H05']);
    expect(all.values).toEqual([84.2, 80, 80, 66.5, 51]);
    expect(all.colours).toEqual([BAND_COLOURS.good, BAND_COLOURS.good, BAND_COLOURS.good, BAND_COLOURS.fair, BAND_COLOURS.average]);
    expect(all.codes).toEqual(['H01', 'H02', 'H03', 'H04', 'H05']);
    const top = rankingBars(items, 2);
    expect(top.values).toEqual([84.2, 80]);
    expect(rankingBars([], 10).values).toEqual([]);
  });

  it('drops the "UBND" every province and commune name starts with from chart labels', () => {
    expect(chartName('UBND Thành phố Hà Nội')).toBe('Thành phố Hà Nội');
    expect(chartName('Bộ Công an')).toBe('Bộ Công an');
  });

  it('lists table rows by rank with ties kept, unscored agencies last', () => {
    const shuffled = [items[5]!, items[3]!, items[0]!, items[2]!, items[4]!, items[1]!];
    expect(rankingRows(shuffled).map((r) => r.agencyCode)).toEqual(['H01', 'H02', 'H03', 'H04', 'H05', 'H06']);
  });

  it('shows in the legend only the bands present among scored agencies', () => {
    expect(bandsPresent(items)).toEqual(['good', 'fair', 'average']);
  });
});

describe('the agency breakdown', () => {
  it('orders group bars as the definition does, with their maxima', () => {
    const details = [
      { code: 'MDHL' as const, score: 12, max: 18, applicable: true },
      { code: 'CKMB' as const, score: 10.35, max: 18, applicable: true },
      { code: 'TTTT' as const, score: 0, max: 10, applicable: false },
    ];
    expect(groupBars(details)).toEqual({ codes: ['CKMB', 'TTTT', 'MDHL'], scores: [10.35, 0, 12], maxima: [18, 10, 18], applicable: [true, false, true] });
  });

  it('explains why an indicator earns no points of its own', () => {
    const scored = { applicable: true, max: 6, effectiveMax: 6, value: 0.5 };
    expect(notApplicableReason(scored, true, true)).toBeNull();
    expect(notApplicableReason({ applicable: false, max: 0, effectiveMax: 0, value: null }, true, true)).toBe('display');
    expect(notApplicableReason({ applicable: false, max: 2, effectiveMax: 0, value: null }, false, true)).toBe('notMeasured');
    expect(notApplicableReason({ applicable: false, max: 6, effectiveMax: 0, value: null }, true, true)).toBe('nothingToMeasure');
    // Unknown definition (a newer revision): still "nothing to measure", never a crash.
    expect(notApplicableReason({ applicable: false, max: 6, effectiveMax: 0, value: null }, undefined, true)).toBe('nothingToMeasure');
    expect(notApplicableReason({ applicable: true, max: 6, effectiveMax: 0, value: 1 }, true, false)).toBe('groupOut');
  });

  it('notices redistributed points and reads 2.2 as average handling days', () => {
    expect(gainsRedistributedPoints({ applicable: true, max: 2, effectiveMax: 4.5 })).toBe(true);
    expect(gainsRedistributedPoints({ applicable: true, max: 6, effectiveMax: 6 })).toBe(false);
    expect(gainsRedistributedPoints({ applicable: false, max: 6, effectiveMax: 0 })).toBe(false);
    expect(averageHandlingDays({ numerator: 480, denominator: 4 })).toBe(5);
    expect(averageHandlingDays({ numerator: 0, denominator: 0 })).toBeNull();
    expect(averageHandlingDays({ numerator: null, denominator: null })).toBeNull();
  });
});

describe('statistics', () => {
  it('orders counts largest first, drops zeros, and breaks ties by the status order', () => {
    expect(countEntries({ done: 3, submitted: 3, received: 0, processing: 7 }, STATUS_ORDER)).toEqual([
      { key: 'processing', count: 7 }, { key: 'submitted', count: 3 }, { key: 'done', count: 3 },
    ]);
    expect(countEntries({})).toEqual([]);
  });

  it('keeps the procedures with the most dossiers', () => {
    const byProcedure = [
      { procedureCode: '1.2', procedureName: 'B', dossiers: 2 },
      { procedureCode: '1.1', procedureName: null, dossiers: 9 },
      { procedureCode: '1.3', procedureName: 'C', dossiers: 2 },
    ];
    expect(topProcedures(byProcedure, 2).map((p) => p.procedureCode)).toEqual(['1.1', '1.2']);
    expect(byProcedure[0]!.procedureCode).toBe('1.2');
  });
});

describe('texts and definitions stay in step', () => {
  it('knows every definition file the evaluation capability scores with', () => {
    const files = readdirSync(new URL('../../functions/evaluation/definitions/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(DEFINITIONS).toHaveLength(files.length);
    expect(EARLIEST_PERIOD_MONTH).toBe('2022-07');
  });

  it('names every group and indicator in both languages; the Vietnamese names are the definition’s', () => {
    const vi = dashboard.vi;
    const en = dashboard.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const def of DEFINITIONS) {
      for (const g of def.groups) {
        expect(GROUP_CODES).toContain(g.code);
        expect(vi[`dash.group.${g.code}`]).toBe(g.name);
        expect(en[`dash.group.${g.code}`]).toBeTruthy();
      }
      for (const ind of def.indicators) {
        expect(vi[`dash.ind.${ind.code}`], ind.code).toBe(ind.name);
        expect(en[`dash.ind.${ind.code}`], ind.code).toBeTruthy();
      }
    }
  });
});
