// Public tracking tells what the dossier's own read tells about lateness (docs/requirements.md R-LATE,
// R-DUE-PAUSE): GET /v1/dossiers/track's `late` and `appointmentAt` are those of GET
// /v1/dossiers/{id} (`late.late`, `late.appointmentAt`), computed by the one domain rule. The
// dossiers are dossiers of record an agency system reported with their steps' own (past) times, so
// their due dates have passed: paused, finished on time after a pause, withdrawn, stopped, late.
import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { createWorkingCalendar } from '../../shared/calendar';
import { DynamoDossierStore } from '../../functions/dossiers/adapters/dossier-store';
import { api, signIn, signedApi } from '../support/auth';
import { HANOI_COMMUNE, must } from '../support/dossiers';

const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const APPLICANT_ID = '001199000222';
const store = new DynamoDossierStore(dynamoClient, () => tableName('dossiers'));
let official: string;

beforeAll(async () => {
  official = await signIn('official.hanoi');
});

// Received Monday 2/11/2026 09:00 in Hà Nội; procedure 1.001266 takes 3 working days (no holiday).
const RECEIVED = '2026-11-02T09:00:00+07:00';
const calendar = createWorkingCalendar([]);
const DUE = calendar.dueDate(new Date(RECEIVED), { value: 3, unit: 'working_day' }).toISOString();
const ON_TIME_AFTER_PAUSE = calendar.extendByPause(DUE, '2026-11-03T09:00:00+07:00', '2026-11-10T09:00:00+07:00').toISOString();

const deskDossier = (current: Record<string, unknown>, history: Record<string, unknown>[] = []) => ({
  eventId: `evt-${randomUUID()}`,
  // A sequence far past anything the portal draws; the code carries the day of receipt.
  code: `${HANOI_COMMUNE}-261102-${randomInt(100_000, 999_999)}`,
  procedureCode: '1.001266',
  channel: 'desk',
  applicant: { type: 'citizen', name: 'Lê Văn C', idNumber: APPLICANT_ID },
  receivedAt: RECEIVED,
  history,
  ...current,
});
const started = { at: '2026-11-02T10:00:00+07:00', status: 4 };
const paused = { at: '2026-11-03T09:00:00+07:00', status: 5, missingComponents: ['TP01'], note: 'Bản chụp không rõ' };

const CASES = [
  {
    name: 'finished before the due date the pause moved, returned after it: not late',
    upsert: deskDossier({ status: 10, at: '2026-11-16T09:00:00+07:00' }, [
      paused, { at: '2026-11-10T09:00:00+07:00', status: 4 }, { at: '2026-11-11T09:00:00+07:00', status: 9 },
    ]),
    late: false, dueDate: ON_TIME_AFTER_PAUSE,
  },
  { name: 'done after the due date: late', upsert: deskDossier({ status: 9, at: '2026-11-11T09:00:00+07:00' }, [started]), late: true, dueDate: DUE },
  { name: 'withdrawn after the due date: never late', upsert: deskDossier({ status: 7, at: '2026-11-20T09:00:00+07:00', reason: 'Công dân rút hồ sơ' }, [started]), late: false, dueDate: DUE },
  { name: 'stopped after the due date: late', upsert: deskDossier({ status: 8, at: '2026-11-20T09:00:00+07:00', reason: 'Hồ sơ giả mạo' }, [started]), late: true, dueDate: DUE },
  { name: 'awaiting a supplement requested before the due date: the clock stopped, not late', upsert: deskDossier({ ...paused, status: 5 }, [started]), late: false, dueDate: DUE },
  { name: 'awaiting a supplement requested after the due date: late', upsert: deskDossier({ ...paused, status: 5, at: '2026-11-09T09:00:00+07:00' }, [started]), late: true, dueDate: DUE },
  { name: 'still processing past the due date: late', upsert: deskDossier({ status: 4, at: '2026-11-02T10:00:00+07:00' }), late: true, dueDate: DUE },
];

describe('GET /v1/dossiers/track: lateness as the dossier read computes it', () => {
  beforeAll(async () => {
    const res = await signedApi('POST', '/v1/sync/dossiers', { ...HANOI, json: { items: CASES.map((c) => c.upsert) } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: CASES.length, rejected: 0 });
    const settled = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
    expect(settled.status).toBe(200);
  });

  it.each(CASES)('$name', async ({ upsert, late, dueDate }) => {
    const record = await store.findByCode(upsert.code);
    expect(record, `dossier of record ${upsert.code}`).toBeDefined();
    const read = must(await api('GET', `/v1/dossiers/${record!.id}`, { token: official }), 200, 'dossier read');
    const tracked = must(await api('GET', `/v1/dossiers/track?code=${encodeURIComponent(upsert.code)}&applicantId=${APPLICANT_ID}`), 200, 'track');

    expect(tracked).toMatchObject({ late: read.late.late, appointmentAt: read.late.appointmentAt, dueDate: read.dueDate, status: read.status });
    expect([tracked.late, tracked.dueDate]).toEqual([late, dueDate]);
    // No apology slip: the return date in force is the due date.
    expect(tracked.appointmentAt).toBe(dueDate);
  });
});
