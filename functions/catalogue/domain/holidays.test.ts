import { getSolarDate } from '@dqcai/vn-lunar';
import { describe, expect, it } from 'vitest';
import {
  computeHolidays, hungKingsDate, holidaysFor, isNonWorkingDay, tetDate, type MakeupDay,
} from './holidays';
import makeupDays from '../../../seed/catalogue/makeup-days.json';

const ADJ = makeupDays as MakeupDay[];
const days = (year: number, adj: MakeupDay[] = ADJ, kinds?: string[]) =>
  computeHolidays(year, adj).filter((h) => !kinds || kinds.includes(h.kind)).map((h) => h.date);
const off = (year: number, adj: MakeupDay[] = ADJ) =>
  computeHolidays(year, adj).filter((h) => h.kind !== 'makeup_workday').map((h) => h.date);

describe('lunar dates (@dqcai/vn-lunar, Vietnamese calendar)', () => {
  it.each([
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
  ])('%i: Tết %s, Giỗ Tổ Hùng Vương %s', (year, tet, hung) => {
    expect(tetDate(year)).toBe(tet);
    expect(hungKingsDate(year)).toBe(hung);
  });

  it('uses the library directly as documented (getSolarDate(day, month, lunarYear, leap))', () => {
    expect(getSolarDate(1, 1, 2026, false)).toMatchObject({ day: 17, month: 2, year: 2026 });
  });
});

describe('computeHolidays with the seeded adjustments', () => {
  it.each([
    {
      year: 2025,
      // Tết Ất Tỵ: 28 Chạp (27/01, extra day off as arranged) … mùng 4 (01/02, a Saturday);
      // 30/4–1/5 with the 02/5 swap and make-up Saturday 26/4; Quốc khánh 1/9 + 2/9.
      offDays: [
        '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01',
        '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
      ],
      makeup: ['2025-04-26'],
    },
    {
      year: 2026,
      // 1/1 Thu + swap 2/1, make-up Sat 10/1; Tết Bính Ngọ 16/02 (29 Chạp) – 20/02 (mùng 4);
      // Hùng Kings 26/4 is a Sunday → compensatory Monday 27/4; 30/4 Thu, 1/5 Fri; 1/9 + 2/9.
      offDays: [
        '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
        '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
      ],
      makeup: ['2026-01-10'],
    },
    {
      year: 2027,
      // Nothing announced: Tết Đinh Mùi 05/02 (29 Chạp) – 09/02 (mùng 4); Hùng Kings 16/4 (Fri);
      // 1/5 is a Saturday → compensatory Monday 3/5; Quốc khánh 1/9 (Wed) + 2/9 (Thu).
      offDays: [
        '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
        '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-01', '2027-09-02',
      ],
      makeup: [],
    },
  ])('$year', ({ year, offDays, makeup }) => {
    expect(off(year)).toEqual(offDays);
    expect(days(year, ADJ, ['makeup_workday'])).toEqual(makeup);
  });

  it('labels kinds: Tết and fixed days are holidays, weekend spill-over is compensatory', () => {
    const h2026 = computeHolidays(2026, ADJ);
    const kind = (d: string) => h2026.find((h) => h.date === d)?.kind;
    expect(kind('2026-02-17')).toBe('holiday');
    expect(kind('2026-04-27')).toBe('compensatory');
    expect(kind('2026-01-02')).toBe('extra_day_off');
    expect(kind('2026-01-10')).toBe('makeup_workday');
    expect(h2026.find((h) => h.date === '2026-02-16')?.name).toBe('Tết Nguyên đán (29 tháng Chạp)');
  });

  it('entries have the catalogue shape, are sorted, unique, and belong to the year', () => {
    for (const year of [2025, 2026, 2027]) {
      const list = computeHolidays(year, ADJ);
      const dates = list.map((h) => h.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      for (const h of list) {
        expect(h.id).toBe(h.date);
        expect(h.year).toBe(year);
        expect(h.date.startsWith(`${year}-`)).toBe(true);
        expect(h.name.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('computeHolidays rules (no adjustments)', () => {
  it.each([
    // 1/1 on a weekend → next working day off.
    ['1/1 on Saturday (2022)', 2022, ['2022-01-01', '2022-01-03']],
    ['1/1 on Sunday (2023)', 2023, ['2023-01-01', '2023-01-02']],
    ['1/1 on Saturday (2028)', 2028, ['2028-01-01', '2028-01-03']],
  ])('%s', (_label, year, expected) => {
    const jan = off(year as number, []).filter((d) => d < `${year}-01-10`);
    expect(jan).toEqual(expected);
  });

  it('30/4 Saturday + 1/5 Sunday give two consecutive compensatory days (2022: 2/5 and 3/5)', () => {
    const list = computeHolidays(2022, []);
    const may = list.filter((h) => h.date >= '2022-04-30' && h.date <= '2022-05-06');
    expect(may.map((h) => [h.date, h.kind])).toEqual([
      ['2022-04-30', 'holiday'], ['2022-05-01', 'holiday'],
      ['2022-05-02', 'compensatory'], ['2022-05-03', 'compensatory'],
    ]);
  });

  it('Quốc khánh on Saturday with 1/9 Friday → compensatory Monday 4/9 (2023)', () => {
    const sep = off(2023, []).filter((d) => d.startsWith('2023-09'));
    expect(sep).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });

  it('the adjacent Quốc khánh day is 3/9 when the adjustments give 3/9 off (2024)', () => {
    const adj: MakeupDay[] = [{ date: '2024-09-03', kind: 'extra_day_off', name: 'Nghỉ Quốc khánh (3/9)' }];
    const sep = computeHolidays(2024, adj).filter((h) => h.date.startsWith('2024-09'));
    expect(sep.map((h) => [h.date, h.kind])).toEqual([['2024-09-02', 'holiday'], ['2024-09-03', 'holiday']]);
    expect(sep[1]!.name).toContain('3/9');
    // Default (no adjustment): 1/9/2024 is a Sunday → holiday + compensatory Tuesday 3/9.
    expect(off(2024, []).filter((d) => d.startsWith('2024-09'))).toEqual(['2024-09-01', '2024-09-02', '2024-09-03']);
  });

  it('Hùng Kings day on Sunday → compensatory Monday (2026)', () => {
    expect(days(2026, [], ['compensatory'])).toContain('2026-04-27');
  });

  it('Tết days on a weekend earn no compensatory day (the government arranges Tết)', () => {
    // Tết 2027: mùng 1 and mùng 2 fall on Saturday/Sunday.
    const feb = computeHolidays(2027, []).filter((h) => h.date.startsWith('2027-02'));
    expect(feb.every((h) => h.kind === 'holiday')).toBe(true);
    expect(feb).toHaveLength(5);
  });

  it('a make-up working day overrides a computed day off, and extra days off are added', () => {
    const adj: MakeupDay[] = [
      { date: '2027-05-03', kind: 'makeup_workday', name: 'Làm việc' },
      { date: '2027-02-10', kind: 'extra_day_off', name: 'Nghỉ thêm dịp Tết' },
      { date: '2026-02-21', kind: 'extra_day_off', name: 'other year: ignored' },
    ];
    const list = computeHolidays(2027, adj);
    expect(list.find((h) => h.date === '2027-05-03')?.kind).toBe('makeup_workday');
    expect(list.find((h) => h.date === '2027-02-10')?.kind).toBe('extra_day_off');
    expect(list.some((h) => h.date.startsWith('2026'))).toBe(false);
  });

  it('holidaysFor concatenates years in date order', () => {
    const all = holidaysFor([2027, 2025, 2026], ADJ);
    expect(all.map((h) => h.date)).toEqual([...all.map((h) => h.date)].sort());
    expect(new Set(all.map((h) => h.year))).toEqual(new Set([2025, 2026, 2027]));
  });

  it('isNonWorkingDay combines weekends, holidays and make-up days', () => {
    const cal = holidaysFor([2026], ADJ);
    expect(isNonWorkingDay('2026-01-02', cal)).toBe(true); // swapped Friday
    expect(isNonWorkingDay('2026-01-10', cal)).toBe(false); // make-up Saturday
    expect(isNonWorkingDay('2026-01-11', cal)).toBe(true); // Sunday
    expect(isNonWorkingDay('2026-01-12', cal)).toBe(false); // Monday
  });

  it('rejects an out-of-range year', () => {
    expect(() => computeHolidays(1800, [])).toThrow(RangeError);
  });
});
