// What one dossier contributes to its agency's monthly counters (docs/index.md "Counters and
// periods"). Pure: the counters consumer reads the dossier (record and history) after each of its
// events, derives its facts and its contribution, and applies the difference to what it last
// contributed — so a dossier always counts once, as it is now, whatever order or how many times
// its events arrive. The brute-force cross-check recomputes the index from raw dossiers without
// this module (test/evaluation/cross-check.test.ts).
import type { DossierEvent, DossierRecord } from '../../dossiers/public-shapes';
import { isFinished, isRunning, type DossierStatus } from '../../../shared/contracts/dossier-status';
import { localDayOf, localMonthOf } from './period';

export type Counters = Record<string, number>;

/** The facts of a dossier the index and the statistics read. */
export interface DossierFacts {
  dossierId: string;
  version: number;
  agencyCode: string;
  procedureCode: string;
  channel: DossierRecord['channel'];
  status: DossierStatus;
  /** YYYY-MM (Asia/Ho_Chi_Minh) of submission: online, the portal's; desk or post, the receipt (the date in the code). */
  month: string;
  received: boolean;
  /** The agency acted on it (an official on the portal, or its own system reported a step): its status reached the portal. */
  agencyActed: boolean;
  /**
   * 2.1 and 5.4. `on_time`/`late` are settled; `running` is open with its clock running and is late
   * once the evaluation day passes `dueDay`; `none` is not judged (not received, withdrawn).
   */
  timeliness: 'on_time' | 'late' | 'running' | 'none';
  /** Local date of the due instant, for a `running` dossier. */
  dueDay: string | null;
  /** Hours from receipt to the end of handling, for a finished dossier. */
  handlingHours: number | null;
  /** The procedure charges a non-zero fee, or a payment was requested. */
  feeBearing: boolean;
  /** Paid through the portal's payment providers (confirm_payment by the `payments` system actor). */
  paidOnline: boolean;
  /** Handling finished with a result (done or returned). */
  resulted: boolean;
  electronicResult: boolean;
  /** At least one verified application file (4.2), and an electronic result once it has one. */
  digitised: boolean;
  vneidVerified: boolean;
  /** Some of its form was filled from the national population database (docs/dossiers.md "Prefilled and locked fields"). */
  populationPrefilled: boolean;
}

const HOUR_MS = 3_600_000;
const localDay = (iso: string): string => localDayOf(new Date(iso));

const AGENCY_ACTORS = new Set(['official', 'agency_system']);

/**
 * A dossier's facts, or null for a draft (not a dossier of record: it counts nowhere).
 * `procedureHasFee`: the catalogue's procedure has a non-zero fee (undefined: unknown, rely on the history).
 */
export const factsOf = (
  record: DossierRecord,
  history: readonly Pick<DossierEvent, 'action' | 'actor' | 'at'>[],
  procedureHasFee?: boolean,
): DossierFacts | null => {
  if (record.status === 'draft' || !record.submittedAt) return null;
  const finished = isFinished(record.status) && record.finishedAt !== null;
  const manyRounds = record.supplementRounds > 1;
  let timeliness: DossierFacts['timeliness'] = 'none';
  let dueDay: string | null = null;
  if (record.receivedAt && record.dueAt) {
    const due = Date.parse(record.dueAt);
    if (finished) timeliness = manyRounds || Date.parse(record.finishedAt!) > due ? 'late' : 'on_time';
    else if (isRunning(record.status)) {
      if (manyRounds) timeliness = 'late';
      // A paused clock (supplement requested) is judged at the pause: it cannot run late meanwhile.
      else if (record.status === 'supplement_requested' && record.pausedAt) timeliness = Date.parse(record.pausedAt) > due ? 'late' : 'on_time';
      else { timeliness = 'running'; dueDay = localDay(record.dueAt); }
    }
  }
  const electronicResult = record.attachments.some((a) => a.kind === 'result' && a.status === 'verified');
  const resulted = record.status === 'done' || record.status === 'returned';
  const applicationFiles = record.attachments.some((a) => a.kind === 'application' && a.status === 'verified');
  return {
    dossierId: record.id,
    version: record.version,
    agencyCode: record.agencyCode,
    procedureCode: record.procedureCode,
    channel: record.channel,
    status: record.status,
    month: localMonthOf(new Date(record.submittedAt)),
    received: record.receivedAt !== null,
    agencyActed: history.some((e) => AGENCY_ACTORS.has(e.actor.kind)),
    timeliness,
    dueDay,
    handlingHours: finished && record.receivedAt ? Math.max(0, Date.parse(record.finishedAt!) - Date.parse(record.receivedAt)) / HOUR_MS : null,
    feeBearing: procedureHasFee === true || history.some((e) => e.action === 'request_payment'),
    paidOnline: history.some((e) => e.action === 'confirm_payment' && e.actor.kind === 'system' && e.actor.id === 'payments'),
    resulted,
    electronicResult,
    digitised: applicationFiles && (!resulted || electronicResult),
    vneidVerified: record.applicant.vneidVerified,
    populationPrefilled: (record.prefilled ?? []).some((p) => p.source.startsWith('population.')),
  };
};

/** Counter names (docs/index.md lists them with the indicators that read them). */
export const C = {
  dossiers: 'dossiers',
  status: (s: DossierStatus) => `st:${s}`,
  channel: (c: string) => `ch:${c}`,
  procedure: (p: string) => `pr:${p}`,
  received: 'received',
  agencyActed: 'agencyActed',
  onlineReceived: 'onlineReceived',
  onTime: 'onTime',
  late: 'late',
  /** Running dossiers by the local day they fall due. */
  runningDue: (day: string) => `due:${day}`,
  finished: 'finished',
  handlingHours: 'handlingHours',
  feeBearing: 'feeBearing',
  paidOnline: 'paidOnline',
  onlineProcedure: (p: string) => `op:${p}`,
  feeProcedure: (p: string) => `fp:${p}`,
  paidProcedure: (p: string) => `pp:${p}`,
  /** Received dossiers per procedure using population data (4.5a); stored as `vp:` since it counted VNeID accounts only. */
  populationProcedure: (p: string) => `vp:${p}`,
  resulted: 'resulted',
  electronicResult: 'eResult',
  digitised: 'digitised',
  /** Received dossiers using population data: a VNeID-verified applicant or a form prefilled from the population database (4.5b). */
  populationData: 'vneid',
} as const;

export const RUNNING_DUE_PREFIX = 'due:';

/** Where a dossier's counters go: its own agency and month (roll-ups to provinces happen at read). */
export interface Contribution {
  agencyCode: string;
  month: string;
  counters: Counters;
}

/** The counters one dossier adds to its agency-month (each 1, except the handling hours). */
export const contributionOf = (f: DossierFacts): Contribution => {
  const c: Counters = { [C.dossiers]: 1, [C.status(f.status)]: 1, [C.channel(f.channel)]: 1, [C.procedure(f.procedureCode)]: 1 };
  const one = (k: string, when = true) => { if (when) c[k] = 1; };
  one(C.agencyActed, f.agencyActed);
  if (f.received) {
    one(C.received);
    one(C.onlineReceived, f.channel === 'online');
    one(C.onlineProcedure(f.procedureCode), f.channel === 'online');
    one(C.digitised, f.digitised);
    // 4.5a, 4.5b: the dossier uses population data through the applicant's VNeID identity or its prefilled form.
    const populationData = f.vneidVerified || f.populationPrefilled;
    one(C.populationData, populationData);
    one(C.populationProcedure(f.procedureCode), populationData);
    one(C.feeBearing, f.feeBearing);
    one(C.feeProcedure(f.procedureCode), f.feeBearing);
    one(C.paidOnline, f.feeBearing && f.paidOnline);
    one(C.paidProcedure(f.procedureCode), f.feeBearing && f.paidOnline);
  }
  one(C.onTime, f.timeliness === 'on_time');
  one(C.late, f.timeliness === 'late');
  if (f.timeliness === 'running' && f.dueDay) one(C.runningDue(f.dueDay));
  if (f.handlingHours !== null) {
    c[C.finished] = 1;
    c[C.handlingHours] = Math.round(f.handlingHours * 100) / 100;
  }
  one(C.resulted, f.resulted);
  one(C.electronicResult, f.resulted && f.electronicResult);
  return { agencyCode: f.agencyCode, month: f.month, counters: c };
};

const key = (c: Pick<Contribution, 'agencyCode' | 'month'>) => `${c.agencyCode}|${c.month}`;

/**
 * What to add to the counters to replace `previous` by `next` (either may be null): per agency-month,
 * only the non-zero differences. A dossier whose month or agency changed moves between two items.
 */
export const contributionDelta = (previous: Contribution | null, next: Contribution | null): Contribution[] => {
  const out = new Map<string, Contribution>();
  const add = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    const k = key(c);
    const target = out.get(k) ?? { agencyCode: c.agencyCode, month: c.month, counters: {} };
    for (const [name, v] of Object.entries(c.counters)) target.counters[name] = (target.counters[name] ?? 0) + sign * v;
    out.set(k, target);
  };
  add(previous, -1);
  add(next, 1);
  const deltas: Contribution[] = [];
  for (const c of out.values()) {
    // Round first, then drop: a difference that rounds to 0 (or −0) is no change.
    const counters = Object.fromEntries(Object.entries(c.counters).map(([k, v]) => [k, Math.round(v * 100) / 100] as const).filter(([, v]) => v !== 0));
    if (Object.keys(counters).length > 0) deltas.push({ ...c, counters });
  }
  return deltas;
};

/** Adds `from` into `into` (kept to 2 decimals, as the stored counters are). */
export const addCounters = (into: Counters, from: Counters): Counters => {
  for (const [k, v] of Object.entries(from)) into[k] = Math.round(((into[k] ?? 0) + v) * 100) / 100;
  return into;
};

/** Sums counters (months of a quarter, communes into their province). */
export const sumCounters = (items: Iterable<Counters>): Counters => {
  const out: Counters = {};
  for (const c of items) addCounters(out, c);
  return out;
};
