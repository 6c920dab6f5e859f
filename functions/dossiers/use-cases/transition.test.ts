import { describe, expect, it } from 'vitest';
import { counterKey } from '../domain/dossier-code';
import { autoReturn, transition } from './transition';
import { draft, fakeContext, fakeStore, verifiedResult } from './fake-store.fixture';

const APPLICANT = { kind: 'applicant' as const, id: 'u-1' };
const OFFICIAL = { kind: 'official' as const, id: 'o-1' };
const NOW = new Date('2026-11-20T03:00:00.000Z');
const COUNTER = counterKey('000.00.00004.H26', NOW);

const setUp = (...dossiers: ReturnType<typeof draft>[]) => {
  const fake = fakeStore();
  for (const d of dossiers) fake.records.set(d.id, d);
  return { fake, ctx: fakeContext(fake.store, NOW) };
};

describe('transition: a submission draws the dossier code', () => {
  it('from the agency’s daily counter, and writes state, history entry and code claim together', async () => {
    const { fake, ctx } = setUp(draft());
    const after = await transition(ctx, draft(), APPLICANT, 'submit', {});
    expect(after.record).toMatchObject({ status: 'submitted', version: 2, code: '000.00.00004.H26-261120-0001' });
    expect(after.event).toMatchObject({ action: 'submit', from: 'draft', to: 'submitted', version: 2, code: '000.00.00004.H26-261120-0001' });
    expect(after.effects.assignsCode).toBe(true);
    expect([...fake.claimedCodes]).toEqual(['000.00.00004.H26-261120-0001']);
  });

  it('a number an agency system’s dossier of record holds is used: the next one is drawn, nothing given back', async () => {
    const { fake, ctx } = setUp(draft());
    fake.claimedCodes.add('000.00.00004.H26-261120-0001');
    fake.claimedCodes.add('000.00.00004.H26-261120-0002');
    const after = await transition(ctx, draft(), APPLICANT, 'submit', {});
    expect(after.record.code).toBe('000.00.00004.H26-261120-0003');
    expect(fake.released).toEqual([]);
  });

  it('gives up with 409 CODE_UNAVAILABLE after 20 held numbers', async () => {
    const { fake, ctx } = setUp(draft());
    for (let n = 1; n <= 20; n++) fake.claimedCodes.add(`000.00.00004.H26-261120-${String(n).padStart(4, '0')}`);
    await expect(transition(ctx, draft(), APPLICANT, 'submit', {})).rejects.toMatchObject({ kind: 'conflict', code: 'CODE_UNAVAILABLE' });
    expect(fake.sequences.get(COUNTER)).toBe(20);
  });

  it('a submission that lost to another write gives its number back — the number drawn, not one parsed from the code', async () => {
    const { fake, ctx } = setUp(draft());
    fake.sequences.set(COUNTER, 10_040); // past 9999 the code widens: …-10041
    fake.hooks.beforeTransition = () => 'version_conflict';
    await expect(transition(ctx, draft(), APPLICANT, 'submit', {})).rejects.toMatchObject({ kind: 'conflict', code: 'VERSION_CONFLICT' });
    expect(fake.released).toEqual([[COUNTER, 10_041]]);
  });
});

describe('transition: refusals of the table are domain errors of their kind', () => {
  const received = draft({ status: 'processing', code: 'X-261120-0001', version: 4 });

  it('missing fields → invalid VALIDATION_FAILED with body paths; another actor’s action → forbidden; wrong status → conflict', async () => {
    const { ctx } = setUp(received);
    await expect(transition(ctx, received, OFFICIAL, 'stop', {})).rejects.toMatchObject({
      kind: 'invalid', code: 'VALIDATION_FAILED', details: [{ path: 'body.reason', message: 'is required' }],
    });
    await expect(transition(ctx, received, APPLICANT, 'finish', {})).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(transition(ctx, received, OFFICIAL, 'receive', {})).rejects.toMatchObject({
      kind: 'conflict', code: 'INVALID_TRANSITION', details: [{ path: 'action', message: 'cannot receive a dossier in status processing' }],
    });
  });

  it('a version other than the one stored → 409 VERSION_CONFLICT before anything is written', async () => {
    const { fake, ctx } = setUp(received);
    await expect(transition(ctx, received, OFFICIAL, 'finish', {}, 3)).rejects.toMatchObject({ kind: 'conflict', code: 'VERSION_CONFLICT' });
    expect(fake.history.size).toBe(0);
  });
});

describe('autoReturn: decided by the table and the write’s outcome, never by catching', () => {
  const doneOnline = draft({ status: 'done', code: 'X-261120-0001', version: 6, attachments: [verifiedResult] });

  it('returns a finished online dossier whose result file is attached, as the system', async () => {
    const { fake, ctx } = setUp(doneOnline);
    const after = await autoReturn(ctx, doneOnline);
    expect(after).toMatchObject({ status: 'returned', version: 7, returnedAt: NOW.toISOString() });
    expect(fake.history.get('d-1')![0]).toMatchObject({ action: 'return_result', actor: { kind: 'system', id: 'auto-return' } });
  });

  it('leaves the dossier as it is when the table says no (delivery at the desk; no result file; not done)', async () => {
    for (const d of [{ ...doneOnline, delivery: 'desk' as const }, { ...doneOnline, attachments: [] }, { ...doneOnline, status: 'processing' as const }]) {
      const { fake, ctx } = setUp(d);
      expect(await autoReturn(ctx, d)).toBe(d);
      expect(fake.history.size).toBe(0);
    }
  });

  it('when another write got there first, answers with the dossier as stored now', async () => {
    const returnedElsewhere = { ...doneOnline, status: 'returned' as const, version: 7 };
    const { fake, ctx } = setUp(returnedElsewhere);
    expect(await autoReturn(ctx, doneOnline)).toEqual(returnedElsewhere);
    expect(fake.history.size).toBe(0);
  });
});
