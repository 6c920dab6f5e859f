// Validates the generated catalogue seed (seed/catalogue/*.json, built by scripts/build-seed.ts)
// against the shared contract (shared/contracts/catalogue.ts) and the rules of docs/requirements.md
// R-CATALOGUE-PROCEDURE and R-CATALOGUE-SEED.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AdministrativeUnit, Agency, Bank, Holiday, Procedure, ResultType, RevenueItem, Sector, TreasuryAccount,
} from '../../shared/contracts/catalogue';
import { SECTOR_DOMAIN } from '../../scripts/seed/reference';
import { holidaysFor, type MakeupDay } from '../../functions/catalogue/domain/holidays';
import { InMemoryCatalogueStore } from '../../functions/catalogue/adapters/memory-store';
import { loadCatalogue } from '../../functions/catalogue/load';
import { CATALOGUE_NAMES } from '../../shared/contracts/catalogue';

const DIR = resolve(__dirname, '../../seed/catalogue');
const load = <T = unknown>(name: string): T => JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as T;

const procedures = load<z.infer<typeof Procedure>[]>('procedures.json');
const agencies = load<z.infer<typeof Agency>[]>('agencies.json');
const units = load<z.infer<typeof AdministrativeUnit>[]>('administrative-units.json');
const sectors = load<z.infer<typeof Sector>[]>('sectors.json');
const resultTypes = load<z.infer<typeof ResultType>[]>('result-types.json');
const revenueItems = load<z.infer<typeof RevenueItem>[]>('revenue-items.json');
const banks = load<z.infer<typeof Bank>[]>('banks.json');
const treasury = load<z.infer<typeof TreasuryAccount>[]>('treasury-accounts.json');
const makeupDays = load<Array<{ date: string; kind: string; name: string; source: string }>>('makeup-days.json');
const holidays = holidaysFor([2025, 2026, 2027], makeupDays as MakeupDay[]);

/** Stricter than the contract where the brief is (exact keys, ISO dates, MIME lists, codes). */
const StrictProcedure = Procedure.extend({
  ministryCodes: z.array(z.string().regex(/^000\.00\.00\.G\d{2}$/)).min(1).optional(),
  announcedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  applicantTypes: z.array(z.enum(['citizen', 'business'])).min(1),
  steps: z.array(z.string().min(1)).min(1),
}).strict();

const unique = (xs: string[]) => new Set(xs).size === xs.length;
const codes = <T extends { code: string }>(xs: T[]) => xs.map((x) => x.code);

describe('procedures.json', () => {
  it('has at least 60 procedures, all valid per the contract', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(60);
    for (const p of procedures) {
      const r = StrictProcedure.safeParse(p);
      expect(r.success, `${p.code}: ${r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))}`).toBe(true);
    }
  });

  it('has unique procedure codes, sorted', () => {
    expect(unique(codes(procedures))).toBe(true);
    expect(codes(procedures)).toEqual([...codes(procedures)].sort());
  });

  it('covers the 9 domains and the 3 levels', () => {
    const domains = new Set(procedures.map((p) => SECTOR_DOMAIN[p.sectorCode]));
    for (const d of ['civil_status', 'residence', 'business_registration', 'land', 'construction', 'transport', 'education', 'health', 'justice']) {
      expect(domains, d).toContain(d);
    }
    expect(new Set(procedures.map((p) => p.level))).toEqual(new Set(['central', 'province', 'commune']));
  });

  it('contains Đăng ký khai sinh (1.001193)', () => {
    const birth = procedures.find((p) => p.code === '1.001193');
    expect(birth?.name).toBe('Thủ tục đăng ký khai sinh');
    expect(birth?.level).toBe('commune');
    const fields = birth!.form.fields.map((f) => f.name);
    for (const f of ['childFullName', 'childDateOfBirth', 'childSex', 'childPlaceOfBirth', 'motherFullName', 'motherIdNumber', 'requesterRelationship']) {
      expect(fields).toContain(f);
    }
    expect(birth!.form.fields.find((f) => f.name === 'childSex')?.type).toBe('select');
    expect(birth!.form.fields.find((f) => f.name === 'motherIdNumber')?.type).toBe('idNumber');
  });

  it('every procedure has a required component and unique component codes', () => {
    for (const p of procedures) {
      expect(p.components.some((c) => c.required), p.code).toBe(true);
      expect(unique(codes(p.components)), p.code).toBe(true);
      for (const c of p.components) expect(c.accept.length).toBeGreaterThan(0);
    }
  });

  it('every fee has a unique code within its procedure, an integer amount and a known revenue item of the same kind', () => {
    const items = new Map(revenueItems.map((r) => [r.code, r]));
    for (const p of procedures) {
      expect(unique(codes(p.fees)), p.code).toBe(true);
      for (const f of p.fees) {
        expect(Number.isInteger(f.amount) && f.amount >= 0, `${p.code} ${f.code}`).toBe(true);
        // Suspect amounts (0 < x < 1000) must have been resolved.
        expect(f.amount === 0 || f.amount >= 1000, `${p.code} ${f.code} ${f.amount}`).toBe(true);
        const item = items.get(f.revenueItemCode);
        expect(item, `${p.code} ${f.revenueItemCode}`).toBeDefined();
        expect(item!.kind, `${p.code} ${f.code}`).toBe(f.kind);
      }
    }
  });

  it('form field names are unique camelCase identifiers; selects have options, patterns compile', () => {
    for (const p of procedures) {
      const names = p.form.fields.map((f) => f.name);
      expect(unique(names), p.code).toBe(true);
      expect(p.form.fields.length).toBeGreaterThan(0);
      for (const f of p.form.fields) {
        expect(f.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        if (f.type === 'select') expect(f.options?.length, `${p.code}.${f.name}`).toBeGreaterThan(0);
        if (f.pattern) expect(() => new RegExp(f.pattern!)).not.toThrow();
        if (f.type === 'idNumber') expect(new RegExp(f.pattern!).test('001203004567')).toBe(true);
      }
    }
  });

  it('keeps the 20 online-service levels known from the police portal', () => {
    const known: Record<string, string> = {
      '1.004222': 'partial', '1.004194': 'partial', '1.002755': 'partial', '1.003197': 'full', '1.010028': 'full',
      '1.003677': 'full', '2.001159': 'full', '1.010038': 'partial', '1.010041': 'full', '1.010039': 'full',
      '1.014062': 'partial', '2.000200': 'partial', '2.001195': 'partial', '1.001247': 'partial', '1.001456': 'full',
      '1.001471': 'full', '1.010386': 'full', '3.000333': 'full', '3.000346': 'partial', '1.012575': 'full',
    };
    for (const [code, level] of Object.entries(known)) {
      expect(procedures.find((p) => p.code === code)?.onlineService, code).toBe(level);
    }
    // The rule for the rest: partial when offered online, none otherwise.
    for (const p of procedures.filter((x) => !(x.code in known))) {
      expect(p.onlineService, p.code).toBe(p.channels.includes('online') ? 'partial' : 'none');
    }
  });

  it('only central procedures carry ministryCodes, and they are seeded ministries', () => {
    const central = new Set(agencies.filter((a) => a.level === 'central').map((a) => a.code));
    for (const p of procedures) {
      if (p.level === 'central') {
        expect(p.ministryCodes?.length, p.code).toBeGreaterThan(0);
        for (const m of p.ministryCodes!) expect(central.has(m), `${p.code} ${m}`).toBe(true);
      } else {
        expect(p.ministryCodes, p.code).toBeUndefined();
      }
      expect(p.agencyKinds, p.code).toContain(p.level);
    }
  });

  it('references existing sectors and result types', () => {
    const sectorCodes = new Set(codes(sectors));
    const resultCodes = new Set(codes(resultTypes));
    for (const p of procedures) {
      expect(sectorCodes.has(p.sectorCode), `${p.code} sector ${p.sectorCode}`).toBe(true);
      expect(p.resultTypes.length).toBeGreaterThan(0);
      for (const r of p.resultTypes) expect(resultCodes.has(r), `${p.code} result ${r}`).toBe(true);
    }
  });

  it('resolves the processing-time caveats (no "other" units, positive values)', () => {
    for (const p of procedures) {
      expect(['working_day', 'working_hour', 'day']).toContain(p.processingTime.unit);
      expect(p.processingTime.value).toBeGreaterThan(0);
    }
    expect(procedures.find((p) => p.code === '1.001193')?.processingTime).toEqual({ value: 1, unit: 'working_day' });
    expect(procedures.find((p) => p.code === '1.001612')?.processingTime).toEqual({ value: 3, unit: 'working_day' });
  });
});

describe('shared catalogues', () => {
  it('agencies: 17 ministries, 34 provincial and sampled commune People’s Committees, valid and linked', () => {
    for (const a of agencies) expect(Agency.safeParse(a).success, a.code).toBe(true);
    expect(unique(codes(agencies))).toBe(true);
    expect(agencies.every((a) => a.id === a.code)).toBe(true);
    const central = agencies.filter((a) => a.level === 'central');
    const province = agencies.filter((a) => a.level === 'province');
    const commune = agencies.filter((a) => a.level === 'commune');
    expect(central).toHaveLength(17);
    expect(province).toHaveLength(34);
    for (const a of central) expect(a.code).toMatch(/^000\.00\.00\.G\d{2}$/);
    for (const a of province) {
      expect(a.code).toMatch(/^000\.00\.00\.H\d{2}$/);
      expect(a.name.startsWith('UBND ')).toBe(true);
    }
    expect(central.filter((a) => a.note).map((a) => a.code).sort()).toEqual(['000.00.00.G23', '000.00.00.G24']);
    expect(province.find((a) => a.provinceCode === '01')?.code).toBe('000.00.00.H26');
    const provinceCodes = new Set(province.map((a) => a.code));
    const unitCodes = new Set(codes(units));
    for (const a of commune) {
      expect(provinceCodes.has(a.parentCode!), a.code).toBe(true);
      expect(a.code).toMatch(/^000\.00\.\d{5}\.H\d{2}$/);
      expect(unitCodes.has(a.administrativeUnitCode!), a.code).toBe(true);
      const parent = province.find((p) => p.code === a.parentCode)!;
      expect(a.provinceCode).toBe(parent.provinceCode);
      expect(a.code.endsWith(parent.code.slice(-3))).toBe(true);
    }
    // All communes of Hà Nội (126) and Huế (40), 5 per other province.
    expect(commune.filter((a) => a.provinceCode === '01')).toHaveLength(126);
    expect(commune.filter((a) => a.provinceCode === '46')).toHaveLength(40);
    expect(commune).toHaveLength(126 + 40 + 32 * 5);
  });

  it('administrative units: 34 provinces and all 3,321 communes with valid parents', () => {
    for (const u of units) expect(AdministrativeUnit.safeParse(u).success, u.code).toBe(true);
    expect(unique(codes(units))).toBe(true);
    const provinces = units.filter((u) => u.level === 'province');
    const communes = units.filter((u) => u.level === 'commune');
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    expect(new Set(provinces.map((p) => p.kind))).toEqual(new Set(['thanh_pho', 'tinh']));
    expect(provinces.filter((p) => p.kind === 'thanh_pho')).toHaveLength(6);
    const counts = { xa: 0, phuong: 0, dac_khu: 0 } as Record<string, number>;
    for (const c of communes) counts[c.kind!]! += 1;
    expect(counts).toEqual({ xa: 2621, phuong: 687, dac_khu: 13 });
    const provinceCodes = new Set(codes(provinces));
    for (const c of communes) expect(provinceCodes.has(c.parentCode!), c.code).toBe(true);
  });

  it('sectors, result types, revenue items, banks are valid with unique codes', () => {
    for (const [list, schema] of [
      [sectors, Sector], [resultTypes, ResultType], [revenueItems, RevenueItem], [banks, Bank],
    ] as const) {
      for (const x of list) expect((schema as z.ZodType).safeParse(x).success, JSON.stringify(x)).toBe(true);
      expect(unique(codes(list as Array<{ code: string }>))).toBe(true);
      expect((list as Array<{ id: string; code: string }>).every((x) => x.id === x.code)).toBe(true);
    }
    expect(banks.length).toBeGreaterThanOrEqual(12);
    expect(unique(banks.map((b) => b.bin))).toBe(true);
    expect(banks.find((b) => b.code === 'VCB')?.bin).toBe('970436');
  });

  it('treasury accounts: one per province and per ministry, at a seeded bank', () => {
    for (const t of treasury) expect(TreasuryAccount.safeParse(t).success, t.code).toBe(true);
    expect(unique(codes(treasury))).toBe(true);
    const owners = agencies.filter((a) => a.level !== 'commune').map((a) => a.code).sort();
    expect(treasury.map((t) => t.agencyCode).sort()).toEqual(owners);
    const bankCodes = new Set(codes(banks));
    for (const t of treasury) {
      expect(bankCodes.has(t.bankCode!)).toBe(true);
      expect(t.accountNumber).toMatch(/^3511\.0\.\d{7}$/);
      expect(t.treasuryName).toMatch(/Kho bạc Nhà nước/);
    }
    expect(unique(treasury.map((t) => t.accountNumber))).toBe(true);
  });

  it('make-up days and the computed holidays are well-formed', () => {
    for (const m of makeupDays) {
      expect(m.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['makeup_workday', 'extra_day_off']).toContain(m.kind);
      expect(m.source.length).toBeGreaterThan(0);
    }
    for (const h of holidays) expect(Holiday.safeParse(h).success, h.date).toBe(true);
    expect(unique(holidays.map((h) => h.id))).toBe(true);
  });
});

describe('loading', () => {
  it('the whole seed loads through the catalogue loader (validation and references)', async () => {
    const catalogues: Record<string, unknown[]> = {};
    for (const name of CATALOGUE_NAMES) if (name !== 'holidays') catalogues[name] = load<unknown[]>(`${name}.json`);
    catalogues.holidays = holidays;
    const report = await loadCatalogue(new InMemoryCatalogueStore(), { procedures, catalogues });
    expect(report.procedures).toBe(procedures.length);
    expect(report.indexedProcedures).toBe(procedures.length);
    expect(report.entries.agencies).toBe(agencies.length);
  });
});
