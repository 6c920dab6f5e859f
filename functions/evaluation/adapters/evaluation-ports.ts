// What the evaluation capability stores and reads, as ports (the use cases and the in-memory test
// store depend on these; evaluation-store.ts implements them over the `evaluation` table).
import type { Contribution, Counters } from '../domain/dossier-facts';
import type { ScopeStatistics } from '../domain/statistics';

export interface StoredContribution { version: number; contribution: Contribution | null }

export interface StoredRanking {
  period: string;
  level: string;
  province: string | null;
  definitionVersion: string;
  computedAt: string;
  /** false: provisional, computed while the period ran (absent on rankings stored before it was kept). */
  final?: boolean;
  items: Record<string, unknown>[];
}

/** The statistics of an agency with its communes (agencyCode null: the whole country), stored with the index. */
export interface StoredStatistics extends ScopeStatistics {
  period: string;
  agencyCode: string | null;
  computedAt: string;
  final: boolean;
}

export interface IndexRun {
  period: string;
  definitionVersion: string;
  computedAt: string;
  agencies: number;
  durationMs: number;
  /** schedule, command, admin, refresh, stale-read, seed. */
  trigger: string;
  final?: boolean;
}

export type RecomputeStatus = 'queued' | 'running' | 'done' | 'failed';

/** An admin's recompute (POST /v1/indices/recompute), run by the jobs function and polled by the admin. */
export interface RecomputeRun {
  runId: string;
  period: string;
  status: RecomputeStatus;
  requestedAt: string;
  requestedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number } | null;
  result: Omit<IndexRun, 'trigger' | 'final'> | null;
  error: string | null;
}

export interface CounterStore {
  contribution(dossierId: string): Promise<StoredContribution | undefined>;
  /**
   * Records `next` as the dossier's contribution at `version` and adds `deltas` to the counters,
   * only if the stored contribution is still at `expectedVersion` (undefined: none stored yet).
   * false when it is not (someone applied a change meanwhile).
   */
  applyContribution(dossierId: string, version: number, expectedVersion: number | undefined, next: Contribution | null, deltas: readonly Contribution[]): Promise<boolean>;
  /** Counters of agency-months, keyed `<agency>|<month>` (absent when nothing was counted). */
  counters(keys: readonly { agencyCode: string; month: string }[]): Promise<Map<string, Counters>>;
}

export interface ResultStore {
  /** Replaces the period's results, rankings and statistics; the run record last, once all of them are in. */
  putResults(period: string, results: readonly Record<string, unknown>[], rankings: readonly StoredRanking[], statistics: readonly StoredStatistics[], run: IndexRun): Promise<void>;
  result(period: string, agencyCode: string): Promise<Record<string, unknown> | undefined>;
  /** The stored statistics of an agency, or of the country (null). */
  statistics(period: string, agencyCode: string | null): Promise<StoredStatistics | undefined>;
  ranking(period: string, level: string, province: string | null): Promise<StoredRanking | undefined>;
  run(period: string): Promise<IndexRun | undefined>;
}

export interface RecomputeRunStore {
  createRecomputeRun(run: RecomputeRun): Promise<void>;
  recomputeRun(runId: string): Promise<RecomputeRun | undefined>;
  /** Sets the given fields; with `unlessFinished`, only while the run is neither done nor failed (false otherwise). */
  updateRecomputeRun(runId: string, patch: Partial<Omit<RecomputeRun, 'runId'>>, options?: { unlessFinished?: boolean }): Promise<boolean>;
}

export type EvaluationStore = CounterStore & ResultStore & RecomputeRunStore;
