// Dossier journeys through the real local gateway: drafts from a seeded procedure, real browser-
// style uploads to the S3 emulator with the presigned POST, submission, officials' actions.
import { randomUUID } from 'node:crypto';
import { api, type ApiResponse } from './auth';

/** Seeded: a commune-level procedure for citizens and businesses with one required document (TP01). */
export const PROCEDURE = '1.001266';
/** Seeded: UBND Phường Ba Đình (a commune of Hà Nội, in official.hanoi's scope, not official.hue's). */
export const HANOI_COMMUNE = '000.00.00004.H26';
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

type ProcedureBody = { form: { fields: Field[] }; components: { code: string; required: boolean }[]; fees: { amount: number }[] };
const procedureCache = new Map<string, Promise<ProcedureBody>>();
export const procedure = (code: string = PROCEDURE): Promise<ProcedureBody> => {
  let hit = procedureCache.get(code);
  if (!hit) {
    hit = api('GET', `/v1/procedures/${code}`).then((r) => {
      if (r.status !== 200) throw new Error(`GET procedure ${code}: ${r.status}`);
      return r.body as ProcedureBody;
    });
    procedureCache.set(code, hit);
  }
  return hit;
};

export const must = (res: ApiResponse, status: number, what: string) => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

export interface DraftOptions { key?: string; agencyCode?: string; procedureCode?: string }

export const createDraft = async (token: string, opts: DraftOptions = {}) => {
  const p = await procedure(opts.procedureCode);
  const res = await api('POST', '/v1/dossiers', {
    token,
    headers: { 'idempotency-key': opts.key ?? randomUUID() },
    json: { procedureCode: opts.procedureCode ?? PROCEDURE, agencyCode: opts.agencyCode ?? HANOI_COMMUNE, form: sampleForm(p.form.fields), delivery: 'online' },
  });
  return must(res, 201, 'create draft');
};

/** A browser-style multipart POST to the presigned URL: every field, then the file. */
export const postFile = async (ticket: { url: string; fields: Record<string, string> }, bytes: Buffer, contentType: string) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }));
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`upload: ${res.status} ${await res.text()}`);
};

/** Requests, uploads and completes one file; returns the dossier after completion. */
export const attach = async (
  token: string, dossierId: string, componentCode: string,
  file: { bytes?: Buffer; contentType?: string; declaredType?: string; size?: number } = {},
) => {
  const bytes = file.bytes ?? PDF;
  const declaredType = file.declaredType ?? 'application/pdf';
  const ticket = must(await api('POST', `/v1/dossiers/${dossierId}/attachments`, {
    token, json: { componentCode, fileName: `${componentCode}.pdf`, contentType: declaredType, size: file.size ?? bytes.length },
  }), 201, 'request upload');
  await postFile(ticket, bytes, file.contentType ?? declaredType);
  return must(await api('POST', `/v1/dossiers/${dossierId}/attachments/${ticket.attachmentId}/complete`, { token }), 200, 'complete upload');
};

/** A draft with every required document uploaded and verified. */
export const completeDraft = async (token: string, opts: Omit<DraftOptions, 'key'> = {}) => {
  const draft = await createDraft(token, opts);
  let d = draft;
  for (const c of (await procedure(opts.procedureCode)).components.filter((x: { required: boolean }) => x.required)) d = await attach(token, draft.id, c.code);
  return d;
};

export const submitted = async (token: string, opts: Omit<DraftOptions, 'key'> = {}) => {
  const d = await completeDraft(token, opts);
  return must(await api('POST', `/v1/dossiers/${d.id}/submit`, { token }), 200, 'submit');
};

/** Applies officials' actions in order, each at the version the previous one returned. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const act = async (token: string, dossier: { id: string; version: number }, ...actions: Record<string, unknown>[]): Promise<any> => {
  let d: { id: string; version: number } = dossier;
  for (const a of actions) {
    d = must(await api('POST', `/v1/dossiers/${d.id}/actions`, { token, json: { ...a, version: d.version } }), 200, `action ${String(a.action)}`);
  }
  return d;
};
