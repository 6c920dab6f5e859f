// The procedures in an agency's competence and their transparency facts
// (functions/evaluation/domain/procedures.ts), table-driven with compliant and non-compliant cases
// per rule. The calendar is shared/calendar with no holiday entries: Monday–Friday 07:30–17:00
// local, addWorkingDays counting the start day when it starts before opening (00:00 local) and
// ending at 17:00 local of the last day. October 2026: Thu 1, Fri 2, Mon 5, Fri 9, Mon 12, Fri 16,
// Mon 19, Fri 23, Mon 26, Fri 30; Sun 1 Nov.
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../shared/contracts/catalogue';
import { createWorkingCalendar } from '../../../shared/calendar';
import { inCompetence, procedureFactsOf, type ScopeAgency } from './procedures';
import type { AgencyLevel } from './measures';

const calendar = createWorkingCalendar([]);

const procedure = (over: Partial<Procedure> = {}): Procedure => ({
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  level: 'commune',
  sectorCode: 'G15-TP07',
  agencyKinds: ['commune'],
  applicantTypes: ['citizen'],
  steps: ['Nộp hồ sơ', 'Tiếp nhận và giải quyết', 'Trả kết quả'],
  channels: ['desk', 'online'],
  onlineService: 'partial',
  processingTime: { value: 3, unit: 'working_day' },
  fees: [],
  components: [{ code: 'TK', name: 'Tờ khai', required: true, maxFiles: 1, accept: ['application/pdf'] }],
  form: { fields: [] },
  requirements: [],
  resultTypes: ['KQ01'],
  legalBasis: [{ number: '123/2015/NĐ-CP', title: 'Nghị định', effectiveAt: '2026-12-01' }],
  status: 'published',
  announcedAt: '2026-10-05',
  publishedAt: '2026-10-05',
  ...over,
});

const G01: ScopeAgency = { code: '000.00.00.G01', level: 'central' };
const G12: ScopeAgency = { code: '000.00.00.G12', level: 'central' };
const H26: ScopeAgency = { code: '000.00.00.H26', level: 'province' };
const COMMUNE: ScopeAgency = { code: '000.01.26.H26', level: 'commune' };

describe('inCompetence', () => {
  type P = Pick<Procedure, 'agencyKinds' | 'ministryCodes' | 'status'>;
  const p = (agencyKinds: Procedure['agencyKinds'], ministryCodes?: string[], status: Procedure['status'] = 'published'): P =>
    ministryCodes === undefined ? { agencyKinds, status } : { agencyKinds, ministryCodes, status };
  it.each<[string, P, ScopeAgency, boolean]>([
    // central
    ['central, no ministry named → every ministry', p(['central']), G12, true],
    ['central, empty ministry list → every ministry', p(['central'], []), G12, true],
    ['central, named ministry', p(['central'], ['000.00.00.G01']), G01, true],
    ['central, another ministry named', p(['central'], ['000.00.00.G01']), G12, false],
    ['central, several ministries named', p(['central'], ['000.00.00.G01', '000.00.00.G12']), G12, true],
    ['province-level procedure at a ministry', p(['province']), G01, false],
    ['commune-level procedure at a ministry', p(['commune']), G01, false],
    // province: its own and its communes' procedures
    ['province-level at a province', p(['province']), H26, true],
    ['commune-level at a province', p(['commune']), H26, true],
    ['central-only at a province', p(['central']), H26, false],
    ['central and province at a province (ministry list irrelevant)', p(['central', 'province'], ['000.00.00.G01']), H26, true],
    // commune: commune-level only
    ['commune-level at a commune', p(['commune']), COMMUNE, true],
    ['province and commune at a commune', p(['province', 'commune']), COMMUNE, true],
    ['province-level at a commune', p(['province']), COMMUNE, false],
    ['central at a commune', p(['central']), COMMUNE, false],
    // amended is still in force
    ['published_amended commune-level at a commune', p(['commune'], undefined, 'published_amended'), COMMUNE, true],
    // repealed: never
    ['repealed central, no ministry named', p(['central'], undefined, 'repealed'), G01, false],
    ['repealed central, named ministry', p(['central'], ['000.00.00.G01'], 'repealed'), G01, false],
    ['repealed province-level at a province', p(['province'], undefined, 'repealed'), H26, false],
    ['repealed commune-level at a province', p(['commune'], undefined, 'repealed'), H26, false],
    ['repealed commune-level at a commune', p(['commune'], undefined, 'repealed'), COMMUNE, false],
  ])('%s → %s', (_name, proc, agency, expected) => {
    expect(inCompetence(proc, agency)).toBe(expected);
  });
});

describe('procedureFactsOf 1.1: announced on time before the basis takes effect', () => {
  const basis = (...dates: (string | null)[]) => dates.map((effectiveAt, i) => ({ number: `${i + 1}/2026/NĐ-CP`, title: 'Nghị định', effectiveAt }));
  it.each<[string, AgencyLevel, string, Procedure['legalBasis'], boolean | null]>([
    // "announced ≤ effective − 5 working days", the announcement day being day 0: from Mon 5 Oct,
    // the 5th working day after is Mon 12 Oct (6, 7, 8, 9, 12)
    ['province, effective on the 5th working day after', 'province', '2026-10-05', basis('2026-10-12'), true],
    ['province, effective the Tuesday after', 'province', '2026-10-05', basis('2026-10-13'), true],
    ['province, effective on the 4th working day after', 'province', '2026-10-05', basis('2026-10-09'), false],
    ['commune uses the local deadline', 'commune', '2026-10-05', basis('2026-10-12'), true],
    ['commune, one day short', 'commune', '2026-10-05', basis('2026-10-09'), false],
    // across a weekend: from Thu 8 Oct, Fri 9, Mon 12, Tue 13, Wed 14, Thu 15
    ['province across a weekend, on the 5th working day after', 'province', '2026-10-08', basis('2026-10-15'), true],
    ['province across a weekend, one day short', 'province', '2026-10-08', basis('2026-10-14'), false],
    // ministry: 20 working days after Mon 5 Oct = 4 (6–9 Oct) + 15 (three weeks) + Mon 2 Nov
    ['central, effective on the 20th working day after', 'central', '2026-10-05', basis('2026-11-02'), true],
    ['central, effective on a Sunday after it', 'central', '2026-10-05', basis('2026-11-08'), true],
    ['central, one day short', 'central', '2026-10-05', basis('2026-10-30'), false],
    ['central, 5 days would do for a province but not here', 'central', '2026-10-05', basis('2026-10-12'), false],
    // the basis took effect before (or when) the procedure was announced
    ['basis effective before the announcement', 'province', '2026-10-05', basis('2026-10-01'), false],
    ['basis effective before the announcement, ministry', 'central', '2026-10-05', basis('2025-01-01'), false],
    ['basis effective on the announcement day', 'province', '2026-10-05', basis('2026-10-05'), false],
    // the latest dated basis decides
    ['several bases: the latest one is in time', 'province', '2026-10-05', basis('2026-10-01', null, '2026-12-01'), true],
    ['several bases: the latest one is too soon', 'province', '2026-10-05', basis('2020-01-01', '2026-10-07'), false],
    // nothing dated: not judged
    ['no legal basis', 'province', '2026-10-05', [], null],
    ['no dated basis', 'central', '2026-10-05', basis(null, null), null],
  ])('%s → %s', (_name, level, announcedAt, legalBasis, expected) => {
    expect(procedureFactsOf(procedure({ announcedAt, publishedAt: announcedAt, legalBasis }), level, calendar).announcedOnTime).toBe(expected);
  });
});

describe('procedureFactsOf 1.2: published within 5 (local) / 10 (ministry) working days', () => {
  it.each<[string, string, string, { central: boolean; province: boolean; commune: boolean }]>([
    // "published ≤ announced + 5 (10) working days", the announcement day being day 0: from Thu 8 Oct,
    // 5 working days end Thu 15 Oct (9, 12, 13, 14, 15), 10 end Thu 22 Oct (… 16, 19, 20, 21, 22)
    ['the same day', '2026-10-08', '2026-10-08', { central: true, province: true, commune: true }],
    ['on the 5th working day, across the weekend', '2026-10-08', '2026-10-15', { central: true, province: true, commune: true }],
    ['on the 6th working day: only within 10', '2026-10-08', '2026-10-16', { central: true, province: false, commune: false }],
    ['on the 10th working day', '2026-10-08', '2026-10-22', { central: true, province: false, commune: false }],
    ['on the 11th working day', '2026-10-08', '2026-10-23', { central: false, province: false, commune: false }],
    // announced Mon 5 Oct: 5 end Mon 12 Oct (17:00); published Tue 13 Oct is late for a province
    ['the day after the 5th working day', '2026-10-05', '2026-10-13', { central: true, province: false, commune: false }],
    // announced Sat 10 Oct: counting starts Mon 12 Oct, 5 end Fri 16 Oct
    ['announced on a Saturday, published the Friday after', '2026-10-10', '2026-10-16', { central: true, province: true, commune: true }],
    ['announced on a Saturday, published the Monday after next', '2026-10-10', '2026-10-19', { central: true, province: false, commune: false }],
  ])('%s', (_name, announcedAt, publishedAt, expected) => {
    const p = procedure({ announcedAt, publishedAt });
    expect({
      central: procedureFactsOf(p, 'central', calendar).publishedOnTime,
      province: procedureFactsOf(p, 'province', calendar).publishedOnTime,
      commune: procedureFactsOf(p, 'commune', calendar).publishedOnTime,
    }).toEqual(expected);
  });
});

describe('procedureFactsOf 1.3: every required element', () => {
  it.each<[string, Partial<Procedure>, boolean]>([
    ['complete', {}, true],
    ['blank name', { name: '   ' }, false],
    ['no steps', { steps: [] }, false],
    ['no channels', { channels: [] }, false],
    ['no components', { components: [] }, false],
    ['no processing time', { processingTime: { value: 0, unit: 'working_day' } }, false],
    ['no applicant types', { applicantTypes: [] }, false],
    ['no implementing agencies', { agencyKinds: [] }, false],
    ['no fee and no requirements are not missing elements', { fees: [], requirements: [] }, true],
  ])('%s → %s', (_name, over, expected) => {
    expect(procedureFactsOf(procedure(over), 'province', calendar).complete).toBe(expected);
  });
});

describe('procedureFactsOf: online, hasFee, forCitizens', () => {
  const fee = (amount: number) => ({ code: `F${amount}`, name: 'Lệ phí', amount, kind: 'fee' as const, revenueItemCode: '2651' });
  it.each<[string, Partial<Procedure>, { online: boolean; hasFee: boolean; forCitizens: boolean }]>([
    ['full online, 8 000 VND fee, citizens', { onlineService: 'full', fees: [fee(8000)], applicantTypes: ['citizen'] }, { online: true, hasFee: true, forCitizens: true }],
    ['partial online, free, businesses', { onlineService: 'partial', fees: [], applicantTypes: ['business'] }, { online: true, hasFee: false, forCitizens: false }],
    ['not online, a zero fee only, both', { onlineService: 'none', fees: [fee(0)], applicantTypes: ['business', 'citizen'] }, { online: false, hasFee: false, forCitizens: true }],
    ['a zero and a non-zero fee', { onlineService: 'none', fees: [fee(0), fee(50000)], applicantTypes: ['business'] }, { online: false, hasFee: true, forCitizens: false }],
  ])('%s', (_name, over, expected) => {
    const f = procedureFactsOf(procedure(over), 'commune', calendar);
    expect({ online: f.online, hasFee: f.hasFee, forCitizens: f.forCitizens }).toEqual(expected);
  });

  it('code and announcement month', () => {
    const f = procedureFactsOf(procedure({ code: '2.000528', announcedAt: '2026-10-31', publishedAt: '2026-11-02' }), 'province', calendar);
    expect(f.code).toBe('2.000528');
    expect(f.announcedMonth).toBe('2026-10');
  });
});
