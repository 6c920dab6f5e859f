import type { ScheduleDecl } from './types';

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
];
