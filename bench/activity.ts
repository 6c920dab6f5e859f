// Dossier-activity generator throughput (local/seed/dossier-activity.ts): generates 20,000 and
// 200,000 dossiers over the seed catalogue's agencies and procedures, through the dossier domain
// layer (decide + applyDecision + eventOf), and prints dossiers/s and events/s. Also times the
// pieces each dossier pays for (a `decide`, a due date on the working calendar) so a regression
// can be placed. Bar: 200,000 dossiers well under 60 s.
//
//   npx tsx bench/activity.ts [-- --small 20000 --large 200000 --seed 766]
import { loadavg } from 'node:os';
import { catalogueSeed } from '../local/seed/catalogue';
import { eligibleProcedures, generateActivity, type ActivityAgency } from '../local/seed/dossier-activity';
import { decide } from '../functions/dossiers/domain/transitions';
import { createWorkingCalendar, type CalendarEntry, type WorkingCalendar } from '../shared/calendar';
import type { Procedure } from '../shared/contracts/catalogue';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SMALL = arg('small', 20_000);
const LARGE = arg('large', 200_000);
const SEED = arg('seed', 766);

const seed = catalogueSeed();
const procedures = seed.procedures as Procedure[];
const calendar = createWorkingCalendar(seed.catalogues.holidays as CalendarEntry[]);
const agencies = (seed.catalogues.agencies as ActivityAgency[]).filter((a) => eligibleProcedures(a, procedures).length > 0);
const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const now = new Date('2026-11-25T08:00:00+07:00');

/** The calendar with a call counter: how much of a dossier's time is the calendar's. */
const calls = { n: 0 };
const counted: WorkingCalendar = Object.fromEntries(Object.entries(calendar).map(([k, v]) => [
  k, typeof v === 'function' ? (...args: unknown[]) => { calls.n += 1; return (v as (...a: unknown[]) => unknown)(...args); } : v,
])) as unknown as WorkingCalendar;

const run = (total: number, cal: WorkingCalendar = calendar) => {
  // Spread evenly, the remainder over the first agency-months, so the total is exact.
  const slots = agencies.length * months.length;
  const base = Math.floor(total / slots);
  let extra = total - base * slots;
  const counts = new Map<string, number>();
  for (const a of agencies) for (const m of months) counts.set(`${a.code}|${m}`, base + (extra-- > 0 ? 1 : 0));
  const started = performance.now();
  let dossiers = 0;
  let events = 0;
  let open = 0;
  for (const { record, history } of generateActivity({
    seed: SEED, months, agencies, procedures, now, calendar: cal, perAgencyMonth: (code, month) => counts.get(`${code}|${month}`) ?? 0,
  })) {
    dossiers += 1;
    events += history.length;
    if (record.status !== 'returned' && record.status !== 'not_received' && record.status !== 'withdrawn' && record.status !== 'stopped') open += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${dossiers.toLocaleString('en')} dossiers (${events.toLocaleString('en')} events, ${open.toLocaleString('en')} not closed) in ${seconds.toFixed(2)} s: `
    + `${Math.round(dossiers / seconds).toLocaleString('en')} dossiers/s, ${Math.round(events / seconds).toLocaleString('en')} events/s`,
  );
  return { dossiers, seconds };
};

const perCall = (label: string, n: number, fn: (i: number) => unknown) => {
  const started = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - started) * 1000) / n;
  console.log(`${label}: ${us.toFixed(2)} µs/call`);
  return us;
};

const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
// The machine may be shared: the load average tells a reader whether the figures were contended.
console.log(`${agencies.length} agencies with procedures, ${months.length} months, seed ${SEED}; load average ${load()}`);
const dueDateUs = perCall('calendar.dueDate (15 working days)', 200_000, (i) => calendar.dueDate(new Date(1.78e12 + i * 61_000), { value: 15, unit: 'working_day' }));
perCall('calendar.extendByPause', 200_000, (i) => calendar.extendByPause(new Date(1.78e12 + i * 61_000 + 9e8), new Date(1.78e12 + i * 61_000), new Date(1.78e12 + i * 61_000 + 4e8)));
perCall('decide (finish)', 200_000, (i) => decide({ status: 'processing' }, { action: 'finish', actor: { kind: 'official', id: 'o' }, input: { note: 'x' }, now: new Date(1.78e12 + i) }));
const small = run(SMALL, counted);
const perDossier = calls.n / small.dossiers;
console.log(`calendar: ${perDossier.toFixed(1)} calls per dossier ≈ ${(perDossier * dueDateUs).toFixed(1)} µs of ${((small.seconds * 1e6) / small.dossiers).toFixed(1)} µs per dossier`);
const large = run(LARGE);
console.log(`load average at the end ${load()}`);
if (large.seconds < 60) console.log(`PASS: ${LARGE.toLocaleString('en')} dossiers in ${large.seconds.toFixed(1)} s (< 60 s)`);
else {
  console.log(`FAIL: ${LARGE.toLocaleString('en')} dossiers in ${large.seconds.toFixed(1)} s (bar: < 60 s)`);
  process.exitCode = 1;
}
