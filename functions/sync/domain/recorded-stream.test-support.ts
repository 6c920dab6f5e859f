// A recorded stream of agency-system status events, and the two noisy replays of it the sync
// issue asks for (duplicates + reordering within each dossier; poison items). Deterministic (a
// seeded generator): the same streams on every run. Used by the domain-level replay
// (functions/sync/domain/status-sync.test.ts) and the end-to-end one through SQS (test/sync/replay.test.ts).
import type { DossierStatus } from '../../../shared/contracts/dossier-status';

export const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

export interface RecordedEvent {
  eventId: string;
  /** Which dossier of the run (the caller maps slots to codes). */
  slot: number;
  status: DossierStatus;
  at: string;
  missingComponents?: string[];
  note?: string;
}

/** `count` events over as many dossiers as it takes, each dossier's events an hour apart. */
export const recordedStream = (lifecycles: readonly (readonly DossierStatus[])[], count: number, seed: number, prefix = 'evt'): RecordedEvent[] => {
  const random = rng(seed);
  const events: RecordedEvent[] = [];
  for (let slot = 0; events.length < count; slot++) {
    const life = lifecycles[Math.floor(random() * lifecycles.length)]!;
    life.forEach((status, i) => {
      if (events.length >= count) return;
      events.push({
        eventId: `${prefix}-${slot}-${i}`, slot, status, at: new Date(Date.UTC(2026, 11, 1, i)).toISOString(),
        ...(status === 'supplement_requested' ? { missingComponents: ['TP01'], note: 'Thiếu bản chụp' } : {}),
      });
    });
  }
  return events;
};

/** About 20% of the events sent twice, and each dossier's events reordered within a window of 3. */
export const withDuplicatesAndShuffle = <E extends { slot: number }>(events: readonly E[], seed: number): E[] => {
  const random = rng(seed);
  const noisy: E[] = [];
  for (const e of events) {
    noisy.push(e);
    if (random() < 0.2) noisy.push({ ...e });
  }
  for (let i = 0; i + 2 < noisy.length; i += 3) {
    if (random() < 0.5 && noisy[i]!.slot === noisy[i + 2]!.slot) [noisy[i], noisy[i + 2]] = [noisy[i + 2]!, noisy[i]!];
  }
  return noisy;
};

/** About 5% poison items mixed in before events (the caller decides what poison is). */
export const withPoison = <E>(events: readonly E[], seed: number): (E | 'poison')[] => {
  const random = rng(seed);
  const out: (E | 'poison')[] = [];
  for (const e of events) {
    if (random() < 0.05) out.push('poison');
    out.push(e);
  }
  return out;
};
