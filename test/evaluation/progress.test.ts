// Job progress: a listener (the local console) gets every step; without one, a tenth at a time is logged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenToProgress, reportProgress } from '../../shared/jobs/progress';
import { logger } from '../../shared/http/logger';
import { progressLine } from '../../local/jobs';

afterEach(() => {
  listenToProgress(undefined);
  vi.restoreAllMocks();
});

describe('job progress', () => {
  it('goes to the listener when one is set, and the previous listener comes back', () => {
    const seen: number[] = [];
    const first = (_: string, done: number) => seen.push(done);
    expect(listenToProgress(first)).toBeUndefined();
    for (let i = 1; i <= 5; i++) reportProgress('index 2026-10', i, 5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(listenToProgress(undefined)).toBe(first);
  });

  it('is logged a tenth at a time when nobody listens', () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    for (let i = 1; i <= 377; i++) reportProgress('index 2026-10', i, 377);
    // floor(377 / 10) = 37: at 37, 74, …, 370 (10 lines) and at 377.
    expect(info).toHaveBeenCalledTimes(11);
    expect(info).toHaveBeenLastCalledWith('job progress', { job: 'index 2026-10', done: 377, total: 377, percent: 100 });
  });

  it('draws a bar', () => {
    expect(progressLine('index 2026-10', 0, 4, 8)).toBe('index 2026-10 [        ]   0% 0/4');
    expect(progressLine('index 2026-10', 1, 4, 8)).toBe('index 2026-10 [##      ]  25% 1/4');
    expect(progressLine('index 2026-10', 4, 4, 8)).toBe('index 2026-10 [########] 100% 4/4');
    expect(progressLine('empty', 0, 0, 4)).toBe('empty [####] 100% 0/0');
  });
});
