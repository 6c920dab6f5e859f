import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { act } from './act';
import { draft, fakeContext, fakeStore, verifiedResult } from './fake-store.fixture';

const OFFICIAL: Principal = {
  kind: 'user', sub: 'o-1', username: 'official', groups: ['official'], vneidVerified: false, agencyScope: ['000.00.00.H26'],
};

const setUp = (d: ReturnType<typeof draft>) => {
  const fake = fakeStore();
  fake.records.set(d.id, d);
  return { fake, ctx: fakeContext(fake.store) };
};

describe('act: what an action implies comes from its row of the table', () => {
  const processing = draft({ status: 'processing', code: 'X-261120-0001', version: 4 });

  it('an input naming components (a supplement request) may name only the dossier’s own: 400 before anything is written', async () => {
    const { fake, ctx } = setUp(processing);
    await expect(act(ctx, OFFICIAL, 'd-1', { action: 'request_supplement', version: 4, missingComponents: ['TP01', 'TP09'], note: 'Bổ sung' }))
      .rejects.toMatchObject({ kind: 'invalid', code: 'VALIDATION_FAILED', details: [{ path: 'body.missingComponents', message: 'not components of this procedure: TP09' }] });
    expect(fake.history.size).toBe(0);
    const ok = await act(ctx, OFFICIAL, 'd-1', { action: 'request_supplement', version: 4, missingComponents: ['TP01'], note: 'Bổ sung' });
    expect(ok).toMatchObject({ status: 'supplement_requested', supplementRequest: { missingComponents: ['TP01'] } });
  });

  it('finishing an online dossier whose result is attached returns it at once (the system’s step follows the official’s)', async () => {
    const { fake, ctx } = setUp({ ...processing, attachments: [verifiedResult] });
    const after = await act(ctx, OFFICIAL, 'd-1', { action: 'finish', version: 4 });
    expect(after.status).toBe('returned');
    expect(fake.history.get('d-1')!.map((e) => `${e.action}:${e.actor.kind}`)).toEqual(['finish:official', 'return_result:system']);
  });

  it('finishing without the result file stays done; other actions never return it', async () => {
    const { fake, ctx } = setUp(processing);
    expect((await act(ctx, OFFICIAL, 'd-1', { action: 'finish', version: 4 })).status).toBe('done');
    expect(fake.history.get('d-1')!.map((e) => e.action)).toEqual(['finish']);
  });

  it('a dossier of an agency out of scope does not exist for the official', async () => {
    const { ctx } = setUp({ ...processing, agencyCode: '000.00.00.H46', agencyParentCode: null });
    await expect(act(ctx, OFFICIAL, 'd-1', { action: 'finish', version: 4 })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
