// POST /v1/qcvn120/share (docs/sync.md "QCVN 120 sharing services"): the standard's sharing
// services for a one-stop system signed as an agency system. `LayDanhSachTTHC` pages the procedure
// catalogue, `LayThuTuc` gives one procedure, both from the catalogue's public module;
// `TraCuuHoSo` gives one dossier by its code from the dossiers' public module, and only a dossier
// of the system's agencies (shared/auth/scope.ts, as for its writes): any other is "not found",
// exactly like a code that does not exist, so a lookup never tells that another agency's dossier exists.
import { agencyInScope } from '../../../shared/auth/scope';
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import type { Procedure } from '../../../shared/contracts/catalogue';
import { QCVN120_CODES } from '../../../shared/contracts/qcvn120';
import { QCVN120_LIST_MAX, Qcvn120ShareRequest, type Qcvn120ShareAnswer } from '../../../shared/contracts/qcvn120-share';
import { isErrorKind } from '../../../shared/errors/domain-error';
import { decodeKeyCursor, encodeKeyCursor } from '../../../shared/http/query-cursors';
import type { AgencyInfo, ProcedureListing } from '../../catalogue/public';
import type { DossierRecord } from '../../dossiers/public-shapes';
import { qcvn120FromRecord, qcvn120Listed, qcvn120Procedure } from '../domain/qcvn120/share';
import type { Qcvn120Refused } from './receive-qcvn120';

export interface ShareDeps {
  listing: ProcedureListing;
  getProcedure(code: string): Promise<Procedure | undefined>;
  getAgency(code: string): Promise<AgencyInfo | undefined>;
  findDossier(code: string): Promise<DossierRecord | undefined>;
}

export type ShareOutcome =
  | { ok: true; answer: Qcvn120ShareAnswer }
  | { ok: false; kind: 'bad_request' | 'not_found'; refused: Qcvn120Refused };

/** The default page of `LayDanhSachTTHC`. */
export const QCVN120_LIST_DEFAULT = 200;
const CURSOR_SCOPE = 'qcvn120-procedures';

const refusal = (kind: 'bad_request' | 'not_found', code: string, message: string, details: { path: string; message: string }[] = []): ShareOutcome =>
  ({ ok: false, kind, refused: { error_code: QCVN120_CODES.refused, message, error: { code, message, details } } });

const found = (message: string) => ({ error_code: QCVN120_CODES.ok, message });

const procedureOf = async (deps: ShareDeps, code: string): Promise<ShareOutcome> => {
  const p = await deps.getProcedure(code);
  if (!p) return refusal('not_found', 'NOT_FOUND', `No procedure ${code} in the catalogue`);
  const named = async (codes: string[], name: (c: string) => Promise<string | undefined>) =>
    new Map((await Promise.all(codes.map(async (c) => [c, await name(c)] as const))).filter((e): e is [string, string] => e[1] !== undefined));
  const [sector, resultTypes, agencies] = await Promise.all([
    deps.listing.entryName('sectors', p.sectorCode),
    named(p.resultTypes, (c) => deps.listing.entryName('result-types', c)),
    named(p.ministryCodes ?? [], async (c) => (await deps.getAgency(c))?.name),
  ]);
  return { ok: true, answer: { ...found('found'), result: qcvn120Procedure(p, { sector, resultTypes, agencies }) } };
};

const procedureList = async (deps: ShareDeps, cursor: string | undefined, limit: number): Promise<ShareOutcome> => {
  let after: string | undefined;
  try {
    after = decodeKeyCursor(cursor, CURSOR_SCOPE);
  } catch (e) {
    if (isErrorKind(e, 'invalid')) return refusal('bad_request', 'INVALID_CURSOR', 'The cursor is not one this service returned', [{ path: 'cursor', message: 'not a cursor of LayDanhSachTTHC' }]);
    throw e;
  }
  const page = await deps.listing.page({ after, limit });
  const result = page.items.map(qcvn120Listed);
  return { ok: true, answer: { ...found(`${result.length} procedures`), result, nextCursor: page.last ? encodeKeyCursor(page.last, CURSOR_SCOPE) : null } };
};

const lookup = async (deps: ShareDeps, system: AgencySystemPrincipal, code: string): Promise<ShareOutcome> => {
  const d = await deps.findDossier(code);
  if (!d || !agencyInScope(system, { code: d.agencyCode, parentCode: d.agencyParentCode })) {
    return refusal('not_found', 'NOT_FOUND', `No dossier ${code} of the system's agencies`);
  }
  return { ok: true, answer: { ...found('found'), result: qcvn120FromRecord(d) } };
};

export const shareQcvn120 = async (deps: ShareDeps, system: AgencySystemPrincipal, body: unknown): Promise<ShareOutcome> => {
  const request = Qcvn120ShareRequest.safeParse(body);
  if (!request.success) {
    const details = request.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return refusal('bad_request', 'QCVN120_BAD_REQUEST', `not a request of the sharing services: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
  const r = request.data;
  switch (r.service) {
    case 'LayDanhSachTTHC': return procedureList(deps, r.cursor, Math.min(r.limit ?? QCVN120_LIST_DEFAULT, QCVN120_LIST_MAX));
    case 'LayThuTuc': return procedureOf(deps, r.maTTHC);
    case 'TraCuuHoSo': return lookup(deps, system, r.MaHoSo);
  }
};
