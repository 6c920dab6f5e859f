// Index periods (docs/requirements.md R-API-PERIODS: month `YYYY-MM`, quarter `YYYY-Qn`, year
// `YYYY`). Pure. Quarters and years are never counted on their own: they are the sums of their
// months' counters.
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;
const VN_OFFSET_MS = 7 * 3_600_000;

export type PeriodKind = 'month' | 'quarter' | 'year';
export interface Period { id: string; kind: PeriodKind; months: string[] }

const pad = (n: number) => String(n).padStart(2, '0');
const monthId = (y: number, m: number) => `${y}-${pad(m)}`;

/** The period a string names, or null when it names none (years 2000–2099). */
export const parsePeriod = (id: string): Period | null => {
  let m = MONTH_RE.exec(id);
  if (m) return Number(m[1]) >= 2000 && Number(m[1]) <= 2099 ? { id, kind: 'month', months: [id] } : null;
  m = QUARTER_RE.exec(id);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y < 2000 || y > 2099) return null;
    return { id, kind: 'quarter', months: [1, 2, 3].map((i) => monthId(y, (q - 1) * 3 + i)) };
  }
  m = YEAR_RE.exec(id);
  if (m) {
    const y = Number(m[1]);
    if (y < 2000 || y > 2099) return null;
    return { id, kind: 'year', months: Array.from({ length: 12 }, (_, i) => monthId(y, i + 1)) };
  }
  return null;
};

/** YYYY-MM-DD (Asia/Ho_Chi_Minh) of an instant. */
export const localDayOf = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

/** The local month of an instant. */
export const localMonthOf = (at: Date): string => localDayOf(at).slice(0, 7);

/** The month after / before `month`. */
export const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return monthId(Math.floor(i / 12), (i % 12) + 1);
};

/** The first local day after the period: the day its late-or-not is judged on once it is over. */
export const dayAfter = (p: Period): string => `${shiftMonth(p.months[p.months.length - 1]!, 1)}-01`;

/**
 * The day the period's open dossiers are judged on at `now`: the day after its end once it is over,
 * today while it runs (a dossier due today is not late yet).
 */
export const evaluationDay = (p: Period, now: Date): string => {
  const today = localDayOf(now);
  const after = dayAfter(p);
  // biome-ignore lint/complexity/useMathMinMax: the days are ISO date strings; Math.min would turn them into NaN.
  return today < after ? today : after;
};

/** Whether the period has ended at `now` (local time). */
export const isOver = (p: Period, now: Date): boolean => localDayOf(now) >= dayAfter(p);

/** Whether the period has begun at `now`. */
export const hasBegun = (p: Period, now: Date): boolean => localMonthOf(now) >= p.months[0]!;

/**
 * What the monthly job scores when it runs at `now` (00:30 on day 1): the month that just ended,
 * and the quarter and the year when that month closes them.
 */
export const periodsClosedBy = (now: Date): string[] => {
  const month = shiftMonth(localMonthOf(now), -1);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out = [month];
  if (m % 3 === 0) out.push(`${y}-Q${m / 3}`);
  if (m === 12) out.push(String(y));
  return out;
};

/**
 * The periods running at `now`: its month, quarter and year. Their provisional results are the
 * only ones the portal computes without an admin asking (the refresh), so the set is bounded.
 */
export const runningPeriods = (now: Date): string[] => {
  const month = localMonthOf(now);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [month, `${y}-Q${Math.ceil(m / 3)}`, String(y)];
};

/** Whether the period has begun and not yet ended at `now`. */
export const isRunning = (p: Period, now: Date): boolean => hasBegun(p, now) && !isOver(p, now);
