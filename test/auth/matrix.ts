// The authorization matrix of docs/requirements.md R-REL-AUTH-MATRIX: for every declared route, a
// sample request valid enough to pass validation (so the status shows authorization, not
// validation) and the outcome expected for every role. Written by hand, never derived from the
// route's `auth` rule: the test compares what the running portal does with what this table says it
// must do.
//
// A new route in shared/platform/routes.ts fails matrix.test.ts until it gets an entry here.
import { qcvn120FromIso } from '../../functions/sync/domain/qcvn120/time';
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
  'agencySystemToken',
  'agencySystemTokenOther',
] as const;
export type Role = (typeof ROLES)[number];
/**
 * The same systems with a client-credentials token instead of the HMAC signature (every scope): the
 * same principal, so the same answer as their signing twin unless an entry says otherwise.
 */
export const TOKEN_TWIN = { agencySystemToken: 'agencySystem', agencySystemTokenOther: 'agencySystemOther' } as const;
export type TokenRole = keyof typeof TOKEN_TWIN;
/** The roles every entry writes out by hand. */
export type HandRole = Exclude<Role, TokenRole>;

export const ROLE_LABEL: Record<Role, string> = {
  anonymous: 'anonymous',
  citizen: 'citizen (citizen.demo, signed in through VNeID)',
  business: 'business (business.demo, signed in through VNeID)',
  official: 'official of the right agency (official.hanoi)',
  officialOther: 'official of another agency (official.hue)',
  admin: 'admin (admin.demo)',
  agencySystem: 'agency system (demo-hanoi-system)',
  agencySystemOther: 'agency system of another agency (Huế)',
  agencySystemToken: 'agency system of Hà Nội, client-credentials token',
  agencySystemTokenOther: 'agency system of Huế, client-credentials token',
};

/** 'ok' = any 2xx; a number = exactly that status. */
export type Expected = 'ok' | 400 | 401 | 403 | 404;

/** What the test prepared before the matrix runs (seeded data fetched, scratch systems registered). */
export interface MatrixContext {
  /** A seeded procedure as GET returns it: re-PUT unchanged. */
  procedure: { code: string; body: Record<string, unknown> };
  /** An admin's recompute of last month, done: its run to read, and last month's index stored for the public reads. */
  indexRun: { runId: string };
  /** A seeded FAQ entry as GET returns it (id, updatedAt aside): re-PUT unchanged. */
  faqEntry: { id: string; body: Record<string, unknown> };
  /** A seeded shared-catalogue entry as GET returns it: re-PUT unchanged. */
  catalogueEntry: { name: string; id: string; body: Record<string, unknown> };
  /** Agency systems registered for this run only, so admin calls never touch the demo system. */
  rotateTarget: { keyId: string };
  revokeTarget: { keyId: string; secretId: string };
  /** A fresh key id per call (registering twice would be a 409). */
  uniqueKeyId: (label: string) => string;
  /** Dossiers of citizen.demo at a Hà Nội commune, prepared in the state each route needs. */
  dossiers: {
    /** A valid create request. */
    create: { json: Record<string, unknown> };
    /** A draft with a pending upload, and a draft with every required file verified. */
    draft: { id: string; componentCode: string; pendingAttachmentId: string };
    completeDraft: { id: string };
    /** Submitted, with a verified file (download), its code and the applicant's ID (tracking). */
    submitted: { id: string; version: number; attachmentId: string; code: string; applicantId: string };
    /** Submitted, for the withdrawal. */
    toWithdraw: { id: string };
    /** supplement_requested with the requested file already uploaded in this round. */
    toSupplement: { id: string };
    /** processing, for the result upload. */
    processing: { id: string };
  };
  /** Payments of citizen.demo on fee-bearing dossiers of a Hà Nội commune. */
  payments: {
    /** payment_required, no order yet. */
    awaiting: { id: string };
    /** A paid order (receipt numbered) and its dossier. */
    paid: { orderId: string; dossierId: string };
    /** A freshly signed sandbox callback repeating the paid order's payment (answered 200 "ignored"). */
    callback: () => { json: Record<string, unknown>; headers: Record<string, string> };
  };
  /** Feedback of citizen.demo to a Hà Nội commune: one published; fresh submitted items, one per call. */
  feedback: {
    published: { id: string };
    next: () => { id: string; version: number };
    /** Submitted, with one uploaded-but-unverified file (`pendingAttachmentId`) and one verified. */
    open: { id: string; pendingAttachmentId: string; verifiedAttachmentId: string };
  };
  /** Done dossiers of citizen.demo at a Hà Nội commune, for the rating routes. */
  ratings: {
    /** Already rated (for the read). */
    rated: { dossierId: string };
    /** Not rated yet: only citizen.demo's one call may rate it. */
    ratable: { dossierId: string };
  };
}

export interface SampleRequest {
  /** Values for the `{name}` segments of the route's path template. */
  params?: Record<string, string>;
  /** Raw query string without `?`. */
  query?: string;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixEntry {
  /** Called once per (route, role) cell, so each call may be fresh (e.g. a new key id). */
  sample: (ctx: MatrixContext) => SampleRequest;
  expect: Record<HandRole, Expected> & Partial<Record<TokenRole, Expected>>;
}

/** What a cell expects: the entry's own word, or for a token role its signing twin's. */
export const expectedOf = (entry: MatrixEntry, role: Role): Expected =>
  role in TOKEN_TWIN ? (entry.expect[role as TokenRole] ?? entry.expect[TOKEN_TWIN[role as TokenRole]]) : entry.expect[role as HandRole];

/** Anyone, signed in or not, user or machine. */
/** The month before this one in Asia/Ho_Chi_Minh: a period that has ended. */
export const lastMonth = () => {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const m = local.getUTCFullYear() * 12 + local.getUTCMonth() - 1;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

const EVERYONE_OK: Record<HandRole, Expected> = {
  anonymous: 'ok', citizen: 'ok', business: 'ok', official: 'ok', officialOther: 'ok', admin: 'ok',
  agencySystem: 'ok', agencySystemOther: 'ok',
};

/**
 * Group `admin` only. No token → the gateway's 401; a user of another group → 403 envelope; an
 * agency system sends no bearer token → the gateway's 401.
 */
const ADMIN_ONLY: Record<HandRole, Expected> = {
  anonymous: 401, citizen: 403, business: 403, official: 403, officialOther: 403, admin: 'ok',
  agencySystem: 401, agencySystemOther: 401,
};

/** An applicant's own dossier: other applicants and officials out of scope are told it does not exist. */
const APPLICANT_OWN: Record<HandRole, Expected> = {
  anonymous: 401, citizen: 'ok', business: 404, official: 403, officialOther: 403, admin: 403,
  agencySystem: 401, agencySystemOther: 401,
};
/** An official's action on a dossier of an agency: in scope ok, out of scope 404, other groups 403. */
const OFFICIAL_IN_SCOPE: Record<HandRole, Expected> = {
  anonymous: 401, citizen: 403, business: 403, official: 'ok', officialOther: 404, admin: 403,
  agencySystem: 401, agencySystemOther: 401,
};
/** Reading a dossier: the owner, officials in scope and admins. */
const DOSSIER_READ: Record<HandRole, Expected> = {
  anonymous: 401, citizen: 'ok', business: 404, official: 'ok', officialOther: 404, admin: 'ok',
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

  // --- identity: the VNeID sign-in (public). Starting is anyone's; completing needs the state of a
  // sign-in the portal started: a made-up one is refused to every caller alike (the end-to-end
  // flow is test/identity/vneid-sign-in.test.ts).
  startVneidSignIn: { sample: () => ({ json: {} }), expect: EVERYONE_OK },
  completeVneidSignIn: {
    sample: () => ({ json: { code: 'not-a-code', state: 'a-state-the-portal-never-issued' } }),
    expect: {
      anonymous: 400, citizen: 400, business: 400, official: 400, officialOther: 400, admin: 400,
      agencySystem: 400, agencySystemOther: 400,
    },
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

  // --- dossiers
  createDossier: {
    sample: (c) => ({ json: c.dossiers.create.json, headers: { 'idempotency-key': `matrix-${Math.random().toString(36).slice(2)}` } }),
    // Both applicant groups may apply for this procedure (citizens and businesses).
    expect: { ...APPLICANT_OWN, business: 'ok' },
  },
  getDossier: { sample: (c) => ({ params: { id: c.dossiers.submitted.id } }), expect: DOSSIER_READ },
  requestAttachmentUpload: {
    sample: (c) => ({
      params: { id: c.dossiers.draft.id },
      json: { componentCode: c.dossiers.draft.componentCode, fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 2048 },
    }),
    expect: APPLICANT_OWN,
  },
  completeAttachmentUpload: {
    sample: (c) => ({ params: { id: c.dossiers.draft.id, attachmentId: c.dossiers.draft.pendingAttachmentId } }),
    // The applicant's own file: an official (even in scope) completes only result files.
    expect: { ...APPLICANT_OWN, official: 404, officialOther: 404 },
  },
  downloadAttachment: {
    sample: (c) => ({ params: { id: c.dossiers.submitted.id, attachmentId: c.dossiers.submitted.attachmentId } }),
    expect: DOSSIER_READ,
  },
  listDossierSlips: { sample: (c) => ({ params: { id: c.dossiers.submitted.id } }), expect: DOSSIER_READ },
  getDossierSlip: {
    // An online dossier has the portal's submission acknowledgement from its submission on.
    sample: (c) => ({ params: { id: c.dossiers.submitted.id, kind: 'submission_ack' } }),
    expect: DOSSIER_READ,
  },
  submitDossier: { sample: (c) => ({ params: { id: c.dossiers.completeDraft.id } }), expect: APPLICANT_OWN },
  supplementDossier: {
    sample: (c) => ({ params: { id: c.dossiers.toSupplement.id }, json: { note: 'Đã bổ sung giấy tờ' } }),
    expect: APPLICANT_OWN,
  },
  withdrawDossier: {
    sample: (c) => ({ params: { id: c.dossiers.toWithdraw.id }, json: { reason: 'Nộp nhầm thủ tục' } }),
    expect: APPLICANT_OWN,
  },
  listMyDossiers: {
    sample: () => ({ query: 'limit=5' }),
    expect: { ...APPLICANT_OWN, business: 'ok' },
  },
  getPrefill: {
    sample: (c) => ({ query: `procedureCode=${encodeURIComponent(String(c.dossiers.create.json.procedureCode))}` }),
    // The caller's own record: both applicant groups read theirs.
    expect: { ...APPLICANT_OWN, business: 'ok' },
  },
  listRegisterReads: { sample: () => ({ query: 'account=matrix-probe&limit=5' }), expect: ADMIN_ONLY },
  agencyWorkQueue: {
    sample: () => ({ query: 'limit=5' }),
    // Each official reads the queue of their own first agency by default.
    expect: { ...OFFICIAL_IN_SCOPE, officialOther: 'ok' },
  },
  actOnDossier: {
    sample: (c) => ({ params: { id: c.dossiers.submitted.id }, json: { action: 'receive', version: c.dossiers.submitted.version } }),
    expect: OFFICIAL_IN_SCOPE,
  },
  requestResultUpload: {
    sample: (c) => ({
      params: { id: c.dossiers.processing.id },
      json: { fileName: 'ket-qua.pdf', contentType: 'application/pdf', size: 4096 },
    }),
    expect: OFFICIAL_IN_SCOPE,
  },
  trackDossier: {
    sample: (c) => ({ query: `code=${encodeURIComponent(c.dossiers.submitted.code)}&applicantId=${c.dossiers.submitted.applicantId}` }),
    expect: EVERYONE_OK,
  },

  // --- payments
  createPayment: {
    sample: (c) => ({ params: { id: c.payments.awaiting.id }, headers: { 'idempotency-key': `matrix-${Math.random().toString(36).slice(2)}` } }),
    expect: APPLICANT_OWN,
  },
  listDossierPayments: { sample: (c) => ({ params: { id: c.payments.paid.dossierId } }), expect: DOSSIER_READ },
  getPayment: { sample: (c) => ({ params: { id: c.payments.paid.orderId } }), expect: DOSSIER_READ },
  getPaymentReceipt: { sample: (c) => ({ params: { id: c.payments.paid.orderId } }), expect: DOSSIER_READ },
  // Public: the provider's signature is the authentication, whoever else the caller is.
  paymentCallback: { sample: (c) => ({ params: { provider: 'sandbox' }, ...c.payments.callback() }), expect: EVERYONE_OK },

  // --- ratings
  // The applicant rates their own done dossier; another applicant is told it does not exist.
  rateDossier: { sample: (c) => ({ params: { id: c.ratings.ratable.dossierId }, json: { overall: 'satisfied' } }), expect: APPLICANT_OWN },
  getDossierRating: { sample: (c) => ({ params: { id: c.ratings.rated.dossierId } }), expect: DOSSIER_READ },

  // --- feedback
  submitFeedback: {
    sample: () => ({ json: { category: 'other', subject: 'Góp ý ma trận phân quyền', content: 'Nội dung góp ý để kiểm tra phân quyền.' } }),
    expect: { ...APPLICANT_OWN, business: 'ok' },
  },
  listPublishedFeedback: { sample: () => ({ query: 'limit=5' }), expect: EVERYONE_OK },
  getFeedback: { sample: (c) => ({ params: { id: c.feedback.published.id } }), expect: EVERYONE_OK },
  listMyFeedback: { sample: () => ({ query: 'limit=5' }), expect: { ...APPLICANT_OWN, business: 'ok' } },
  reactToFeedback: {
    sample: (c) => ({ params: { id: c.feedback.published.id }, json: { like: true } }),
    // Anyone signed in; machines have no person to react.
    expect: { anonymous: 401, citizen: 'ok', business: 'ok', official: 'ok', officialOther: 'ok', admin: 'ok', agencySystem: 401, agencySystemOther: 401 },
  },
  agencyFeedbackQueue: {
    sample: () => ({ query: 'limit=5' }),
    // Each official reads their own first agency by default; admins the unrouted (portal) queue.
    expect: { anonymous: 401, citizen: 403, business: 403, official: 'ok', officialOther: 'ok', admin: 'ok', agencySystem: 401, agencySystemOther: 401 },
  },
  getAgencyFeedback: {
    sample: (c) => ({ params: { id: c.feedback.open.id } }),
    // Officials of the agency it is with (Hà Nội's) and admins; another province's official: 404;
    // the sender has the group check's 403 (their view is /v1/me/feedback).
    expect: { anonymous: 401, citizen: 403, business: 403, official: 'ok', officialOther: 404, admin: 'ok', agencySystem: 401, agencySystemOther: 401 },
  },
  actOnFeedback: {
    sample: (c) => {
      const f = c.feedback.next();
      return { params: { id: f.id }, json: { action: 'accept', version: f.version } };
    },
    // The sender may not accept their own feedback (403); other people do not see it (404).
    expect: { anonymous: 401, citizen: 403, business: 404, official: 'ok', officialOther: 404, admin: 'ok', agencySystem: 401, agencySystemOther: 401 },
  },
  requestFeedbackUpload: {
    sample: (c) => ({ params: { id: c.feedback.open.id }, json: { fileName: 'bang-chung.pdf', contentType: 'application/pdf', size: 2048 } }),
    expect: APPLICANT_OWN,
  },
  completeFeedbackUpload: {
    sample: (c) => ({ params: { id: c.feedback.open.id, attachmentId: c.feedback.open.pendingAttachmentId } }),
    expect: APPLICANT_OWN,
  },
  downloadFeedbackAttachment: {
    sample: (c) => ({ params: { id: c.feedback.open.id, attachmentId: c.feedback.open.verifiedAttachmentId } }),
    expect: DOSSIER_READ,
  },

  // --- sync (agency systems)
  syncHealth: { sample: () => ({}), expect: ADMIN_ONLY },
  listSyncDeadLetters: { sample: () => ({ query: 'limit=1' }), expect: ADMIN_ONLY },
  // An id no DLQ holds: nothing is replayed, whoever may ask.
  replaySyncDeadLetters: { sample: () => ({ json: { messageIds: ['matrix-no-such-message'] } }), expect: ADMIN_ONLY },
  syncStatuses: {
    sample: (c) => ({ json: { items: [{ eventId: `matrix-${Math.random().toString(36).slice(2)}`, code: c.dossiers.submitted.code, status: 1, at: new Date().toISOString() }] } }),
    // Users send no x-dvc-* headers: the gateway's 401. Any system may send a batch; items of
    // dossiers outside its agencies are refused item by item (still 202).
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 'ok' },
  },
  syncDossiers: {
    // An upsert of an existing (online) code: queued for the scope's system, a conflict once applied;
    // refused item by item for the other agency's system (still 202).
    sample: (c) => ({ json: { items: [{ eventId: `matrix-${Math.random().toString(36).slice(2)}`, code: c.dossiers.submitted.code, procedureCode: '1.001266', channel: 'desk', applicant: { type: 'citizen', name: 'Nguyễn Văn A', idNumber: c.dossiers.submitted.applicantId }, receivedAt: new Date().toISOString(), status: 2, at: new Date().toISOString() }] } }),
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 'ok' },
  },
  qcvn120Sync: {
    // A progress step of a dossier of the scope's agency: queued for its system, refused item by item
    // (still 202) for the other agency's system; users send no x-dvc-* headers (the gateway's 401).
    sample: (c) => ({ json: { service: 'CapNhatTienDoHoSoMC', data: [{ MaHoSo: c.dossiers.submitted.code, ThoiDiemXuLy: qcvn120FromIso(new Date().toISOString()), TrangThai: '1', NoiDungXuLy: `matrix-${Math.random().toString(36).slice(2)}` }] } }),
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 'ok' },
  },
  qcvn120Share: {
    // A lookup of a Hà Nội dossier: found for the scope's system, "not found" (404, as a code that does
    // not exist) for the other agency's system; users send no x-dvc-* headers (the gateway's 401).
    sample: (c) => ({ json: { service: 'TraCuuHoSo', MaHoSo: c.dossiers.submitted.code } }),
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 404 },
  },
  // Each system reads its own outbox only (the key id it signed with; test/sync/outbound.test.ts).
  syncOutbox: {
    sample: () => ({ query: 'limit=5' }),
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 'ok' },
  },
  // Each system reads its own health (the key id it signed with; test/sync/own-health.test.ts).
  syncOwnHealth: {
    sample: () => ({}),
    expect: { anonymous: 401, citizen: 401, business: 401, official: 401, officialOther: 401, admin: 401, agencySystem: 'ok', agencySystemOther: 'ok' },
  },

  // --- service index and statistics (public reads; the recompute is the admins')
  listIndices: { sample: () => ({ query: `period=${lastMonth()}&level=province` }), expect: EVERYONE_OK },
  getAgencyIndex: { sample: () => ({ params: { agencyCode: '000.00.00.H26' }, query: `period=${lastMonth()}` }), expect: EVERYONE_OK },
  getStatistics: { sample: () => ({ query: `period=${lastMonth()}&agency=000.00.00.H26` }), expect: EVERYONE_OK },
  recomputeIndex: { sample: () => ({ query: `period=${lastMonth()}` }), expect: ADMIN_ONLY },
  getIndexRun: { sample: (c) => ({ params: { runId: c.indexRun.runId } }), expect: ADMIN_ONLY },

  // --- support: the FAQ (public reads, admin writes)
  searchFaq: { sample: () => ({ query: 'q=dang%20ky%20khai%20sinh&limit=5' }), expect: EVERYONE_OK },
  getFaq: { sample: (c) => ({ params: { id: c.faqEntry.id } }), expect: EVERYONE_OK },
  putFaq: { sample: (c) => ({ params: { id: c.faqEntry.id }, json: c.faqEntry.body }), expect: ADMIN_ONLY },
};
