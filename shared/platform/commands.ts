import type { CommandDecl } from './types';

// Operator commands arrive with the capabilities that need them (docs/operations.md).
export const commands: readonly CommandDecl[] = [
  {
    job: 'sync:dlq',
    description: 'Dead letters of the sync queues: `--list` shows them (and why they failed), `--replay` sends them back to their queue',
    fn: 'sync-jobs',
    input: { job: 'sync:dlq' },
  },
  {
    job: 'index',
    description: 'The service index of a period: `--period 2026-10` (or 2026-Q4, 2026) computes and stores it, as the monthly job does',
    fn: 'evaluation-jobs',
    input: { job: 'index' },
  },
];
