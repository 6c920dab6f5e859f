// The QCVN 120 sharing services' use case with stand-ins for the catalogue's and dossiers' public
// modules: each service answered in the standard's packet; a dossier outside the system's agencies
// is "not found" exactly like a code that does not exist; bad requests and cursors refused with "99".
import { describe, expect, it } from 'vitest';
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import { Qcvn120Refusal } from '../../../shared/contracts/qcvn120';
import { Qcvn120ShareAnswer } from '../../../shared/contracts/qcvn120-share';
import type { ProcedureListed } from '../../catalogue/public';
import { postedDossier, shareFixture, type ThuTucFixture } from '../domain/qcvn120/share.test-support';
import { shareQcvn120, type ShareDeps } from './share-qcvn120';

const thuTuc = shareFixture<ThuTucFixture>('lay-thu-tuc');
const list = shareFixture<{ request: Record<string, unknown>; procedures: ProcedureListed[]; answer: { result: unknown[] } }>('lay-danh-sach-tthc');
const lookup = shareFixture<{ request: Record<string, unknown>; answer: Record<string, unknown> }>('tra-cuu-ho-so');
const hanoi: AgencySystemPrincipal = { kind: 'agency-system', keyId: 'sys-hanoi', agencyCodes: ['000.00.00.H26'], scopes: ['catalogue.read'] };
const hue: AgencySystemPrincipal = { kind: 'agency-system', keyId: 'sys-hue', agencyCodes: ['000.00.00.H46'], scopes: ['catalogue.read'] };

const deps = (): ShareDeps & { pages: { after?: string; limit: number }[] } => {
  const pages: { after?: string; limit: number }[] = [];
  const all = [...list.procedures, { code: '2.000001', name: 'Thứ ba', level: 'central' as const, sectorCode: 'X' }];
  return {
    pages,
    listing: {
      async page(o) {
        pages.push(o);
        const from = o.after ? all.findIndex((p) => p.code === o.after) + 1 : 0;
        const items = all.slice(from, from + o.limit);
        return { items, last: from + o.limit < all.length ? items.at(-1)!.code : null };
      },
      entryName: async (catalogue, code) => (catalogue === 'sectors' ? { BTC_QLT: thuTuc.names.sector } : thuTuc.names.resultTypes)[code],
    },
    getProcedure: async (code) => (code === thuTuc.procedure.code ? thuTuc.procedure : undefined),
    getAgency: async (code) => (thuTuc.names.agencies[code] ? { code, name: thuTuc.names.agencies[code]!, level: 'central', parentCode: null } : undefined),
    findDossier: async (code) => (code === postedDossier().code ? postedDossier() : undefined),
  };
};

const answered = async (d: ShareDeps, system: AgencySystemPrincipal, body: unknown) => {
  const out = await shareQcvn120(d, system, body);
  if (!out.ok) throw new Error(out.refused.message);
  return Qcvn120ShareAnswer.parse(out.answer);
};

describe('shareQcvn120', () => {
  it('LayThuTuc: the fixture\'s answer, names from the catalogue', async () => {
    expect(await answered(deps(), hanoi, thuTuc.request)).toEqual(thuTuc.answer);
  });

  it('LayDanhSachTTHC: pages in code order, the cursor carries on, the last page has none', async () => {
    const d = deps();
    const first = await answered(d, hanoi, list.request);
    expect(first).toMatchObject(list.answer);
    const cursor = (first as { nextCursor: string | null }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await answered(d, hanoi, { service: 'LayDanhSachTTHC', cursor, limit: 2 });
    expect(second).toMatchObject({ result: [{ MATTHC: '2.000001', CAPTHUCHIEN: '1' }], nextCursor: null });
    expect(d.pages).toEqual([{ after: undefined, limit: 2 }, { after: '1.009999', limit: 2 }]);
    await answered(d, hanoi, { service: 'LayDanhSachTTHC' });
    expect(d.pages.at(-1)).toEqual({ after: undefined, limit: 200 });
  });

  it('TraCuuHoSo: a dossier of the system\'s agencies (its province covers the commune)', async () => {
    expect(await answered(deps(), hanoi, lookup.request)).toEqual(lookup.answer);
  });

  it('TraCuuHoSo: another province\'s dossier is not found, exactly like a code that does not exist', async () => {
    const other = await shareQcvn120(deps(), hue, lookup.request);
    const none = await shareQcvn120(deps(), hue, { service: 'TraCuuHoSo', MaHoSo: '000.00.00004.H26-261102-999999' });
    expect(other.ok || none.ok).toBe(false);
    if (other.ok || none.ok) return;
    expect(other.kind).toBe('not_found');
    expect(Qcvn120Refusal.parse(other.refused)).toMatchObject({ error_code: '99', error: { code: 'NOT_FOUND' } });
    expect(other.refused.message.replace(lookup.request.MaHoSo as string, '<code>')).toBe(none.refused.message.replace('000.00.00004.H26-261102-999999', '<code>'));
  });

  it.each([
    ['an unknown service', { service: 'LayDanhMucCoQuan' }, 'QCVN120_BAD_REQUEST', 'bad_request'],
    ['LayThuTuc without maTTHC', { service: 'LayThuTuc' }, 'QCVN120_BAD_REQUEST', 'bad_request'],
    ['a page too large', { service: 'LayDanhSachTTHC', limit: 501 }, 'QCVN120_BAD_REQUEST', 'bad_request'],
    ['a cursor it did not return', { service: 'LayDanhSachTTHC', cursor: 'bm90LWEtY3Vyc29y' }, 'INVALID_CURSOR', 'bad_request'],
    ['an unknown procedure', { service: 'LayThuTuc', maTTHC: '9.999999' }, 'NOT_FOUND', 'not_found'],
  ])('refuses %s with "99"', async (_, body, code, kind) => {
    const out = await shareQcvn120(deps(), hanoi, body);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.kind).toBe(kind);
      expect(Qcvn120Refusal.parse(out.refused).error.code).toBe(code);
    }
  });
});
