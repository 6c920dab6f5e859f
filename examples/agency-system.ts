// A province's one-stop system talking to the portal (docs/integrating.md), played against a
// running `npm start` with the demo agency system — key id `demo-hanoi-system`, secret
// `demo-hanoi-secret`, every agency of Hà Nội — and the typed client kit (client/):
//
//   1. check credentials and clock                      GET  /v1/sync/whoami
//   2. push a dossier received at the desk              POST /v1/sync/dossiers
//   3. push status events, in order, with a duplicate   POST /v1/sync/statuses
//      and an older one, and wait until applied         (public tracking shows the dossier)
//   4. (a citizen submits a dossier online at a Hà Nội commune: the portal will tell us)
//   5. pull the outbox with a cursor until it is there  GET  /v1/sync/outbox
//   6. verify the portal's signed push of it in our own webhook handler on loopback
//   7. read our own sync health                         GET  /v1/sync/health/me
//
//   npm run example:agency-system [-- --base-url http://127.0.0.1:3000]
import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  agencySigning, createPortalClient, SIGNATURE_HEADERS, unwrap, verifyWebhook, type DossierUpsert, type OutboundEvent, type PortalClient, type Schema,
  type StatusEvent,
} from '../client';
import { HANOI_COMMUNE, PROCEDURE, portalAt, submitted } from '../scripts/walkthrough';
import { argument, waitFor } from './support';

export interface ExampleOptions {
  baseUrl: string;
  keyId?: string;
  secret?: string;
  /** Where each step is printed (console.log by default). */
  log?: (line: string) => void;
  /** How long to wait for asynchronous outcomes (events applied, the push), in ms. */
  patienceMs?: number;
}

const DEMO_SYSTEM = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
/** The applicant of the desk dossier (a citizen who came to the counter). */
const APPLICANT_ID = '001199000111';

/** Dossier codes carry the receipt date (Asia/Ho_Chi_Minh) and the agency's own sequence. */
const dossierCode = (agency: string, receivedAt: Date) => {
  const local = new Date(receivedAt.getTime() + 7 * 3600_000).toISOString();
  return `${agency}-${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}-${randomInt(100_000, 999_999)}`;
};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/**
 * Our webhook endpoint: what a one-stop system runs behind its registered HTTPS URL. It reads the
 * raw body, verifies the signature with our active secrets, deduplicates on eventId and answers
 * 2xx only for a genuine delivery (anything else makes the portal retry, then dead-letter).
 */
const webhookServer = async (system: { keyId: string; secrets: string[] }) => {
  const seen = new Map<string, OutboundEvent>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const verdict = verifyWebhook({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) }, system);
      if (!verdict.ok) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ refused: verdict.reason }));
        return;
      }
      const duplicate = seen.has(verdict.event.eventId);
      seen.set(verdict.event.eventId, verdict.event);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: verdict.event.eventId, duplicate }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
};

type OutboxItem = Schema<'SyncOutboxItem'>;

/**
 * One pull: pages from `cursor` to the end. Returns the items and the cursor to resume from next
 * time — the last one that led to a page (the end has no cursor): that page is read again, so items
 * are deduplicated on eventId.
 */
const pullOutbox = async (system: PortalClient, cursor: string | undefined) => {
  const items: OutboxItem[] = [];
  let pages = 0;
  let resumeFrom = cursor;
  for (let next = cursor; ;) {
    const page = unwrap(await system.GET('/v1/sync/outbox', { params: { query: { limit: 100, ...(next ? { cursor: next } : {}) } } }), 'outbox');
    pages += 1;
    items.push(...page.items);
    if (!page.nextCursor) break;
    resumeFrom = next = page.nextCursor;
  }
  return { items, pages, resumeFrom };
};

export const run = async (options: ExampleOptions) => {
  const log = options.log ?? ((line: string) => console.log(line));
  const patienceMs = options.patienceMs ?? 60_000;
  const credentials = { keyId: options.keyId ?? DEMO_SYSTEM.keyId, secret: options.secret ?? DEMO_SYSTEM.secret };
  const step = (n: number, text: string) => log(`\n${n}. ${text}`);
  const portal = await portalAt(options.baseUrl);
  const system = createPortalClient({ baseUrl: options.baseUrl, auth: agencySigning(credentials) });
  const trackedStatus = async (code: string, status: string) => {
    const res = await portal.anonymous.GET('/v1/dossiers/track', { params: { query: { code, applicantId: APPLICANT_ID } } });
    return res.data?.status === status ? res.data : undefined;
  };

  step(1, `${credentials.keyId} checks its credentials and clock (GET /v1/sync/whoami, signed)`);
  const whoami = unwrap(await system.GET('/v1/sync/whoami'), 'whoami');
  log(`   → signed as ${whoami.keyId}, speaking for ${whoami.agencyCodes.join(', ')}`);

  step(2, `a dossier received at the desk of ${HANOI_COMMUNE} two hours ago, now processing, becomes a dossier of record (POST /v1/sync/dossiers)`);
  const receivedAt = minutesAgo(120);
  const code = dossierCode(HANOI_COMMUNE, receivedAt);
  const upsert: DossierUpsert = {
    eventId: `hn-${randomUUID()}`, code, procedureCode: PROCEDURE, channel: 'desk',
    applicant: { type: 'citizen', name: 'Trần Thị Bình', idNumber: APPLICANT_ID },
    receivedAt: receivedAt.toISOString(), status: 4, at: minutesAgo(90).toISOString(),
    history: [{ at: receivedAt.toISOString(), status: 2, note: 'Tiếp nhận tại bộ phận một cửa' }],
  };
  const upserted = unwrap(await system.POST('/v1/sync/dossiers', { body: { items: [upsert] } }), 'dossiers', 202);
  log(`   → 202: ${upserted.accepted} queued, ${upserted.rejected} refused; code ${code}`);
  const created = await waitFor('the dossier of record', patienceMs, () => trackedStatus(code, 'processing'));
  log(`   → applied: public tracking shows ${created.status} (${created.statusCode}), due ${created.dueDate}`);

  step(3, 'status events, each with its own eventId, applied in order per dossier (POST /v1/sync/statuses)');
  const done: StatusEvent = { eventId: `hn-${randomUUID()}`, code, status: 9, at: minutesAgo(30).toISOString(), note: 'Đã giải quyết' };
  const first = unwrap(await system.POST('/v1/sync/statuses', { body: { items: [done] } }), 'statuses', 202);
  log(`   → batch 1 [done]: ${first.accepted} queued`);
  await waitFor('status done', patienceMs, () => trackedStatus(code, 'done'));
  log('   → applied: done');
  const older: StatusEvent = { eventId: `hn-${randomUUID()}`, code, status: 4, at: minutesAgo(60).toISOString() };
  const returned: StatusEvent = { eventId: `hn-${randomUUID()}`, code, status: 10, at: minutesAgo(10).toISOString(), note: 'Đã trả kết quả tại quầy' };
  const second = unwrap(await system.POST('/v1/sync/statuses', { body: { items: [done, older, returned] } }), 'statuses', 202);
  log(`   → batch 2 [done again (same eventId), an older "processing", returned]: ${second.accepted} queued`);
  const final = await waitFor('status returned', patienceMs, () => trackedStatus(code, 'returned'));
  const steps = final.history.map((h) => h.status);
  log(`   → applied in order: ${steps.join(' → ')}`);
  log('     the repeated event changed nothing, the older one was recorded as stale and did not move it back');

  step(4, `meanwhile citizen.demo submits a dossier online at ${HANOI_COMMUNE} (the typed client with a bearer token)`);
  const citizen = await portal.as('citizen.demo');
  const online = await submitted(citizen);
  const eventId = `${online.id}:${online.version}`;
  log(`   → ${online.code} submitted; the portal owes us event ${eventId}`);

  step(5, 'pull the outbox (GET /v1/sync/outbox, 100 a page, resuming from the last cursor)');
  let resumeFrom: string | undefined;
  let pulls = 0;
  let pages = 0;
  const pulled = new Map<string, OutboxItem>();
  const ours = await waitFor('the event in the outbox', patienceMs, async () => {
    const pull = await pullOutbox(system, resumeFrom);
    pulls += 1;
    pages += pull.pages;
    resumeFrom = pull.resumeFrom;
    for (const item of pull.items) pulled.set(item.event.eventId, item);
    return pulled.get(eventId);
  });
  log(`   → ${pulled.size} event(s) in ${pages} page(s) over ${pulls} pull(s); ours: ${ours.event.type} ${ours.event.code}, push ${ours.delivery.state} after ${ours.delivery.attempts} attempt(s)`);

  step(6, 'verify the portal\'s signed push of it in our webhook handler (a loopback server)');
  // The demo system's registered endpoint is the local runtime's receiver, which keeps each
  // delivery exactly as it arrived; we hand that one, byte for byte, to our own handler.
  const webhook = await webhookServer({ keyId: credentials.keyId, secrets: [credentials.secret] });
  let pushed: { genuine: { status: number; body: unknown }; tampered: { status: number; body: unknown }; type: string } | null = null;
  try {
    const receiver = await fetch(`${options.baseUrl}/local/agency-receiver`);
    if (!receiver.ok) {
      log('   → skipped: no local receiver here (not `npm start`); a deployed system receives pushes at its registered HTTPS endpoint');
    } else {
      type Delivery = { keyId: string | null; eventId: string | null; request: { method: string; pathWithQuery: string; headers: Record<string, string>; body: string } };
      const delivery = await waitFor('the push', patienceMs, async () => {
        const { items } = (await (await fetch(`${options.baseUrl}/local/agency-receiver`)).json()) as { items: Delivery[] };
        return items.find((d) => d.keyId === credentials.keyId && d.eventId === eventId);
      });
      const send = async (body: string) => {
        const res = await fetch(`${webhook.url}${delivery.request.pathWithQuery}`, { method: delivery.request.method, headers: delivery.request.headers, body });
        return { status: res.status, body: await res.json() };
      };
      const genuine = await send(delivery.request.body);
      const tampered = await send(delivery.request.body.replace('"status":"submitted"', '"status":"withdrawn"'));
      pushed = { genuine, tampered, type: (JSON.parse(delivery.request.body) as OutboundEvent).type };
      log(`   → POST ${delivery.request.pathWithQuery} signed ${delivery.request.headers[SIGNATURE_HEADERS.timestamp]} by ${delivery.request.headers[SIGNATURE_HEADERS.keyId]}: ${genuine.status} ${JSON.stringify(genuine.body)}`);
      log(`   → the same delivery with its status changed: ${tampered.status} ${JSON.stringify(tampered.body)}`);
    }
  } finally {
    await webhook.close();
  }

  step(7, 'our own sync health (GET /v1/sync/health/me)');
  const health = unwrap(await system.GET('/v1/sync/health/me'), 'health');
  log(`   → inbound: ${health.inbound.events} events, ${health.inbound.applied} applied, ${health.inbound.errors} refused (last applied ${health.inbound.lastAppliedAt ?? 'never'})`);
  log(`   → outbound: ${health.outbound.delivered} delivered, ${health.outbound.backlog} waiting (last delivery ${health.outbound.lastDeliveredAt ?? 'never'})`);
  if (health.recentErrors[0]) log(`   → latest refusal: ${health.recentErrors[0].code} ${health.recentErrors[0].why}`);

  log(`\nDone: ${code} is ${final.status}; event ${eventId} pulled${pushed ? ' and its push verified' : ''}.`);
  return {
    whoami,
    dossierOfRecord: { code, status: final.status, steps },
    online: { id: online.id, code: online.code },
    batches: { upsert: upserted, first, second },
    outbox: { eventId, item: ours, pulls, pages },
    webhook: pushed,
    health,
  };
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run({ baseUrl: argument('--base-url') ?? 'http://127.0.0.1:3000' }).catch((e: Error) => {
    console.error(`\n${e.message}`);
    process.exit(1);
  });
}
