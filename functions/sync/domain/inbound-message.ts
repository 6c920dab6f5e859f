// What the sync routes put on `sync-inbound` and its consumer reads: one status event or one
// dossier upsert, in the FIFO group of its dossier code, deduplicated per system and event id.
import { createHash } from 'node:crypto';
import type { StatusEventIn } from '../../../shared/contracts/sync';
import type { DossierUpsertIn } from '../../../shared/contracts/sync-dossiers';

export interface QueuedStatus {
  kind: 'status';
  keyId: string;
  event: StatusEventIn;
}

export interface QueuedDossier {
  kind: 'dossier';
  keyId: string;
  item: DossierUpsertIn;
}

export type QueuedMessage = QueuedStatus | QueuedDossier;

/** Per system and event id: what SQS deduplicates on (≤ 128 characters). */
export const dedupIdOf = (keyId: string, eventId: string) => createHash('sha256').update(`${keyId}\n${eventId}`).digest('hex');

/** FIFO per dossier code; one message per system and event id. */
export const inboundMessageIds = (m: QueuedMessage) => {
  const { code, eventId } = m.kind === 'status' ? m.event : m.item;
  return { groupId: code, dedupId: dedupIdOf(m.keyId, eventId) };
};
