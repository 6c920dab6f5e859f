import type { ScheduleDecl } from './types';

/**
 * How often the running month, quarter and year are scored and stored (schedule `index-refresh`);
 * a read finding them older than twice this asks for a refresh itself (functions/evaluation/refresh-requests.ts).
 */
export const INDEX_REFRESH_MINUTES = 10;

// Scheduled jobs arrive with their capabilities (index, deadlines, reconciliation).
export const schedules: readonly ScheduleDecl[] = [
  {
    name: 'dossier-deadlines',
    description: 'Daily: dossiers due within one working day, late ones flagged, apology slips owed',
    fn: 'dossier-jobs',
    cron: '0 6 * * ? *',
    timezone: 'Asia/Ho_Chi_Minh',
    input: { job: 'deadlines' },
  },
  {
    name: 'payment-reconcile',
    description: "Nightly: yesterday's settlement report of every payment provider against the orders here",
    fn: 'payment-jobs',
    cron: '0 2 * * ? *',
    timezone: 'Asia/Ho_Chi_Minh',
    input: { job: 'reconcile' },
  },
  {
    name: 'feedback-deadlines',
    description: 'Daily: feedback steps past their working-day deadlines (decide, first request, answer, publish)',
    fn: 'feedback-jobs',
    cron: '30 6 * * ? *',
    timezone: 'Asia/Ho_Chi_Minh',
    input: { job: 'feedback-deadlines' },
  },
  {
    name: 'index-monthly',
    description: 'Monthly, 00:30 on day 1: the service index of the month that ended (and of the quarter and year it closes); `npm run job -- index --period 2026-10` scores any period',
    fn: 'evaluation-jobs',
    cron: '30 0 1 * ? *',
    timezone: 'Asia/Ho_Chi_Minh',
    input: { job: 'index' },
  },
  {
    name: 'index-refresh',
    description: `Every ${INDEX_REFRESH_MINUTES} minutes: the provisional service index of the running month, quarter and year, stored for the public reads`,
    fn: 'evaluation-jobs',
    cron: `0/${INDEX_REFRESH_MINUTES} * * * ? *`,
    timezone: 'Asia/Ho_Chi_Minh',
    input: { job: 'index-refresh' },
  },
];
