import type { QueueDecl } from './types';

// Queues arrive with the capabilities that use them (sync, events); each gets a DLQ.
export const queues: readonly QueueDecl[] = [];
