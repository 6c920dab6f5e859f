// docs/requirements.md R-REL-AUTH-MATRIX: every route × every role, through the real local gateway
// (JWT authorizer, agency-system Lambda authorizer, handlers). Driven by the route declaration: a
// declared route without an entry in ./matrix.ts fails, so the matrix grows with every new route.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../shared/platform';
import type { RouteDecl } from '../../shared/platform';
import { api, decodePayload, signIn, signedApi, type ApiResponse } from '../support/auth';
import { pool } from '../support/pool';
import { act, attach, completeDraft, createDraft, CITIZEN_ID, HANOI_COMMUNE, PDF, postFile, PROCEDURE, procedure as dossierProcedure, sampleForm, submitted } from '../support/dossiers';
import { awaitingPayment, callbackFor, paidOrder, sandboxSecret } from '../support/payments';
import { signBody } from '../../functions/payments/providers/signing';
import { switchOffAgencySystems } from '../support/sync';
import { recomputeIndex } from '../support/evaluation';
import { MATRIX, ROLES, ROLE_LABEL, expectedOf, lastMonth, type MatrixContext, type Role } from './matrix';

const HANOI_SYSTEM = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const HUE_AGENCY = '000.00.00.H57';
const CONCURRENCY = 6;
/** Seeded by the local runtime (seed/catalogue): birth registration, and one sector. */
const SEEDED_PROCEDURE = '1.001193';
const SEEDED_SECTOR = 'BGD-GD15';
/** A seeded FAQ entry no other test writes. */
const SEEDED_FAQ = 'ma-ho-so';
/** What an admin PUTs back: the entry without its id and server-set time. */
const faqBody = ({ id: _id, updatedAt: _at, ...body }: Record<string, unknown>) => body;

const USERS = {
  citizen: 'citizen.demo',
  business: 'business.demo',
  official: 'official.hanoi',
  officialOther: 'official.hue',
  admin: 'admin.demo',
} as const satisfies Partial<Record<Role, string>>;

const runId = randomBytes(3).toString('hex');
let counter = 0;
const uniqueKeyId = (label: string) => `test-${label}-${runId}-${++counter}`;

const routes = platform.routes;
const cells = routes.length * ROLES.length;

const fillPath = (route: RouteDecl, params: Record<string, string> = {}) =>
  route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`matrix sample of ${route.id} gives no value for {${name}}`);
    return encodeURIComponent(value);
  });

const is2xx = (status: number) => status >= 200 && status < 300;

describe(`authorization matrix (R-REL-AUTH-MATRIX): ${routes.length} routes × ${ROLES.length} roles = ${cells} cells`, () => {
  const tokens = {} as Record<keyof typeof USERS, string>;
  let hueSystem: { keyId: string; secret: string };
  /** Client-credentials access tokens (every scope) of a Hà Nội system and of the Huế system. */
  const systemTokens = {} as Record<'agencySystemToken' | 'agencySystemTokenOther', string>;
  let ctx: MatrixContext;

  // The systems this file registered have endpoints that do not exist: switched off at the end so
  // other files' Hà Nội events are not retried into the DLQ for them (and their settles not held up).
  afterAll(async () => {
    await switchOffAgencySystems((keyId) => keyId.startsWith('test-') && keyId.includes(`-${runId}-`));
  });

  beforeAll(async () => {
    await Promise.all(Object.entries(USERS).map(async ([role, username]) => {
      tokens[role as keyof typeof USERS] = await signIn(username);
    }));
    // The applicants are VNeID-signed-in accounts (issue 21): no password, the VNeID mark.
    for (const role of ['citizen', 'business'] as const) {
      const claims = decodePayload(tokens[role]);
      if (claims['custom:vneid_verified'] !== 'true' || !String(claims['cognito:username']).startsWith('vneid-')) {
        throw new Error(`the matrix's ${role} is not a VNeID sign-in: ${JSON.stringify(claims)}`);
      }
    }
    const admin = tokens.admin;
    const must = (res: ApiResponse, what: string, status = 200) => {
      if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    // Seeded data to re-PUT unchanged: fixed entries no other test file writes (re-PUTting a copy
    // another test is changing could undo its change).
    const code = SEEDED_PROCEDURE;
    const sectorId = SEEDED_SECTOR;
    const [procedure, sector, faq] = await Promise.all([
      api('GET', `/v1/procedures/${encodeURIComponent(code)}`),
      api('GET', `/v1/catalogues/sectors/${encodeURIComponent(sectorId)}`),
      api('GET', `/v1/faq/${SEEDED_FAQ}`),
    ]);

    // The second system, of another agency (Huế), and two scratch systems for rotate/revoke.
    const register = (keyId: string, agencyCodes: string[]) =>
      api('POST', '/v1/admin/agency-systems', {
        token: admin,
        json: { keyId, name: `Hệ thống thử nghiệm ${keyId}`, agencyCodes, endpointUrl: 'https://motcua.example.vn/dvc/events' },
      }).then((res) => must(res, `register ${keyId}`, 201));
    const [hue, rotate, revoke] = await Promise.all([
      register(uniqueKeyId('hue-system'), [HUE_AGENCY]),
      register(uniqueKeyId('matrix-rotate'), ['000.00.00.H26']),
      register(uniqueKeyId('matrix-revoke'), ['000.00.00.H26']),
    ]);
    hueSystem = { keyId: hue.system.keyId, secret: hue.secret.secret };
    const hanoiByToken = await register(uniqueKeyId('hanoi-token'), ['000.00.00.H26']);
    const accessToken = async (client: { clientId: string; clientSecret: string; tokenUrl: string }) => {
      const res = await fetch(client.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      if (res.status !== 200) throw new Error(`token for ${client.clientId}: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    [systemTokens.agencySystemToken, systemTokens.agencySystemTokenOther] = await Promise.all([accessToken(hanoiByToken.oauthClient), accessToken(hue.oauthClient)]);

    // Dossiers of citizen.demo in the states the dossier routes need.
    const citizen = tokens.citizen;
    const official = tokens.official;
    const form = sampleForm((await dossierProcedure()).form.fields);
    const [draft, complete, sub, toWithdraw, toSupplementBase, processingBase] = await Promise.all([
      createDraft(citizen), completeDraft(citizen), submitted(citizen), submitted(citizen), submitted(citizen), submitted(citizen),
    ]);
    const pending = must(await api('POST', `/v1/dossiers/${draft.id}/attachments`, {
      token: citizen, json: { componentCode: 'TP01', fileName: 'cho-xac-minh.pdf', contentType: 'application/pdf', size: PDF.length },
    }), 'request upload', 201);
    const processing = await act(official, processingBase, { action: 'receive' }, { action: 'start' });
    const supplementRequested = await act(official, toSupplementBase, { action: 'receive' }, { action: 'start' },
      { action: 'request_supplement', missingComponents: ['TP01'], note: 'Bản chụp mờ, đề nghị nộp lại' });
    await attach(citizen, supplementRequested.id, 'TP01');
    const [awaiting, paid] = await Promise.all([awaitingPayment(citizen, official), paidOrder(citizen, official)]);
    // Two done dossiers: one rated by its applicant (the read), one not yet (the rating).
    const doneDossier = async () => act(official, await submitted(citizen), { action: 'receive' }, { action: 'start' }, { action: 'finish' });
    const [toRate, rated] = await Promise.all([doneDossier(), doneDossier()]);
    must(await api('POST', `/v1/dossiers/${rated.id}/rating`, { token: citizen, json: { overall: 'neutral' } }), 'rate', 201);
    const repeatPayment = () => {
      const json = { ...callbackFor(paid.order, { providerRef: paid.callback.providerRef }) };
      return { json, headers: signBody(sandboxSecret(), JSON.stringify(json), new Date()) };
    };

    // Feedback of citizen.demo to the Hà Nội commune: one published, and a fresh one per act cell.
    const sendFeedback = () => api('POST', '/v1/feedback', {
      token: citizen,
      json: { category: 'procedures', subject: 'Phản ánh cho ma trận phân quyền', content: 'Nội dung phản ánh để kiểm tra phân quyền.', agencyCode: HANOI_COMMUNE },
    }).then((res) => must(res, 'send feedback', 201));
    const feedbackPool = await Promise.all(Array.from({ length: ROLES.length }, sendFeedback));
    const toPublish = await sendFeedback();
    let fb = toPublish;
    for (const step of [{ action: 'accept' }, { action: 'answer', answer: 'Cơ quan đã tiếp nhận và trả lời.' }, { action: 'publish' }]) {
      fb = must(await api('POST', `/v1/feedback/${fb.id}/actions`, { token: official, json: { ...step, version: fb.version } }), `feedback ${step.action}`);
    }

    // Last month's index, stored by an admin's recompute (the reads serve stored results only).
    const { run: indexRun } = await recomputeIndex(admin, lastMonth());

    const fbOpen = await sendFeedback();
    const ticketFor = async () => {
      const t = must(await api('POST', `/v1/feedback/${fbOpen.id}/attachments`, {
        token: citizen, json: { fileName: 'bang-chung.pdf', contentType: 'application/pdf', size: PDF.length },
      }), 'feedback upload', 201);
      await postFile(t, PDF, 'application/pdf');
      return t.attachmentId as string;
    };
    const pendingAttachmentId = await ticketFor();
    const verifiedAttachmentId = await ticketFor();
    must(await api('POST', `/v1/feedback/${fbOpen.id}/attachments/${verifiedAttachmentId}/complete`, { token: citizen }), 'feedback verify');

    ctx = {
      feedback: {
        published: { id: fb.id },
        next: () => { const f = feedbackPool.pop()!; return { id: f.id, version: f.version }; },
        open: { id: fbOpen.id, pendingAttachmentId, verifiedAttachmentId },
      },
      dossiers: {
        create: { json: { procedureCode: PROCEDURE, agencyCode: HANOI_COMMUNE, form, delivery: 'online' } },
        draft: { id: draft.id, componentCode: 'TP01', pendingAttachmentId: pending.attachmentId },
        completeDraft: { id: complete.id },
        submitted: { id: sub.id, version: sub.version, attachmentId: sub.attachments[0]!.id, code: sub.code, applicantId: CITIZEN_ID },
        toWithdraw: { id: toWithdraw.id },
        toSupplement: { id: supplementRequested.id },
        processing: { id: processing.id },
      },
      payments: { awaiting: { id: awaiting.id }, paid: { orderId: paid.order.id, dossierId: paid.dossier.id }, callback: repeatPayment },
      ratings: { rated: { dossierId: rated.id }, ratable: { dossierId: toRate.id } },
      procedure: { code, body: must(procedure, `get procedure ${code}`) },
      catalogueEntry: { name: 'sectors', id: sectorId, body: must(sector, `get sector ${sectorId}`) },
      faqEntry: { id: SEEDED_FAQ, body: faqBody(must(faq, `get FAQ ${SEEDED_FAQ}`)) },
      indexRun: { runId: indexRun.runId },
      rotateTarget: { keyId: rotate.system.keyId },
      revokeTarget: { keyId: revoke.system.keyId, secretId: revoke.secret.id },
      uniqueKeyId,
    };
  });

  it('has an entry for every declared route', () => {
    const missing = routes.filter((r) => !MATRIX[r.id as keyof typeof MATRIX]).map((r) => `${r.id} (${r.method} ${r.path})`);
    expect(missing, `routes with no entry in test/auth/matrix.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it(`every route × every role: ${cells} cells, 0 leaks, every denial exact`, async () => {
    const call = (route: RouteDecl, role: Role) => async () => {
      const entry = MATRIX[route.id as keyof typeof MATRIX]!;
      const sample = entry.sample(ctx);
      const path = fillPath(route, sample.params) + (sample.query ? `?${sample.query}` : '');
      let res: ApiResponse;
      switch (role) {
        case 'anonymous':
          res = await api(route.method, path, { json: sample.json, headers: sample.headers });
          break;
        case 'agencySystem':
          res = await signedApi(route.method, path, { ...HANOI_SYSTEM, json: sample.json, headers: sample.headers });
          break;
        case 'agencySystemOther':
          res = await signedApi(route.method, path, { ...hueSystem, json: sample.json, headers: sample.headers });
          break;
        case 'agencySystemToken':
        case 'agencySystemTokenOther':
          res = await api(route.method, path, { token: systemTokens[role], json: sample.json, headers: sample.headers });
          break;
        default:
          res = await api(route.method, path, { token: tokens[role], json: sample.json, headers: sample.headers });
      }
      return { route, role, expected: expectedOf(entry, role), status: res.status, body: res.body as unknown };
    };

    const covered = routes.filter((r) => MATRIX[r.id as keyof typeof MATRIX]);
    const results = await pool(covered.flatMap((route) => ROLES.map((role) => call(route, role))), CONCURRENCY);

    const describeCell = (r: (typeof results)[number]) =>
      `${r.route.id} (${r.route.method} ${r.route.path}) as ${ROLE_LABEL[r.role]}: expected ${r.expected}, got ${r.status} ${JSON.stringify(r.body)?.slice(0, 200)}`;
    const leaks = results.filter((r) => r.expected !== 'ok' && is2xx(r.status));
    const mismatches = results.filter((r) => (r.expected === 'ok' ? !is2xx(r.status) : r.status !== r.expected));
    // A denial is either API Gateway's own answer or the portal's error envelope, never anything else.
    const badDenials = results.filter((r) => {
      if (is2xx(r.status)) return false;
      const b = r.body as { message?: unknown; error?: { code?: unknown } } | undefined;
      const gateway = (r.status === 401 && b?.message === 'Unauthorized') || (r.status === 403 && b?.message === 'Forbidden');
      return !gateway && typeof b?.error?.code !== 'string';
    });

    const width = Math.max(...covered.map((r) => r.id.length));
    const table = [
      `${''.padEnd(width)}  ${ROLES.map((r) => r.slice(0, 9).padStart(9)).join(' ')}`,
      ...covered.map((route) =>
        `${route.id.padEnd(width)}  ${ROLES.map((role) => String(results.find((x) => x.route === route && x.role === role)!.status).padStart(9)).join(' ')}`),
    ].join('\n');
    console.log(`authorization matrix: ${covered.length} routes × ${ROLES.length} roles = ${results.length} cells, ${leaks.length} leaks, ${mismatches.length} mismatches\n${table}`);

    expect(leaks.length, `leaks (denied role got 2xx):\n${leaks.map(describeCell).join('\n')}`).toBe(0);
    expect(mismatches.map(describeCell)).toEqual([]);
    expect(badDenials.map(describeCell)).toEqual([]);
    expect(results).toHaveLength(covered.length * ROLES.length);

    // The admin re-PUTs changed nothing.
    const [procedureAfter, sectorAfter, faqAfter] = await Promise.all([
      api('GET', `/v1/procedures/${encodeURIComponent(ctx.procedure.code)}`),
      api('GET', `/v1/catalogues/sectors/${encodeURIComponent(ctx.catalogueEntry.id)}`),
      api('GET', `/v1/faq/${ctx.faqEntry.id}`),
    ]);
    expect(procedureAfter.body).toEqual(ctx.procedure.body);
    expect(sectorAfter.body).toEqual(ctx.catalogueEntry.body);
    expect(faqBody(faqAfter.body)).toEqual(ctx.faqEntry.body);
  });
});
