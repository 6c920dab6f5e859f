// The demo agency system's receiver (local runtime only, never a declared route): the endpoint
// the seeded demo system is registered with, so a person can see what outbound sync delivers.
//   POST /local/agency-receiver   an outbound event: the signature (docs/requirements.md R-SIGN-REQUEST) is checked
//                                 against the sender's registered active secrets with the verifier
//                                 the client kit gives agency systems (shared/auth/agency-signature.ts,
//                                 client/webhooks.ts); recorded either way; 200 when valid, 401 when
//                                 not (the portal then retries, as with a real system)
//   GET  /local/agency-receiver   what was received, newest first (the last 200, in memory), JSON;
//                                 each with the request as it arrived (path, signature headers, raw
//                                 body), so a developer can hand it to their own webhook handler
import { AgencySystemRegistry } from '../functions/identity/adapters/registry';
import { DELIVERY_EVENT_ID_HEADER, SIGNATURE_HEADERS, signedHeaders, verifySignedDelivery } from '../shared/auth/agency-signature';
import type { LocalRoute } from './gateway/server';

export const RECEIVER_PATH = '/local/agency-receiver';
const KEPT = 200;

export interface ReceivedDelivery {
  receivedAt: string;
  keyId: string | null;
  eventId: string | null;
  type: string | null;
  code: string | null;
  signatureValid: boolean;
  /** Why the signature was refused (stale, bad_signature, malformed, unknown key). */
  refusal: string | null;
  event: unknown;
  /** The delivery exactly as it arrived: what its signature covers. */
  request: { method: 'POST'; pathWithQuery: string; headers: Record<string, string>; body: string };
}

export const agencyReceiver = (registry: () => AgencySystemRegistry = () => new AgencySystemRegistry()) => {
  const received: ReceivedDelivery[] = [];
  let reg: AgencySystemRegistry | undefined;
  const registryOnce = () => (reg ??= registry());
  const route: LocalRoute = async (req, res, body, url) => {
    if (url.pathname !== RECEIVER_PATH) return false;
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ items: received }));
      return true;
    }
    if (req.method !== 'POST') return false;
    const signed = signedHeaders(req.headers);
    const keyId = signed.keyId ?? null;
    const pathWithQuery = `${url.pathname}${url.search}`;
    const system = keyId ? await registryOnce().get(keyId) : undefined;
    const verdict = system
      ? verifySignedDelivery({
        method: 'POST', pathWithQuery, headers: req.headers, body,
        now: Date.now() / 1000, secrets: await registryOnce().activeSecrets(system).catch(() => []),
      })
      : ({ ok: false, reason: 'unknown key' } as const);
    let event: Record<string, unknown> | null = null;
    try {
      event = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch { /* recorded as null */ }
    const text = (k: string) => (typeof event?.[k] === 'string' ? (event[k] as string) : null);
    // A QCVN 120 packet carries no event id or type: the header's id, the service, the item's MaHoSo.
    const item = Array.isArray(event?.data) && typeof event.data[0] === 'object' ? (event.data[0] as Record<string, unknown>) : undefined;
    const header = req.headers[DELIVERY_EVENT_ID_HEADER];
    received.unshift({
      receivedAt: new Date().toISOString(), keyId,
      eventId: text('eventId') ?? (typeof header === 'string' ? header : null),
      type: text('type') ?? text('service'),
      code: text('code') ?? (typeof item?.MaHoSo === 'string' ? item.MaHoSo : null),
      signatureValid: verdict.ok, refusal: verdict.ok ? null : verdict.reason, event,
      request: {
        method: 'POST', pathWithQuery, body: body.toString('utf8'),
        headers: {
          'content-type': String(req.headers['content-type'] ?? ''),
          ...(req.headers[DELIVERY_EVENT_ID_HEADER] ? { [DELIVERY_EVENT_ID_HEADER]: String(req.headers[DELIVERY_EVENT_ID_HEADER]) } : {}),
          ...Object.fromEntries(Object.entries(SIGNATURE_HEADERS).map(([field, name]) => [name, signed[field as keyof typeof signed] ?? ''])),
        },
      },
    });
    received.length = Math.min(received.length, KEPT);
    res.writeHead(verdict.ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(verdict.ok ? { received: true } : { error: { code: 'UNAUTHENTICATED', message: 'The signature does not verify' } }));
    return true;
  };
  return { route, received };
};
