// A sharded agency's work queue through the local gateway (docs/capacity.md "Design: the work-queue
// lists"): the dossiers of the busiest agencies sit on several list shards (functions/dossiers/domain/
// list-shards.ts); GET /v1/agency/dossiers merges them page by page, and its cursor (the last sort
// key) resumes every shard after the same point, so each dossier comes exactly once, in due order,
// while dossiers are added between pages. The records are written by the real store (its key
// builders), under a procedure code of this file's own, so the queue read by that filter is this
// file's alone.
import { randomInt, randomUUID } from 'node:crypto';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { queueSortKey, type DossierRecord } from '../../functions/dossiers/domain/dossier';
import { aDraft } from '../../functions/dossiers/domain/dossier.fixture';
import { listShardCount, listShardOf } from '../../functions/dossiers/domain/list-shards';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DossierPage } from '../../shared/contracts/dossiers';
import { api, DEMO_PASSWORD, portalConfig, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { uniqueDossierCode } from '../support/dossier-codes';
import { fileNamespace } from '../support/namespace';

/** Đà Nẵng's People's Committee: the largest agency of the capacity model, four list shards. */
const AGENCY = '000.00.00.H17';
const PROCEDURE = `9.${String(randomInt(100_000, 1_000_000))}`;
const ns = fileNamespace(import.meta.url);
const store = new DynamoDossierStore(dynamoClient, () => tableName('dossiers'));
let official = '';

/** An official of Đà Nẵng (no demo account serves it), created in the local user pool for this file. */
const danangOfficial = async () => {
  const config = await portalConfig();
  const username = ns.key('official-danang').toLowerCase().slice(0, 60);
  const idp = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint! });
  try {
    await idp.send(new AdminCreateUserCommand({
      UserPoolId: config.userPoolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'name', Value: 'Cán bộ Đà Nẵng' }, { Name: 'custom:agency_scope', Value: AGENCY }],
    }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: username, Password: DEMO_PASSWORD, Permanent: true }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: config.userPoolId, Username: username, GroupName: 'official' }));
  } finally {
    idp.destroy();
  }
  return signIn(username);
};

beforeAll(async () => {
  official = await danangOfficial();
});

const HOUR = 3600_000;
const BASE = Date.parse('2026-11-02T01:00:00.000Z');

/** A dossier of the agency written by the store: received (due `dueHours` after BASE) or, without a due date, submitted. */
const put = async (dueHours: number | null, status: DossierRecord['status'] = dueHours === null ? 'submitted' : 'received', more: Partial<DossierRecord> = {}) => {
  const id = randomUUID();
  const d = aDraft({
    id, code: uniqueDossierCode(AGENCY, '261102'), agencyCode: AGENCY, agencyName: 'UBND Thành phố Đà Nẵng',
    agencyParentCode: null, procedureCode: PROCEDURE, status, applicant: { ...aDraft().applicant, sub: `queue-shards-${id}` },
    submittedAt: new Date(BASE - 48 * HOUR + randomInt(0, 24 * HOUR)).toISOString(),
    receivedAt: dueHours === null ? null : new Date(BASE - 24 * HOUR).toISOString(),
    dueAt: dueHours === null ? null : new Date(BASE + dueHours * HOUR + randomInt(0, 1000)).toISOString(),
    ...more,
  });
  // Written as a dossier of record is (its code claimed with it); no history is needed here.
  expect(await store.createOfRecord(d, [])).toBe(true);
  return d;
};

const pageOf = async (query: string, cursor?: string) =>
  expectBody(await api('GET', `/v1/agency/dossiers?agency=${AGENCY}&procedure=${PROCEDURE}${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: official }), 200, DossierPage, query);

const inQueueOrder = (ds: readonly DossierRecord[]) => [...ds].sort((a, b) => (queueSortKey(a) < queueSortKey(b) ? -1 : 1)).map((d) => d.id);

describe('a sharded agency\'s work queue (GET /v1/agency/dossiers)', () => {
  it('spreads the agency\'s dossiers over its list shards', () => {
    expect(listShardCount(AGENCY)).toBe(4);
  });

  it('lists every dossier exactly once across pages, in due order, while dossiers are added between pages', async () => {
    const initial: DossierRecord[] = [];
    for (let i = 0; i < 23; i++) initial.push(await put(i % 5 === 4 ? null : 10 * i));
    expect(new Set(initial.map((d) => listShardOf(d.id, AGENCY))).size).toBeGreaterThan(1);

    const seen: string[] = [];
    const added: DossierRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const out = await pageOf('&limit=4', cursor);
      seen.push(...out.items.map((x) => x.id));
      if (page === 1) {
        // Added between pages: one before everything seen (never shown on these pages), one at the
        // very end and one among what is still to come (both shown once, in place).
        added.push(await put(-100), await put(10_000), await put(10 * 15 + 5));
      }
      if (!out.nextCursor) break;
      cursor = out.nextCursor;
    }
    const [behind, last, middle] = added as [DossierRecord, DossierRecord, DossierRecord];
    expect(seen).toEqual(inQueueOrder([...initial, last, middle]));
    expect(seen).not.toContain(behind.id);
    // A fresh read from the start has them all, once.
    const all = await pageOf('&limit=100');
    expect(all.items.map((x) => x.id)).toEqual(inQueueOrder([...initial, ...added]));
    expect(all.nextCursor).toBeNull();
  }, 60_000);

  it('merges the shards of one status and of the overdue range the same way', async () => {
    const processing = [];
    for (let i = 0; i < 9; i++) processing.push(await put(-500 + 7 * i, 'processing'));
    const byStatus: string[] = [];
    let cursor: string | undefined;
    do {
      const out = await pageOf('&status=processing&limit=2', cursor);
      byStatus.push(...out.items.map((x) => x.id));
      cursor = out.nextCursor ?? undefined;
    } while (cursor);
    expect(byStatus).toEqual(inQueueOrder(processing));

    // Overdue: due before now; the earlier test's dossiers due in November 2026 are too, by now or
    // not, so compare with the due dates the API returns.
    const overdue = await pageOf('&overdue=true&limit=100');
    const now = Date.now();
    for (const d of processing) expect(overdue.items.map((x) => x.id)).toContain(d.id);
    for (const x of overdue.items) expect(Date.parse(x.dueDate!)).toBeLessThan(now);
    const dueOrder = overdue.items.map((x) => x.dueDate!);
    expect(dueOrder).toEqual([...dueOrder].sort());

    // The deadline job's read (every shard merged, a small page at a time) finds them too, each once, in due order.
    const due: string[] = [];
    const dueAt: string[] = [];
    let after: string | undefined;
    do {
      const page = await store.pageDueBy(AGENCY, new Date(BASE), { limit: 3, ...(after ? { after } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      due.push(...page.items.map((x) => x.id));
      dueAt.push(...page.items.map((x) => `${x.dueAt}#${x.id}`));
      after = page.next ?? undefined;
    } while (after);
    for (const d of processing) expect(due).toContain(d.id);
    expect(new Set(due).size).toBe(due.length);
    expect(dueAt).toEqual([...dueAt].sort());
  }, 60_000);

  it('lists as overdue what a dossier read calls late: not a paused clock or a result given in time (domain/late.ts L1–L2)', async () => {
    const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();
    // Due 100 hours before BASE, all of them: long past by now.
    const running = await put(-100, 'processing');
    const pausedBefore = await put(-100, 'supplement_requested', { pausedAt: at(-150) });
    const pausedAfter = await put(-100, 'supplement_requested', { pausedAt: at(-50) });
    const doneInTime = await put(-100, 'done', { finishedAt: at(-120) });
    const doneLate = await put(-100, 'done', { finishedAt: at(-20) });
    const overdue: { id: string; late: { late: boolean } }[] = [];
    let cursor: string | undefined;
    do {
      const out = await pageOf('&overdue=true&limit=3', cursor);
      overdue.push(...out.items);
      cursor = out.nextCursor ?? undefined;
    } while (cursor);
    const ids = overdue.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([running.id, pausedAfter.id, doneLate.id]));
    expect(ids).not.toContain(pausedBefore.id);
    expect(ids).not.toContain(doneInTime.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The filter and the flag every list item carries are one judgement.
    for (const x of overdue) expect(x.late.late).toBe(true);
    // The open queue still holds the two that are not late.
    const open = (await pageOf('&limit=100')).items.map((x) => x.id);
    expect(open).toEqual(expect.arrayContaining([pausedBefore.id, doneInTime.id]));
  }, 60_000);

  it('lists the summary from the index alone: what the list shows, nothing of the form or files', async () => {
    const d = await put(3);
    const out = await pageOf('&limit=100');
    const item = out.items.find((x) => x.id === d.id)!;
    expect(item).toMatchObject({ id: d.id, code: d.code, procedureCode: PROCEDURE, agencyCode: AGENCY, status: 'received', dueDate: d.dueAt, version: d.version });
    expect(item.late).toMatchObject({ late: expect.any(Boolean), apologyRequired: expect.any(Boolean) });
    const entries = await store.listQueue({ agencyCode: AGENCY, procedureCode: PROCEDURE, limit: 100 });
    const entry = entries.items.find((x) => x.id === d.id)!;
    expect(Object.keys(entry)).not.toContain('form');
    expect(Object.keys(entry)).not.toContain('attachments');
  }, 60_000);

  it('refuses a cursor of another query, or one altered, as 400 INVALID_CURSOR', async () => {
    await put(1);
    await put(2);
    const first = await pageOf('&limit=1');
    expect(first.nextCursor).toBeTruthy();
    expectError(await api('GET', `/v1/agency/dossiers?agency=${AGENCY}&procedure=${PROCEDURE}&status=received&cursor=${first.nextCursor}`, { token: official }), 400, 'INVALID_CURSOR');
    const altered = Buffer.from(JSON.stringify({ s: 'D#x', h: 'y' })).toString('base64url');
    expectError(await api('GET', `/v1/agency/dossiers?agency=${AGENCY}&procedure=${PROCEDURE}&cursor=${altered}`, { token: official }), 400, 'INVALID_CURSOR');
  }, 60_000);
});
