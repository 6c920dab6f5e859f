// Dossiers of record an agency system reports with their steps' own past times (docs/sync.md), so
// their due dates have passed: the situations lateness is judged in (docs/requirements.md R-LATE,
// R-DUE-PAUSE). Each call gives new codes (at the walkthroughs' commune, or the caller's own from its
// namespace, test/support/namespace.ts); `importDeskDossiers` sends them signed and waits until the
// consumer has created them.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createWorkingCalendar } from '../../shared/calendar';
import { SyncAccepted } from '../../shared/contracts/sync';
import { signedApi } from './auth';
import { expectBody } from './body';
import { uniqueDossierCode } from './dossier-codes';
import { HANOI_COMMUNE } from './dossiers';

const HANOI_SYSTEM = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
export const DESK_APPLICANT_ID = '001199000222';

// Received Monday 2/11/2026 09:00 in Hà Nội; procedure 1.001266 takes 3 working days (no holiday).
const RECEIVED = '2026-11-02T09:00:00+07:00';
const calendar = createWorkingCalendar([]);
/** The due instant fixed on receipt: Thursday 5/11 17:00. */
export const DESK_DUE = calendar.dueDate(new Date(RECEIVED), { value: 3, unit: 'working_day' }).toISOString();
/** The due instant after a supplement pause from 3/11 to 10/11 09:00: Thursday 12/11 17:00. */
export const DESK_DUE_AFTER_PAUSE = calendar.extendByPause(DESK_DUE, '2026-11-03T09:00:00+07:00', '2026-11-10T09:00:00+07:00').toISOString();

const deskDossierAt = (agencyCode: string, current: Record<string, unknown>, history: Record<string, unknown>[] = []) => ({
  eventId: `evt-${randomUUID()}`,
  // The code carries the day of receipt; its sequence is far past anything the portal draws.
  code: uniqueDossierCode(agencyCode, '261102'),
  procedureCode: '1.001266',
  channel: 'desk',
  applicant: { type: 'citizen', name: 'Lê Văn C', idNumber: DESK_APPLICANT_ID },
  receivedAt: RECEIVED,
  history,
  ...current,
});
export type DeskDossier = ReturnType<typeof deskDossierAt>;

const started = { at: '2026-11-02T10:00:00+07:00', status: 4 };
const paused = { at: '2026-11-03T09:00:00+07:00', status: 5, missingComponents: ['TP01'], note: 'Bản chụp không rõ' };

/** One dossier per situation at a Hà Nội commune, with whether it is late and its due date. */
export const lateDeskDossiers = (agencyCode: string = HANOI_COMMUNE) => {
  const deskDossier = (current: Record<string, unknown>, history: Record<string, unknown>[] = []) => deskDossierAt(agencyCode, current, history);
  return {
    returnedOnTimeAfterPause: {
      what: 'finished before the due date the pause moved, returned after it: not late',
      upsert: deskDossier({ status: 10, at: '2026-11-16T09:00:00+07:00' }, [
        paused, { at: '2026-11-10T09:00:00+07:00', status: 4 }, { at: '2026-11-11T09:00:00+07:00', status: 9 },
      ]),
      late: false, dueDate: DESK_DUE_AFTER_PAUSE,
    },
    doneLate: { what: 'done after the due date: late', upsert: deskDossier({ status: 9, at: '2026-11-11T09:00:00+07:00' }, [started]), late: true, dueDate: DESK_DUE },
    withdrawnAfterDue: {
      what: 'withdrawn after the due date: never late',
      upsert: deskDossier({ status: 7, at: '2026-11-20T09:00:00+07:00', reason: 'Công dân rút hồ sơ' }, [started]), late: false, dueDate: DESK_DUE,
    },
    stoppedLate: {
      what: 'stopped after the due date: late',
      upsert: deskDossier({ status: 8, at: '2026-11-20T09:00:00+07:00', reason: 'Hồ sơ giả mạo' }, [started]), late: true, dueDate: DESK_DUE,
    },
    pausedBeforeDue: {
      what: 'awaiting a supplement requested before the due date: the clock stopped, not late',
      upsert: deskDossier({ ...paused, status: 5 }, [started]), late: false, dueDate: DESK_DUE,
    },
    pausedAfterDue: {
      what: 'awaiting a supplement requested after the due date: late',
      upsert: deskDossier({ ...paused, status: 5, at: '2026-11-09T09:00:00+07:00' }, [started]), late: true, dueDate: DESK_DUE,
    },
    processingPastDue: { what: 'still processing past the due date: late', upsert: deskDossier({ status: 4, at: '2026-11-02T10:00:00+07:00' }), late: true, dueDate: DESK_DUE },
  };
};

/** Sends the upserts as the Hà Nội agency system and waits until the consumer created them. */
export const importDeskDossiers = async (upserts: readonly DeskDossier[]) => {
  const res = expectBody(await signedApi('POST', '/v1/sync/dossiers', { ...HANOI_SYSTEM, json: { items: upserts } }), 202, SyncAccepted, 'dossiers of record');
  expect(res).toMatchObject({ accepted: upserts.length, rejected: 0 });
  const settled = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
  expect(settled.status).toBe(200);
};
