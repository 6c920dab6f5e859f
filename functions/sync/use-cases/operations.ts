// Operating sync (admins): each agency system's health, what sits in the sync queues' DLQs and
// why, and the replay that sends dead letters back once their cause is fixed. The admin routes
// (../admin.ts) and the operator command (../jobs.ts, `npm run job -- sync:dlq`) both call these.
import type { SyncQueueName } from '../../../shared/contracts/sync';
import type { RegisteredSystem } from '../../identity/public';
import type { DeadLetter, DeadLetterQueues } from '../adapters/dead-letters';
import type { SyncStore } from '../adapters/sync-store';
import { systemHealth } from './health';

export interface OperationsDeps {
  queues: DeadLetterQueues;
  store: SyncStore;
  systems(): Promise<RegisteredSystem[]>;
}

/** The sync queues, for the health view (SyncQueueName lists the same). */
const SYNC_QUEUES: readonly SyncQueueName[] = ['sync-inbound', 'sync-outbound'];

/** What a dead letter is about, from its body: ids and the dossier code, never free text. */
export const describeDeadLetter = (m: DeadLetter) => {
  // Inbound messages: { kind, keyId, event | item }; outbound ones: the dossier event itself.
  let parsed: {
    kind?: unknown; keyId?: unknown; event?: { eventId?: unknown; code?: unknown }; item?: { eventId?: unknown; code?: unknown };
    dossierId?: unknown; version?: unknown; code?: unknown;
  } = {};
  try {
    const value: unknown = JSON.parse(m.body);
    if (value && typeof value === 'object') parsed = value as typeof parsed;
  } catch {
    // Not JSON: a poison message; its ids stay null.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
  return {
    messageId: m.messageId, groupId: m.groupId, receiveCount: m.receiveCount, sentAt: m.sentAt,
    kind: text(parsed.kind) ?? (typeof parsed.dossierId === 'string' ? 'outbound' : null),
    keyId: text(parsed.keyId),
    eventId: text(parsed.event?.eventId ?? parsed.item?.eventId) ?? (typeof parsed.dossierId === 'string' ? `${parsed.dossierId}:${String(parsed.version)}` : null),
    code: text(parsed.event?.code ?? parsed.item?.code ?? parsed.code),
  };
};

export const listDeadLetters = async (deps: OperationsDeps, queue: SyncQueueName, limit: number) => {
  const [depth, letters] = await Promise.all([deps.queues.depth(queue), deps.queues.peek(queue, limit)]);
  const failures = await deps.store.failures(letters.map((m) => m.messageId));
  return {
    queue, depth,
    items: letters.map((m) => {
      const f = failures.get(m.messageId);
      return { ...describeDeadLetter(m), lastFailure: f ? { why: f.why, attempts: f.attempts, at: f.at } : null };
    }),
  };
};

export const replayDeadLetters = async (deps: OperationsDeps, queue: SyncQueueName, opts: { messageIds?: readonly string[]; limit: number }) => {
  const messageIds = await deps.queues.replay(queue, opts);
  return { queue, replayed: messageIds.length, messageIds };
};

export const syncHealth = async (deps: OperationsDeps) => {
  const [depths, systems] = await Promise.all([
    Promise.all(SYNC_QUEUES.map(async (q) => [q, await deps.queues.depth(q)] as const)),
    deps.systems(),
  ]);
  return {
    queues: Object.fromEntries(depths),
    systems: await Promise.all(systems.map((s) => systemHealth(deps.store, s))),
  };
};
