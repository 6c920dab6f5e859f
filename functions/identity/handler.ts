// The identity API function: the admin registry of agency systems and the signed whoami route.
// (Users, groups and scopes live in Cognito and in shared/auth; agency scoping in shared/auth/scope.ts.)
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { unauthenticated, unprocessable } from '../../shared/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../shared/http/pagination';
import { identityRoutes as routes } from '../../shared/platform/api-routes/identity';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import { AgencySystemRegistry, summarize, type ListCursor } from './adapters/registry';
import { signedBodies } from './signed-body';

let registry: AgencySystemRegistry | undefined;
const registryOf = () => (registry ??= new AgencySystemRegistry());
let catalogue: CatalogueReader | undefined;
const catalogueOf = () => (catalogue ??= catalogueReader());

/** A system speaks for agencies of the catalogue: 422 UNKNOWN_AGENCY naming every code that is not one. */
export const checkAgencyCodes = async (codes: readonly string[], agencies: Pick<CatalogueReader, 'getAgency'>) => {
  const found = await Promise.all(codes.map((code) => agencies.getAgency(code)));
  const unknown = codes.flatMap((code, i) => (found[i] ? [] : [{ code, i }]));
  if (unknown.length) {
    throw unprocessable('UNKNOWN_AGENCY', `Not agencies of the catalogue: ${unknown.map((u) => u.code).join(', ')}`,
      unknown.map(({ code, i }) => ({ path: `body.agencyCodes.${i}`, message: `no agency ${code} in the agencies catalogue` })));
  }
};

const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' && v !== null && typeof (v as ListCursor).keyId === 'string' && (v as ListCursor).keyId.length <= 64;

export const handler = createApiHandler([
  implement(routes.listAgencySystems, async ({ query }) => {
    const page = await registryOf().list({ limit: query.limit, cursor: decodeCursor(query.cursor, isListCursor) });
    return ok({ items: page.items.map(summarize), nextCursor: page.next ? encodeCursor(page.next) : null });
  }),

  implement(routes.registerAgencySystem, async ({ body }) => {
    await checkAgencyCodes(body.agencyCodes, catalogueOf());
    const { record, issued } = await registryOf().register(body, { now: new Date() });
    return created({ system: summarize(record), secret: issued }, { location: `/v1/admin/agency-systems/${record.keyId}` });
  }),

  implement(routes.rotateAgencySecret, async ({ params }) => {
    const { record, issued, revokedIds } = await registryOf().rotate(params.keyId, { now: new Date() });
    return created({ system: summarize(record), secret: issued, revokedSecretIds: revokedIds });
  }),

  implement(routes.revokeAgencySecret, async ({ params }) => {
    const record = await registryOf().revoke(params.keyId, params.secretId, { now: new Date() });
    return ok(summarize(record));
  }),

  implement(routes.syncWhoAmI, async ({ principal }) => {
    if (principal.kind !== 'agency-system') throw unauthenticated('A signed agency-system request is required');
    return ok({ keyId: principal.keyId, agencyCodes: principal.agencyCodes });
  }),
]).use(signedBodies({ registry: registryOf }));
