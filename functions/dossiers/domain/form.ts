// E-form validation against a procedure's form definition (docs/requirements.md R-CATALOGUE-FORM).
// Pure: no I/O, never throws on data. A broken definition (an invalid or unsafe `pattern`, a select
// without options, a duplicate field name) is the catalogue's fault, not the applicant's: the rule
// is skipped and a warning returned, so the caller can log it and an admin can fix the procedure.
//
// F1  `values` must be an object; a field not in the definition is an error ("unknown field").
// F2  Absent, null, and blank-string values are "not given": an error when the field is required,
//     otherwise the field is left out of the normalised values.
// F3  Strings are Unicode-normalised to NFC (Vietnamese typed on some systems arrives decomposed)
//     and trimmed; lengths count code points. Text and addresses may not hold control characters
//     other than tab and line breaks.
// F4  Per type: text ≤ 2000; number = finite JSON number or a plain decimal string ("12", "-3.5"),
//     normalised to a number; date = real YYYY-MM-DD; select = one of the option values;
//     idNumber = 12-digit personal ID with a province code of birth registration (spaces removed);
//     phone = Vietnamese `0` + 9–10 digits or `+84` + 9–10 digits (spaces, dots, dashes and
//     parentheses removed), normalised to the national form `0…`; email (domain lower-cased);
//     address = 5–500 characters.
// F5  `pattern` is a JS regex source matched against the WHOLE normalised value (as the HTML
//     `pattern` attribute does), compiled with the `u` flag (falling back to none). Patterns that
//     do not compile, or that nest unbounded quantifiers (`(a+)+`: catastrophic backtracking on a
//     request path), are skipped with a warning.
import type * as z from 'zod';
import type { FormField as FormFieldSchema } from '../../../shared/contracts/catalogue';
import { isIsoDate } from './time';

export type FormField = z.infer<typeof FormFieldSchema>;
export type FormValue = string | number;

export interface FormIssue {
  /** `form.<name>` (or `form` for the whole object). */
  path: string;
  message: string;
}

export interface FormResult {
  ok: boolean;
  errors: FormIssue[];
  /** Problems of the definition itself (the catalogue's fault); never block the applicant. */
  warnings: FormIssue[];
  /** The given fields, normalised (F3, F4). */
  values: Record<string, FormValue>;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/**
 * Province codes of birth registration that open a 12-digit personal ID number (Circular
 * 07/2016/TT-BCA: "0" + the GSO code of the 63 provinces before the 2025 merger; the 34 merged
 * provinces kept codes from this set, and issued numbers never change).
 */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38,
    40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80,
    82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
  ].map((n) => String(n).padStart(3, '0')),
);

/**
 * A personal ID number (số định danh cá nhân): 12 digits — province code (3, a known one), century
 * and sex (1, any digit), year of birth (2), random (6).
 */
export const isPersonalIdNumber = (s: unknown): boolean =>
  typeof s === 'string' && /^\d{12}$/.test(s) && ID_PROVINCE_CODES.has(s.slice(0, 3));

/** An enterprise code (mã số doanh nghiệp): 10 digits, or 13 with a branch suffix `-001`…`-999`. */
export const isEnterpriseCode = (s: unknown): boolean =>
  typeof s === 'string' && /^\d{10}(?:-(?!000)\d{3})?$/.test(s);

// ---------------------------------------------------------------------------------------------
// Patterns (F5)

type Compiled = { re: RegExp } | { warning: string };
const compiled = new Map<string, Compiled>();

/** Whether a regex source repeats a group that itself holds an unbounded quantifier. */
export const hasNestedQuantifier = (src: string): boolean => {
  const stack: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push(false); continue; }
    const rest = src.slice(i + 1);
    if (c === ')') {
      const inner = stack.length > 1 ? stack.pop()! : false;
      const repeat = /^(?:[+*]|\{\d*,\d*\}|\{(\d+)\})/.exec(rest);
      const repeated = !!repeat && !(repeat[1] !== undefined && Number(repeat[1]) <= 1);
      if (inner && repeated) return true;
      stack[stack.length - 1] ||= inner;
      continue;
    }
    if (c === '+' || c === '*' || (c === '{' && /^\d*,\d*\}/.test(rest))) stack[stack.length - 1] = true;
  }
  return false;
};

const compilePattern = (source: string): Compiled => {
  let hit = compiled.get(source);
  if (hit) return hit;
  if (hasNestedQuantifier(source)) {
    hit = { warning: 'pattern skipped: it nests repeated quantifiers (catastrophic backtracking)' };
  } else {
    hit = { warning: 'pattern skipped: it is not a valid regular expression' };
    for (const flags of ['u', '']) {
      try {
        hit = { re: new RegExp(`^(?:${source})$`, flags) };
        break;
      } catch {
        // try the next flags; the warning stands if none compiles
      }
    }
  }
  if (compiled.size < 1000) compiled.set(source, hit);
  return hit;
};

// ---------------------------------------------------------------------------------------------
// Per-type rules (F3, F4)

type Check = { value: FormValue } | { error: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: the class names the control characters a form value must not contain
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const length = (s: string): number => [...s].length;
const clean = (s: string): string => s.normalize('NFC').trim();

const boundedText = (v: unknown, min: number, max: number, what: string): Check => {
  if (typeof v !== 'string') return { error: `must be ${what}` };
  const s = clean(v);
  if (CONTROL.test(s)) return { error: 'must not contain control characters' };
  const n = length(s);
  if (n < min) return { error: `must be at least ${min} characters` };
  if (n > max) return { error: `must be at most ${max} characters` };
  return { value: s };
};

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/;

const CHECKS: Record<FormField['type'], (v: unknown, field: FormField) => Check> = {
  text: (v) => boundedText(v, 0, 2000, 'text'),
  address: (v) => boundedText(v, 5, 500, 'an address (địa chỉ)'),
  number: (v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { error: 'must be a finite number' };
    if (typeof v === 'string' && /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/.test(v.trim())) {
      const n = Number(v.trim());
      if (Number.isFinite(n)) return { value: n };
    }
    return { error: 'must be a number (digits, "." for decimals)' };
  },
  date: (v) =>
    typeof v === 'string' && isIsoDate(v.trim())
      ? { value: v.trim() }
      : { error: 'must be a real date written YYYY-MM-DD' },
  select: (v, field) => {
    if (typeof v !== 'string') return { error: 'must be one of the listed options' };
    const s = clean(v);
    if (!field.options?.length) return { value: s }; // the definition's fault: warned about in validateForm
    return field.options.some((o) => o.value === s)
      ? { value: s }
      : { error: `must be one of: ${field.options.map((o) => o.value).join(', ')}` };
  },
  idNumber: (v) => {
    if (typeof v !== 'string') return { error: 'must be a 12-digit personal ID number (số định danh cá nhân)' };
    const s = v.replace(/\s+/g, '');
    if (!/^\d{12}$/.test(s)) return { error: 'must be a 12-digit personal ID number (số định danh cá nhân)' };
    if (!isPersonalIdNumber(s)) return { error: `must start with a province code of birth registration (${s.slice(0, 3)} is not one)` };
    return { value: s };
  },
  phone: (v) => {
    const bad = { error: 'must be a Vietnamese phone number: 0 followed by 9–10 digits, or +84' };
    if (typeof v !== 'string') return bad;
    const s = v.replace(/[\s.()-]+/g, '');
    const m = /^(?:0|\+84)([1-9]\d{8,9})$/.exec(s);
    return m ? { value: `0${m[1]}` } : bad;
  },
  email: (v) => {
    if (typeof v !== 'string') return { error: 'must be an email address' };
    const s = v.trim();
    const at = s.lastIndexOf('@');
    if (s.length > 254 || at < 1 || at > 64 || !EMAIL.test(s) || s.includes('..') || s.startsWith('.') || s[at - 1] === '.') {
      return { error: 'must be an email address' };
    }
    return { value: `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}` };
  },
};

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates and normalises `values` against a form definition (F1–F5). */
export const validateForm = (definition: { fields: readonly FormField[] }, values: unknown): FormResult => {
  const errors: FormIssue[] = [];
  const warnings: FormIssue[] = [];
  const out: [string, FormValue][] = [];

  const fields = new Map<string, FormField>();
  for (const f of definition.fields) {
    if (fields.has(f.name)) warnings.push({ path: `form.${f.name}`, message: 'duplicate field in the definition: the first one is used' });
    else fields.set(f.name, f);
  }

  if (values !== undefined && values !== null && !isRecord(values)) {
    return { ok: false, errors: [{ path: 'form', message: 'must be an object of field values' }], warnings, values: {} };
  }
  const given: Record<string, unknown> = values ?? {};

  for (const key of Object.keys(given)) {
    if (!fields.has(key)) errors.push({ path: `form.${key}`, message: 'is not a field of this form' });
  }

  for (const field of fields.values()) {
    const path = `form.${field.name}`;
    const raw = Object.hasOwn(given, field.name) ? given[field.name] : undefined;
    const check = CHECKS[field.type];
    if (!check) warnings.push({ path, message: `unknown field type ${JSON.stringify(field.type)}: checked as text` });
    if (field.type === 'select' && !field.options?.length) {
      warnings.push({ path, message: 'select field without options: any value is accepted' });
    }
    let pattern: RegExp | undefined;
    if (field.pattern !== undefined) {
      const c = compilePattern(field.pattern);
      if ('re' in c) pattern = c.re;
      else warnings.push({ path, message: c.warning });
    }

    if (blank(raw)) {
      if (field.required) errors.push({ path, message: 'is required' });
      continue;
    }
    const result = (check ?? CHECKS.text)(raw, field);
    if ('error' in result) {
      errors.push({ path, message: result.error });
      continue;
    }
    if (pattern && !pattern.test(String(result.value))) {
      errors.push({ path, message: `does not have the expected format (${field.label})` });
      continue;
    }
    out.push([field.name, result.value]);
  }
  return { ok: errors.length === 0, errors, warnings, values: Object.fromEntries(out) };
};
