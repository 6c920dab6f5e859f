// Index periods as the dashboard offers them (docs/requirements.md R-API-PERIODS: month `YYYY-MM`,
// quarter `YYYY-Qn`, year `YYYY`): which exist, which one a visitor sees first, how each is named.
// Pure (no DOM): unit-tested in node. Parsing and month arithmetic are the evaluation capability's
// own (one declaration).
import { localMonthOf, parsePeriod, shiftMonth, type PeriodKind } from '../../../functions/evaluation/domain/period';
import type { Lang } from '../i18n';
import { EARLIEST_PERIOD_MONTH } from './definitions';

export type { PeriodKind };
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

export interface PeriodInfo {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4; 0 for a year. */
  part: number;
  /** Its months, `YYYY-MM`, in order. */
  months: string[];
}

/** The period an id names, or null (bad syntax, a year outside 2000–2099). */
export const parsePeriodId = (id: string | null | undefined): PeriodInfo | null => {
  const p = id ? parsePeriod(id.trim()) : null;
  if (!p) return null;
  const year = Number(p.id.slice(0, 4));
  const part = p.kind === 'month' ? Number(p.id.slice(5, 7)) : p.kind === 'quarter' ? Number(p.id.slice(6)) : 0;
  return { id: p.id, kind: p.kind, year, part, months: p.months };
};

/** The current month in Asia/Ho_Chi_Minh (the index's months are local months). */
export const currentMonth = (now: Date = new Date()) => localMonthOf(now);

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** Whether the period has begun (the API answers 422 PERIOD_NOT_STARTED otherwise). */
export const hasBegun = (id: string, now: Date = new Date()) => {
  const p = parsePeriodId(id);
  return Boolean(p && p.months[0]! <= currentMonth(now));
};

/** Whether the period is still running: its scores are provisional (refreshed every few minutes) and will change. */
export const isRunning = (id: string, now: Date = new Date()) => {
  const p = parsePeriodId(id);
  const month = currentMonth(now);
  return Boolean(p && p.months[0]! <= month && month <= p.months[p.months.length - 1]!);
};

/** Whether the index can score it: the earliest definition took effect by its first month. */
export const isScorable = (id: string) => {
  const p = parsePeriodId(id);
  return Boolean(p && p.months[0]! >= EARLIEST_PERIOD_MONTH);
};

/**
 * What a visitor sees first for a kind: the last ended period of that kind (a month: last month, the
 * published figures), or the running one when none has ended since the index began.
 */
export const defaultPeriod = (kind: PeriodKind = 'month', now: Date = new Date()): string => {
  const month = currentMonth(now);
  const lastMonth = shiftMonth(month, -1);
  const candidates: Record<PeriodKind, [ended: string, running: string]> = {
    month: [lastMonth, month],
    quarter: [quarterOf(shiftMonth(month, -((Number(month.slice(5, 7)) - 1) % 3) - 1)), quarterOf(month)],
    year: [String(Number(month.slice(0, 4)) - 1), month.slice(0, 4)],
  };
  const [ended, running] = candidates[kind];
  return isScorable(ended) ? ended : running;
};

/** Every period of a kind a visitor may pick, newest first: from the running one back to the earliest scorable. */
export const periodOptions = (kind: PeriodKind, now: Date = new Date()): string[] => {
  const month = currentMonth(now);
  const out: string[] = [];
  if (kind === 'month') {
    for (let m = month; m >= EARLIEST_PERIOD_MONTH; m = shiftMonth(m, -1)) out.push(m);
  } else if (kind === 'quarter') {
    for (let m = month; ; m = shiftMonth(m, -3)) {
      const q = quarterOf(m);
      if (!isScorable(q)) break;
      out.push(q);
    }
  } else {
    for (let y = Number(month.slice(0, 4)); isScorable(String(y)); y -= 1) out.push(String(y));
  }
  return out;
};

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How people read a period: "Tháng 11/2026", "Quý 4/2026", "Năm 2026" (English: "November 2026", "Q4 2026", "2026"). */
export const periodLabel = (id: string, lang: Lang): string => {
  const p = parsePeriodId(id);
  if (!p) return id;
  if (lang === 'vi') {
    if (p.kind === 'month') return `Tháng ${p.part}/${p.year}`;
    if (p.kind === 'quarter') return `Quý ${p.part}/${p.year}`;
    return `Năm ${p.year}`;
  }
  if (p.kind === 'month') return `${MONTHS_EN[p.part - 1]} ${p.year}`;
  if (p.kind === 'quarter') return `Q${p.part} ${p.year}`;
  return String(p.year);
};

/** A period inside a Vietnamese sentence is written in lower case ("kết quả tháng 11/2026"). */
export const periodPhrase = (id: string, lang: Lang): string => {
  const label = periodLabel(id, lang);
  return lang === 'vi' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
};

export type PeriodProblem = 'invalid' | 'notStarted' | 'beforeIndex';

/** Why a period from the address cannot be shown, or null when it can. */
export const periodProblem = (id: string, now: Date = new Date()): PeriodProblem | null => {
  if (!parsePeriodId(id)) return 'invalid';
  if (!hasBegun(id, now)) return 'notStarted';
  if (!isScorable(id)) return 'beforeIndex';
  return null;
};
