// A deterministic generator of realistic dossier lifecycles (docs/requirements.md
// R-DOSSIER-TRANSITIONS), for the service index (R-CAP-EVALUATION): the local demo seed, the
// activity benchmark and cross-check tests.
//
// Every status change goes through the dossier domain layer — `decide` (the transition table) and
// `applyDecision` / `eventOf` — exactly as the service does, so the records and histories are ones
// the portal could have produced: due dates on the working calendar, clock pauses for
// supplements, codes, versions. Nothing is set by hand but what the service itself sets outside a
// transition (the draft, attachments).
//
// Shapes, as the service builds them:
// - online dossiers: a draft (version 1, channel 'online', the applicant's account) submitted by
//   the applicant (`submit`, code assigned) and then handled by officials on the portal
//   (`official`) or by the agency's one-stop system over sync (`agency_system`);
// - dossiers of record (channel 'desk' / 'post'): registered at the agency's desk with the code
//   the agency gave (status 'submitted', version 0, no account: `sub` ''), imported by sync with
//   its `receive` (the first event, marked `imported` as createOfRecord marks it), then handled by
//   the agency system. Only an agency system reports them, so every actor is `agency_system`.
// Payments: an online payment is confirmed by `{ kind: 'system', id: 'payments' }` (as
// functions/payments/adapters/dossiers.ts does); a payment collected at the desk can only be
// recorded by the agency system (the table does not let an `official` confirm_payment).
// The online return of an electronic result is `{ kind: 'system', id: 'auto-return' }` right after
// an official's `finish` (as the service's autoReturn does); an agency system reports its own
// return. Sync carries no result file, so the verified `result` attachment of an agency-system
// dossier stands for the electronic result the agency holds (the portal would not have it).
//
// Determinism: each agency-month's arrivals come from a PRNG stream seeded from (seed, agency,
// month), and each dossier's lifecycle from one seeded from (seed, its code), so one agency's
// dossiers do not change when others are added, and a later `now` only extends the histories of
// the months already complete. Per-agency daily code sequences follow submission (or desk
// receipt) order and are gap-free.
import { applyDecision, eventOf, notYetReceived, stateOf } from '../../functions/dossiers/domain/dossier';
import type { AttachmentRecord, Channel, Delivery, DossierEvent, DossierRecord } from '../../functions/dossiers/domain/dossier';
import { formatDossierCode } from '../../functions/dossiers/domain/dossier-code';
import { validateForm } from '../../functions/dossiers/domain/form';
import { decide, type Actor } from '../../functions/dossiers/domain/transitions';
import { assessFees } from '../../functions/payments/domain/fees';
import type { WorkingCalendar } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';

export interface GeneratedDossier { record: DossierRecord; history: DossierEvent[] }

export type AgencyLevel = 'central' | 'province' | 'commune';
export interface ActivityAgency { code: string; name: string; level: AgencyLevel; parentCode: string | null }

export interface ActivityOptions {
  /** Seed of the deterministic PRNG. */
  seed: number;
  /** 'YYYY-MM' months (Asia/Ho_Chi_Minh) to generate submissions in. */
  months: readonly string[];
  agencies: readonly ActivityAgency[];
  /** The catalogue's procedures; each agency gets those its level handles (see `eligibleProcedures`). */
  procedures: readonly Procedure[];
  /** How many dossiers an agency receives in a month (submitted online or registered at its desk). */
  perAgencyMonth: (agencyCode: string, month: string) => number;
  /** Nothing happens after `now`: dossiers still in progress then stay open. */
  now: Date;
  calendar: WorkingCalendar;
}

/** How an agency works: the rates its dossiers are drawn with. All are shares in [0, 1]. */
export interface AgencyProfile {
  /** Dossiers submitted online, of those whose procedure offers both channels (0.2–0.9). */
  onlineShare: number;
  /** Dossiers finished on or before their due date (0.6–0.99). */
  onTimeRate: number;
  /** Dossiers in processing that get a supplement request (0.03–0.2). */
  supplementRate: number;
  /** Of those, the ones that get a second round (0.01–0.15). */
  multiSupplementShare: number;
  /** Online dossiers refused at the desk (`not_received`) (0.005–0.05). */
  refusalRate: number;
  /** Dossiers withdrawn midway by the applicant (or at the desk) (0.005–0.03). */
  withdrawalRate: number;
  /** Dossiers whose processing is stopped (0.003–0.02). */
  stopRate: number;
  /** Desk dossiers whose papers are scanned into verified application attachments (0.3–0.95); online ones always are. */
  digitisationRate: number;
  /** Finished dossiers given an electronic result (a verified `result` attachment) (0.2–0.9). */
  electronicResultRate: number;
  /** Fee-bearing online dossiers paid online (0.2–0.9); the rest pay at the desk. */
  onlinePaymentShare: number;
  /** Citizen applicants of online dossiers whose account is VNeID-verified (0.5–0.98). */
  vneidShare: number;
  /** Online dossiers the agency never acts on (left at `submitted`) (0.005–0.05). */
  untouchedShare: number;
  /** Online dossiers handled by the agency's own system (actor `agency_system`) rather than by officials on the portal (0–0.95). */
  agencySystemShare: number;
  /** Dossiers running late that get a timely apology slip (issue_apology before the due date passes) (0.3–0.9). */
  apologyRate: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG and hashing

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** FNV-1a over the parts, mixed with the seed: a 32-bit stream seed per name. */
const hashOf = (seed: number, ...parts: string[]): number => {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x7c, 0x01000193) >>> 0;
  }
  return h;
};

type Rng = () => number;
const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
const intBelow = (r: Rng, n: number) => Math.floor(r() * n);
const pickOf = <T>(r: Rng, items: readonly T[]): T => items[intBelow(r, items.length)]!;
/** `n` (≤ 8) random decimal digits, from one draw. */
const digits = (r: Rng, n: number) => String(Math.floor(r() * 10 ** n)).padStart(n, '0');
/** Byte → two hex digits: Number#toString(16) on every id showed up in the benchmark's profile. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (r: Rng) => {
  const n = Math.floor(r() * 4294967296);
  return HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
};
/** An id shaped like a v4 UUID, from the stream (deterministic; four draws, not one per digit: this runs per file). */
const uuidOf = (r: Rng) => {
  const a = hex8(r);
  const b = hex8(r);
  const c = hex8(r);
  const d = hex8(r);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
};

// ---------------------------------------------------------------------------------------------
// Agency profiles

/** `000.00.00004.H26` → `000.00.00.H26`; a province or ministry is its own root. */
const provinceOf = (agencyCode: string): string => {
  const m = /\.(H\d{2})$/.exec(agencyCode);
  return m ? `000.00.00.${m[1]}` : agencyCode;
};

/**
 * Each agency's rates, deterministic per (seed, agency). A latent "quality" per agency moves most
 * rates together (a well-run agency is on time, online, digitised), so rankings differ plausibly;
 * a commune leans on its province's quality and uses its province's one-stop system.
 */
export const agencyProfile = (seed: number, agencyCode: string): AgencyProfile => {
  const root = provinceOf(agencyCode);
  const rootRng = mulberry32(hashOf(seed, 'profile', root));
  const rootQuality = rootRng();
  const rootSystemShare = rootRng() < 0.55 ? between(rootRng, 0.6, 0.95) : between(rootRng, 0, 0.3);
  const r = mulberry32(hashOf(seed, 'profile', agencyCode));
  const q = root === agencyCode ? rootQuality : 0.65 * rootQuality + 0.35 * r();
  // `up` grows with quality, `down` shrinks with it; each keeps some agency-own noise.
  const up = (lo: number, hi: number) => lo + (hi - lo) * (0.65 * q + 0.35 * r());
  const down = (lo: number, hi: number) => lo + (hi - lo) * (0.65 * (1 - q) + 0.35 * r());
  return {
    onlineShare: up(0.2, 0.9),
    onTimeRate: up(0.6, 0.99),
    supplementRate: down(0.03, 0.2),
    multiSupplementShare: down(0.01, 0.15),
    refusalRate: down(0.005, 0.05),
    withdrawalRate: down(0.005, 0.03),
    stopRate: down(0.003, 0.02),
    digitisationRate: up(0.3, 0.95),
    electronicResultRate: up(0.2, 0.9),
    onlinePaymentShare: up(0.2, 0.9),
    vneidShare: up(0.5, 0.98),
    untouchedShare: down(0.005, 0.05),
    agencySystemShare: root === agencyCode ? rootSystemShare : Math.min(0.95, Math.max(0, rootSystemShare + between(r, -0.05, 0.05))),
    apologyRate: up(0.3, 0.9),
  };
};

// ---------------------------------------------------------------------------------------------
// Procedures

/** The procedures an agency handles: its level is among the agency kinds; a ministry only its own when the procedure names ministries. */
export const eligibleProcedures = (agency: Pick<ActivityAgency, 'code' | 'level'>, procedures: readonly Procedure[]): Procedure[] =>
  procedures.filter((p) =>
    p.status !== 'repealed'
    && p.agencyKinds.includes(agency.level)
    && (agency.level !== 'central' || !p.ministryCodes?.length || p.ministryCodes.includes(agency.code)));

const offersOnline = (p: Procedure) => p.onlineService !== 'none' && p.channels.includes('online');
const offersDesk = (p: Procedure) => p.channels.includes('desk') || p.channels.includes('post');

/** Candidate values tried, in order, against a field's pattern (the seed's patterns all take one). */
const PATTERN_SAMPLES = ['0123456789', '001234567890', '08:30', 'C1234567', '29A-123.45', '125', '12, 15', '123456789', 'Nguyễn Văn An'];

interface PlannedComponent { code: string; contentType: string; extension: string }

interface ProcedurePlan {
  procedure: Procedure;
  snapshot: Pick<DossierRecord, 'procedureCode' | 'procedureName' | 'processingTime' | 'components'>;
  online: boolean;
  desk: boolean;
  /** A form valid for the procedure; idNumber and phone fields are filled per applicant. */
  form: Record<string, string | number>;
  idFields: string[];
  phoneFields: string[];
  required: PlannedComponent[];
  optional: PlannedComponent[];
  /** Fee totals by applicant type and channel (0: no request_payment). */
  fee: Record<'citizen' | 'business', Record<Channel, number>>;
}

const sampleFor = (field: Procedure['form']['fields'][number]): string | number | undefined => {
  if (field.type === 'select') return field.options?.[0]?.value;
  if (field.pattern) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${field.pattern})$`, 'u');
    } catch {
      return undefined;
    }
    return PATTERN_SAMPLES.find((s) => re.test(s));
  }
  switch (field.type) {
    case 'number': return 1;
    case 'date': return '2025-06-15';
    case 'idNumber': return '001234567890';
    case 'phone': return '0912345678';
    case 'email': return 'nguoidan@example.vn';
    case 'address': return 'Số 1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội';
    default: return 'Nguyễn Văn An';
  }
};

/** Built once per procedure: the per-dossier work then only copies. */
const planOf = (procedure: Procedure): ProcedurePlan => {
  const form: Record<string, string | number> = {};
  for (const field of procedure.form.fields) {
    const v = sampleFor(field);
    if (v !== undefined) form[field.name] = v;
  }
  // Drop optional fields our samples cannot satisfy; a required one is a catalogue we cannot fill.
  const checked = validateForm(procedure.form, form);
  if (!checked.ok) {
    for (const e of checked.errors) {
      const name = e.path.replace(/^form\./, '');
      const field = procedure.form.fields.find((f) => f.name === name);
      if (field?.required) throw new Error(`dossier-activity: no valid sample for required field ${name} of procedure ${procedure.code}`);
      delete form[name];
    }
  }
  const components = procedure.components.map((c) => ({ code: c.code, name: c.name, required: c.required, accept: c.accept, maxFiles: c.maxFiles }));
  const feeOf = (applicantType: 'citizen' | 'business') => ({
    online: assessFees(procedure.fees, { applicantType, channel: 'online' }).total,
    desk: assessFees(procedure.fees, { applicantType, channel: 'desk' }).total,
    post: assessFees(procedure.fees, { applicantType, channel: 'post' }).total,
  });
  const planned = (c: (typeof components)[number]): PlannedComponent => {
    const contentType = c.accept.find((t) => t in FILE_TYPES) ?? c.accept[0]!;
    return { code: c.code, contentType, extension: FILE_TYPES[contentType] ?? 'bin' };
  };
  return {
    procedure,
    // The fields a draft's snapshotOf copies (functions/dossiers/use-cases/create-draft.ts).
    snapshot: {
      procedureCode: procedure.code,
      procedureName: procedure.name,
      processingTime: procedure.processingTime,
      components,
    },
    online: offersOnline(procedure),
    desk: offersDesk(procedure),
    form: validateForm(procedure.form, form).values,
    idFields: procedure.form.fields.filter((f) => f.type === 'idNumber' && f.name in form).map((f) => f.name),
    phoneFields: procedure.form.fields.filter((f) => f.type === 'phone' && f.name in form).map((f) => f.name),
    required: components.filter((c) => c.required).map(planned),
    optional: components.filter((c) => !c.required).map(planned),
    fee: { citizen: feeOf('citizen'), business: feeOf('business') },
  };
};

// ---------------------------------------------------------------------------------------------
// Time

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * HOUR_MS;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** [start, end) of a local month, epoch ms. */
const monthWindow = (month: string): [number, number] => {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`dossier-activity: expected a month YYYY-MM, got ${JSON.stringify(month)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return [Date.UTC(y, mo - 1, 1) - VN_OFFSET_MS, Date.UTC(y, mo, 1) - VN_OFFSET_MS];
};

const localHour = (ms: number) => Math.floor((((ms + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS);
const localWeekday = (ms: number) => (Math.floor((ms + VN_OFFSET_MS) / DAY_MS) + 4) % 7; // 0 = Sunday
const localDay = (ms: number) => Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
const localDateOf = (ms: number) => new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);

/** How likely people are online at a local hour (relative): office-day peaks, some evening use. */
const ONLINE_HOUR_WEIGHT = [0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.4, 0.8, 1, 1, 0.9, 0.5, 0.6, 0.9, 1, 0.9, 0.7, 0.5, 0.5, 0.6, 0.5, 0.3, 0.1];

// ---------------------------------------------------------------------------------------------
// People

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Đức', 'Thu', 'Gia'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy'];
const BUSINESS = ['Công ty TNHH', 'Công ty cổ phần', 'Hộ kinh doanh'];
/** Province codes that open personal ID numbers (a few of functions/dossiers/domain/form.ts ID_PROVINCE_CODES). */
const ID_PREFIXES = ['001', '031', '036', '038', '040', '046', '048', '052', '075', '079', '092', '095'];

const personName = (r: Rng) => `${pickOf(r, FAMILY)} ${pickOf(r, MIDDLE)} ${pickOf(r, GIVEN)}`;
const personalId = (r: Rng) => `${pickOf(r, ID_PREFIXES)}${intBelow(r, 4)}${digits(r, 8)}`;
const phoneNumber = (r: Rng) => `0${pickOf(r, ['3', '5', '7', '8', '9'])}${digits(r, 8)}`;

const FILE_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

// ---------------------------------------------------------------------------------------------
// One dossier's run through the table

/** Something the table refused: a bug in the generator, never data. */
export class GeneratorError extends Error {}

class Run {
  history: DossierEvent[] = [];
  /** The time of the last event (or of the record's creation), epoch ms. */
  last: number;
  /** Set once an action would fall after `now`: nothing more happens. */
  halted = false;

  constructor(
    public d: DossierRecord,
    private readonly nowMs: number,
    private readonly calendar: WorkingCalendar,
  ) {
    this.last = Date.parse(d.updatedAt);
  }

  /** Takes an action at `atMs` through decide + applyDecision; false (and halted) when it would be after now. */
  act(action: string, actor: Actor, input: Record<string, unknown>, atMs: number, extra?: { code?: string; imported?: true }): boolean {
    if (this.halted || atMs > this.nowMs) {
      this.halted = true;
      return false;
    }
    const decision = decide(stateOf(this.d), { action, actor, input, now: new Date(atMs) });
    if (!decision.ok) throw new GeneratorError(`${action} on ${this.d.status} refused: ${decision.error} ${decision.details.map((x) => x.message).join('; ')}`);
    this.d = applyDecision(this.d, decision, { calendar: this.calendar, code: extra?.code });
    this.last = atMs;
    const event = eventOf(this.d, decision.historyEntry);
    this.history.push(extra?.imported ? { ...event, imported: true } : event);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Submission { at: number; channel: Channel; plan: ProcedurePlan }

export function* generateActivity(options: ActivityOptions): Generator<GeneratedDossier> {
  const { seed, calendar } = options;
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('dossier-activity: `now` must be a valid Date');
  if (new Set(options.months).size !== options.months.length) throw new RangeError('dossier-activity: months must be distinct');
  const windows = options.months.map((month) => {
    const [start, end] = monthWindow(month);
    if (start >= nowMs) throw new RangeError(`dossier-activity: month ${month} starts after now`);
    return { month, start, end: Math.min(end, nowMs) };
  });
  const plans = new Map<string, ProcedurePlan>();
  const planFor = (p: Procedure) => {
    let plan = plans.get(p.code);
    if (!plan) {
      plan = planOf(p);
      plans.set(p.code, plan);
    }
    return plan;
  };

  // Working-time helpers on the calendar (O(log holidays) each).
  const work = (fromMs: number, hours: number) => calendar.addWorkingHours(new Date(fromMs), Math.max(hours, 1 / 60)).getTime();
  const workingHoursBetween = (a: number, b: number) => calendar.workingTimeBetween(new Date(a), new Date(b)) / 60;
  const isOfficeTime = (ms: number) => calendar.startOfCounting(new Date(ms)).getTime() === ms;

  for (const agency of options.agencies) {
    const profile = agencyProfile(seed, agency.code);
    const eligible = eligibleProcedures(agency, options.procedures).map(planFor);
    // Popularity: a per-agency Zipf-like weight over a seeded order (a few procedures dominate).
    const order = mulberry32(hashOf(seed, 'popularity', agency.code));
    const weights = eligible.map(() => 1 / (1 + intBelow(order, Math.max(1, eligible.length))));
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const total = cumulative[cumulative.length - 1] ?? 0;
    const systemKey = `sync-${provinceOf(agency.code)}`;
    const officials = Array.from({ length: 3 }, (_, i) => `official-${agency.code}-${i + 1}`);

    for (const { month, start, end } of windows) {
      const count = Math.floor(options.perAgencyMonth(agency.code, month));
      if (!(count > 0)) continue;
      if (!eligible.length) throw new RangeError(`dossier-activity: agency ${agency.code} (${agency.level}) handles no procedure of the catalogue; ask for 0 dossiers`);
      const r = mulberry32(hashOf(seed, 'activity', agency.code, month));

      // One dossier, from its arrival to `now`.
      const lifecycle = ({ at: arrivedAt, channel, plan }: Submission, code: string): GeneratedDossier => {
        // Its own stream: a later `now` only extends its history (same draws up to the cut).
        const r = mulberry32(hashOf(seed, 'dossier', code));
        const online = channel === 'online';
        const type = plan.procedure.applicantTypes.length === 1
          ? plan.procedure.applicantTypes[0]!
          : r() < 0.15 ? 'business' : 'citizen';
        const idNumber = type === 'citizen' ? personalId(r) : null;
        const enterpriseCode = type === 'business' ? `0${digits(r, 1)}${digits(r, 8)}` : null;
        const name = type === 'citizen' ? personName(r) : `${pickOf(r, BUSINESS)} ${pickOf(r, GIVEN)} ${pickOf(r, FAMILY)}`;
        const phone = phoneNumber(r);
        const form = { ...plan.form };
        for (const f of plan.idFields) form[f] = idNumber ?? personalId(r);
        for (const f of plan.phoneFields) form[f] = phone;
        const delivery: Delivery = online
          ? (r() < 0.55 ? 'online' : r() < 0.85 ? 'desk' : 'post')
          : (r() < 0.8 ? 'desk' : r() < 0.6 ? 'post' : 'online');
        const handler: Actor = !online || r() < profile.agencySystemShare
          ? { kind: 'agency_system', id: systemKey }
          : { kind: 'official', id: pickOf(r, officials) };
        const sub = online ? uuidOf(r) : '';
        const applicantActor: Actor = online ? { kind: 'applicant', id: sub } : handler;

        // Application files: online ones are uploaded and verified at submission (the service
        // refuses a submission without them); desk papers are scanned only when digitised.
        const id = uuidOf(r);
        const createdMs = online ? arrivedAt - Math.floor(between(r, 5 * 60_000, 2 * DAY_MS)) : arrivedAt;
        const fileOf = (component: PlannedComponent, round: number, createdAt: string, verifiedAt: string): AttachmentRecord => ({
          id: uuidOf(r), kind: 'application', componentCode: component.code,
          fileName: `${component.code.toLowerCase()}-${round}.${component.extension}`, contentType: component.contentType,
          size: 40_000 + intBelow(r, 2_000_000), status: 'verified', rejectedReason: null,
          createdAt, verifiedAt, round,
        });
        const attachments: AttachmentRecord[] = [];
        const arrivedIso = new Date(arrivedAt).toISOString();
        if (online || r() < profile.digitisationRate) {
          const uploaded = new Date(Math.min(createdMs + 60_000, arrivedAt)).toISOString();
          for (const c of plan.required) attachments.push(fileOf(c, 0, uploaded, arrivedIso));
          for (const c of plan.optional) if (r() < 0.3) attachments.push(fileOf(c, 0, uploaded, arrivedIso));
        }
        const createdAt = new Date(createdMs).toISOString();
        const record: DossierRecord = {
          id,
          code: online ? null : code,
          ...plan.snapshot,
          agencyCode: agency.code,
          agencyName: agency.name,
          agencyParentCode: agency.parentCode,
          status: online ? 'draft' : 'submitted',
          // The service makes drafts at version 1; a dossier of record is registered at version 0.
          version: online ? 1 : 0,
          channel,
          delivery,
          postalAddress: delivery === 'post' ? { line: `Số ${1 + intBelow(r, 200)} đường ${pickOf(r, GIVEN)}`, ward: agency.name } : null,
          contact: online ? { phone, ...(r() < 0.6 ? { email: `${sub.slice(0, 8)}@example.vn` } : {}) } : { phone },
          applicant: online
            ? { sub, type, idNumber, enterpriseCode, vneidVerified: type === 'citizen' && r() < profile.vneidShare }
            : { sub: '', type, name, idNumber, enterpriseCode, vneidVerified: false },
          form,
          attachments,
          createdAt,
          updatedAt: createdAt,
          submittedAt: online ? null : arrivedIso,
          ...notYetReceived(),
        };
        const run = new Run(record, nowMs, calendar);

        // What will happen to it, drawn before anything happens.
        const untouched = online && r() < profile.untouchedShare;
        const refused = online && r() < profile.refusalRate;
        const withdrawAt = r() < profile.withdrawalRate ? intBelow(r, 4) : -1; // 0 before receipt … 3 during payment
        const supplementRounds = r() < profile.supplementRate ? (r() < profile.multiSupplementShare ? 2 : 1) : 0;
        const fee = plan.fee[type][channel];
        const paysOnline = online && r() < profile.onlinePaymentShare;
        const stopped = r() < profile.stopRate;
        const onTime = r() < profile.onTimeRate;
        const electronic = r() < profile.electronicResultRate;
        const collected = r() < 0.97;
        const apologises = r() < profile.apologyRate;

        const withdraw = (atMs: number) =>
          run.act('withdraw', online ? applicantActor : handler, { reason: online ? 'Người nộp không còn nhu cầu' : 'Công dân rút hồ sơ tại bộ phận một cửa' }, atMs);
        /** An applicant's instant: any day, waking hours, `hours` after `fromMs`. */
        const applicantTime = (fromMs: number, hours: number) => {
          let t = fromMs + Math.max(60_000, Math.floor(hours * HOUR_MS));
          const h = localHour(t);
          if (h < 6) t += (6 - h) * HOUR_MS + intBelow(r, 3 * HOUR_MS);
          else if (h >= 23) t += (31 - h) * HOUR_MS + intBelow(r, 3 * HOUR_MS);
          return t;
        };
        const done = () => ({ record: run.d, history: run.history });

        // Submission (online) or the imported desk receipt.
        if (online) {
          if (!run.act('submit', applicantActor, {}, arrivedAt, { code })) throw new GeneratorError('submission after now');
          if (untouched) return done();
          if (withdrawAt === 0) {
            // Withdrawn before the desk acted on it.
            withdraw(applicantTime(arrivedAt, between(r, 0.5, 20)));
            return done();
          }
          const receiveAt = work(arrivedAt, between(r, 0.2, 12));
          if (refused) {
            run.act('refuse', handler, { reason: 'Hồ sơ không thuộc thẩm quyền hoặc không đúng thành phần' }, receiveAt);
            return done();
          }
          if (!run.act('receive', handler, {}, receiveAt)) return done();
        } else if (!run.act('receive', handler, {}, arrivedAt, { imported: true })) {
          throw new GeneratorError('desk receipt after now');
        }

        // Processing: a working-time budget from receipt to the due date paces the steps.
        const receivedMs = Date.parse(run.d.receivedAt!);
        const budget = Math.max(0.5, workingHoursBetween(receivedMs, Date.parse(run.d.dueAt!)));
        if (!run.act('start', handler, {}, work(receivedMs, Math.min(4, budget * between(r, 0.01, 0.1))))) return done();
        if (withdrawAt === 1) {
          withdraw(online ? applicantTime(run.last, between(r, 2, 72)) : work(run.last, between(r, 1, 16)));
          return done();
        }

        for (let round = 1; round <= supplementRounds; round++) {
          const missing = (plan.required.length ? plan.required : plan.optional).slice(0, 1 + intBelow(r, 2));

          if (!run.act('request_supplement', handler, {
            missingComponents: missing.map((c) => c.code),
            note: 'Đề nghị bổ sung giấy tờ còn thiếu hoặc chưa hợp lệ',
          }, work(run.last, budget * between(r, 0.05, 0.3)))) return done();
          if (withdrawAt === 2 && round === supplementRounds) {
            withdraw(online ? applicantTime(run.last, between(r, 24, 240)) : work(run.last, between(r, 8, 60)));
            return done();
          }
          // The applicant brings the files: online through the portal, else at the desk.
          const back = online ? applicantTime(run.last, between(r, 6, 10 * 24)) : work(run.last, between(r, 4, 60));
          if (back > nowMs) return done();
          if (online || run.d.attachments.length) {
            const round = run.d.supplementRounds;
            run.d = { ...run.d, attachments: [...run.d.attachments, ...missing.map((c) => fileOf(c, round, new Date(back - 30 * 60_000).toISOString(), new Date(back).toISOString()))] };
          }
          if (online) run.act('supplement', applicantActor, { note: 'Đã bổ sung theo yêu cầu' }, back);
          else run.act('resume', handler, { note: 'Công dân đã bổ sung tại bộ phận một cửa' }, back);
        }

        if (fee > 0) {
          if (!run.act('request_payment', handler, { note: `Phí, lệ phí: ${fee} đồng` }, work(run.last, budget * between(r, 0.05, 0.2)))) return done();
          if (withdrawAt === 3) {
            withdraw(online ? applicantTime(run.last, between(r, 2, 96)) : work(run.last, between(r, 1, 16)));
            return done();
          }
          // Online: the payments capability confirms when the gateway reports the payment; at the
          // desk only the agency system can record money it collected (no official may).
          if (paysOnline) run.act('confirm_payment', { kind: 'system', id: 'payments' }, { note: 'Thanh toán trực tuyến thành công' }, applicantTime(run.last, between(r, 0.1, 48)));
          else run.act('confirm_payment', { kind: 'agency_system', id: systemKey }, { note: 'Đã nộp phí tại bộ phận một cửa' }, work(run.last, between(r, 1, 24)));
          if (run.halted) return done();
        }
        if (withdrawAt >= 0) {
          // The withdrawal's stage did not occur (no supplement, no fee, a desk dossier): withdraw while processing.
          withdraw(online ? applicantTime(run.last, between(r, 2, 72)) : work(run.last, between(r, 1, 16)));
          return done();
        }

        // Finish on time or late, per the agency's propensity, against the due date as paused.
        const dueMs = Date.parse(run.d.dueAt!);
        const left = workingHoursBetween(run.last, dueMs);
        const finishAt = onTime && left > 0.05
          ? work(run.last, left * between(r, 0.15, 0.98))
          : work(Math.max(dueMs, run.last), between(r, 0.5, 12 * (calendar.minutesPerWorkingDay / 60)));
        if (apologises && finishAt > dueMs && left > 0.05) {
          // Form 04: issued while the due date still holds, promising the working day it will be done.
          const dueDate = localDateOf(dueMs);
          const finishDate = localDateOf(finishAt);
          const newDueDate = finishDate > dueDate ? finishDate : calendar.nextWorkingDay(dueDate);
          if (!run.act('issue_apology', handler, { newDueDate, reason: 'Hồ sơ cần xác minh thêm, chưa giải quyết kịp hạn' }, work(run.last, left * between(r, 0.3, 0.95)))) return done();
        }
        if (stopped) {
          run.act('stop', handler, { reason: 'Hồ sơ không đủ điều kiện giải quyết' }, finishAt);
          return done();
        }
        if (finishAt > nowMs) return done();
        if (electronic) {
          // The signed result file is uploaded and checked just before the finish.
          const uploaded = finishAt - intBelow(r, 20 * 60_000) - 60_000;
          run.d = {
            ...run.d,
            attachments: [...run.d.attachments, {
              id: uuidOf(r), kind: 'result', componentCode: null, fileName: `ket-qua-${code}.pdf`, contentType: 'application/pdf',
              size: 80_000 + intBelow(r, 400_000), status: 'verified', rejectedReason: null,
              createdAt: new Date(uploaded).toISOString(), verifiedAt: new Date(uploaded + 30_000).toISOString(), round: run.d.supplementRounds,
            }],
          };
        }
        run.act('finish', handler, { note: 'Đã giải quyết xong' }, finishAt);
        if (electronic && delivery === 'online' && handler.kind === 'official') {
          // The service's autoReturn, right after an official's finish; sync's transitions have none.
          run.act('return_result', { kind: 'system', id: 'auto-return' }, { note: 'Result returned online' }, finishAt + 1000);
        } else if (electronic && delivery === 'online') {
          run.act('return_result', handler, { note: 'Đã trả kết quả điện tử' }, work(finishAt, between(r, 0.05, 2)));
        } else if (collected) {
          run.act('return_result', handler, { note: 'Đã trả kết quả' }, work(finishAt, between(r, 0.5, 40)));
        }
        return done();
      };

      // 1. When each dossier arrives, by which channel, for which procedure.
      const arrivals: Submission[] = [];
      for (let i = 0; i < count; i++) {
        let pick = 0;
        const x = r() * total;
        while (cumulative[pick]! <= x && pick < eligible.length - 1) pick++;
        const plan = eligible[pick]!;
        let channel: Channel = plan.online && (!plan.desk || r() < profile.onlineShare) ? 'online' : r() < 0.9 ? 'desk' : 'post';
        let at = -1;
        if (channel === 'online') {
          for (let tries = 0; tries < 40 && at < 0; tries++) {
            const t = start + Math.floor(r() * (end - start));
            const weekendFactor = localWeekday(t) % 6 === 0 ? 0.35 : 1;
            if (r() < ONLINE_HOUR_WEIGHT[localHour(t)]! * weekendFactor) at = t;
          }
          if (at < 0) at = start + Math.floor(r() * (end - start));
        } else {
          // Desk receipts happen in office hours of working days.
          for (let tries = 0; tries < 200 && at < 0; tries++) {
            const t = start + Math.floor(r() * (end - start) / 1000) * 1000;
            if (isOfficeTime(t)) at = t;
          }
          if (at < 0) {
            if (!plan.online) continue; // no office time in the window and no online channel: none of this one
            channel = 'online';
            at = start + Math.floor(r() * (end - start));
          }
        }
        arrivals.push({ at: Math.floor(at / 1000) * 1000, channel, plan });
      }
      // Too few office hours for desk-only procedures can leave a shortfall: fill with online-capable ones.
      if (arrivals.length < count) {
        const online = eligible.filter((p) => p.online);
        if (!online.length) throw new RangeError(`dossier-activity: no office time in ${month} before now for agency ${agency.code}'s desk-only procedures`);
        while (arrivals.length < count) arrivals.push({ at: start + Math.floor(r() * (end - start) / 1000) * 1000, channel: 'online', plan: pickOf(r, online) });
      }
      // Codes follow arrival order: the agency's daily counter.
      arrivals.sort((a, b) => a.at - b.at);
      let seqDay = -1;
      let seq = 0;
      for (const arrival of arrivals) {
        const day = localDay(arrival.at);
        if (day !== seqDay) {
          seqDay = day;
          seq = 0;
        }
        seq += 1;
        yield lifecycle(arrival, formatDossierCode(agency.code, new Date(arrival.at), seq));
      }

    }
  }
}
