// Progress of a long job (the index job walks every agency). In AWS nobody watches: each tenth is
// logged, so the job's log shows how far a slow run got. An operator's console (the local
// `npm run job`) may listen instead and draw a bar; it registers itself here, the job never
// knows who listens.
import { logger } from '../http/logger';

export type ProgressListener = (job: string, done: number, total: number) => void;

let listener: ProgressListener | undefined;

/** Sets (or, with undefined, clears) the one listener; returns the previous one. */
export const listenToProgress = (next: ProgressListener | undefined): ProgressListener | undefined => {
  const previous = listener;
  listener = next;
  return previous;
};

/** Reports that `done` of `total` steps of `job` are finished. */
export const reportProgress = (job: string, done: number, total: number): void => {
  if (listener) {
    listener(job, done, total);
    return;
  }
  const tenth = Math.max(1, Math.floor(total / 10));
  if (done === total || done % tenth === 0) logger.info('job progress', { job, done, total, percent: Math.round((done / Math.max(1, total)) * 100) });
};
