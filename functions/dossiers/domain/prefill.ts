// Prefilled and locked form fields (docs/dossiers.md "Prefilled and locked fields"). A procedure's
// form field may name a `source` in a State register: the population database for a citizen, the
// business register for a business. The portal fills such a field from the applicant's record and
// locks it: the applicant may leave it out or send the same value, never another one. Pure: the
// records come in, the values, the refusals and what the dossier keeps come out.
//
// P1  A field is filled only from the applicant's own register (`population.*` for a citizen,
//     `enterprise.*` for a business); the others are typed as before. No record: nothing is filled.
// P2  Values are compared as the form keeps them (validateForm's normalisation): a sent value that
//     normalises to the State's is not a change; any other value, valid or not, is.
// P3  The dossier keeps, per filled field, its source, the read time and a SHA-256 of the value
//     (not the value again): submission refuses a form whose locked value no longer matches.
// P4  Online submission needs e-ID level 2: domain/eid-level.ts (dependency-free, the wizard uses it).
import { createHash } from 'node:crypto';
import type { FormFieldSource } from '../../../shared/contracts/catalogue';
import { validateForm, type FormField, type FormValue } from './form';

export type Register = 'population' | 'enterprise';

/** An address as the national data-sharing platform gives it. */
export interface RegisterAddress { provinceCode?: string; communeCode?: string; detail?: string; text: string }

/** A person in the national population database (docs/identity.md "Population data"). */
export interface CitizenRecord {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  permanentAddress: RegisterAddress;
  currentAddress: RegisterAddress;
  guardianIdNumber?: string;
}

/** A business in the national business register. */
export interface EnterpriseRecord {
  enterpriseCode: string;
  name: string;
  address: RegisterAddress | string;
  legalRepresentativeIdNumber: string;
  legalRepresentativeName: string;
}

export type RegisterRecord = { register: 'population'; record: CitizenRecord } | { register: 'enterprise'; record: EnterpriseRecord };

/** A field the register filled. */
export interface FilledField { name: string; source: FormFieldSource; value: FormValue }

/** What a dossier keeps of a filled field (P3). */
export interface PrefilledFieldRecord { name: string; source: FormFieldSource; readAt: string; valueHash: string }

export const registerOfSource = (source: FormFieldSource): Register => (source.startsWith('population.') ? 'population' : 'enterprise');

/** The register an applicant's own fields come from (P1). */
export const registerFor = (applicantType: 'citizen' | 'business'): Register => (applicantType === 'citizen' ? 'population' : 'enterprise');

/** The form's fields filled from `register`. */
export const sourcedFields = (fields: readonly FormField[], register: Register): (FormField & { source: FormFieldSource })[] =>
  fields.filter((f): f is FormField & { source: FormFieldSource } => f.source !== undefined && registerOfSource(f.source) === register);

const addressText = (a: RegisterAddress | string): string => (typeof a === 'string' ? a : a.text);

/** The catalogue writes sex as a select of `nam`/`nu` (scripts/seed/forms.ts); the registers as male/female. */
const SEX_VALUES: Record<CitizenRecord['sex'], { options: string[]; text: string }> = {
  male: { options: ['nam', 'male'], text: 'Nam' },
  female: { options: ['nu', 'female'], text: 'Nữ' },
};

const sexValue = (sex: CitizenRecord['sex'], field: FormField): string => {
  const known = SEX_VALUES[sex];
  return field.options?.find((o) => known.options.includes(o.value))?.value ?? known.text;
};

const citizenValue = (r: CitizenRecord, source: FormFieldSource, field: FormField): string | undefined => {
  switch (source) {
    case 'population.idNumber': return r.idNumber;
    case 'population.fullName': return r.fullName;
    case 'population.dateOfBirth': return r.dateOfBirth;
    case 'population.sex': return sexValue(r.sex, field);
    case 'population.permanentAddress': return addressText(r.permanentAddress);
    case 'population.currentAddress': return addressText(r.currentAddress);
    default: return undefined;
  }
};

const enterpriseValue = (r: EnterpriseRecord, source: FormFieldSource): string | undefined => {
  switch (source) {
    case 'enterprise.enterpriseCode': return r.enterpriseCode;
    case 'enterprise.name': return r.name;
    case 'enterprise.address': return addressText(r.address);
    case 'enterprise.legalRepresentativeIdNumber': return r.legalRepresentativeIdNumber;
    case 'enterprise.legalRepresentativeName': return r.legalRepresentativeName;
    default: return undefined;
  }
};

/** One field's value as the form keeps it (P2), or undefined when the form's rules refuse it. */
const normalised = (field: FormField, value: unknown): FormValue | undefined =>
  validateForm({ fields: [{ ...field, required: false }] }, { [field.name]: value }).values[field.name];

/**
 * The values the register gives the form's fields (P1). A value the field's own rules refuse (a
 * register's address shorter than the form allows) is left for the applicant to type, unlocked.
 */
export const filledFields = (fields: readonly FormField[], found: RegisterRecord): FilledField[] => {
  const out: FilledField[] = [];
  for (const field of sourcedFields(fields, found.register)) {
    const raw = found.register === 'population' ? citizenValue(found.record, field.source, field) : enterpriseValue(found.record, field.source);
    const value = raw === undefined || raw === '' ? undefined : normalised(field, raw);
    if (value !== undefined) out.push({ name: field.name, source: field.source, value });
  }
  return out;
};

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The locked fields a sent form changes (P2): sent, not blank, and not the State's value once normalised. */
export const changedLockedFields = (fields: readonly FormField[], sent: Record<string, unknown>, filled: readonly FilledField[]): string[] => {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return filled
    .filter((f) => Object.hasOwn(sent, f.name) && !isBlank(sent[f.name]) && normalised(byName.get(f.name)!, sent[f.name]) !== f.value)
    .map((f) => f.name);
};

/** The sent form with the State's values in the locked fields. */
export const withFilledValues = (sent: Record<string, unknown>, filled: readonly FilledField[]): Record<string, unknown> => ({
  ...sent,
  ...Object.fromEntries(filled.map((f) => [f.name, f.value])),
});

export const valueHash = (value: FormValue): string => createHash('sha256').update(`${typeof value}:${value}`).digest('hex');

/** What the dossier keeps of the filled fields (P3). */
export const prefilledRecords = (filled: readonly FilledField[], readAt: string): PrefilledFieldRecord[] =>
  filled.map((f) => ({ name: f.name, source: f.source, readAt, valueHash: valueHash(f.value) }));

/** The locked fields whose value in `form` is no longer the one read (P3). */
export const tamperedLockedFields = (prefilled: readonly PrefilledFieldRecord[] | undefined, form: Record<string, FormValue>): string[] =>
  (prefilled ?? []).filter((p) => !Object.hasOwn(form, p.name) || valueHash(form[p.name]!) !== p.valueHash).map((p) => p.name);

export const lockedFieldDetails = (names: readonly string[], prefix: string) =>
  names.map((name) => ({ path: `${prefix}${name}`, message: "filled from the State's data and locked: it cannot be changed" }));
