// GET /v1/sync/outbox (docs/sync.md "Outbound"): a system pulls its own outbox, oldest first; a
// cursor of another system's outbox is refused like a forged one.
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import { decodeCursor, encodeCursor, isStoreKey } from '../../../shared/http/pagination';
import type { OutboxCursor, OutboxStore } from '../adapters/outbox-store';
import { outboxPk } from '../domain/outbound';

const isOutboxCursorOf = (keyId: string) => (v: unknown): v is OutboxCursor =>
  isStoreKey(v) && Object.keys(v).length === 2 && v.pk === outboxPk(keyId) && typeof v.sk === 'string';

export const readOutbox = async (outbox: OutboxStore, system: AgencySystemPrincipal, query: { limit: number; cursor?: string }) => {
  const page = await outbox.list(system.keyId, { limit: query.limit, cursor: decodeCursor(query.cursor, isOutboxCursorOf(system.keyId)) });
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
};
