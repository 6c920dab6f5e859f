// The queue message: a DossierEvent as the dossier fan-out sent it (functions/dossiers/events.ts).
// Checked at the boundary, so a malformed body is recognised and dropped instead of being retried
// until it reaches the dead-letter queue.
import * as z from 'zod';
import type { DossierEvent } from '../../dossiers/public-shapes';
import { DossierAction, DossierStatus } from '../../../shared/contracts/dossier-status';

const Instant = z.iso.datetime({ offset: true });

export const DossierEventMessage = z.object({
  type: z.literal('dossier.transitioned'),
  dossierId: z.string().min(1).max(100),
  version: z.number().int().positive(),
  code: z.string().min(1).max(60).nullable(),
  agencyCode: z.string().min(1).max(60),
  procedureCode: z.string().min(1).max(60),
  channel: z.enum(['online', 'desk', 'post']),
  statusCode: z.number().int().nullable(),
  at: Instant,
  actor: z.object({ kind: z.enum(['applicant', 'official', 'system', 'agency_system']), id: z.string().optional() }),
  action: DossierAction,
  from: DossierStatus,
  to: DossierStatus,
  note: z.string().nullable(),
});

export type ParsedEvent = { ok: true; event: DossierEvent } | { ok: false; problems: string[] };

/** The event in a message body, or the field paths that are wrong (never the values). */
export const parseEventBody = (body: string): ParsedEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problems: ['body: not JSON'] };
  }
  const parsed = DossierEventMessage.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.code}`) };
  }
  return { ok: true, event: parsed.data as DossierEvent };
};
