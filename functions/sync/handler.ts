// The agency-system sync API (docs/requirements.md R-SYNC-INBOUND): signed requests (the Lambda authorizer has verified the
// system), batches of ≤ 100 status events or dossier upserts validated item by item — shape,
// status code, and the dossier's agency within the system's agencies; for dossiers also the
// procedure (in the catalogue, handled at that agency's level, for that applicant type and channel)
// and a history the transition table can follow; times not in the future, and a status event's not
// before the day its dossier's code carries (domain/event-time.ts) — and the valid ones queued FIFO
// per dossier code, deduplicated by the system's event id. 202 with a result per item.
import { createHash } from 'node:crypto';
import { dynamoClient, onceAsync, sqsClient, sqsLib } from '../../shared/aws/clients';
import { agencyInScope } from '../../shared/auth/scope';
import { queueUrl, tableName } from '../../shared/config';
import { agencyOfCode, StatusEventIn } from '../../shared/contracts/sync';
import type { DossierUpsertIn } from '../../shared/contracts/sync-dossiers';
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { decodeCursor, encodeCursor, isStoreKey } from '../../shared/http/pagination';
import { syncRoutes as routes } from '../../shared/platform/api-routes/sync';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import { registeredSystem, signedBodies, type RegisteredSystem } from '../identity/public';
import { DynamoOutboxStore, type OutboxCursor, type OutboxStore } from './adapters/outbox-store';
import { DynamoSyncStore, type SyncStore } from './adapters/sync-store';
import { futureRefusal, refusalOnArrival, upsertTimes } from './domain/event-time';
import { outboxPk } from './domain/outbound';
import { systemHealth } from './health';

// The upsert schema and rules reach into the catalogue and dossier shapes and the transition
// table: loaded with the first dossier batch, not at every cold start of the sync API.
const upserts = onceAsync(async () => {
  const [{ DossierUpsertIn: schema }, { importSteps }] = await Promise.all([import('../../shared/contracts/sync-dossiers'), import('./domain/dossier-sync')]);
  return { schema, importSteps };
});

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

export interface InboundQueue {
  send(messages: { groupId: string; dedupId: string; body: QueuedStatus | QueuedDossier }[]): Promise<void>;
}

/** One upsert's serialized size limit: ten fit one SendMessageBatch (≤ 256 KiB) and the record stays far below 400 KB. */
export const MAX_UPSERT_BYTES = 24 * 1024;

export const sqsInbound = (): InboundQueue => ({
  async send(messages) {
    const [client, { SendMessageBatchCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const out = await client.send(new SendMessageBatchCommand({
        QueueUrl: queueUrl('sync-inbound'),
        Entries: chunk.map((m, j) => ({ Id: String(j), MessageGroupId: m.groupId, MessageDeduplicationId: m.dedupId, MessageBody: JSON.stringify(m.body) })),
      }));
      if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} message(s): ${out.Failed.map((f) => f.Code).join(', ')}`);
    }
  },
});

/** Per system and event id: what SQS deduplicates on (≤ 128 characters). */
export const dedupIdOf = (keyId: string, eventId: string) => createHash('sha256').update(`${keyId}\n${eventId}`).digest('hex');

/** An item's problem; `code` for the ones a system may act on by itself (a time refused: AT_IN_FUTURE, AT_BEFORE_DOSSIER). */
type ItemError = { path: string; message: string; code?: string };
type ItemResult = { index: number; eventId: string | null; status: 'queued' | 'rejected'; errors?: ItemError[] };
const eventIdOf = (item: unknown) => (typeof (item as { eventId?: unknown })?.eventId === 'string' ? (item as { eventId: string }).eventId : null);

/** A cursor of this system's outbox: another system's key is refused like a forged one. */
const isOutboxCursorOf = (keyId: string) => (v: unknown): v is OutboxCursor =>
  isStoreKey(v) && Object.keys(v).length === 2 && v.pk === outboxPk(keyId) && typeof v.sk === 'string';

export interface SyncApiDeps {
  queue: InboundQueue;
  catalogue: CatalogueReader;
  outbox: OutboxStore;
  /** The statistics and error report behind a system's own health. */
  store: SyncStore;
  system(keyId: string): Promise<RegisteredSystem | undefined>;
  /** The clock that judges event times on arrival (tests set it). */
  now?: () => Date;
}

export const makeHandler = (deps: SyncApiDeps) =>
  createApiHandler([
    implement(routes.syncStatuses, async ({ principal, body }) => {
      if (principal.kind !== 'agency-system') throw new Error('the authorizer let a non-system through');
      const now = (deps.now ?? (() => new Date()))();
      const results: ItemResult[] = [];
      const messages: { groupId: string; dedupId: string; body: QueuedStatus }[] = [];
      for (const [index, item] of body.items.entries()) {
        const parsed = StatusEventIn.safeParse(item);
        const eventId = typeof (item as { eventId?: unknown })?.eventId === 'string' ? (item as { eventId: string }).eventId : null;
        if (!parsed.success) {
          results.push({ index, eventId, status: 'rejected', errors: parsed.error.issues.map((i) => ({ path: `items.${index}.${i.path.join('.')}`, message: i.message })) });
          continue;
        }
        const agency = await deps.catalogue.getAgency(agencyOfCode(parsed.data.code));
        if (!agency || !agencyInScope(principal, agency)) {
          results.push({ index, eventId, status: 'rejected', errors: [{ path: `items.${index}.code`, message: 'the dossier is not of an agency this system speaks for' }] });
          continue;
        }
        const refused = refusalOnArrival(parsed.data.at, parsed.data.code, now);
        if (refused) {
          results.push({ index, eventId, status: 'rejected', errors: [{ path: `items.${index}.at`, code: refused.code, message: refused.why }] });
          continue;
        }
        messages.push({ groupId: parsed.data.code, dedupId: dedupIdOf(principal.keyId, parsed.data.eventId), body: { kind: 'status', keyId: principal.keyId, event: parsed.data } });
        results.push({ index, eventId, status: 'queued' });
      }
      await deps.queue.send(messages);
      const accepted = results.filter((r) => r.status === 'queued').length;
      return { status: 202, body: { accepted, rejected: results.length - accepted, results } };
    }),
    implement(routes.syncDossiers, async ({ principal, body }) => {
      if (principal.kind !== 'agency-system') throw new Error('the authorizer let a non-system through');
      const { schema, importSteps } = await upserts();
      const now = (deps.now ?? (() => new Date()))();
      const results: ItemResult[] = [];
      const messages: { groupId: string; dedupId: string; body: QueuedDossier }[] = [];
      for (const [index, raw] of body.items.entries()) {
        const eventId = eventIdOf(raw);
        const reject = (errors: ItemError[]) => results.push({ index, eventId, status: 'rejected', errors: errors.map((e) => ({ ...e, path: `items.${index}${e.path ? `.${e.path}` : ''}` })) });
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          reject(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
          continue;
        }
        const item = parsed.data;
        if (Buffer.byteLength(JSON.stringify(item)) > MAX_UPSERT_BYTES) {
          reject([{ path: '', message: `at most ${MAX_UPSERT_BYTES / 1024} KiB per dossier` }]);
          continue;
        }
        const [agency, procedure] = await Promise.all([deps.catalogue.getAgency(agencyOfCode(item.code)), deps.catalogue.getProcedure(item.procedureCode)]);
        if (!agency || !agencyInScope(principal, agency)) {
          reject([{ path: 'code', message: 'the dossier is not of an agency this system speaks for' }]);
          continue;
        }
        const problems: ItemError[] = upsertTimes(item).flatMap(([path, at]) => {
          const refused = futureRefusal(at, now);
          return refused ? [{ path, code: refused.code, message: refused.why }] : [];
        });
        if (!procedure) problems.push({ path: 'procedureCode', message: 'not in the catalogue' });
        else {
          if (!procedure.agencyKinds.includes(agency.level)) problems.push({ path: 'procedureCode', message: `a ${agency.level}-level agency does not handle this procedure` });
          if (!procedure.applicantTypes.includes(item.applicant.type)) problems.push({ path: 'applicant.type', message: `this procedure is not for ${item.applicant.type === 'citizen' ? 'citizens' : 'businesses'}` });
          if (!procedure.channels.includes(item.channel)) problems.push({ path: 'channel', message: `this procedure is not received by ${item.channel}` });
        }
        const steps = importSteps(item);
        if (!steps.ok) problems.push(...steps.errors);
        if (problems.length) {
          reject(problems);
          continue;
        }
        messages.push({ groupId: item.code, dedupId: dedupIdOf(principal.keyId, item.eventId), body: { kind: 'dossier', keyId: principal.keyId, item } });
        results.push({ index, eventId, status: 'queued' });
      }
      await deps.queue.send(messages);
      const accepted = results.filter((r) => r.status === 'queued').length;
      return { status: 202, body: { accepted, rejected: results.length - accepted, results } };
    }),
    implement(routes.syncOutbox, async ({ principal, query }) => {
      if (principal.kind !== 'agency-system') throw new Error('the authorizer let a non-system through');
      const page = await deps.outbox.list(principal.keyId, { limit: query.limit, cursor: decodeCursor(query.cursor, isOutboxCursorOf(principal.keyId)) });
      return ok({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null });
    }),
    implement(routes.syncOwnHealth, async ({ principal }) => {
      if (principal.kind !== 'agency-system') throw new Error('the authorizer let a non-system through');
      // Authenticated a moment ago, so registered: only its name is read.
      const registered = await deps.system(principal.keyId);
      return ok(await systemHealth(deps.store, { keyId: principal.keyId, name: registered?.name ?? principal.keyId, agencyCodes: principal.agencyCodes }));
    }),
  ]).use(signedBodies()); // the authorizer cannot see bodies: the signature over it is checked here

export const handler = makeHandler({
  queue: sqsInbound(), catalogue: catalogueReader(), outbox: new DynamoOutboxStore(dynamoClient, () => tableName('sync')),
  store: new DynamoSyncStore(dynamoClient, () => tableName('sync')), system: registeredSystem,
});
