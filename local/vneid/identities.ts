// The VNeID sandbox's seeded identities (seed/identity/*.json, data read by the sandbox only) and
// what it says about them: the ID token / userinfo claims and the population records of
// docs/identity.md "VNeID sandbox (local)". Addresses are stored as codes of the seed's
// administrative units plus a detail line; the full text is written from the unit names here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const SEED_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../seed');

/** e-ID level (mức độ định danh điện tử): 2 allows submitting dossiers online, 1 does not. */
export const EidLevel = z.enum(['1', '2']);
export const ID_NUMBER = /^\d{12}$/;
/** 10 digits, or 13 with a branch suffix `-NNN` (docs/glossary.md). */
export const ENTERPRISE_CODE = /^\d{10}(-\d{3})?$/;

export const SeedAddress = z.strictObject({
  provinceCode: z.string().regex(/^\d{2}$/),
  communeCode: z.string().regex(/^\d{5}$/),
  detail: z.string().min(1),
});

export const SeedPerson = z.strictObject({
  idNumber: z.string().regex(ID_NUMBER),
  fullName: z.string().min(1),
  dateOfBirth: z.iso.date(),
  sex: z.enum(['male', 'female']),
  eidLevel: EidLevel,
  permanentAddress: SeedAddress,
  currentAddress: SeedAddress,
  /** A minor's parent or guardian, a seeded adult. */
  guardianIdNumber: z.string().regex(ID_NUMBER).optional(),
});

export const SeedOrganization = z.strictObject({
  enterpriseCode: z.string().regex(ENTERPRISE_CODE),
  name: z.string().min(1),
  eidLevel: EidLevel,
  address: SeedAddress,
  legalRepresentativeIdNumber: z.string().regex(ID_NUMBER),
});

export type SeedAddress = z.infer<typeof SeedAddress>;
export type SeedPerson = z.infer<typeof SeedPerson>;
export type SeedOrganization = z.infer<typeof SeedOrganization>;

const AdministrativeUnit = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() });

const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(SEED_ROOT, path), 'utf8'));

export interface IdentitySeed {
  people: readonly SeedPerson[];
  organizations: readonly SeedOrganization[];
  /** Administrative unit names by code (provinces and communes). */
  unitNames: ReadonlyMap<string, string>;
}

export const loadIdentitySeed = (): IdentitySeed => ({
  people: z.array(SeedPerson).parse(readJson('identity/people.json')),
  organizations: z.array(SeedOrganization).parse(readJson('identity/organizations.json')),
  unitNames: new Map(z.array(AdministrativeUnit).parse(readJson('catalogue/administrative-units.json')).map((u) => [u.code, u.name])),
});

/** The population data seam's address: codes, detail and the full text in Vietnamese. */
export interface PopulationAddress extends SeedAddress {
  text: string;
}

const addressOf = (seed: IdentitySeed, address: SeedAddress): PopulationAddress => ({
  ...address,
  text: [address.detail, seed.unitNames.get(address.communeCode), seed.unitNames.get(address.provinceCode)].filter(Boolean).join(', '),
});

/** A seeded account: a person (`citizen`) or an organisation (`organization`). */
export type SeedAccount =
  | { kind: 'citizen'; person: SeedPerson }
  | { kind: 'organization'; organization: SeedOrganization };

/** The ID number or enterprise code that names an account (what `login_hint` carries). */
export const accountKey = (account: SeedAccount) =>
  account.kind === 'citizen' ? account.person.idNumber : account.organization.enterpriseCode;

/**
 * The account's `sub`: opaque (it does not show the ID number) and stable across restarts and
 * machines, as VNeID's pairwise-free subject is for one relying party.
 */
export const subjectOf = (account: SeedAccount) =>
  createHash('sha256').update(`vneid-sandbox:${account.kind}:${accountKey(account)}`).digest('hex').slice(0, 32);

export interface Identities {
  seed: IdentitySeed;
  /** By ID number or enterprise code. */
  byKey(key: string): SeedAccount | undefined;
  bySubject(sub: string): SeedAccount | undefined;
  person(idNumber: string): SeedPerson | undefined;
  /** The ID token / userinfo claims of docs/identity.md (sub included). */
  claims(account: SeedAccount): Record<string, string>;
  citizenRecord(idNumber: string): CitizenRecord | undefined;
  enterpriseRecord(enterpriseCode: string): EnterpriseRecord | undefined;
}

export interface CitizenRecord {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  permanentAddress: PopulationAddress;
  currentAddress: PopulationAddress;
  guardianIdNumber?: string;
}

export interface EnterpriseRecord {
  enterpriseCode: string;
  name: string;
  address: PopulationAddress;
  legalRepresentativeIdNumber: string;
  legalRepresentativeName: string | undefined;
}

export const identities = (seed: IdentitySeed = loadIdentitySeed()): Identities => {
  const accounts: SeedAccount[] = [
    ...seed.people.map((person) => ({ kind: 'citizen' as const, person })),
    ...seed.organizations.map((organization) => ({ kind: 'organization' as const, organization })),
  ];
  const byKey = new Map(accounts.map((a) => [accountKey(a), a]));
  const bySubject = new Map(accounts.map((a) => [subjectOf(a), a]));
  const person = (idNumber: string) => {
    const account = byKey.get(idNumber);
    return account?.kind === 'citizen' ? account.person : undefined;
  };
  return {
    seed,
    byKey: (key) => byKey.get(key),
    bySubject: (sub) => bySubject.get(sub),
    person,
    claims: (account): Record<string, string> => {
      if (account.kind === 'organization') {
        const o = account.organization;
        return {
          sub: subjectOf(account), account_type: 'organization', eid_level: o.eidLevel, name: o.name,
          enterprise_code: o.enterpriseCode, legal_representative_id_number: o.legalRepresentativeIdNumber,
        };
      }
      const p = account.person;
      return {
        sub: subjectOf(account), account_type: 'citizen', eid_level: p.eidLevel, name: p.fullName,
        id_number: p.idNumber, birthdate: p.dateOfBirth, gender: p.sex,
      };
    },
    citizenRecord: (idNumber) => {
      const p = person(idNumber);
      if (!p) return undefined;
      return {
        idNumber: p.idNumber, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex,
        permanentAddress: addressOf(seed, p.permanentAddress), currentAddress: addressOf(seed, p.currentAddress),
        ...(p.guardianIdNumber ? { guardianIdNumber: p.guardianIdNumber } : {}),
      };
    },
    enterpriseRecord: (enterpriseCode) => {
      const account = byKey.get(enterpriseCode);
      if (account?.kind !== 'organization') return undefined;
      const o = account.organization;
      return {
        enterpriseCode: o.enterpriseCode, name: o.name, address: addressOf(seed, o.address),
        legalRepresentativeIdNumber: o.legalRepresentativeIdNumber,
        legalRepresentativeName: person(o.legalRepresentativeIdNumber)?.fullName,
      };
    },
  };
};
