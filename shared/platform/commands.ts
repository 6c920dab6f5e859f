import type { CommandDecl } from './types';

// Operator commands arrive with the capabilities that need them (docs/operations.md).
export const commands: readonly CommandDecl[] = [
  {
    job: 'sync:dlq',
    description: 'Dead letters of the sync queues: `--list` shows them (and why they failed), `--replay` sends them back to their queue',
    fn: 'sync-jobs',
    input: { job: 'sync:dlq' },
  },

];
