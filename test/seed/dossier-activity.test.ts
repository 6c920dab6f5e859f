// The dossier-activity generator (local/seed/dossier-activity.ts) against the seed catalogue and
// the computed holidays: determinism, histories the transition table accepts, the clock (nothing
// after `now`, office hours, due dates as the calendar gives them), codes, counts, and profiles.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueSeed } from '../../local/seed/catalogue';
import {
  agencyProfile, eligibleProcedures, generateActivity, type ActivityAgency, type ActivityOptions, type AgencyProfile, type GeneratedDossier,
} from '../../local/seed/dossier-activity';
import type { DossierRecord } from '../../functions/dossiers/domain/dossier';
import { parseDossierCode } from '../../functions/dossiers/domain/dossier-code';
import { isEnterpriseCode, isPersonalIdNumber, validateForm } from '../../functions/dossiers/domain/form';
import { decide, DOSSIER_ACTIONS } from '../../functions/dossiers/domain/transitions';
import { assessFees } from '../../functions/payments/domain/fees';
import { createWorkingCalendar, localDate, type CalendarEntry } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';
import type { DossierStatus } from '../../shared/contracts/dossier-status';

const seed = catalogueSeed();
const procedures = seed.procedures as Procedure[];
const allAgencies = seed.catalogues.agencies as ActivityAgency[];
const calendar = createWorkingCalendar(seed.catalogues.holidays as CalendarEntry[]);
const byCode = new Map(procedures.map((p) => [p.code, p]));

const provinces = allAgencies.filter((a) => a.level === 'province');
const communes = allAgencies.filter((a) => a.level === 'commune' && (a.parentCode === '000.00.00.H26' || a.parentCode === '000.00.00.H79')).slice(0, 6);
const ministries = allAgencies.filter((a) => ['000.00.00.G01', '000.00.00.G03', '000.00.00.G06'].includes(a.code));
const agencies = [...provinces, ...communes, ...ministries];
const months = ['2026-09', '2026-10', '2026-11'];
/** A Friday morning: the running month is cut part-way. */
const now = new Date('2026-11-20T10:15:00+07:00');
/** Varies by agency and month so a mixed-up count shows. */
const countFor = (code: string, month: string) => 12 + ((code.charCodeAt(code.length - 1) * 7 + code.charCodeAt(code.length - 2) + Number(month.slice(5))) % 17);

const options = (overrides: Partial<ActivityOptions> = {}): ActivityOptions => ({
  seed: 766, months, agencies, procedures, perAgencyMonth: countFor, now, calendar, ...overrides,
});
const generate = (o: ActivityOptions) => [...generateActivity(o)];
const monthOf = (iso: string) => localDate(iso).slice(0, 7);
const OPEN: readonly DossierStatus[] = ['submitted', 'received', 'processing', 'supplement_requested', 'payment_required'];

let dossiers: GeneratedDossier[];
beforeAll(() => {
  dossiers = generate(options());
});

describe('determinism', () => {
  it('gives identical output for the same seed and different output for another', () => {
    const again = generate(options());
    expect(JSON.stringify(again)).toBe(JSON.stringify(dossiers));
    const other = generate(options({ seed: 767 }));
    expect(other.length).toBe(dossiers.length);
    expect(other.map((d) => d.record.id)).not.toEqual(dossiers.map((d) => d.record.id));
    expect(other.map((d) => d.record.status)).not.toEqual(dossiers.map((d) => d.record.status));
  });

  it("does not change one agency's dossiers when other agencies are added", () => {
    const alone = generate(options({ agencies: [provinces[3]!] }));
    const code = provinces[3]!.code;
    expect(JSON.stringify(alone)).toBe(JSON.stringify(dossiers.filter((d) => d.record.agencyCode === code)));
  });
});

describe('histories replay through the transition table', () => {
  it('every entry is a transition decide allows from the previous status, versions consecutive', () => {
    for (const { record, history } of dossiers) {
      expect(history.length).toBeGreaterThan(0);
      const online = record.channel === 'online';
      // Drafts are made at version 1 (the service); dossiers of record are registered at version 0.
      let status: DossierStatus = online ? 'draft' : 'submitted';
      let version = online ? 1 : 0;
      let resultAttached = false;
      const apologies: DossierRecord['apologies'] = [];
      for (const entry of history) {
        expect(entry.from).toBe(status);
        expect(entry.version).toBe(version + 1);
        if (entry.action === 'finish') resultAttached = record.attachments.some((a) => a.kind === 'result' && a.status === 'verified');
        const apology = entry.action === 'issue_apology' ? record.apologies.find((a) => a.issuedAt === entry.at) : undefined;
        // Apologies come after the last supplement round: the record's due date is the one in force.
        const decision = decide(
          { status, delivery: record.delivery, resultAttached, dueAt: apology ? record.dueAt : null, apologies },
          {
            action: entry.action, actor: entry.actor, now: new Date(entry.at),
            input: {
              note: entry.note ?? undefined, reason: entry.note ?? undefined, missingComponents: [record.components[0]!.code],
              newDueDate: apology?.newDueDate,
            },
          },
        );
        if (apology) apologies.push(apology);
        if (!decision.ok) throw new Error(`${record.code} v${entry.version} ${entry.action} by ${entry.actor.kind}: ${decision.error}`);
        expect(decision.to).toBe(entry.to);
        expect(entry).toMatchObject({ dossierId: record.id, agencyCode: record.agencyCode, procedureCode: record.procedureCode, channel: record.channel });
        status = entry.to;
        version = entry.version;
      }
      expect(record.status).toBe(status);
      expect(record.version).toBe(version);
      expect(apologies).toEqual(record.apologies);
      expect(history.at(-1)!.code).toBe(record.code);
    }
  });

  it('takes every action of the table somewhere', () => {
    const seen = new Set(dossiers.flatMap((d) => d.history.map((h) => h.action)));
    expect([...seen].sort()).toEqual([...DOSSIER_ACTIONS].sort());
    const statuses = new Set(dossiers.map((d) => d.record.status));
    for (const s of ['submitted', 'not_received', 'processing', 'withdrawn', 'stopped', 'done', 'returned'] as const) expect(statuses).toContain(s);
  });

  it('records payments online by the payments system and desk payments by the agency system', () => {
    let online = 0;
    let desk = 0;
    for (const { record, history } of dossiers) {
      const p = byCode.get(record.procedureCode)!;
      const fee = assessFees(p.fees, { applicantType: record.applicant.type, channel: record.channel }).total;
      if (history.some((h) => h.action === 'request_payment')) expect(fee).toBeGreaterThan(0);
      if (fee > 0 && history.some((h) => h.action === 'finish')) expect(history.some((h) => h.action === 'confirm_payment')).toBe(true);
      for (const h of history.filter((x) => x.action === 'confirm_payment')) {
        if (h.actor.kind === 'system') {
          expect(h.actor).toEqual({ kind: 'system', id: 'payments' });
          expect(record.channel).toBe('online');
          online += 1;
        } else {
          expect(h.actor.kind).toBe('agency_system');
          desk += 1;
        }
      }
    }
    expect(online).toBeGreaterThan(0);
    expect(desk).toBeGreaterThan(0);
  });

  it('builds online dossiers from an applicant submission and desk dossiers as imported dossiers of record', () => {
    for (const { record, history } of dossiers) {
      const first = history[0]!;
      if (record.channel === 'online') {
        expect(first).toMatchObject({ action: 'submit', actor: { kind: 'applicant', id: record.applicant.sub } });
        expect(record.applicant.sub).not.toBe('');
        expect(first.imported).toBeUndefined();
      } else {
        expect(['desk', 'post']).toContain(record.channel);
        expect(first).toMatchObject({ action: 'receive', actor: { kind: 'agency_system' }, imported: true });
        expect(record.applicant.sub).toBe('');
        expect(record.applicant.vneidVerified).toBe(false);
        // Only an agency system reports a dossier of record (payments at its desk, returns, withdrawals included).
        expect(history.every((h) => h.actor.kind === 'agency_system')).toBe(true);
      }
    }
  });

  it('attaches verified files: every required component of an online dossier, the result of an automatic return', () => {
    for (const { record, history } of dossiers) {
      const round0 = new Set(record.attachments.filter((a) => a.kind === 'application' && a.round === 0 && a.status === 'verified').map((a) => a.componentCode));
      if (record.channel === 'online') for (const c of record.components.filter((x) => x.required)) expect(round0).toContain(c.code);
      const autoReturn = history.find((h) => h.action === 'return_result' && h.actor.kind === 'system');
      if (autoReturn) {
        // The service returns automatically after an official's finish; sync's transitions never do.
        expect(autoReturn.actor).toEqual({ kind: 'system', id: 'auto-return' });
        expect(history.find((h) => h.action === 'finish')!.actor.kind).toBe('official');
        expect(record.delivery).toBe('online');
        expect(record.attachments.some((a) => a.kind === 'result' && a.status === 'verified')).toBe(true);
      }
      for (const h of history.filter((x) => x.action === 'supplement')) {
        const round = history.filter((x) => x.action === 'request_supplement' && x.version < h.version).length;
        expect(record.attachments.some((a) => a.round === round && a.status === 'verified')).toBe(true);
      }
    }
  });

  it('fills applicants and forms the way the service accepts them', () => {
    for (const { record } of dossiers) {
      const { applicant } = record;
      if (applicant.type === 'citizen') expect(isPersonalIdNumber(applicant.idNumber)).toBe(true);
      else expect(isEnterpriseCode(applicant.enterpriseCode)).toBe(true);
      expect(byCode.get(record.procedureCode)!.applicantTypes).toContain(applicant.type);
      const checked = validateForm(byCode.get(record.procedureCode)!.form, record.form);
      expect(checked.errors).toEqual([]);
    }
  });
});

describe('the clock', () => {
  it('has nothing after now, and events in time order', () => {
    for (const { record, history } of dossiers) {
      let last = -Infinity;
      for (const h of history) {
        const at = Date.parse(h.at);
        expect(at).toBeLessThanOrEqual(now.getTime());
        expect(at).toBeGreaterThanOrEqual(last);
        last = at;
      }
      expect(Date.parse(record.updatedAt)).toBe(last);
    }
  });

  it("puts officials' and agency systems' actions in office hours of working days", () => {
    for (const { history } of dossiers) {
      for (const h of history.filter((x) => x.actor.kind === 'official' || x.actor.kind === 'agency_system')) {
        const local = new Date(Date.parse(h.at) + 7 * 3_600_000).toISOString().slice(11, 16);
        expect(calendar.isWorkingDay(localDate(h.at)), h.at).toBe(true);
        expect(local >= '07:30' && local <= '17:00', h.at).toBe(true);
      }
    }
  });

  it('has the due date the calendar gives: from receipt, moved by every supplement pause', () => {
    let paused = 0;
    for (const { record, history } of dossiers) {
      const received = history.find((h) => h.action === 'receive');
      if (!received) {
        expect(record.dueAt).toBeNull();
        continue;
      }
      let due = calendar.dueDate(received.at, record.processingTime);
      let pausedAt: string | null = null;
      for (const h of history) {
        if (h.action === 'request_supplement') pausedAt = h.at;
        if ((h.action === 'supplement' || h.action === 'resume') && pausedAt) {
          due = calendar.extendByPause(due, pausedAt, h.at);
          pausedAt = null;
          paused += 1;
        }
      }
      expect(record.dueAt).toBe(due.toISOString());
      expect(record.receivedAt).toBe(received.at);
    }
    expect(paused).toBeGreaterThan(0);
  });

  it('issues apology slips before the due date passes, for a date the dossier is then finished by', () => {
    const apologised = dossiers.filter((d) => d.record.apologies.length > 0);
    expect(apologised.length).toBeGreaterThan(5);
    for (const { record } of apologised) {
      const [apology] = record.apologies;
      expect(record.apologies).toHaveLength(1);
      expect(new Date(apology!.issuedAt).getTime()).toBeLessThanOrEqual(Date.parse(record.dueAt!));
      expect(apology!.newDueDate > localDate(record.dueAt!)).toBe(true);
      expect(calendar.isWorkingDay(apology!.newDueDate)).toBe(true);
      if (record.finishedAt) {
        expect(record.finishedAt > record.dueAt!).toBe(true);
        expect(localDate(record.finishedAt) <= apology!.newDueDate).toBe(true);
      }
    }
  });

  it('only extends histories when now moves on: the earlier ones are prefixes', () => {
    const later = generate(options({ months: ['2026-09', '2026-10'], now: new Date(now.getTime() + 20 * 86_400_000) }));
    const earlier = dossiers.filter((d) => d.record.submittedAt! < '2026-10-31T17:00:00.000Z');
    expect(later.map((d) => d.record.code)).toEqual(earlier.map((d) => d.record.code));
    let extended = 0;
    earlier.forEach(({ history }, i) => {
      const next = later[i]!.history;
      expect(next.slice(0, history.length)).toEqual(history);
      if (next.length > history.length) extended += 1;
    });
    expect(extended).toBeGreaterThan(0);
  });

  it('leaves dossiers submitted in the last days before now open, and closes most older ones', () => {
    const recent = dossiers.filter((d) => now.getTime() - Date.parse(d.record.submittedAt!) < 3 * 86_400_000);
    expect(recent.length).toBeGreaterThan(20);
    expect(recent.filter((d) => OPEN.includes(d.record.status)).length / recent.length).toBeGreaterThan(0.5);
    const september = dossiers.filter((d) => monthOf(d.record.submittedAt!) === '2026-09');
    const closed = september.filter((d) => ['returned', 'not_received', 'withdrawn', 'stopped'].includes(d.record.status));
    expect(closed.length / september.length).toBeGreaterThan(0.8);
  });
});

describe('codes and counts', () => {
  it('gives unique codes in gap-free daily sequences per agency, dated by submission', () => {
    const codes = dossiers.map((d) => d.record.code!);
    expect(new Set(codes).size).toBe(codes.length);
    const sequences = new Map<string, { seq: number; at: number }[]>();
    for (const { record } of dossiers) {
      const parsed = parseDossierCode(record.code!);
      expect(parsed).not.toBeNull();
      expect(parsed!.agencyCode).toBe(record.agencyCode);
      expect(parsed!.date).toBe(localDate(record.submittedAt!));
      const key = `${parsed!.agencyCode}|${parsed!.date}`;
      sequences.set(key, [...(sequences.get(key) ?? []), { seq: parsed!.sequence, at: Date.parse(record.submittedAt!) }]);
    }
    for (const [key, list] of sequences) {
      const sorted = [...list].sort((a, b) => a.seq - b.seq);
      expect(sorted.map((x) => x.seq), key).toEqual(sorted.map((_, i) => i + 1));
      // The counter runs in submission order.
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.at).toBeGreaterThanOrEqual(sorted[i - 1]!.at);
    }
  });

  it('generates exactly the requested dossiers per agency and month', () => {
    const counted = new Map<string, number>();
    for (const { record } of dossiers) {
      const key = `${record.agencyCode}|${monthOf(record.submittedAt!)}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    const expected = new Map(agencies.flatMap((a) => months.map((m) => [`${a.code}|${m}`, countFor(a.code, m)] as const)));
    expect(counted).toEqual(expected);
  });

  it('refuses months after now and agencies that handle no procedure', () => {
    expect(() => generate(options({ months: ['2026-12'] }))).toThrow(/after now/);
    const stray = { code: '000.00.00.G99', name: 'Bộ thử', level: 'central' as const, parentCode: null };
    expect(eligibleProcedures(stray, [])).toEqual([]);
    expect(() => generate(options({ agencies: [stray], procedures: [] }))).toThrow(/no procedure/);
    expect(generate(options({ agencies: [stray], procedures: [], perAgencyMonth: () => 0 }))).toEqual([]);
  });

  it('gives a central agency only its own ministry procedures', () => {
    for (const { record } of dossiers.filter((d) => d.record.agencyCode.includes('.G'))) {
      const p = byCode.get(record.procedureCode)!;
      expect(p.agencyKinds).toContain('central');
      if (p.ministryCodes?.length) expect(p.ministryCodes).toContain(record.agencyCode);
    }
  });
});

describe('agency profiles', () => {
  const RANGES: Record<keyof AgencyProfile, [number, number]> = {
    onlineShare: [0.2, 0.9], onTimeRate: [0.6, 0.99], supplementRate: [0.03, 0.2], multiSupplementShare: [0.01, 0.15],
    refusalRate: [0.005, 0.05], withdrawalRate: [0.005, 0.03], stopRate: [0.003, 0.02], digitisationRate: [0.3, 0.95],
    electronicResultRate: [0.2, 0.9], onlinePaymentShare: [0.2, 0.9], vneidShare: [0.5, 0.98], untouchedShare: [0.005, 0.05],
    agencySystemShare: [0, 0.95], apologyRate: [0.3, 0.9],
  };

  it('is deterministic per agency, within its ranges, and differs across provinces', () => {
    const profiles = provinces.map((p) => agencyProfile(766, p.code));
    expect(provinces.map((p) => agencyProfile(766, p.code))).toEqual(profiles);
    expect(agencyProfile(767, provinces[0]!.code)).not.toEqual(profiles[0]);
    for (const profile of profiles) {
      expect(Object.keys(profile).sort()).toEqual(Object.keys(RANGES).sort());
      for (const [field, [lo, hi]] of Object.entries(RANGES)) {
        const v = profile[field as keyof AgencyProfile];
        expect(v, field).toBeGreaterThanOrEqual(lo);
        expect(v, field).toBeLessThanOrEqual(hi);
      }
    }
    for (const field of Object.keys(RANGES) as (keyof AgencyProfile)[]) {
      const values = profiles.map((p) => p[field]);
      expect(new Set(values).size, field).toBe(provinces.length);
      const [lo, hi] = RANGES[field];
      expect(Math.max(...values) - Math.min(...values), field).toBeGreaterThan((hi - lo) * 0.3);
    }
  });

  it('shows in the dossiers: the most punctual and online province beats the least', () => {
    const profiles = provinces.map((p) => ({ code: p.code, profile: agencyProfile(766, p.code) }));
    const rate = (code: string, of: (d: GeneratedDossier) => boolean | null) => {
      const values = dossiers.filter((d) => d.record.agencyCode === code).map(of).filter((v): v is boolean => v !== null);
      return values.filter(Boolean).length / values.length;
    };
    const onTime = (d: GeneratedDossier) => (d.record.finishedAt && d.record.supplementRounds === 0 ? d.record.finishedAt <= d.record.dueAt! : null);
    const online = (d: GeneratedDossier) => d.record.channel === 'online';
    for (const [field, of] of [['onTimeRate', onTime], ['onlineShare', online]] as const) {
      const sorted = [...profiles].sort((a, b) => a.profile[field] - b.profile[field]);
      const low = sorted.slice(0, 3).map((p) => rate(p.code, of));
      const high = sorted.slice(-3).map((p) => rate(p.code, of));
      expect(high.reduce((a, b) => a + b) / 3, field).toBeGreaterThan(low.reduce((a, b) => a + b) / 3 + 0.1);
    }
  });

  it('lets a commune share its province system: its dossiers handled by the same agency system key', () => {
    for (const commune of communes) {
      const keys = new Set(dossiers.filter((d) => d.record.agencyCode === commune.code)
        .flatMap((d) => d.history.filter((h) => h.actor.kind === 'agency_system').map((h) => h.actor.id)));
      expect([...keys]).toEqual([`sync-${commune.parentCode}`]);
    }
  });
});
