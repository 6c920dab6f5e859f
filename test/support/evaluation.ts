// An admin's recompute of the service index, as the tests need it: POST /v1/indices/recompute
// answers 202 with a run, the jobs function runs it from the index-runs queue, and the run is
// polled until done (docs/index.md). Returns the finished run.
import { IndexRunStatus, RecomputeAccepted } from '../../shared/contracts/evaluation';
import { api } from './auth';
import { expectBody } from './body';

export const recomputeIndex = async (adminToken: string, period: string, timeoutMs = 120_000) => {
  const accepted = expectBody(await api('POST', `/v1/indices/recompute?period=${period}`, { token: adminToken }), 202, RecomputeAccepted, `recompute ${period}`);
  for (const until = Date.now() + timeoutMs; ;) {
    const run = expectBody(await api('GET', `/v1/indices/runs/${accepted.runId}`, { token: adminToken }), 200, IndexRunStatus, `run of ${period}`);
    if (run.status === 'done') return { accepted, run };
    if (run.status === 'failed' || Date.now() > until) throw new Error(`recompute of ${period}: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
};
