// The steps the walkthroughs share (`npm run demo:dossier`, `demo:payment`, `demo:feedback` and the
// agency-system example), over the typed client (client/): finding the portal, signing the demo
// users in, a draft with valid form values, browser-style uploads to the presigned POST, submission
// and officials' actions. A change to the contract that breaks them breaks the type check.
import { randomUUID } from 'node:crypto';
import { bearerToken, createPortalClient, unwrap, type PortalClient, type PortalConfig, type Schema } from '../client';
import { demoSignIn } from '../local/demo-sign-in';

/** Seeded: a commune-level procedure for citizens and businesses with one required document (TP01). */
export const PROCEDURE = '1.001266';
/** Seeded: UBND Phường Ba Đình (a commune of Hà Nội, in official.hanoi's scope, not official.hue's). */
export const HANOI_COMMUNE = '000.00.00004.H26';
/** Seeded: Đăng ký tạm trú, commune level, a 7,000 VND fee (revenue item 2767). */
export const FEE_PROCEDURE = '1.004194';
/** citizen.demo's ID number. */
export const CITIZEN_ID = '001099012345';

/** The smallest file each accepted type's magic bytes recognise. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

type Field = { name: string; type: string; required: boolean; pattern?: string; options?: { value: string }[] };

/** A value for each text pattern the seeded procedures use. */
const PATTERN_SAMPLES = ['0101234567', '0101234567-001', '001099012345', 'B1234567', '12', '30A-123.45', '08:30', '1, 2', '123456', '0912345678'];

/** Valid values for every required field of a form definition. */
export const sampleForm = (fields: readonly Field[]): Record<string, string | number> => {
  const patterned = (f: Field) => {
    const re = new RegExp(f.pattern!, 'u');
    const hit = PATTERN_SAMPLES.find((v) => re.test(v));
    if (!hit) throw new Error(`sampleForm: no sample value matches ${f.name}'s pattern ${f.pattern}`);
    return hit;
  };
  const byType: Record<string, (f: Field) => string | number> = {
    text: () => 'Nguyễn Văn An',
    number: () => 1,
    date: () => '1990-05-17',
    select: (f) => f.options?.[0]?.value ?? '',
    idNumber: () => CITIZEN_ID,
    phone: () => '0912345678',
    email: () => 'an.nguyen@example.vn',
    address: () => 'Số 12 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
  };
  return Object.fromEntries(fields.filter((f) => f.required).map((f) => {
    const value = byType[f.type]!(f);
    return [f.name, f.pattern && !new RegExp(f.pattern, 'u').test(String(value)) ? patterned(f) : value];
  }));
};

/** A browser-style multipart POST to the presigned URL: every field, then the file. */
export const postFile = async (ticket: { url: string; fields: Record<string, string> }, bytes: Buffer, contentType: string) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  // A copy on a plain ArrayBuffer: a Blob part under the DOM library's types too (test/web's project).
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }));
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`upload: ${res.status} ${await res.text()}`);
};

export interface Portal {
  baseUrl: string;
  /** Without credentials: public routes. */
  anonymous: PortalClient;
  config: PortalConfig;
  /** A client that sends the demo user's ID token (citizens and businesses signed in through VNeID). */
  as(username: string): Promise<PortalClient>;
}

/** The portal at `baseUrl`, or an error telling the reader to start it. */
export const portalAt = async (baseUrl: string): Promise<Portal> => {
  const anonymous = createPortalClient({ baseUrl });
  const probe = await anonymous.GET('/v1/config').catch(() => null);
  if (!probe?.data) throw new Error(`No portal answers at ${baseUrl}: start it first with npm start (or set PORTAL_URL).`);
  const config = probe.data;
  return {
    baseUrl, anonymous, config,
    as: async (username) => createPortalClient({ baseUrl, auth: bearerToken(await demoSignIn(baseUrl, config, username)) }),
  };
};

export type Dossier = Schema<'Dossier'>;

export const createDraft = async (applicant: PortalClient, opts: { key?: string; agencyCode?: string; procedureCode?: string } = {}) => {
  const procedureCode = opts.procedureCode ?? PROCEDURE;
  const procedure = unwrap(await applicant.GET('/v1/procedures/{code}', { params: { path: { code: procedureCode } } }), `procedure ${procedureCode}`);
  return unwrap(await applicant.POST('/v1/dossiers', {
    params: { header: { 'idempotency-key': opts.key ?? randomUUID() } },
    body: { procedureCode, agencyCode: opts.agencyCode ?? HANOI_COMMUNE, form: sampleForm(procedure.form.fields), delivery: 'online' },
  }), 'create draft', 201);
};

/** Requests an upload, posts the file to the presigned URL and has the portal verify it; returns the dossier. */
export const attach = async (applicant: PortalClient, dossierId: string, componentCode: string) => {
  const id = { path: { id: dossierId } };
  const ticket = unwrap(await applicant.POST('/v1/dossiers/{id}/attachments', {
    params: id, body: { componentCode, fileName: `${componentCode}.pdf`, contentType: 'application/pdf', size: PDF.length },
  }), 'request upload', 201);
  await postFile(ticket, PDF, 'application/pdf');
  return unwrap(await applicant.POST('/v1/dossiers/{id}/attachments/{attachmentId}/complete', {
    params: { path: { id: dossierId, attachmentId: ticket.attachmentId } },
  }), 'complete upload');
};

/** A draft with every required document uploaded and verified, submitted. */
export const submitted = async (applicant: PortalClient, opts: { agencyCode?: string; procedureCode?: string } = {}) => {
  const draft = await createDraft(applicant, opts);
  const procedure = unwrap(await applicant.GET('/v1/procedures/{code}', { params: { path: { code: draft.procedureCode } } }), 'procedure');
  for (const c of procedure.components.filter((x) => x.required)) await attach(applicant, draft.id, c.code);
  return unwrap(await applicant.POST('/v1/dossiers/{id}/submit', { params: { path: { id: draft.id } } }), 'submit');
};

/** An official's action without the version (taken from the dossier as it stands). */
export type Action = { action: Schema<'DossierActionRequest'>['action'] } & Record<string, unknown>;

/** Applies officials' actions in order, each at the version the previous one returned. */
export const act = async (official: PortalClient, dossier: Dossier, ...actions: Action[]) => {
  let d = dossier;
  for (const a of actions) {
    d = unwrap(await official.POST('/v1/dossiers/{id}/actions', { params: { path: { id: dossier.id } }, body: { ...a, version: d.version } }), `action ${a.action}`);
  }
  return d;
};
