// Verifying the portal's pushes to an agency system's endpoint (docs/integrating.md "Webhooks"):
// each delivery is signed exactly as the system signs its own requests, with the system's own key
// id and its oldest active secret. The check is the portal's own (shared/auth/agency-signature.ts):
// form, ±300 s window, then HMAC against each active secret in constant time.
import { verifySignedDelivery, type SignatureFailure } from '../shared/auth/agency-signature';
import type { Schema } from './portal';

export type OutboundEvent = Schema<'SyncOutboundEvent'>;

export interface WebhookDelivery {
  method: string;
  /** The path and query the request arrived at (Node's `req.url`); behind a proxy, the original one. */
  url: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The raw body, before any JSON parsing: the signature covers its bytes. */
  body: string | Uint8Array;
}

export type WebhookVerdict =
  | { ok: true; event: OutboundEvent }
  | { ok: false; reason: SignatureFailure | 'wrong_key' | 'not_json' };

/**
 * Verifies a delivery for the system `keyId` against its active secrets (two during a rotation).
 * On success the body is parsed as the event. Deliveries are at least once: deduplicate on
 * `event.eventId` (also in the `x-dvc-event-id` header).
 */
export const verifyWebhook = (
  delivery: WebhookDelivery,
  system: { keyId: string; secrets: readonly string[]; now?: number },
): WebhookVerdict => {
  const verdict = verifySignedDelivery({
    method: delivery.method, pathWithQuery: delivery.url, headers: delivery.headers, body: delivery.body,
    secrets: system.secrets, now: system.now ?? Date.now() / 1000,
  });
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  if (verdict.keyId !== system.keyId) return { ok: false, reason: 'wrong_key' };
  try {
    const text = typeof delivery.body === 'string' ? delivery.body : new TextDecoder().decode(delivery.body);
    return { ok: true, event: JSON.parse(text) as OutboundEvent };
  } catch {
    return { ok: false, reason: 'not_json' };
  }
};
