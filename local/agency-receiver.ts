// The demo agency system's receiver (local runtime only, never a declared route): the endpoint
// the seeded demo system is registered with, so a person can see what outbound sync delivers.
//   POST /local/agency-receiver   an outbound event: the signature (docs/requirements.md
//                                 R-SIGN-REQUEST) is checked against the sender's registered
//                                 active secrets; recorded either way; 200 when valid, 401 when
//                                 not (the portal then retries, as with a real system)
//   GET  /local/agency-receiver   what was received, newest first (the last 200, in memory), JSON
import { AgencySystemRegistry } from '../functions/identity/adapters/registry';
import { verifySignedRequest } from '../functions/identity/domain/signature';
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
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export const agencyReceiver = (registry: () => AgencySystemRegistry = () => new AgencySystemRegistry()) => {
  const received: ReceivedDelivery[] = [];
  let reg: AgencySystemRegistry | undefined;
  const route: LocalRoute = async (req, res, body, url) => {
    if (url.pathname !== RECEIVER_PATH) return false;
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ items: received }));
      return true;
    }
    if (req.method !== 'POST') return false;
    const keyId = header(req.headers['x-dvc-key-id']) ?? null;
    const system = keyId ? await (reg ??= registry()).get(keyId) : undefined;
    const verdict = system
      ? verifySignedRequest({
        method: 'POST', pathWithQuery: `${url.pathname}${url.search}`, body,
        timestamp: header(req.headers['x-dvc-timestamp']), signature: header(req.headers['x-dvc-signature']),
        now: Date.now() / 1000, secrets: await reg!.activeSecrets(system).catch(() => []),
      })
      : ({ ok: false, reason: 'unknown key' } as const);
    let event: Record<string, unknown> | null = null;
    try {
      event = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch { /* recorded as null */ }
    const text = (k: string) => (typeof event?.[k] === 'string' ? (event[k] as string) : null);
    received.unshift({
      receivedAt: new Date().toISOString(), keyId, eventId: text('eventId'), type: text('type'), code: text('code'),
      signatureValid: verdict.ok, refusal: verdict.ok ? null : verdict.reason, event,
    });
    received.length = Math.min(received.length, KEPT);
    res.writeHead(verdict.ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(verdict.ok ? { received: true } : { error: { code: 'UNAUTHENTICATED', message: 'The signature does not verify' } }));
    return true;
  };
  return { route, received };
};
