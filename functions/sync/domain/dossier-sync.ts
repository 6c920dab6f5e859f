// Dossiers of record from an agency system (`POST /v1/sync/dossiers`, docs/requirements.md
// R-SYNC-INBOUND; issue 6): a dossier received at the agency's one-stop desk or by post, with its
// past, becomes a portal dossier the same way officials' actions build one — the agency's steps are
// turned into transition-table actions (`syncPlan`) and replayed from the desk registration.
// Re-sending a dossier the portal already holds is an upsert: its current status is applied as a
// status event (the same stale/already/impossible rules). A code held by a different dossier
// (another channel, applicant or procedure — e.g. an online dossier) is a conflict for the system's
// error report, never merged. Pure: the caller reads the existing dossier and the event log.
import type { Level, Procedure } from '../../../shared/contracts/catalogue';
import { statusFromCode, type DossierStatus } from '../../../shared/contracts/dossier-status';
import type { DossierUpsertIn, ImportedStep } from '../../../shared/contracts/sync-dossiers';
import { futureRefusal, openedAtOf, upsertTimes } from './event-time';
import { decideStatusEvent, inputFor, syncPlan, type SyncDecision } from './status-sync';

/** One transition-table action to replay, at the agency's time. */
export interface ImportStep {
  action: string;
  input: Record<string, unknown>;
  at: string;
}

/** A problem of an item at its field path; `code` for the ones a system may act on by itself (a time refused). */
export interface ItemProblem { path: string; message: string; code?: string }

/** A transaction holds the record, the code claim and one history item per step (DynamoDB: ≤ 100). */
export const MAX_IMPORT_STEPS = 90;

/** Statuses a dossier of record cannot be in: it was received (R-DOSSIER-STATUS codes 2, 4–10). */
const NOT_OF_RECORD: readonly DossierStatus[] = ['draft', 'submitted', 'not_received'];

/**
 * The actions that build the dossier: `receive` at `receivedAt` (a desk dossier is registered and
 * received at once, so the replay starts from `submitted`), then each history step and the current
 * status by the agency-system actor's shortest paths, all at the step's time. Problems are
 * reported with the item's field paths (the route's per-item result).
 */
export const importSteps = (item: DossierUpsertIn): { ok: true; steps: ImportStep[] } | { ok: false; errors: ItemProblem[] } => {
  type Point = Omit<ImportedStep, 'status'> & { status: DossierStatus | null; path: string };
  const points: Point[] = [
    { at: item.receivedAt, status: 'received', path: 'receivedAt' },
    ...(item.history ?? []).map((h, i) => ({ ...h, status: statusFromCode(h.status), path: `history.${i}` })),
    { at: item.at, status: statusFromCode(item.status), note: item.note, reason: item.reason, missingComponents: item.missingComponents, path: '' },
  ];
  const errors: ItemProblem[] = [];
  const steps: ImportStep[] = [];
  let current: DossierStatus = 'submitted';
  let previousAt = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const statusPath = p.path === '' ? 'status' : p.path === 'receivedAt' ? 'receivedAt' : `${p.path}.status`;
    const atPath = p.path === '' ? 'at' : p.path === 'receivedAt' ? 'receivedAt' : `${p.path}.at`;
    if (p.status === null || (p.path !== 'receivedAt' && NOT_OF_RECORD.includes(p.status))) {
      errors.push({ path: statusPath, message: 'a dossier of record was received: expected a status code 2 or 4–10' });
      break;
    }
    const at = Date.parse(p.at);
    if (at < previousAt) {
      errors.push({ path: atPath, message: 'earlier than the step before it (history is oldest first, from receivedAt to at)' });
      break;
    }
    previousAt = at;
    if (p.status === current) {
      // The same status reported again (e.g. the receipt as the first history step): its note completes the step that reached it.
      const last = steps.at(-1);
      if (last && p.note && last.input.note === undefined) last.input = { ...last.input, note: p.note };
      continue;
    }
    const plan = syncPlan(current, p.status);
    if (!plan) {
      errors.push({ path: statusPath, message: `no transition leads from ${current} to ${p.status}` });
      break;
    }
    for (const action of plan) {
      const input = inputFor(action, { eventId: item.eventId, code: item.code, status: p.status, at: p.at, note: p.note, reason: p.reason, missingComponents: p.missingComponents });
      if (!input) {
        errors.push({ path: p.path === '' ? 'missingComponents' : `${p.path}.missingComponents`, message: `${p.status} needs missingComponents` });
        break;
      }
      steps.push({ action, input, at: new Date(at).toISOString() });
    }
    if (errors.length) break;
    current = p.status;
  }
  if (!errors.length && item.dueDate && Date.parse(item.dueDate) < Date.parse(item.receivedAt)) {
    errors.push({ path: 'dueDate', message: 'before receivedAt' });
  }
  if (!errors.length && steps.length > MAX_IMPORT_STEPS) {
    errors.push({ path: 'history', message: `at most ${MAX_IMPORT_STEPS} transitions per dossier (this history makes ${steps.length})` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, steps };
};

/**
 * Everything an upsert can be refused for on arrival, besides its shape and its agency: times in
 * the future; a procedure not in the catalogue, not handled at the agency's level, not for the
 * applicant's type or not received by the item's channel; a history the transition table cannot follow.
 */
export const upsertProblems = (
  item: DossierUpsertIn,
  agencyLevel: Level,
  procedure: Pick<Procedure, 'agencyKinds' | 'applicantTypes' | 'channels'> | undefined,
  now: Date,
): ItemProblem[] => {
  const problems: ItemProblem[] = upsertTimes(item).flatMap(([path, at]) => {
    const refused = futureRefusal(at, now);
    return refused ? [{ path, code: refused.code, message: refused.why }] : [];
  });
  if (!procedure) problems.push({ path: 'procedureCode', message: 'not in the catalogue' });
  else {
    if (!procedure.agencyKinds.includes(agencyLevel)) problems.push({ path: 'procedureCode', message: `a ${agencyLevel}-level agency does not handle this procedure` });
    if (!procedure.applicantTypes.includes(item.applicant.type)) problems.push({ path: 'applicant.type', message: `this procedure is not for ${item.applicant.type === 'citizen' ? 'citizens' : 'businesses'}` });
    if (!procedure.channels.includes(item.channel)) problems.push({ path: 'channel', message: `this procedure is not received by ${item.channel}` });
  }
  const steps = importSteps(item);
  if (!steps.ok) problems.push(...steps.errors);
  return problems;
};

/** What the upsert rule needs of a dossier the portal already holds under the code. */
export interface HeldDossier {
  channel: 'online' | 'desk' | 'post';
  procedureCode: string;
  status: DossierStatus;
  applicant: { type: 'citizen' | 'business'; idNumber: string | null; enterpriseCode: string | null };
  submittedAt: string | null;
  createdAt: string;
}

export type UpsertDecision =
  | { kind: 'create'; steps: ImportStep[] }
  | { kind: 'conflict'; why: string }
  | SyncDecision;

const applicantIdOf = (a: { type: 'citizen' | 'business'; idNumber?: string | null; enterpriseCode?: string | null }) =>
  a.type === 'citizen' ? a.idNumber ?? null : a.enterpriseCode ?? null;

/**
 * What an upsert does: create the dossier of record when the code is free; when the portal holds
 * the same dossier (channel, procedure and applicant agree) apply the current status as a status
 * event; otherwise a conflict. `held.lastAppliedAt` is the last applied sync event of the code,
 * `held.lastStepAt` the time of the dossier's last history step; `now` the portal's clock (a time in
 * the future refuses the upsert, as it does a status event).
 */
export const decideDossierUpsert = (
  held: { dossier: HeldDossier; lastAppliedAt: string | null; lastStepAt: string | null } | undefined,
  item: DossierUpsertIn,
  now: Date,
): UpsertDecision => {
  if (!held) {
    const future = upsertTimes(item).map(([, at]) => futureRefusal(at, now)).find((refusal) => refusal !== null);
    if (future) return { kind: 'refused', ...future };
    const built = importSteps(item);
    return built.ok ? { kind: 'create', steps: built.steps } : { kind: 'impossible', why: built.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
  }
  const d = held.dossier;
  if (d.channel === 'online') return { kind: 'conflict', why: `the code belongs to a dossier submitted online, not received by ${item.channel}` };
  if (d.channel !== item.channel) return { kind: 'conflict', why: `the code belongs to a dossier received by ${d.channel}, not by ${item.channel}` };
  if (d.procedureCode !== item.procedureCode) return { kind: 'conflict', why: `the code belongs to a dossier of procedure ${d.procedureCode}` };
  if (d.applicant.type !== item.applicant.type || applicantIdOf(d.applicant) !== applicantIdOf(item.applicant)) {
    return { kind: 'conflict', why: 'the code belongs to a dossier of another applicant' };
  }
  const status = statusFromCode(item.status);
  if (!status) return { kind: 'impossible', why: 'not a status code' };
  return decideStatusEvent(
    { status: d.status, lastAppliedAt: held.lastAppliedAt, openedAt: openedAtOf(d), lastStepAt: held.lastStepAt },
    { eventId: item.eventId, code: item.code, status, at: item.at, note: item.note, reason: item.reason, missingComponents: item.missingComponents },
    now,
  );
};
