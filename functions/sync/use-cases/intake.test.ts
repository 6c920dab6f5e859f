// The two batch routes' use cases with stand-ins: every item gets a result at its index, problems
// at paths under `items.<index>`, the queued ones sent once, in order, FIFO per dossier code and
// deduplicated per system and event id; the answer tallies them.
import { describe, expect, it } from 'vitest';
import { dedupIdOf, inboundMessageIds } from '../domain/inbound-message';
import { COMMUNE, OTHER, procedure, setup, system } from './intake.test-support';
import { MAX_UPSERT_BYTES, receiveDossiers } from './receive-dossiers';
import { receiveStatuses } from './receive-statuses';

const status = (n: number, over: Record<string, unknown> = {}) => ({
  eventId: `event-000${n}`, code: `${COMMUNE}-261201-000${n}`, status: 4, at: '2026-12-01T03:00:00Z', ...over,
});

describe('receiveStatuses', () => {
  it('queues the valid items in one send and rejects the others at their own index and paths', async () => {
    const { deps, sent } = setup();
    const out = await receiveStatuses(deps, system, [
      status(1),
      status(2, { status: 11 }),
      status(3, { code: `${OTHER}-261201-0003` }),
      status(4, { at: '2026-12-02T04:00:00Z' }),
      42,
      status(5),
    ]);
    expect(out).toMatchObject({ accepted: 2, rejected: 4 });
    expect(out.results.map((r) => [r.index, r.eventId, r.status])).toEqual([
      [0, 'event-0001', 'queued'], [1, 'event-0002', 'rejected'], [2, 'event-0003', 'rejected'], [3, 'event-0004', 'rejected'], [4, null, 'rejected'], [5, 'event-0005', 'queued'],
    ]);
    expect(out.results[1]!.errors!.map((e) => e.path)).toEqual(['items.1.status']);
    expect(out.results[2]!.errors).toEqual([{ path: 'items.2.code', message: 'the dossier is not of an agency this system speaks for' }]);
    expect(out.results[3]!.errors).toEqual([expect.objectContaining({ path: 'items.3.at', code: 'AT_IN_FUTURE' })]);
    // A whole item of the wrong shape: the path is the item's own.
    expect(out.results[4]!.errors!.map((e) => e.path)).toEqual(['items.4']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((m) => (m.kind === 'status' ? m.event.eventId : null))).toEqual(['event-0001', 'event-0005']);
    expect(inboundMessageIds(sent[0]![0]!)).toEqual({ groupId: `${COMMUNE}-261201-0001`, dedupId: dedupIdOf('sys-a', 'event-0001') });
  });

  it('a system that speaks for the province covers its communes', async () => {
    const { deps } = setup();
    const out = await receiveStatuses(deps, { ...system, agencyCodes: ['000.00.00.H26'] }, [status(1)]);
    expect(out.accepted).toBe(1);
  });
});

describe('receiveDossiers', () => {
  const upsert = (over: Record<string, unknown> = {}) => ({
    eventId: 'evt-desk-1', code: `${COMMUNE}-261201-0042`, procedureCode: procedure.code, channel: 'desk',
    applicant: { type: 'citizen', name: 'Trần Thị B', idNumber: '001199000111' },
    receivedAt: '2026-12-01T09:00:00+07:00', status: 4, at: '2026-12-01T10:00:00+07:00', ...over,
  });

  it('queues a compliant upsert as kind dossier, FIFO per code', async () => {
    const { deps, sent } = setup();
    const out = await receiveDossiers(deps, system, [upsert()]);
    expect(out).toMatchObject({ accepted: 1, rejected: 0, results: [{ index: 0, eventId: 'evt-desk-1', status: 'queued' }] });
    expect(sent[0]).toEqual([expect.objectContaining({ kind: 'dossier', keyId: 'sys-a' })]);
    expect(inboundMessageIds(sent[0]![0]!)).toEqual({ groupId: `${COMMUNE}-261201-0042`, dedupId: dedupIdOf('sys-a', 'evt-desk-1') });
  });

  it('lists every problem of an item at once, and refuses an oversized one as a whole', async () => {
    const { deps, sent } = setup();
    const out = await receiveDossiers(deps, system, [
      upsert({ channel: 'post', delivery: 'desk', applicant: { type: 'business', name: 'Công ty A', enterpriseCode: '0101234567' }, at: '2026-12-03T10:00:00+07:00' }),
      upsert({ procedureCode: '9.999999' }),
      upsert({ form: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, 'x'.repeat(3000)])) }),
      upsert({ code: `${OTHER}-261201-0001` }),
    ]);
    expect(out).toMatchObject({ accepted: 0, rejected: 4 });
    expect(out.results[0]!.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['items.0.at', 'items.0.applicant.type', 'items.0.channel']));
    expect(out.results[1]!.errors).toEqual([{ path: 'items.1.procedureCode', message: 'not in the catalogue' }]);
    expect(out.results[2]!.errors).toEqual([{ path: 'items.2', message: `at most ${MAX_UPSERT_BYTES / 1024} KiB per dossier` }]);
    expect(out.results[3]!.errors!.map((e) => e.path)).toEqual(['items.3.code']);
    expect(sent).toEqual([[]]);
  });
});
