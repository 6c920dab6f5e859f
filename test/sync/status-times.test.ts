// Status events take effect at their own time (`at`), not when the portal processed them — through
// the signed route, the FIFO queue, the consumer and the dossier transition function: the history
// step, the receipt and the due date follow the event. Times that cannot be right are refused: in
// the future (at the route), before the day the dossier's code carries (at the route), before the
// dossier existed or before its last step (in the consumer, for the system's error report); within
// the five-minute clock-skew allowance they are clamped, the reported time kept (docs/sync.md
// "Event times").
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoSyncStore } from '../../functions/sync/adapters/sync-store';
import { dossierStore, type DossierRecord } from '../../functions/dossiers/public';
import { Dossier } from '../../shared/contracts/dossiers';
import { SyncAccepted } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody } from '../support/body';
import { act, submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { uniqueDossierCode } from '../support/dossier-codes';

/** A Hà Nội commune of this file's own: the back-dated codes below are nobody else's. */
const AGENCY = fileNamespace(import.meta.url).agency();
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const syncStore = new DynamoSyncStore(dynamoClient, () => tableName('sync'));
const dossiers = dossierStore();
let citizen: string;
let official: string;

beforeAll(async () => {
  [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
});

const post = async (items: unknown[]) => expectBody(await signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items } }), 202, SyncAccepted, 'statuses');
const settle = async () => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
  expect(res.status).toBe(200);
};
const event = (code: string, status: number, at: string) => ({ eventId: `evt-${randomUUID()}`, code, status, at });
const read = async (id: string) => expectBody(await api('GET', `/v1/dossiers/${id}`, { token: citizen }), 200, Dossier, 'dossier');

/**
 * An online dossier submitted at `submittedAt` (days ago): a real submission copied under a new id
 * and a code of that day, its timestamps and submission step moved back — the portal cannot be
 * asked to submit in the past.
 */
const submittedOn = async (submittedAt: string): Promise<DossierRecord> => {
  const source = await submitted(citizen, { agencyCode: AGENCY });
  const [record, history] = await Promise.all([dossiers.get(source.id), dossiers.history(source.id)]);
  const day = new Date(Date.parse(submittedAt) + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
  const id = randomUUID();
  const code = uniqueDossierCode(AGENCY, day);
  const backdated: DossierRecord = { ...record!, id, code, createdAt: submittedAt, updatedAt: submittedAt, submittedAt };
  expect(history.map((h) => h.action)).toEqual(['submit']);
  expect(await dossiers.createOfRecord(backdated, history.map((h) => ({ ...h, dossierId: id, code, at: submittedAt })))).toBe(true);
  return backdated;
};

// Thursday 3 December 2026, 09:00 in Hà Nội; the procedure takes 3 working days.
const THURSDAY_9AM = '2026-12-03T02:00:00.000Z';

describe('a status event takes effect at its own time', () => {
  it('a receipt reported days later: history step, receivedAt and due date are those of the event', async () => {
    const d = await submittedOn(THURSDAY_9AM);
    const received = event(d.code!, 2, '2026-12-03T10:00:00+07:00');
    expect(await post([received])).toMatchObject({ accepted: 1 });
    await settle();
    expect(await syncStore.outcome(HANOI.keyId, received.eventId)).toBe('applied');
    const after = await read(d.id);
    expect(after.history.at(-1)).toMatchObject({ action: 'receive', at: '2026-12-03T03:00:00.000Z', actor: { kind: 'agency_system' } });
    expect(after.receivedAt).toBe('2026-12-03T03:00:00.000Z');
    // Counting starts Friday 4th (the receipt day is partial): due Tuesday 8th, 17:00. Processed on
    // the 6th or later, as the old consumer did, it would be Wednesday 9th at the earliest.
    expect(after.dueDate).toBe('2026-12-08T10:00:00.000Z');
    // The stored step also says when the portal learnt of it.
    const stored = (await dossiers.history(d.id)).at(-1)!;
    expect(Date.parse(stored.recordedAt!)).toBeGreaterThan(Date.parse(stored.at));
    expect(stored.reportedAt).toBeUndefined();
  });

  it('(a) a time more than 5 minutes ahead is refused at the route; one within the allowance is applied at the portal\'s now', async () => {
    const d = await submittedOn(THURSDAY_9AM);
    const tooEarly = event(d.code!, 2, new Date(Date.now() + 10 * 60_000).toISOString());
    const reported = new Date(Date.now() + 2 * 60_000).toISOString();
    const slightlyAhead = event(d.code!, 2, reported);
    const res = await post([tooEarly, slightlyAhead]);
    expect(res).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'items.0.at', code: 'AT_IN_FUTURE' }] });
    await settle();
    const history = await dossiers.history(d.id);
    const receipt = history.at(-1)!;
    expect(receipt).toMatchObject({ action: 'receive', reportedAt: reported });
    expect(Date.parse(receipt.at)).toBeLessThan(Date.parse(reported));
    expect(Date.parse(receipt.at)).toBeLessThanOrEqual(Date.now());
  });

  it('(b) before the dossier\'s last step: refused beyond the allowance (error report), clamped to that step within it', async () => {
    const d = await submittedOn(THURSDAY_9AM);
    // An official receives it in the portal now; the agency's system then reports older steps.
    const received = await act(official, { id: d.id, version: d.version }, { action: 'receive' });
    const receiptAt = (await dossiers.history(d.id)).at(-1)!.at;
    const outOfOrder = event(d.code!, 4, '2026-12-03T10:00:00+07:00');
    const reported = new Date(Date.parse(receiptAt) - 2 * 60_000).toISOString();
    const skewed = event(d.code!, 4, reported);
    expect(await post([outOfOrder])).toMatchObject({ accepted: 1 });
    await settle();
    expect(await syncStore.outcome(HANOI.keyId, outOfOrder.eventId)).toBe('refused');
    const report = (await syncStore.errors(HANOI.keyId, 100)).find((e) => e.eventId === outOfOrder.eventId);
    expect(report?.why).toMatch(/^AT_OUT_OF_ORDER: /);
    expect((await read(d.id)).status).toBe('received');

    expect(await post([skewed])).toMatchObject({ accepted: 1 });
    await settle();
    expect(await syncStore.outcome(HANOI.keyId, skewed.eventId)).toBe('applied');
    const start = (await dossiers.history(d.id)).at(-1)!;
    expect(start).toMatchObject({ action: 'start', at: receiptAt, reportedAt: reported });
    expect(received.version + 1).toBe((await read(d.id)).version);
  });

  it('(c) before the dossier existed: refused at the route before its code\'s day, in the consumer before its submission', async () => {
    const d = await submittedOn(THURSDAY_9AM);
    const dayBefore = event(d.code!, 2, '2026-12-02T16:00:00+07:00');
    const res = await post([dayBefore]);
    expect(res).toMatchObject({ accepted: 0, rejected: 1 });
    expect(res.results[0]?.errors).toEqual([{ path: 'items.0.at', code: 'AT_BEFORE_DOSSIER', message: expect.stringContaining('2026-12-03') }]);

    const earlyMorning = event(d.code!, 2, '2026-12-03T07:30:00+07:00'); // the code's day, before the 09:00 submission
    expect(await post([earlyMorning])).toMatchObject({ accepted: 1 });
    await settle();
    expect(await syncStore.outcome(HANOI.keyId, earlyMorning.eventId)).toBe('refused');
    const report = (await syncStore.errors(HANOI.keyId, 100)).find((e) => e.eventId === earlyMorning.eventId);
    expect(report?.why).toMatch(/^AT_BEFORE_DOSSIER: /);
    const after = await read(d.id);
    expect([after.status, after.receivedAt]).toEqual(['submitted', null]);
  });
});
