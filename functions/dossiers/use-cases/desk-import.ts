// A dossier of record from an agency system (docs/sync.md): received at the agency's desk or by
// post, built from the desk registration by replaying its steps through the transition table
// (history, version, due date as for officials' actions), and written with its history in one
// transaction that claims the code. No portal account owns it; the applicant tracks it publicly by
// code and ID number, officials find it in the work queue.
import { notYetReceived, type DossierRecord } from '../domain/dossier';
import { replayOfRecord, type ReplayStep } from '../domain/of-record';
import type { DossierContext } from './context';
import { snapshotOf } from './create-draft';

/** A dossier received at an agency's desk or by post, as its agency system reports it (sync). */
export interface OfRecordInput {
  /** The agency system's key id: the actor of every imported step. */
  keyId: string;
  code: string;
  agencyCode: string;
  procedureCode: string;
  channel: 'desk' | 'post';
  delivery: 'online' | 'desk' | 'post';
  postalAddress: Record<string, string> | null;
  applicant: { type: 'citizen' | 'business'; name: string; idNumber: string | null; enterpriseCode: string | null };
  contact: { phone?: string; email?: string } | null;
  form: Record<string, string | number>;
  /** The appointed date the agency gave; else computed at `receive` on the working calendar. */
  dueDate?: string;
  /** From the desk registration: `receive` first, then the agency's steps (sync's `importSteps`). */
  steps: readonly ReplayStep[];
}

export type OfRecordOutcome =
  | { outcome: 'created'; record: DossierRecord }
  /** The code is taken (by an online dossier or a concurrent import): nothing written. */
  | { outcome: 'exists' }
  /** The catalogue or the transition table refuses it: nothing written. */
  | { outcome: 'rejected'; why: string };

export const createOfRecord = async (ctx: DossierContext, input: OfRecordInput): Promise<OfRecordOutcome> => {
  const [procedure, agency] = await Promise.all([ctx.catalogue.getProcedure(input.procedureCode), ctx.catalogue.getAgency(input.agencyCode)]);
  if (!procedure) return { outcome: 'rejected', why: `no procedure ${input.procedureCode} in the catalogue` };
  if (!agency) return { outcome: 'rejected', why: `no agency ${input.agencyCode} in the catalogue` };
  if (!procedure.agencyKinds.includes(agency.level)) return { outcome: 'rejected', why: `a ${agency.level}-level agency does not handle procedure ${procedure.code}` };
  const receivedAt = input.steps[0]?.at;
  if (input.steps[0]?.action !== 'receive' || !receivedAt) return { outcome: 'rejected', why: 'a dossier of record starts with its receipt' };
  const registered: DossierRecord = {
    id: ctx.newId(),
    code: input.code,
    ...snapshotOf(procedure, agency),
    status: 'submitted',
    version: 0,
    channel: input.channel,
    delivery: input.delivery,
    postalAddress: input.postalAddress,
    contact: input.contact,
    applicant: {
      sub: '', type: input.applicant.type, name: input.applicant.name,
      idNumber: input.applicant.type === 'citizen' ? input.applicant.idNumber : null,
      enterpriseCode: input.applicant.type === 'business' ? input.applicant.enterpriseCode : null,
      vneidVerified: false,
    },
    form: input.form,
    attachments: [],
    // Registered at the desk when received: it existed from then on.
    createdAt: receivedAt,
    updatedAt: receivedAt,
    submittedAt: receivedAt,
    ...notYetReceived(),
  };
  const replay = replayOfRecord(registered, input.steps, { kind: 'agency_system', id: input.keyId }, await ctx.calendar(), input.dueDate);
  if (!replay.ok) return { outcome: 'rejected', why: `step ${replay.step} (${input.steps[replay.step]!.action}): ${replay.details.map((x) => x.message).join('; ')}` };
  const record = { ...replay.record, updatedAt: ctx.now().toISOString() };
  return (await ctx.store.createOfRecord(record, replay.events)) ? { outcome: 'created', record } : { outcome: 'exists' };
};
