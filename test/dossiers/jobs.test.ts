// The daily deadline sweep against DynamoDB Local, run the way `npm run job -- deadlines` runs it
// (the declared schedule's input, invoked on its declared function), with a fixed clock.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../functions/dossiers/domain/time';
import { findJob, runJob } from '../../local/jobs';
import { tableName } from '../../shared/config';
import { platform } from '../../shared/platform';
import { signIn } from '../support/auth';
import { act, submitted } from '../support/dossiers';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const get = async (pk: string, sk: string) =>
  (await doc.send(new GetCommand({ TableName: tableName('dossiers'), Key: { pk, sk }, ConsistentRead: true }))).Item;

let citizen = '';
let official = '';
beforeAll(async () => {
  [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
});

describe('npm run job -- deadlines', () => {
  it('is declared as a daily schedule at 06:00 Vietnam time', () => {
    const schedule = findJob(platform, 'deadlines');
    expect(schedule).toMatchObject({ name: 'dossier-deadlines', fn: 'dossier-jobs', timezone: 'Asia/Ho_Chi_Minh', cron: '0 6 * * ? *' });
  });

  it('lists a dossier due within a working day, then flags it late once its due date has passed', async () => {
    const d = await act(official, await submitted(citizen), { action: 'receive' });
    const dueAt = Date.parse(d.dueDate!);
    const schedule = findJob(platform, 'deadlines')!;

    const before = new Date(dueAt - 2 * 3600_000);
    const soon = await runJob(platform, process.cwd(), schedule, { now: before.toISOString() }) as Record<string, number>;
    expect(soon.dueSoon).toBeGreaterThanOrEqual(1);
    const soonReport = await get('JOB#deadlines', localDateOf(before.getTime()));
    expect(soonReport!.dueSoonItems.map((e: { id: string }) => e.id)).toContain(d.id);
    expect(soonReport!.lateItems.map((e: { id: string }) => e.id)).not.toContain(d.id);
    expect((await get(`D#${d.id}`, 'META'))!.lateFlaggedAt).toBeUndefined();

    const after = new Date(dueAt + 26 * 3600_000);
    await runJob(platform, process.cwd(), schedule, { now: after.toISOString() });
    const lateReport = await get('JOB#deadlines', localDateOf(after.getTime()));
    expect(lateReport!.lateItems.map((e: { id: string }) => e.id)).toContain(d.id);
    expect(lateReport!.apologyOwedItems.map((e: { id: string }) => e.id)).toContain(d.id);
    const flagged = await get(`D#${d.id}`, 'META');
    expect(flagged!.lateFlaggedAt).toBe(after.toISOString());
    expect(flagged!.version).toBe(d.version); // a flag, not a state change
  }, 60_000);

  it('runs in a running portal through POST /local/jobs/<schedule> (what npm run job uses)', async () => {
    const post = (path: string, body: string) => fetch(`${process.env.DVC_BASE_URL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const ok = await post('/local/jobs/dossier-deadlines', JSON.stringify({ now: '2026-11-23T03:00:00.000Z' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ranAt: '2026-11-23T03:00:00.000Z', agencies: expect.any(Number), dueSoon: expect.any(Number), late: expect.any(Number) });
    expect((await post('/local/jobs/no-such-job', '{}')).status).toBe(404);
    expect((await post('/local/jobs/dossier-deadlines', 'not json')).status).toBe(400);
  }, 60_000);
});
