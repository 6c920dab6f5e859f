// The QCVN 120 sharing services through the running portal (docs/sync.md "QCVN 120 sharing
// services"): the catalogue paged by `LayDanhSachTTHC` holds every seeded procedure once, in code
// order; `LayThuTuc` is the catalogue's own procedure in the standard's fields; `TraCuuHoSo` gives
// a desk dossier synced by the Hà Nội system as its record says, and a Huế system is told "not
// found" for it exactly as for a code that does not exist.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierStore } from '../../functions/dossiers/public';
import { qcvn120FromRecord, qcvn120Procedure } from '../../functions/sync/domain/qcvn120/share';
import { Qcvn120Refusal } from '../../shared/contracts/qcvn120';
import { Qcvn120LookupAnswer, Qcvn120ProcedureAnswer, Qcvn120ProcedureList } from '../../shared/contracts/qcvn120-share';
import { SyncAccepted } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody } from '../support/body';
import { fileNamespace, UNSCORED_YEAR } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();
// A dossier of record on its own agency, dated in October of the year no test computes an index for.
const YEAR = UNSCORED_YEAR;
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const CODE = `${AGENCY}-${String(YEAR).slice(2)}1010-70001`;
const share = (system: { keyId: string; secret: string }, json: unknown) => signedApi('POST', '/v1/qcvn120/share', { ...system, json });
const seededCodes = (JSON.parse(readFileSync(new URL('../../seed/catalogue/procedures.json', import.meta.url), 'utf8')) as { code: string }[]).map((p) => p.code);

describe('QCVN 120 sharing services through the running portal', () => {
  let hue: { keyId: string; secret: string };
  beforeAll(async () => {
    const admin = await signIn('admin.demo');
    const registered = await api('POST', '/v1/admin/agency-systems', {
      token: admin, json: { keyId: ns.key('hue-share').slice(0, 60), name: 'Hệ thống một cửa Huế (thử)', agencyCodes: ['000.00.00.H57'], endpointUrl: 'https://motcua.example.vn/dvc/events' },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    hue = { keyId: registered.body.system.keyId, secret: registered.body.secret.secret };
    const at = `${YEAR}-10-10T08:30:00+07:00`;
    const sent = expectBody(await signedApi('POST', '/v1/sync/dossiers', { ...HANOI, json: { items: [{
      eventId: ns.key('share-dossier'), code: CODE, procedureCode: '1.001266', channel: 'post', delivery: 'post',
      postalAddress: { recipient: 'Nguyễn Văn Thử', phone: '0912345678', address: '1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
      applicant: { type: 'citizen', name: 'Nguyễn Văn Thử', idNumber: '001099012345', contact: { phone: '0912345678' } },
      form: { TrichYeuHoSo: 'Khai sinh cho con' }, receivedAt: at, status: 4, at,
    }] } }), 202, SyncAccepted, 'sync dossier');
    expect(sent.rejected, JSON.stringify(sent.results)).toBe(0);
    const settled = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
    expect(settled.status).toBe(200);
  }, 120_000);

  it('LayDanhSachTTHC pages the whole catalogue: each seeded procedure once, in code order', async () => {
    const codes: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = expectBody(await share(HANOI, { service: 'LayDanhSachTTHC', limit: 40, ...(cursor ? { cursor } : {}) }), 200, Qcvn120ProcedureList, 'list page');
      expect(page.result.length).toBeLessThanOrEqual(40);
      codes.push(...page.result.map((p) => p.MATTHC));
      cursor = page.nextCursor;
    } while (cursor);
    expect(codes).toEqual([...new Set(codes)].sort());
    expect(codes).toEqual(expect.arrayContaining(seededCodes));
  });

  it('LayThuTuc is the catalogue\'s procedure in the standard\'s fields, with the catalogue\'s names', async () => {
    const answer = expectBody(await share(HANOI, { service: 'LayThuTuc', maTTHC: '1.001266' }), 200, Qcvn120ProcedureAnswer, 'LayThuTuc');
    const procedure = (await api('GET', '/v1/procedures/1.001266')).body;
    const entryName = async (name: string, id: string) => (await api('GET', `/v1/catalogues/${name}/${encodeURIComponent(id)}`)).body.name as string;
    const names = {
      sector: await entryName('sectors', procedure.sectorCode),
      resultTypes: new Map(await Promise.all((procedure.resultTypes as string[]).map(async (c) => [c, await entryName('result-types', c)] as [string, string]))),
      agencies: new Map(await Promise.all(((procedure.ministryCodes ?? []) as string[]).map(async (c) => [c, await entryName('agencies', c)] as [string, string]))),
    };
    expect(answer.result).toEqual(qcvn120Procedure(procedure, names));
    expect(answer.result.LINHVUCTHUCHIEN[0]!.TENLINHVUC).not.toBe('');
  });

  it('TraCuuHoSo gives the system\'s dossier as its record says; another province\'s system is told "not found"', async () => {
    const answer = expectBody(await share(HANOI, { service: 'TraCuuHoSo', MaHoSo: CODE }), 200, Qcvn120LookupAnswer, 'TraCuuHoSo');
    const record = await dossierStore().findByCode(CODE);
    expect(answer.result).toEqual(qcvn120FromRecord(record!));
    expect(answer.result).toMatchObject({ MaHoSo: CODE, KenhThucHien: '3', HinhThuc: '1', TrangThaiHoSo: '4', ChuHoSo: 'Nguyễn Văn Thử', NgayTiepNhan: `${YEAR}1010083000` });

    const hidden = expectBody(await share(hue, { service: 'TraCuuHoSo', MaHoSo: CODE }), 404, Qcvn120Refusal, 'hidden');
    const absent = expectBody(await share(hue, { service: 'TraCuuHoSo', MaHoSo: `${CODE}9` }), 404, Qcvn120Refusal, 'absent');
    expect(hidden.message.replace(CODE, '<code>')).toBe(absent.message.replace(`${CODE}9`, '<code>'));
    expect(JSON.stringify(hidden)).not.toContain('Nguyễn Văn Thử');
  });

  it('refuses what is not a request of the services with "99", never a 500', async () => {
    for (const body of [{ service: 'DongBoHoSoMC' }, { service: 'LayThuTuc' }, { service: 'LayDanhSachTTHC', cursor: 'eyJ4IjoxfQ' }]) {
      expect(expectBody(await share(HANOI, body), 400, Qcvn120Refusal, 'refusal').error_code).toBe('99');
    }
    expect(expectBody(await share(HANOI, { service: 'LayThuTuc', maTTHC: '9.999999' }), 404, Qcvn120Refusal, 'unknown').error.code).toBe('NOT_FOUND');
  });
});
