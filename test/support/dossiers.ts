// Dossier journeys through the real local gateway: drafts from a seeded procedure, real browser-
// style uploads to the S3 emulator with the presigned POST, submission, officials' actions.
import { randomUUID } from 'node:crypto';
import { Procedure } from '../../shared/contracts/catalogue';
import { Dossier, UploadTicket, type DossierView } from '../../shared/contracts/dossiers';
import { HANOI_COMMUNE, PDF, postFile, PROCEDURE, sampleForm } from '../../scripts/walkthrough';
import { api, type ApiResponse } from './auth';
import { expectBody } from './body';

// The seeded procedure and commune, the smallest valid files, form values and the presigned
// upload: the same as the walkthroughs use (scripts/walkthrough.ts).
export { CITIZEN_ID, HANOI_COMMUNE, PDF, PNG, postFile, PROCEDURE, sampleForm } from '../../scripts/walkthrough';

export type ProcedureBody = Procedure;
const procedureCache = new Map<string, Promise<ProcedureBody>>();
export const procedure = (code: string = PROCEDURE): Promise<ProcedureBody> => {
  let hit = procedureCache.get(code);
  if (!hit) {
    hit = api('GET', `/v1/procedures/${code}`).then((r) => expectBody(r, 200, Procedure, `GET procedure ${code}`));
    procedureCache.set(code, hit);
  }
  return hit;
};

/** The body of a response with the expected status, untyped: prefer `expectBody` (test/support/body.ts) with the contract's schema. */
export const must = (res: ApiResponse, status: number, what: string) => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

export interface DraftOptions { key?: string; agencyCode?: string; procedureCode?: string }

export const createDraft = async (token: string, opts: DraftOptions = {}): Promise<DossierView> => {
  const p = await procedure(opts.procedureCode);
  const res = await api('POST', '/v1/dossiers', {
    token,
    headers: { 'idempotency-key': opts.key ?? randomUUID() },
    json: { procedureCode: opts.procedureCode ?? PROCEDURE, agencyCode: opts.agencyCode ?? HANOI_COMMUNE, form: sampleForm(p.form.fields), delivery: 'online' },
  });
  return expectBody(res, 201, Dossier, 'create draft');
};

/** Requests, uploads and completes one file; returns the dossier after completion. */
export const attach = async (
  token: string, dossierId: string, componentCode: string,
  file: { bytes?: Buffer; contentType?: string; declaredType?: string; size?: number } = {},
) => {
  const bytes = file.bytes ?? PDF;
  const declaredType = file.declaredType ?? 'application/pdf';
  const ticket = expectBody(await api('POST', `/v1/dossiers/${dossierId}/attachments`, {
    token, json: { componentCode, fileName: `${componentCode}.pdf`, contentType: declaredType, size: file.size ?? bytes.length },
  }), 201, UploadTicket, 'request upload');
  await postFile(ticket, bytes, file.contentType ?? declaredType);
  return expectBody(await api('POST', `/v1/dossiers/${dossierId}/attachments/${ticket.attachmentId}/complete`, { token }), 200, Dossier, 'complete upload');
};

/** A draft with every required document uploaded and verified. */
export const completeDraft = async (token: string, opts: Omit<DraftOptions, 'key'> = {}) => {
  const draft = await createDraft(token, opts);
  let d = draft;
  for (const c of (await procedure(opts.procedureCode)).components.filter((x) => x.required)) d = await attach(token, draft.id, c.code);
  return d;
};

/** A dossier once submitted: it has its code and its submission time, whatever happens to it next. */
export type SubmittedDossier = DossierView & { code: string; submittedAt: string };

/** The dossier, checked to carry its code and submission time. */
export const asSubmitted = (d: DossierView, what: string): SubmittedDossier => {
  if (d.code === null || d.submittedAt === null) throw new Error(`${what}: dossier ${d.id} has no code or submission time (${d.status})`);
  return d as SubmittedDossier;
};

export const submitted = async (token: string, opts: Omit<DraftOptions, 'key'> = {}): Promise<SubmittedDossier> => {
  const d = await completeDraft(token, opts);
  return asSubmitted(expectBody(await api('POST', `/v1/dossiers/${d.id}/submit`, { token }), 200, Dossier, 'submit'), 'submit');
};

/** Applies officials' actions in order, each at the version the previous one returned; the dossier after the last. */
export async function act(token: string, dossier: SubmittedDossier, ...actions: Record<string, unknown>[]): Promise<SubmittedDossier>;
export async function act(token: string, dossier: { id: string; version: number }, ...actions: Record<string, unknown>[]): Promise<DossierView>;
export async function act(token: string, dossier: { id: string; version: number; code?: string | null }, ...actions: Record<string, unknown>[]): Promise<DossierView> {
  if (actions.length === 0) throw new Error('act: no action to apply');
  let d: { id: string; version: number } = dossier;
  let after: DossierView | undefined;
  for (const a of actions) {
    after = expectBody(await api('POST', `/v1/dossiers/${d.id}/actions`, { token, json: { ...a, version: d.version } }), 200, Dossier, `action ${String(a.action)}`);
    d = after;
  }
  return typeof dossier.code === 'string' ? asSubmitted(after!, 'act') : after!;
}
