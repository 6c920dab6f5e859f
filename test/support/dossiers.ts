// Dossier journeys through the real local gateway: drafts from a seeded procedure, real browser-
// style uploads to the S3 emulator with the presigned POST, submission, officials' actions.
import { randomUUID } from 'node:crypto';
import { HANOI_COMMUNE, PDF, postFile, PROCEDURE, sampleForm } from '../../scripts/walkthrough';
import { api, type ApiResponse } from './auth';

// The seeded procedure and commune, the smallest valid files, form values and the presigned
// upload: the same as the walkthroughs use (scripts/walkthrough.ts).
export { CITIZEN_ID, HANOI_COMMUNE, PDF, PNG, postFile, PROCEDURE, sampleForm } from '../../scripts/walkthrough';

type Field = Parameters<typeof sampleForm>[0][number];

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
