import type { ScheduleDecl } from './types';

// Scheduled jobs arrive with their capabilities (index, deadlines, reconciliation).
export const schedules: readonly ScheduleDecl[] = [];
