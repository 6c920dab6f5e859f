// Dossier statuses, their wire codes and the action names (docs/requirements.md R-DOSSIER-STATUS,
// R-DOSSIER-ACTIONS): the wire vocabulary shared by the API contract, agency-system sync and the
// dossier domain. Pure: the codes are what agency systems sync with, so they are fixed here once
// and never derived from array positions elsewhere.
import * as z from 'zod';

export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'received',
  'not_received',
  'processing',
  'supplement_requested',
  'payment_required',
  'withdrawn',
  'stopped',
  'done',
  'returned',
] as const;
export const DossierStatus = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof DossierStatus>;

/** R-DOSSIER-STATUS wire codes. `draft` is not a dossier of record and has no code. */
export const STATUS_CODES = {
  submitted: 1,
  received: 2,
  not_received: 3,
  processing: 4,
  supplement_requested: 5,
  payment_required: 6,
  withdrawn: 7,
  stopped: 8,
  done: 9,
  returned: 10,
} as const satisfies Record<Exclude<DossierStatus, 'draft'>, number>;
export type StatusCode = (typeof STATUS_CODES)[keyof typeof STATUS_CODES];

const BY_CODE: ReadonlyMap<number, DossierStatus> = new Map(
  Object.entries(STATUS_CODES).map(([status, code]) => [code, status as DossierStatus]),
);

/** The wire code of a status; null for `draft`. */
export const statusCode = (status: DossierStatus): StatusCode | null =>
  status === 'draft' ? null : STATUS_CODES[status];

/**
 * The status of a wire code (1–10), or null for anything else. Accepts the canonical decimal
 * string too ("4"), since agency systems send JSON of varying strictness; "04", "4.0", 4.5 are null.
 */
export const statusFromCode = (n: number | string): DossierStatus | null => {
  const code = typeof n === 'string' ? (/^(?:[1-9]|10)$/.test(n) ? Number(n) : NaN) : n;
  return Number.isInteger(code) ? (BY_CODE.get(code) ?? null) : null;
};

/** The clock runs (due date fixed, not finished): statuses in which an apology may be issued. */
export const RUNNING_STATUSES = ['received', 'processing', 'supplement_requested', 'payment_required'] as const;
/** No transition leaves these (R-DOSSIER-TRANSITIONS). */
export const CLOSED_STATUSES = ['not_received', 'withdrawn', 'stopped', 'returned'] as const;
/** Handling finished (the moment that decides "late"): `done`, and `returned` which follows it, and `stopped`. */
export const FINISHED_STATUSES = ['done', 'returned', 'stopped'] as const;

const RUNNING: ReadonlySet<DossierStatus> = new Set(RUNNING_STATUSES);
const CLOSED: ReadonlySet<DossierStatus> = new Set(CLOSED_STATUSES);
const FINISHED: ReadonlySet<DossierStatus> = new Set(FINISHED_STATUSES);

export const isRunning = (status: DossierStatus): boolean => RUNNING.has(status);
export const isClosed = (status: DossierStatus): boolean => CLOSED.has(status);
export const isFinished = (status: DossierStatus): boolean => FINISHED.has(status);

/** Wire action names (R-DOSSIER-ACTIONS; `submit`, `supplement`, `withdraw` come from their own routes). */
export const DOSSIER_ACTIONS = [
  'submit',
  'receive',
  'refuse',
  'start',
  'request_supplement',
  'resume',
  'supplement',
  'request_payment',
  'confirm_payment',
  'finish',
  'stop',
  'return_result',
  'withdraw',
  'issue_apology',
] as const;
export const DossierAction = z.enum(DOSSIER_ACTIONS);
export type DossierAction = z.infer<typeof DossierAction>;
