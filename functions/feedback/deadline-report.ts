// The daily sweep (jobs.ts): every open item with a step past its working-day deadline (or due
// within a working day), per agency, read shard by shard from the open-items index.
import type { FeedbackContext } from './deps';
import { deadlinesOf, overdueSteps } from './domain/workflow';

export interface OverdueItem { id: string; code: string; agencyCode: string | null; status: string; steps: string[] }

export const deadlineReport = async (ctx: FeedbackContext, now: Date): Promise<{ at: string; open: number; overdue: OverdueItem[] }> => {
  const calendar = await ctx.calendar();
  const overdue: OverdueItem[] = [];
  let open = 0;
  for (let shard = 0; shard < ctx.store.openShards; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await ctx.store.open(shard, start);
      for (const f of page.items) {
        open++;
        const steps = overdueSteps({ ...f, deadlines: deadlinesOf(f, calendar) }, now);
        if (steps.length) overdue.push({ id: f.id, code: f.code, agencyCode: f.agencyCode, status: f.status, steps });
      }
      start = page.last ?? undefined;
    } while (start);
  }
  return { at: now.toISOString(), open, overdue };
};
