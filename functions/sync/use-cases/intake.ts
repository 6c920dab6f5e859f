// What the two batch routes share (docs/requirements.md R-SYNC-INBOUND): every item of a batch of
// ≤ 100 gets a result, queued or rejected with its problems at field paths under `items.<index>`;
// the queued ones go to `sync-inbound` in one send, and the answer (202) tallies them.
import type { z } from 'zod';
import type { CatalogueReader } from '../../catalogue/public';
import type { InboundQueue } from '../adapters/sqs-queues';
import type { ItemProblem } from '../domain/dossier-sync';
import type { QueuedMessage } from '../domain/inbound-message';

export interface IntakeDeps {
  queue: InboundQueue;
  catalogue: CatalogueReader;
  /** The clock that judges event times on arrival (tests set it). */
  now?: () => Date;
}

export type ItemVerdict = { ok: true; message: QueuedMessage } | { ok: false; problems: ItemProblem[] };

export interface ItemResult {
  index: number;
  eventId: string | null;
  status: 'queued' | 'rejected';
  errors?: ItemProblem[];
}

export const queued = (message: QueuedMessage): ItemVerdict => ({ ok: true, message });
export const rejected = (problems: ItemProblem[]): ItemVerdict => ({ ok: false, problems });

/** The item's zod issues at paths relative to the item. */
export const problemsOf = (error: z.ZodError): ItemProblem[] => error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** A dossier code of an agency the calling system does not speak for. */
export const NOT_ITS_AGENCY: ItemProblem = { path: 'code', message: 'the dossier is not of an agency this system speaks for' };

const eventIdOf = (item: unknown) => (typeof (item as { eventId?: unknown })?.eventId === 'string' ? (item as { eventId: string }).eventId : null);
const itemPath = (index: number, path: string) => `items.${index}${path ? `.${path}` : ''}`;

/** Checks each item in order (`check` reads what it must), queues the accepted ones and tallies the batch. */
export const receiveBatch = async (
  queue: InboundQueue, items: readonly unknown[], check: (item: unknown) => Promise<ItemVerdict>,
) => {
  const results: ItemResult[] = [];
  const messages: QueuedMessage[] = [];
  for (const [index, item] of items.entries()) {
    const eventId = eventIdOf(item);
    const verdict = await check(item);
    if (verdict.ok) {
      messages.push(verdict.message);
      results.push({ index, eventId, status: 'queued' });
    } else {
      results.push({ index, eventId, status: 'rejected', errors: verdict.problems.map((p) => ({ ...p, path: itemPath(index, p.path) })) });
    }
  }
  await queue.send(messages);
  const accepted = results.filter((r) => r.status === 'queued').length;
  return { accepted, rejected: results.length - accepted, results };
};
