// Delivering one `sync-outbound` message (docs/sync.md "Outbound"): the dossier event goes to every
// agency system that speaks for the dossier's agency. For each system the event is put in its
// outbox (once), then POSTed to its endpoint signed as docs/requirements.md R-SIGN-REQUEST; a 2xx
// marks it delivered. Systems already delivered are skipped, so a retry tries only the others.
import { DELIVERY_EVENT_ID_HEADER, signRequest } from '../../../shared/auth/agency-signature';
import type { AgencyRef } from '../../../shared/auth/scope';
import type { DossierEvent, DossierRecord } from '../../dossiers/public';
import type { OutboundSystem } from '../../identity/public';
import type { EventDelivery } from '../adapters/http-delivery';
import type { OutboxStore } from '../adapters/outbox-store';
import { outboundEventOf, outboundRelevant } from '../domain/outbound';
import { pushBody } from '../domain/qcvn120/outbound';
import type { RetryPolicy } from '../domain/retry';

export interface OutboundDeps {
  findDossier(id: string): Promise<DossierRecord | undefined>;
  systemsFor(agency: AgencyRef): Promise<OutboundSystem[]>;
  outbox: OutboxStore;
  delivery: EventDelivery;
  /** Makes the message visible again after `seconds` (SQS ChangeMessageVisibility). */
  retryLater(receiptHandle: string, seconds: number): Promise<void>;
  now?: () => Date;
  policy?: () => RetryPolicy;
  random?: () => number;
}

/** Some system's push failed: the message is retried (its outbox keeps what was delivered). */
export class DeliveryFailedError extends Error {}
/** The message cannot be processed at all (not an event, an unknown dossier): retried, then DLQ. */
export class UndeliverableMessageError extends Error {}

export interface DeliveryOutcome {
  systems: number;
  delivered: string[];
  already: string[];
  failed: { keyId: string; detail: string }[];
}

const parseEvent = (body: string): DossierEvent => {
  let e: Partial<DossierEvent>;
  try {
    e = JSON.parse(body) as Partial<DossierEvent>;
  } catch {
    throw new UndeliverableMessageError('the message is not JSON');
  }
  if (e?.type !== 'dossier.transitioned' || typeof e.dossierId !== 'string' || typeof e.version !== 'number' || typeof e.action !== 'string' || typeof e.actor?.kind !== 'string') {
    throw new UndeliverableMessageError('not a dossier event');
  }
  return e as DossierEvent;
};

/** One attempt at one message (`attempt` = its SQS receive count). */
export const deliverMessage = async (deps: OutboundDeps, body: string, attempt: number): Promise<DeliveryOutcome> => {
  const event = parseEvent(body);
  const outcome: DeliveryOutcome = { systems: 0, delivered: [], already: [], failed: [] };
  if (!outboundRelevant(event)) return outcome; // not subscribed (the fan-out filters the same way)
  const dossier = await deps.findDossier(event.dossierId);
  if (!dossier) throw new UndeliverableMessageError('no such dossier');
  const systems = await deps.systemsFor({ code: dossier.agencyCode, parentCode: dossier.agencyParentCode });
  outcome.systems = systems.length;
  if (!systems.length) return outcome;

  const payload = outboundEventOf(event, dossier);
  // Each system gets the event in its protocol (the outbox keeps the event itself).
  const bodies = new Map<string, string>();
  const bodyFor = (protocol: OutboundSystem['protocol']) => {
    if (!bodies.has(protocol)) bodies.set(protocol, pushBody(protocol, payload));
    return bodies.get(protocol)!;
  };
  const nowIso = () => (deps.now ?? (() => new Date()))().toISOString();
  const states = await deps.outbox.prepare(systems.map((s) => s.keyId), payload, nowIso());
  await Promise.all(systems.map(async (system) => {
    if (states.get(system.keyId) === 'delivered') {
      outcome.already.push(system.keyId);
      return;
    }
    let detail: string;
    let ok = false;
    if (system.secret === null) {
      detail = 'its active secret does not open (sealed under another key)';
    } else {
      let url: URL | undefined;
      try { url = new URL(system.endpointUrl); } catch { /* reported below */ }
      if (!url) {
        detail = 'the registered endpoint is not a URL';
      } else {
        const now = (deps.now ?? (() => new Date()))().getTime() / 1000;
        const body = bodyFor(system.protocol);
        const headers = signRequest({ keyId: system.keyId, secret: system.secret, method: 'POST', pathWithQuery: `${url.pathname}${url.search}`, body, now });
        ({ ok, detail } = await deps.delivery.post(url.href, body, { ...headers, [DELIVERY_EVENT_ID_HEADER]: payload.eventId }));
      }
    }
    if (ok) {
      await deps.outbox.delivered(system.keyId, payload, attempt, nowIso());
      outcome.delivered.push(system.keyId);
    } else {
      outcome.failed.push({ keyId: system.keyId, detail });
    }
  }));
  if (outcome.failed.length) await deps.outbox.failed(outcome.failed.map((f) => ({ keyId: f.keyId, error: f.detail })), payload, attempt, nowIso());
  return outcome;
};
