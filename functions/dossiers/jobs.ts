// Scheduled jobs of the dossiers capability. `deadlines` (daily, 06:00 Asia/Ho_Chi_Minh): reads
// every agency's open queue up to the close of the next working day (index queries per agency,
// never a Scan), reports what is due soon, late, or owes an apology slip (domain/deadlines.ts),
// flags the late ones and keeps the report (pk JOB#deadlines, sk <local date>).
import { createWorkingCalendar } from '../../shared/calendar';
import { logger } from '../../shared/http/logger';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import type { DossierStore } from './adapters/dossier-store';
import { deadlineReport } from './domain/deadlines';
import type { ListEntry } from './domain/dossier';
import { localDateOf } from './domain/time';
import { dossierStore } from './public';

export interface JobDeps {
  store: DossierStore;
  catalogue: CatalogueReader;
}

/** Agencies read at once. */
const CONCURRENCY = 8;
/** Entries kept per list in the stored report (the counts are always complete). */
const REPORT_LIMIT = 500;

export const runDeadlines = async (deps: JobDeps, now: Date) => {
  const [holidays, agencies] = await Promise.all([deps.catalogue.holidays(), deps.catalogue.agencies()]);
  const calendar = createWorkingCalendar(holidays);
  const horizon = calendar.addWorkingDays(now, 1);
  const dossiers: ListEntry[] = [];
  for (let i = 0; i < agencies.length; i += CONCURRENCY) {
    const batch = await Promise.all(agencies.slice(i, i + CONCURRENCY).map((a) => deps.store.listDueBy(a.code, horizon)));
    dossiers.push(...batch.flat());
  }
  const report = deadlineReport(dossiers, calendar, now);
  for (const entry of report.late) await deps.store.flagLate(entry.id, now);
  const summary = {
    ranAt: now.toISOString(),
    agencies: agencies.length,
    dueSoon: report.dueSoon.length,
    late: report.late.length,
    apologyOwed: report.apologyOwed.length,
  };
  await deps.store.putJobReport('deadlines', localDateOf(now.getTime()), {
    ...summary,
    dueSoonItems: report.dueSoon.slice(0, REPORT_LIMIT),
    lateItems: report.late.slice(0, REPORT_LIMIT),
    apologyOwedItems: report.apologyOwed.slice(0, REPORT_LIMIT),
  });
  logger.info('deadlines job', summary);
  return { ...summary, report };
};

export interface JobEvent {
  job: 'deadlines';
  /** ISO instant to run as of (tests, reruns); default now. */
  now?: string;
}

export const makeHandler = (deps: () => JobDeps) => async (event: JobEvent) => {
  if (event?.job !== 'deadlines') throw new Error(`unknown job ${JSON.stringify(event?.job)}`);
  const now = event.now ? new Date(event.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`invalid now ${JSON.stringify(event.now)}`);
  const { report: _report, ...summary } = await runDeadlines(deps(), now);
  return summary;
};

export const handler = makeHandler(() => ({ store: dossierStore(), catalogue: catalogueReader() }));
