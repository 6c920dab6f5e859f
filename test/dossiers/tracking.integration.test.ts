// Public tracking tells what the dossier's own read tells about lateness (docs/requirements.md R-LATE,
// R-DUE-PAUSE): GET /v1/dossiers/track's `late` and `appointmentAt` are those of GET
// /v1/dossiers/{id} (`late.late`, `late.appointmentAt`), computed by the one domain rule. The
// dossiers are dossiers of record an agency system reported with their steps' own (past) times, so
// their due dates have passed: paused, finished on time after a pause, withdrawn, stopped, late.
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { Dossier, TrackedDossier } from '../../shared/contracts/dossiers';
import { api, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { DESK_APPLICANT_ID, importDeskDossiers, lateDeskDossiers } from '../support/desk-dossiers';
import { fileNamespace } from '../support/namespace';

const store = new DynamoDossierStore(dynamoClient, () => tableName('dossiers'));
/** At a Hà Nội commune of this file's own: the codes are nobody else's. */
const CASES = Object.values(lateDeskDossiers(fileNamespace(import.meta.url).agency()));
let official: string;

beforeAll(async () => {
  official = await signIn('official.hanoi');
  await importDeskDossiers(CASES.map((c) => c.upsert));
});

describe('GET /v1/dossiers/track: lateness as the dossier read computes it', () => {
  it.each(CASES)('$what', async ({ upsert, late, dueDate }) => {
    const record = await store.findByCode(upsert.code);
    expect(record, `dossier of record ${upsert.code}`).toBeDefined();
    const read = expectBody(await api('GET', `/v1/dossiers/${record!.id}`, { token: official }), 200, Dossier, 'dossier read');
    const tracked = expectBody(await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(upsert.code)}&applicantId=${DESK_APPLICANT_ID}`), 200, TrackedDossier, 'track');

    expect(tracked).toMatchObject({ late: read.late.late, appointmentAt: read.late.appointmentAt, dueDate: read.dueDate, status: read.status });
    expect([tracked.late, tracked.dueDate]).toEqual([late, dueDate]);
    // No apology slip: the return date in force is the due date.
    expect(tracked.appointmentAt).toBe(dueDate);
  });
});
