// The working-day calendar (shared/calendar; rules R1–R11 in its header and docs/calendar.md),
// on the real computed holidays of 2025–2027 with the seeded government adjustments.
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar, formatLocal, latestCalendar, localDate, type ProcessingTime,
} from '.';
import { holidaysFor, isNonWorkingDay, type MakeupDay } from '../../functions/catalogue/domain/holidays';
import makeupDays from '../../seed/catalogue/makeup-days.json';

const ENTRIES = holidaysFor([2025, 2026, 2027], makeupDays as MakeupDay[]);
const cal = createWorkingCalendar(ENTRIES);

/** Local (UTC+7) wall time → instant. */
const at = (local: string): Date => new Date(`${local}+07:00`);
/** Instant → local wall time "YYYY-MM-DDTHH:MM" (seconds shown only when not zero). */
const wall = (d: Date): string => formatLocal(d).replace(/:00\+07:00$/, '').replace(/\+07:00$/, '');

// ---------------------------------------------------------------------------------------------
// Independent reference implementations (day stepping, minute arithmetic), used by the property
// checks. They rely only on isWorkingDay, which is itself checked against the catalogue table.

const DAY = 86_400_000;
const OPEN = 450; // 07:30 in minutes
const CLOSE = 1020; // 17:00
const parts = (d: Date) => {
  const l = new Date(d.getTime() + 7 * 3_600_000);
  return { date: l.toISOString().slice(0, 10), min: (l.getTime() % DAY) / 60_000 };
};
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const refNextWorking = (date: string) => {
  let d = nextDate(date);
  while (!cal.isWorkingDay(d)) d = nextDate(d);
  return d;
};
/** R7 by day stepping: day 1 is the counting-start day if counting starts at opening, else the next. */
function refAddWorkingDays(from: Date, n: number): string {
  const { date, min } = parts(from);
  let startDay: string;
  let atOpening: boolean;
  if (cal.isWorkingDay(date) && min < CLOSE) {
    startDay = date;
    atOpening = min <= OPEN;
  } else {
    startDay = refNextWorking(date);
    atOpening = true;
  }
  if (n === 0) return `${startDay}T17:00`;
  let d = atOpening ? startDay : refNextWorking(startDay);
  for (let i = 1; i < n; i++) d = refNextWorking(d);
  return `${d}T17:00`;
}
/** Working minutes in [a, b] by walking the days and intersecting with office windows. */
function refWorkingMinutes(a: Date, b: Date): number {
  if (b < a) return -refWorkingMinutes(b, a);
  let total = 0;
  const pa = parts(a);
  const pb = parts(b);
  for (let d = pa.date; d <= pb.date; d = nextDate(d)) {
    if (!cal.isWorkingDay(d)) continue;
    const lo = Math.max(OPEN, d === pa.date ? pa.min : 0);
    const hi = Math.min(CLOSE, d === pb.date ? pb.min : 24 * 60);
    total += Math.max(0, hi - lo);
  }
  return total;
}
/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Every `stepMin` minutes from `from` (inclusive) to `to` (exclusive). */
const grid = (from: string, to: string, stepMin: number): Date[] => {
  const out: Date[] = [];
  for (let t = at(from).getTime(); t < at(to).getTime(); t += stepMin * 60_000) out.push(new Date(t));
  return out;
};

// ---------------------------------------------------------------------------------------------

describe('working days (R2) on the catalogue table', () => {
  it.each([
    ['2026-01-01', false, 'Tết Dương lịch (Thursday)'],
    ['2026-01-02', false, 'swapped Friday (extra day off)'],
    ['2026-01-03', false, 'Saturday'],
    ['2026-01-10', true, 'make-up Saturday'],
    ['2026-01-11', false, 'Sunday'],
    ['2026-01-12', true, 'Monday'],
    ['2026-02-13', true, 'Friday before Tết'],
    ['2026-02-16', false, 'Tết: 29 tháng Chạp'],
    ['2026-02-20', false, 'Tết: mùng 4'],
    ['2026-02-23', true, 'first day back after Tết'],
    ['2026-04-27', false, 'compensatory day for Hùng Kings day (Sunday 26/4)'],
    ['2026-04-30', false, 'Ngày Chiến thắng'],
    ['2025-04-26', true, 'make-up Saturday 2025'],
    ['2025-05-02', false, 'swapped Friday 2025'],
    ['2025-09-01', false, 'Quốc khánh adjacent day'],
    ['2027-05-03', false, 'compensatory for 1/5 on Saturday'],
  ])('%s → %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('agrees with the catalogue isNonWorkingDay on every day of 2025–2027', () => {
    for (let d = '2025-01-01'; d <= '2027-12-31'; d = nextDate(d)) {
      expect(cal.isWorkingDay(d), d).toBe(!isNonWorkingDay(d, ENTRIES));
    }
  });

  it.each([
    ['2026-02-13', '2026-02-23', 'over the Tết break'],
    ['2026-01-09', '2026-01-10', 'onto the make-up Saturday'],
    ['2026-01-10', '2026-01-12', 'from the make-up Saturday'],
    ['2025-12-31', '2026-01-05', 'over 1/1 + swapped 2/1 + weekend, across the year'],
    ['2026-04-24', '2026-04-28', 'over the weekend and the compensatory Monday'],
    ['2025-08-29', '2025-09-03', 'over Quốc khánh 1/9–2/9'],
    ['2026-01-02', '2026-01-05', 'from a day off'],
  ])('nextWorkingDay(%s) = %s (%s)', (date, next) => {
    expect(cal.nextWorkingDay(date)).toBe(next);
  });

  it('rejects a malformed date argument', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.nextWorkingDay('26-01-01')).toThrow(RangeError);
  });
});

describe('start of counting (R5)', () => {
  it.each([
    ['2026-03-05T10:15', '2026-03-05T10:15', 'during office hours: that instant'],
    ['2026-03-05T06:00', '2026-03-05T07:30', 'before opening: opening that day'],
    ['2026-03-05T07:30', '2026-03-05T07:30', 'at opening'],
    ['2026-03-05T16:59', '2026-03-05T16:59', 'one minute before closing'],
    ['2026-03-05T17:00', '2026-03-06T07:30', 'at closing: next working day'],
    ['2026-03-06T17:01', '2026-03-09T07:30', 'Friday evening: Monday'],
    ['2026-03-07T10:00', '2026-03-09T07:30', 'Saturday'],
    ['2026-01-10T10:00', '2026-01-10T10:00', 'make-up Saturday is a working day'],
    ['2026-02-18T09:00', '2026-02-23T07:30', 'during Tết'],
  ])('received %s → counting starts %s (%s)', (received, start) => {
    expect(wall(cal.startOfCounting(at(received)))).toBe(start);
  });
});

describe('addWorkingDays / dueDate in working days (R7)', () => {
  it.each([
    // Tết 2026 (16/02–20/02 off): receipt Friday 13/02.
    ['2026-02-13T09:00', 3, '2026-02-25T17:00', 'Fri 13/02 mid-day: day 1 = Mon 23/02 → Wed 25/02'],
    ['2026-02-13T07:00', 3, '2026-02-24T17:00', 'Fri 13/02 before opening: day 1 = Fri 13/02'],
    ['2026-02-13T17:30', 3, '2026-02-25T17:00', 'Fri 13/02 after closing: day 1 = Mon 23/02'],
    ['2026-02-14T10:00', 1, '2026-02-23T17:00', 'Saturday before Tết'],
    ['2026-02-12T10:00', 2, '2026-02-23T17:00', 'Thu 12/02: Fri 13, then Mon 23'],
    // The make-up Saturday 10/01/2026 is a working day.
    ['2026-01-09T10:00', 1, '2026-01-10T17:00', 'Friday → the make-up Saturday'],
    ['2026-01-08T10:00', 3, '2026-01-12T17:00', 'Thu: Fri 9, Sat 10, Mon 12'],
    ['2026-01-10T09:00', 1, '2026-01-12T17:00', 'received on the make-up Saturday'],
    ['2026-01-10T06:00', 1, '2026-01-10T17:00', 'before opening on the make-up Saturday'],
    ['2025-12-31T10:00', 2, '2026-01-06T17:00', 'across New Year and the swapped Friday'],
    // 16:59 vs 17:01 on a Friday before a holiday: same due date, the receipt day is never counted.
    ['2026-04-24T16:59', 1, '2026-04-28T17:00', 'Fri 24/04 16:59 (Mon 27/04 compensatory)'],
    ['2026-04-24T17:01', 1, '2026-04-28T17:00', 'Fri 24/04 17:01'],
    ['2026-04-24T16:59', 3, '2026-05-04T17:00', 'Tue 28, Wed 29, (30/4, 1/5 off) Mon 4/5'],
    ['2025-08-29T16:59', 1, '2025-09-03T17:00', 'Fri 29/08 16:59 (1/9, 2/9 off)'],
    ['2025-08-29T17:01', 1, '2025-09-03T17:00', 'Fri 29/08 17:01'],
    ['2025-08-29T07:30', 1, '2025-08-29T17:00', 'at opening: the same day counts'],
    ['2027-04-29T10:00', 1, '2027-05-04T17:00', '30/4 Fri, weekend, 3/5 compensatory'],
    ['2026-12-31T10:00', 1, '2027-01-04T17:00', 'across the year boundary'],
    ['2026-03-05T10:00', 0, '2026-03-05T17:00', 'N = 0: the close of the counting-start day'],
    ['2026-03-06T18:00', 0, '2026-03-09T17:00', 'N = 0 after hours: the next working day'],
    ['2026-03-05T07:30', 0.5, '2026-03-05T17:00', 'half a day from opening runs out at 12:15'],
    ['2026-03-05T14:00', 0.5, '2026-03-06T17:00', 'half a day from 14:00 runs out Fri 09:15'],
  ])('received %s + %s working days → %s (%s)', (received, n, due) => {
    expect(wall(cal.addWorkingDays(at(received), n))).toBe(due);
    expect(wall(cal.dueDate(at(received), { value: n, unit: 'working_day' }))).toBe(due);
  });

  it('accepts ISO strings with an offset and returns the same instant', () => {
    const due = cal.addWorkingDays('2026-02-13T02:00:00Z', 3); // 09:00 local
    expect(due.toISOString()).toBe('2026-02-25T10:00:00.000Z');
    expect(formatLocal(due)).toBe('2026-02-25T17:00:00+07:00');
    expect(localDate(due)).toBe('2026-02-25');
    expect(cal.addWorkingDays('2026-02-13T09:00:00+07:00', 3)).toEqual(due);
  });

  it('rejects strings without an offset (their meaning would depend on the host)', () => {
    expect(() => cal.addWorkingDays('2026-02-13T09:00:00', 3)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-13', 3)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(new Date(Number.NaN), 3)).toThrow(RangeError);
  });

  it('treats a negative or non-finite count as 0 (no throwing on data)', () => {
    const zero = cal.addWorkingDays(at('2026-03-05T10:00'), 0);
    expect(cal.addWorkingDays(at('2026-03-05T10:00'), -3)).toEqual(zero);
    expect(cal.addWorkingDays(at('2026-03-05T10:00'), Number.NaN)).toEqual(zero);
  });
});

describe('addWorkingHours / dueDate in working hours (R8)', () => {
  it.each([
    ['2026-03-05T15:00', 8, '2026-03-06T13:30', 'crosses a night: 2 h Thu + 6 h Fri'],
    ['2026-03-06T16:00', 4, '2026-03-09T10:30', 'crosses a weekend: 1 h Fri + 3 h Mon'],
    ['2026-03-07T12:00', 1, '2026-03-09T08:30', 'received Saturday: from Mon 07:30'],
    ['2026-03-06T07:30', 9.5, '2026-03-06T17:00', 'a full day ends at 17:00, not Monday 07:30'],
    ['2026-03-06T07:30', 10, '2026-03-09T08:00', 'just past a full day'],
    ['2026-03-05T16:30', 1, '2026-03-06T08:00', 'after the close the count continues next morning'],
    ['2026-02-13T15:30', 3, '2026-02-23T09:00', 'crosses the Tết break'],
    ['2026-01-09T16:00', 2, '2026-01-10T08:30', 'into the make-up Saturday'],
    ['2026-04-24T16:59', 2, '2026-04-28T09:29', 'Fri 16:59: one minute counts on Friday'],
    ['2026-04-24T17:01', 2, '2026-04-28T09:30', 'Fri 17:01: counting starts Tuesday'],
    ['2026-03-05T10:00', 0.25, '2026-03-05T10:15', 'fractions of an hour'],
    ['2026-03-05T10:00', 19, '2026-03-09T10:00', 'two full days = 19 h, same time of day'],
  ])('received %s + %s working hours → %s (%s)', (received, hours, due) => {
    expect(wall(cal.addWorkingHours(at(received), hours))).toBe(due);
    expect(wall(cal.dueDate(at(received), { value: hours, unit: 'working_hour' }))).toBe(due);
  });
});

describe('dueDate in calendar days (R9)', () => {
  it.each([
    ['2026-03-02T10:00', 13, '2026-03-16T17:00', 'day 13 = Sun 15/03 → Mon 16/03'],
    ['2026-03-02T10:00', 12, '2026-03-16T17:00', 'day 12 = Sat 14/03 → Mon 16/03'],
    ['2026-03-02T10:00', 11, '2026-03-13T17:00', 'day 11 = Fri 13/03'],
    ['2026-03-07T10:00', 7, '2026-03-16T17:00', 'received Saturday: day 1 = Mon 09/03, day 7 = Sun 15/03'],
    ['2026-03-02T06:00', 13, '2026-03-16T17:00', 'before opening: day 1 = Mon 02/03, day 13 = Sat 14/03'],
    ['2026-04-20T10:00', 10, '2026-05-04T17:00', 'day 10 = 30/04 → after 30/4, 1/5 and the weekend'],
    ['2026-02-06T10:00', 10, '2026-02-23T17:00', 'day 10 = 16/02, first day of Tết → 23/02'],
    ['2026-06-01T08:00', 15, '2026-06-16T17:00', 'a plain 15-day procedure'],
    ['2026-01-05T10:00', 5, '2026-01-10T17:00', 'day 5 = the make-up Saturday, a working day'],
    ['2026-03-02T10:00', 12.2, '2026-03-16T17:00', 'fractions round up (13 days)'],
  ])('received %s + %s days → %s (%s)', (received, n, due) => {
    expect(wall(cal.dueDate(at(received), { value: n, unit: 'day' }))).toBe(due);
  });
});

describe('workingTimeBetween (R6), in working minutes', () => {
  it.each([
    ['2026-03-05T10:00', '2026-03-05T12:00', 120, 'same day'],
    ['2026-03-06T16:00', '2026-03-09T08:00', 90, 'over a weekend'],
    ['2026-03-07T10:00', '2026-03-08T20:00', 0, 'inside a weekend'],
    ['2026-03-05T18:00', '2026-03-06T06:00', 0, 'overnight'],
    ['2026-02-12T17:00', '2026-02-23T07:30', 570, 'Fri 13/02 only; Tết is not counted'],
    ['2026-03-09T07:30', '2026-03-11T07:30', 1140, 'two full days'],
    ['2026-03-09T12:00', '2026-03-06T16:00', -330, 'reversed: negative (1 h Fri + 4.5 h Mon)'],
    ['2025-01-01T00:00', '2026-01-01T00:00', 250 * 570, '2025: 261 weekdays − 12 off + 1 make-up'],
  ])('%s → %s = %s min (%s)', (a, b, minutes) => {
    expect(cal.workingTimeBetween(at(a), at(b))).toBe(minutes);
  });

  it('is fractional below a minute', () => {
    expect(cal.workingTimeBetween(at('2026-03-05T10:00'), at('2026-03-05T10:00:30'))).toBe(0.5);
  });
});

describe('supplement pauses (R10)', () => {
  it.each([
    ['2026-03-12T17:00', '2026-03-06T15:00', '2026-03-09T10:00', 270, '2026-03-13T12:00',
      'pause over a weekend: 2 h Fri + 2.5 h Mon'],
    ['2026-03-12T17:00', '2026-03-07T10:00', '2026-03-08T20:00', 0, '2026-03-12T17:00',
      'pause inside a weekend: no change'],
    ['2026-03-12T17:00', '2026-03-09T07:30', '2026-03-11T07:30', 1140, '2026-03-16T17:00',
      'two full working days: over the next weekend'],
    ['2026-02-25T17:00', '2026-02-13T16:00', '2026-02-23T08:30', 120, '2026-02-26T09:30',
      'pause over Tết: only 1 h Fri + 1 h Mon count'],
    ['2026-04-24T17:00', '2026-04-24T16:00', '2026-04-24T18:00', 60, '2026-04-28T08:30',
      'extension from a Friday close skips the weekend and the compensatory Monday'],
    ['2026-01-09T17:00', '2026-01-08T15:00', '2026-01-08T16:30', 90, '2026-01-10T09:00',
      'extension onto the make-up Saturday'],
  ])('due %s, paused %s → %s (%s min) → %s (%s)', (due, from, to, minutes, newDue) => {
    expect(cal.workingTimeBetween(at(from), at(to))).toBe(minutes);
    const extended = cal.extendByPause(at(due), at(from), at(to));
    expect(wall(extended)).toBe(newDue);
    // The due date moves by exactly the paused working time.
    expect(cal.workingTimeBetween(at(due), extended)).toBe(minutes);
  });

  it('two pauses in sequence add up', () => {
    const due = cal.addWorkingDays(at('2026-03-02T09:00'), 10);
    const once = cal.extendByPause(due, at('2026-03-04T10:00'), at('2026-03-06T11:00'));
    const twice = cal.extendByPause(once, at('2026-03-10T16:00'), at('2026-03-13T08:00'));
    expect(cal.workingTimeBetween(due, twice)).toBe(
      cal.workingTimeBetween(at('2026-03-04T10:00'), at('2026-03-06T11:00')) +
        cal.workingTimeBetween(at('2026-03-10T16:00'), at('2026-03-13T08:00')),
    );
  });
});

describe('isLate (R11)', () => {
  const dueAt = at('2026-02-25T17:00');
  it.each<[{ finishedAt?: Date | null; now: Date }, boolean, string]>([
    [{ finishedAt: at('2026-02-25T16:59'), now: at('2026-03-10T10:00') }, false, 'finished before; now is irrelevant'],
    [{ finishedAt: at('2026-02-25T17:00'), now: at('2026-03-10T10:00') }, false, 'finished at the due instant'],
    [{ finishedAt: at('2026-02-25T17:01'), now: at('2026-02-25T17:01') }, true, 'finished after'],
    [{ now: at('2026-02-25T16:00') }, false, 'open, before the due instant'],
    [{ now: at('2026-02-25T17:00') }, false, 'open, at the due instant'],
    [{ now: at('2026-02-25T17:00:01') }, true, 'open, one second past'],
    [{ finishedAt: null, now: at('2026-02-26T08:00') }, true, 'null finishedAt = still open'],
  ])('%o → %s (%s)', (q, late) => {
    expect(cal.isLate({ dueAt, ...q })).toBe(late);
  });

  it('accepts ISO strings', () => {
    expect(cal.isLate({ dueAt: '2026-02-25T10:00:00Z', now: '2026-02-25T17:00:01+07:00' })).toBe(true);
  });
});

describe('unknown years and coverage (R3)', () => {
  it('reports the covered years', () => {
    expect(cal.coverage()).toEqual({ from: 2025, to: 2027 });
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2028)).toBe(false);
    expect(cal.issues).toEqual([]);
  });

  it('treats an uncovered year as weekends-only without throwing', () => {
    // 1/1/2028 is a Saturday: the computed table would make Monday 3/1 compensatory, but 2028 is
    // not loaded, so it is a working day.
    expect(cal.isWorkingDay('2028-01-01')).toBe(false);
    expect(cal.isWorkingDay('2028-01-03')).toBe(true);
    expect(wall(cal.addWorkingDays(at('2027-12-31T10:00'), 1))).toBe('2028-01-03T17:00');
    const loaded = createWorkingCalendar(holidaysFor([2027, 2028], makeupDays as MakeupDay[]));
    expect(wall(loaded.addWorkingDays(at('2027-12-31T10:00'), 1))).toBe('2028-01-04T17:00');
  });

  it('an empty table is weekends-only with null coverage', () => {
    const bare = createWorkingCalendar([]);
    expect(bare.coverage()).toBeNull();
    expect(bare.isWorkingDay('2026-02-17')).toBe(true);
    expect(wall(bare.addWorkingDays(at('2026-02-13T09:00'), 3))).toBe('2026-02-18T17:00');
  });

  it('skips malformed entries and reports them; a make-up entry wins over a day off', () => {
    const odd = createWorkingCalendar([
      { date: '2026-13-01', kind: 'holiday' },
      { date: '2026-03-05', kind: 'bogus' as never },
      { date: '2026-03-06', kind: 'holiday' },
      { date: '2026-03-07', kind: 'makeup_workday' },
      { date: '2026-03-07', kind: 'extra_day_off' },
    ]);
    expect(odd.issues).toHaveLength(2);
    expect(odd.isWorkingDay('2026-03-05')).toBe(true);
    expect(odd.isWorkingDay('2026-03-06')).toBe(false);
    expect(odd.isWorkingDay('2026-03-07')).toBe(true);
    expect(odd.coverage()).toEqual({ from: 2026, to: 2026 });
  });
});

describe('office hours option (R4)', () => {
  it('defaults to 07:30–17:00, 570 working minutes a day, no lunch break', () => {
    expect(cal.officeHours).toEqual({ start: '07:30', end: '17:00' });
    expect(cal.minutesPerWorkingDay).toBe(570);
  });

  it('can be configured', () => {
    const eight = createWorkingCalendar(ENTRIES, { officeHours: { start: '08:00', end: '17:00' } });
    expect(eight.minutesPerWorkingDay).toBe(540);
    expect(wall(eight.startOfCounting(at('2026-03-05T07:45')))).toBe('2026-03-05T08:00');
    expect(wall(eight.addWorkingHours(at('2026-03-06T16:00'), 4))).toBe('2026-03-09T11:00');
    expect(wall(eight.addWorkingDays(at('2026-02-13T09:00'), 3))).toBe('2026-02-25T17:00');
  });

  it('rejects invalid office hours at construction', () => {
    expect(() => createWorkingCalendar([], { officeHours: { start: '17:00', end: '07:30' } })).toThrow(RangeError);
    expect(() => createWorkingCalendar([], { officeHours: { start: '7:30', end: '17:00' } })).toThrow(RangeError);
  });
});

describe('properties', () => {
  // Every 97 minutes over five weeks around Tết 2026, and around the swaps of New Year 2026.
  const instants = [
    ...grid('2026-02-05T00:00', '2026-03-12T00:00', 97),
    ...grid('2025-12-29T00:00', '2026-01-14T00:00', 131),
    ...[at('2026-02-13T07:30'), at('2026-02-13T17:00'), at('2026-01-10T07:30'), at('2026-04-24T16:59:59')],
  ];
  const counts = [0, 1, 2, 3, 5, 10, 30];

  it('addWorkingDays matches day stepping and always lands at 17:00 of a working day', () => {
    for (const from of instants) {
      for (const n of counts) {
        const due = cal.addWorkingDays(from, n);
        expect(wall(due), `${formatLocal(from)} + ${n}`).toBe(refAddWorkingDays(from, n));
        expect(cal.isWorkingDay(localDate(due))).toBe(true);
      }
    }
  });

  it('is monotonic: more days, or a later receipt, never gives an earlier due date', () => {
    for (let i = 0; i < instants.length; i++) {
      const from = instants[i]!;
      // N = 0 ("within the day") and N = 1 coincide when counting starts at opening; after that
      // every extra working day moves the due date strictly later.
      expect(cal.addWorkingDays(from, 1).getTime()).toBeGreaterThanOrEqual(cal.addWorkingDays(from, 0).getTime());
      let prev = cal.addWorkingDays(from, 1);
      for (let n = 2; n <= 30; n++) {
        const due = cal.addWorkingDays(from, n);
        expect(due.getTime()).toBeGreaterThan(prev.getTime());
        prev = due;
      }
      const next = instants[i + 1];
      if (next && next > from) {
        for (const n of counts) {
          expect(cal.addWorkingDays(next, n).getTime()).toBeGreaterThanOrEqual(cal.addWorkingDays(from, n).getTime());
          for (const unit of ['working_hour', 'day'] as const) {
            const pt: ProcessingTime = { value: n, unit };
            expect(cal.dueDate(next, pt).getTime()).toBeGreaterThanOrEqual(cal.dueDate(from, pt).getTime());
          }
        }
      }
    }
  });

  it('addWorkingDays(n) spans n × 570 working minutes from an opening start, less than one more day otherwise', () => {
    for (const from of instants) {
      const start = cal.startOfCounting(from);
      const opening = wall(start).endsWith('T07:30');
      for (const n of counts.filter((c) => c > 0)) {
        const minutes = cal.workingTimeBetween(from, cal.addWorkingDays(from, n));
        if (opening) expect(minutes).toBe(n * 570);
        else {
          expect(minutes).toBeGreaterThan(n * 570);
          expect(minutes).toBeLessThan((n + 1) * 570);
        }
      }
    }
  });

  it('addWorkingHours(h) spans exactly h working hours, and workingTimeBetween matches minute arithmetic', () => {
    const rnd = prng(766);
    for (const from of instants) {
      const hours = Math.round(rnd() * 200) / 4; // 0 … 50 h in quarter hours
      const due = cal.addWorkingHours(from, hours);
      expect(cal.workingTimeBetween(from, due)).toBe(hours * 60);
      const other = instants[Math.floor(rnd() * instants.length)]!;
      expect(cal.workingTimeBetween(from, other)).toBe(refWorkingMinutes(from, other));
    }
  });

  it('extendByPause moves the due instant by exactly the paused working time', () => {
    const rnd = prng(61);
    for (const due of instants.filter((_, i) => i % 3 === 0)) {
      const a = instants[Math.floor(rnd() * instants.length)]!;
      const b = new Date(a.getTime() + Math.floor(rnd() * 10 * 1440) * 60_000);
      const paused = cal.workingTimeBetween(a, b);
      const extended = cal.extendByPause(due, a, b);
      expect(extended.getTime()).toBeGreaterThanOrEqual(due.getTime());
      if (paused > 0) expect(cal.workingTimeBetween(due, extended)).toBe(paused);
      else expect(extended).toEqual(due);
    }
  });

  it('long periods: N up to 365 matches day stepping, across years and into an uncovered year', () => {
    for (const from of [at('2025-01-02T10:00'), at('2026-02-13T07:00'), at('2026-06-15T17:30')]) {
      for (const n of [60, 120, 250, 365]) {
        expect(wall(cal.addWorkingDays(from, n))).toBe(refAddWorkingDays(from, n));
        if (wall(cal.startOfCounting(from)).endsWith('T07:30')) {
          expect(cal.workingTimeBetween(from, cal.addWorkingDays(from, n))).toBe(n * 570);
        }
      }
    }
  });

  it('is fast: no per-minute or per-day loops (20,000 due dates of up to 365 working days)', () => {
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) {
      cal.addWorkingDays(new Date(at('2025-01-01T00:00').getTime() + i * 3_917_000), (i % 365) + 1);
    }
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe('latestCalendar: the calendar of the holidays as last read', () => {
  it('is built once for the same list, and again when the list changes', async () => {
    const first = [{ date: '2026-09-02', kind: 'holiday' as const }];
    let current: typeof first = first;
    const calendar = latestCalendar(async () => current);
    const a = await calendar();
    expect(await calendar()).toBe(a);
    current = [...first, { date: '2026-09-03', kind: 'holiday' as const }];
    const b = await calendar();
    expect(b).not.toBe(a);
    expect([a.isWorkingDay('2026-09-03'), b.isWorkingDay('2026-09-03')]).toEqual([true, false]);
  });
});
