// The authorization matrix of SPEC §9: for every declared route, a sample request valid enough to
// pass validation (so the status shows authorization, not validation) and the outcome expected
// for every role. Written by hand, never derived from the route's `auth` rule: the test compares
// what the running portal does with what this table says it must do.
//
// A new route in shared/platform/routes.ts fails matrix.test.ts until it gets an entry here.
import type { RouteId } from '../../shared/platform/routes';

export const ROLES = [
  'anonymous',
  'citizen',
  'business',
  'official',
  'officialOther',
  'admin',
  'agencySystem',
  'agencySystemOther',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  anonymous: 'anonymous',
  citizen: 'citizen (citizen.demo)',
  business: 'business (business.demo)',
  official: 'official of the right agency (official.hanoi)',
  officialOther: 'official of another agency (official.hue)',
  admin: 'admin (admin.demo)',
  agencySystem: 'agency system (demo-hanoi-system)',
  agencySystemOther: 'agency system of another agency (Huế)',
};

/** 'ok' = any 2xx; a number = exactly that status. */
export type Expected = 'ok' | 401 | 403 | 404;

/** What the test prepared before the matrix runs (seeded data fetched, scratch systems registered). */
export interface MatrixContext {
  /** A seeded procedure as GET returns it: re-PUT unchanged. */
  procedure: { code: string; body: Record<string, unknown> };
  /** A seeded shared-catalogue entry as GET returns it: re-PUT unchanged. */
  catalogueEntry: { name: string; id: string; body: Record<string, unknown> };
  /** Agency systems registered for this run only, so admin calls never touch the demo system. */
  rotateTarget: { keyId: string };
  revokeTarget: { keyId: string; secretId: string };
  /** A fresh key id per call (registering twice would be a 409). */
  uniqueKeyId: (label: string) => string;
}

export interface SampleRequest {
  /** Values for the `{name}` segments of the route's path template. */
  params?: Record<string, string>;
  /** Raw query string without `?`. */
  query?: string;
  json?: unknown;
}

export interface MatrixEntry {
  /** Called once per (route, role) cell, so each call may be fresh (e.g. a new key id). */
  sample: (ctx: MatrixContext) => SampleRequest;
  expect: Record<Role, Expected>;
}

/** Anyone, signed in or not, user or machine. */
const EVERYONE_OK: Record<Role, Expected> = {
  anonymous: 'ok', citizen: 'ok', business: 'ok', official: 'ok', officialOther: 'ok', admin: 'ok',
  agencySystem: 'ok', agencySystemOther: 'ok',
};

/**
 * Group `admin` only. No token → the gateway's 401; a user of another group → 403 envelope; an
 * agency system sends no bearer token → the gateway's 401.
 */
const ADMIN_ONLY: Record<Role, Expected> = {
  anonymous: 401, citizen: 403, business: 403, official: 403, officialOther: 403, admin: 'ok',
  agencySystem: 401, agencySystemOther: 401,
};

export const MATRIX: Partial<Record<RouteId, MatrixEntry>> = {
  // --- meta (public)
  getConfig: { sample: () => ({}), expect: EVERYONE_OK },
  getOpenApi: { sample: () => ({}), expect: EVERYONE_OK },

  // --- catalogue (public reads, admin writes)
  searchProcedures: { sample: () => ({ query: 'q=dang%20ky%20khai%20sinh&limit=5' }), expect: EVERYONE_OK },
  getProcedure: { sample: (c) => ({ params: { code: c.procedure.code } }), expect: EVERYONE_OK },
  putProcedure: {
    sample: (c) => ({ params: { code: c.procedure.code }, json: c.procedure.body }),
    expect: ADMIN_ONLY,
  },
  listCatalogue: { sample: () => ({ params: { name: 'sectors' }, query: 'limit=5' }), expect: EVERYONE_OK },
  getCatalogueEntry: {
    sample: (c) => ({ params: { name: c.catalogueEntry.name, id: c.catalogueEntry.id } }),
    expect: EVERYONE_OK,
  },
  putCatalogueEntry: {
    sample: (c) => ({ params: { name: c.catalogueEntry.name, id: c.catalogueEntry.id }, json: c.catalogueEntry.body }),
    expect: ADMIN_ONLY,
  },

  // --- identity: the agency-system registry (admin)
  listAgencySystems: { sample: () => ({ query: 'limit=5' }), expect: ADMIN_ONLY },
  registerAgencySystem: {
    sample: (c) => ({
      json: {
        keyId: c.uniqueKeyId('matrix-reg'),
        name: 'Hệ thống một cửa điện tử (ma trận phân quyền)',
        agencyCodes: ['000.00.00.H26'],
        endpointUrl: 'https://motcua.example.vn/dvc/events',
      },
    }),
    expect: ADMIN_ONLY,
  },
  rotateAgencySecret: { sample: (c) => ({ params: { keyId: c.rotateTarget.keyId } }), expect: ADMIN_ONLY },
  revokeAgencySecret: {
    sample: (c) => ({ params: { keyId: c.revokeTarget.keyId, secretId: c.revokeTarget.secretId } }),
    expect: ADMIN_ONLY,
  },

  // --- identity: signed agency-system routes
  syncWhoAmI: {
    sample: () => ({}),
    // Users and anonymous callers send no x-dvc-* headers: the gateway's 401 (identity sources
    // missing). Any registered system may ask who it is, whatever its agencies.
    expect: {
      anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401,
      agencySystem: 'ok', agencySystemOther: 'ok',
    },
  },
};
