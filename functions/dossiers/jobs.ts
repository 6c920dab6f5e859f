// Scheduled jobs of the dossiers capability. `deadlines` (daily, 06:00 Asia/Ho_Chi_Minh): reads
// every agency's open queue up to the close of the next working day (index queries per agency,
// never a Scan), reports what is due soon, late, or owes an apology slip (domain/deadlines.ts),
// flags the late ones and keeps the report (pk JOB#deadlines, sk <local date>).
//
// At national scale the country's due dossiers do not fit one array: agencies are taken a few at a
// time (CONCURRENCY), each a page at a time (PAGE_SIZE), each page judged, its late dossiers
// flagged and only a bounded tally kept (complete counts, the REPORT_LIMIT earliest entries per
// list). An agency whose reads fail is tried again (AGENCY_ATTEMPTS) from its first page, its
// partial tally dropped; one that still fails is named in the report and fails the run, which the
// scheduler's retry runs again: flags are set once (flagLate) and the report is overwritten, so a
// rerun is harmless.
import { createWorkingCalendar } from '../../shared/calendar';
import { logger } from '../../shared/http/logger';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import type { DossierStore } from './adapters/dossier-store';
import { addToTally, deadlineReport, emptyTally, type DeadlineReport, type DeadlineTally } from './domain/deadlines';
import { localDateOf } from './domain/time';
import { dossierStore } from './public';

export interface JobDeps {
  store: Pick<DossierStore, 'pageDueBy' | 'flagLate' | 'putJobReport'>;
  catalogue: Pick<CatalogueReader, 'holidays' | 'agencies'>;
}

export const DEADLINE_JOB_LIMITS = {
  /** Agencies read at once. */
  concurrency: 8,
  /** Dossiers a query returns at most; the job holds at most one page per agency it is reading. */
  pageSize: 100,
  /** Entries kept per list in the stored report (the counts are always complete). */
  reportLimit: 500,
  /** Tries of one agency before it is reported as failed. */
  agencyAttempts: 3,
};
export type DeadlineJobLimits = typeof DEADLINE_JOB_LIMITS;

export const runDeadlines = async (deps: JobDeps, now: Date, limits: DeadlineJobLimits = DEADLINE_JOB_LIMITS) => {
  const [holidays, agencies] = await Promise.all([deps.catalogue.holidays(), deps.catalogue.agencies()]);
  const calendar = createWorkingCalendar(holidays);
  const horizon = calendar.addWorkingDays(now, 1);

  /** One agency, page by page: its tally (flags set as pages are judged). */
  const sweepAgency = async (agencyCode: string): Promise<DeadlineTally> => {
    const tally = emptyTally();
    let after: string | undefined;
    do {
      const page = await deps.store.pageDueBy(agencyCode, horizon, { limit: limits.pageSize, ...(after ? { after } : {}) });
      const report: DeadlineReport = deadlineReport(page.items, calendar, now);
      for (const entry of report.late) await deps.store.flagLate(entry.id, now);
      addToTally(tally, report, limits.reportLimit);
      after = page.next ?? undefined;
    } while (after);
    return tally;
  };

  const total = emptyTally();
  const failedAgencies: string[] = [];
  const waiting = agencies.map((a) => a.code);
  const worker = async () => {
    for (let code = waiting.shift(); code !== undefined; code = waiting.shift()) {
      for (let attempt = 1; ; attempt++) {
        try {
          addToTally(total, await sweepAgency(code), limits.reportLimit);
          break;
        } catch (error) {
          logger.warn('deadlines job: agency failed', { agencyCode: code, attempt, error: (error as Error)?.name });
          if (attempt >= limits.agencyAttempts) {
            failedAgencies.push(code);
            break;
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker));

  const summary = {
    ranAt: now.toISOString(),
    agencies: agencies.length,
    ...total.counts,
    failedAgencies: failedAgencies.sort(),
  };
  await deps.store.putJobReport('deadlines', localDateOf(now.getTime()), {
    ...summary,
    dueSoonItems: total.kept.dueSoon,
    lateItems: total.kept.late,
    apologyOwedItems: total.kept.apologyOwed,
  });
  logger.info('deadlines job', { ...summary, failedAgencies: failedAgencies.length });
  return { ...summary, report: total.kept };
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
  // The report is kept; failing the run has the scheduler run it again (idempotent).
  if (summary.failedAgencies.length) throw new Error(`deadlines job: ${summary.failedAgencies.length} agency(ies) could not be read: ${summary.failedAgencies.slice(0, 10).join(', ')}`);
  return summary;
};

export const handler = makeHandler(() => ({ store: dossierStore(), catalogue: catalogueReader() }));
