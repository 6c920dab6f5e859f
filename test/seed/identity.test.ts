// The VNeID sandbox's seeded identities (seed/identity/*.json) hold together: the shapes parse,
// addresses use the seed's administrative units (a commune of the stated province), ID numbers
// follow the citizen ID layout (birth-registration province, century and sex, year of birth),
// minors have an adult seeded guardian, and the demo accounts of the local runtime are in it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../local/seed/accounts';
import { identities, loadIdentitySeed, type SeedAddress, type SeedPerson } from '../../local/vneid/identities';

const seed = loadIdentitySeed();
const ids = identities(seed);
const units = (JSON.parse(readFileSync(new URL('../../seed/catalogue/administrative-units.json', import.meta.url), 'utf8')) as { code: string; level: string; parentCode: string | null }[]);
const provinces = new Set(units.filter((u) => u.level === 'province').map((u) => u.code));
const communeProvince = new Map(units.filter((u) => u.level !== 'province').map((u) => [u.code, u.parentCode]));

/** Age in whole years on a day (YYYY-MM-DD strings compare as dates). */
const ageOn = (birth: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) >= birth.slice(5) ? years : years - 1;
};
const today = new Date().toISOString().slice(0, 10);
/** The day the seed was written: its minors were minors then (they grow up; the rules below hold on any day). */
const SEEDED_ON = '2026-12-01';

const addressProblems = (who: string, address: SeedAddress) => [
  ...(provinces.has(address.provinceCode) ? [] : [`${who}: province ${address.provinceCode} is not a seeded province`]),
  ...(communeProvince.get(address.communeCode) === address.provinceCode ? [] : [`${who}: commune ${address.communeCode} is not a commune of province ${address.provinceCode}`]),
];

/**
 * The 12-digit citizen ID: 3 digits of the birth-registration province ('0' + its code), 1 digit
 * of century and sex (0/1 male/female born in the 1900s, 2/3 in the 2000s), 2 digits of the birth
 * year, 6 digits of sequence.
 */
const idNumberProblems = (p: SeedPerson) => {
  const problems: string[] = [];
  if (!provinces.has(p.idNumber.slice(1, 3)) || p.idNumber[0] !== '0') problems.push(`${p.idNumber}: ${p.idNumber.slice(0, 3)} is not a province's code`);
  const century = Number(p.dateOfBirth.slice(0, 2)) === 19 ? 0 : 2;
  const expected = `${century + (p.sex === 'female' ? 1 : 0)}${p.dateOfBirth.slice(2, 4)}`;
  if (p.idNumber.slice(3, 6) !== expected) problems.push(`${p.idNumber}: digits 4-6 should be ${expected} (${p.sex}, born ${p.dateOfBirth})`);
  return problems;
};

describe('seeded identities (seed/identity)', () => {
  it('has the demo citizen, a dozen more people across several provinces, and both e-ID levels', () => {
    expect(ids.person('001099012345')).toMatchObject({ fullName: 'Nguyễn Văn An', eidLevel: '2' });
    expect(seed.people.length).toBeGreaterThanOrEqual(13);
    expect(new Set(seed.people.map((p) => p.permanentAddress.provinceCode)).size).toBeGreaterThanOrEqual(5);
    for (const province of ['01', '46', '48', '79']) expect(seed.people.some((p) => p.permanentAddress.provinceCode === province), province).toBe(true);
    expect(new Set(seed.people.map((p) => p.eidLevel))).toEqual(new Set(['1', '2']));
    expect(new Set(seed.people.map((p) => p.sex))).toEqual(new Set(['male', 'female']));
  });

  it('ID numbers and enterprise codes are unique', () => {
    const keys = [...seed.people.map((p) => p.idNumber), ...seed.organizations.map((o) => o.enterpriseCode)];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every ID number follows the citizen ID layout for its holder', () => {
    expect(seed.people.flatMap(idNumberProblems)).toEqual([]);
  });

  it('every address uses a seeded province and one of its communes', () => {
    expect([
      ...seed.people.flatMap((p) => [...addressProblems(`${p.idNumber} permanent`, p.permanentAddress), ...addressProblems(`${p.idNumber} current`, p.currentAddress)]),
      ...seed.organizations.flatMap((o) => addressProblems(o.enterpriseCode, o.address)),
    ]).toEqual([]);
  });

  it('minors have a guardian who is a seeded adult; there were minors when it was seeded', () => {
    expect(seed.people.filter((p) => ageOn(p.dateOfBirth, SEEDED_ON) < 18 && p.guardianIdNumber).length).toBeGreaterThanOrEqual(2);
    const problems = seed.people.flatMap((p) => {
      if (ageOn(p.dateOfBirth, today) < 18 && !p.guardianIdNumber) return [`${p.idNumber} is a minor without a guardian`];
      if (!p.guardianIdNumber) return [];
      const guardian = ids.person(p.guardianIdNumber);
      if (!guardian) return [`${p.idNumber}: guardian ${p.guardianIdNumber} is not a seeded person`];
      return ageOn(guardian.dateOfBirth, today) >= 18 && guardian.guardianIdNumber === undefined ? [] : [`${p.idNumber}: guardian ${p.guardianIdNumber} is not an adult`];
    });
    expect(problems).toEqual([]);
  });

  it('organisations: the demo business, and each legal representative is a seeded adult', () => {
    expect(ids.byKey('0101234567')).toMatchObject({ kind: 'organization', organization: { name: 'Công ty TNHH Demo Việt', eidLevel: '2' } });
    expect(seed.organizations.length).toBeGreaterThanOrEqual(3);
    for (const o of seed.organizations) {
      const representative = ids.person(o.legalRepresentativeIdNumber);
      expect(representative, o.enterpriseCode).toBeDefined();
      expect(ageOn(representative!.dateOfBirth, today), o.enterpriseCode).toBeGreaterThanOrEqual(18);
    }
  });

  it('docs/identity.md lists every seeded account', () => {
    const doc = readFileSync(new URL('../../docs/identity.md', import.meta.url), 'utf8');
    const keys = [...seed.people.map((p) => p.idNumber), ...seed.organizations.map((o) => o.enterpriseCode)];
    expect(keys.filter((key) => !doc.includes(`| \`${key}\` |`))).toEqual([]);
  });

  it('the local runtime\'s demo citizen and business are seeded identities with the same names', () => {
    for (const account of DEMO_ACCOUNTS.filter((a) => a.group === 'citizen' || a.group === 'business')) {
      const key = account.attributes['custom:id_number'] ?? account.attributes['custom:enterprise_code']!;
      const found = ids.byKey(key);
      expect(found, account.username).toBeDefined();
      expect(found!.kind === 'citizen' ? found!.person.fullName : found!.organization.name).toBe(account.name);
    }
  });
});
