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
];
