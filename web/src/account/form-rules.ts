// Client-side checks of the wizard's e-form. The rules are the server's own (functions/dossiers/
// domain/form.ts, pure and dependency-free), so the browser and the API can never disagree on what
// a valid value is; this module only turns the server's English issues into Vietnamese (or English)
// sentences that name the field, and maps the API's error `details` onto the wizard's fields.
import { validateForm, type FormField, type FormValue } from '../../../functions/dossiers/domain/form';

export type { FormField, FormValue };
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The id of a form field's input in the wizard (also the error summary's link target). */
export const fieldId = (name: string) => `form-${name}`;

/**
 * The reader's sentence for one server issue on a field. The server's messages are stable
 * sentences of form.ts; each is recognised by its opening words (a unit test runs them all).
 */
export const issueText = (field: Pick<FormField, 'label' | 'type'>, message: string, t: Translate): string => {
  const label = field.label;
  if (message === 'is required') return t(field.type === 'select' ? 'wizard.err.choose' : 'wizard.err.required', { label });
  if (message.startsWith('does not have the expected format')) return t('wizard.err.pattern', { label });
  if (message.startsWith('must not contain control characters')) return t('wizard.err.control', { label });
  if (message.startsWith('must be at least') || message.startsWith('must be at most')) {
    return field.type === 'address' ? t('wizard.err.addressLength', { label }) : t('wizard.err.tooLong', { label, max: 2000 });
  }
  if (message.startsWith('must start with a province code')) {
    const code = /\((\d{3}) is not one\)/.exec(message)?.[1] ?? '';
    return t('wizard.err.idProvince', { label, code });
  }
  const byType: Record<string, string> = {
    number: 'wizard.err.number', date: 'wizard.err.date', select: 'wizard.err.option', idNumber: 'wizard.err.idNumber',
    phone: 'wizard.err.phone', email: 'wizard.err.email', address: 'wizard.err.addressLength', text: 'wizard.err.invalid',
  };
  return t(byType[field.type] ?? 'wizard.err.invalid', { label });
};

export interface FormCheck {
  /** Errors by input id (`form-<name>`), in the form's order. */
  errors: Record<string, string>;
  /** The values as the server will store them (trimmed, normalised). */
  values: Record<string, FormValue>;
}

/** Checks the typed values (strings from the inputs) exactly as the API will. */
export const checkForm = (fields: readonly FormField[], typed: Record<string, string>, t: Translate): FormCheck => {
  // Only the definition's fields are sent; blanks are left out (F2: optional and absent are the same).
  const given: Record<string, string> = {};
  for (const f of fields) if (typed[f.name]?.trim()) given[f.name] = typed[f.name]!;
  const result = validateForm({ fields }, given);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const errors: Record<string, string> = {};
  for (const issue of result.errors) {
    const name = issue.path.replace(/^form\./, '');
    const field = byName.get(name);
    if (field && !errors[fieldId(name)]) errors[fieldId(name)] = issueText(field, issue.message, t);
  }
  // Keep the form's order in the error summary.
  const ordered: Record<string, string> = {};
  for (const f of fields) if (errors[fieldId(f.name)]) ordered[fieldId(f.name)] = errors[fieldId(f.name)]!;
  return { errors: ordered, values: result.values };
};

export interface ApiDetail { path?: string; message?: string }

export interface MappedErrors {
  /** Errors on inputs of the wizard, by input id. */
  fields: Record<string, string>;
  /** Which wizard step holds the first field in error (to go back to it). */
  step: WizardStep | null;
  /** Problems that name no input (shown in the summary without a link). */
  general: string[];
}

export type WizardStep = 'agency' | 'form' | 'delivery' | 'files' | 'review';

/** Input ids of the wizard's own (non-form) fields. */
export const INPUT = {
  province: 'agency-province',
  agency: 'agency-code',
  delivery: 'delivery-online',
  recipient: 'post-recipient',
  postPhone: 'post-phone',
  postAddress: 'post-address',
  contactPhone: 'contact-phone',
  contactEmail: 'contact-email',
} as const;

export const componentInputId = (code: string) => `file-${code}`;

/**
 * The API's `details` (field paths such as `body.form.ownerIdNumber`, `body.postalAddress.phone`,
 * `components.TP01`) on the wizard's inputs, in the reader's language.
 */
export const mapApiDetails = (
  details: readonly ApiDetail[],
  ctx: { fields: readonly FormField[]; components: readonly { code: string; name: string }[] },
  t: Translate,
): MappedErrors => {
  const out: MappedErrors = { fields: {}, step: null, general: [] };
  const order: WizardStep[] = ['agency', 'form', 'delivery', 'files', 'review'];
  const put = (id: string, text: string, step: WizardStep) => {
    if (!out.fields[id]) out.fields[id] = text;
    if (out.step === null || order.indexOf(step) < order.indexOf(out.step)) out.step = step;
  };
  for (const d of details) {
    const path = (d.path ?? '').replace(/^body\./, '');
    const message = d.message ?? '';
    const form = /^form\.([A-Za-z][A-Za-z0-9]*)$/.exec(path);
    const component = /^components\.(.+)$/.exec(path);
    if (form) {
      const field = ctx.fields.find((f) => f.name === form[1]);
      if (field) put(fieldId(field.name), issueText(field, message, t), 'form');
      else out.general.push(t('wizard.err.unknownField', { name: form[1]! }));
    } else if (component) {
      const c = ctx.components.find((x) => x.code === component[1]);
      put(componentInputId(component[1]!), t(message.startsWith('at most') ? 'wizard.err.tooManyFiles' : 'wizard.err.componentMissing', { name: c?.name ?? component[1]! }), 'files');
    } else if (path === 'agencyCode') {
      put(INPUT.agency, t('wizard.err.agency'), 'agency');
    } else if (path.startsWith('postalAddress')) {
      const part = path.split('.')[1];
      const id = part === 'recipient' ? INPUT.recipient : part === 'phone' ? INPUT.postPhone : INPUT.postAddress;
      const label = t(part === 'recipient' ? 'wizard.postRecipient' : part === 'phone' ? 'wizard.postPhone' : 'wizard.postAddress');
      put(id, part === undefined ? t('wizard.err.postalRequired') : t(part === 'phone' ? 'wizard.err.phone' : 'wizard.err.invalid', { label }), 'delivery');
    } else if (path.startsWith('contact.')) {
      const phone = path === 'contact.phone';
      put(phone ? INPUT.contactPhone : INPUT.contactEmail, t(phone ? 'wizard.err.phone' : 'wizard.err.email', { label: t(phone ? 'wizard.contactPhone' : 'wizard.contactEmail') }), 'delivery');
    } else if (path === 'delivery') {
      put(INPUT.delivery, t('wizard.err.delivery'), 'delivery');
    } else {
      out.general.push(message ? `${path ? `${path}: ` : ''}${message}` : t('wizard.err.generic'));
    }
  }
  return out;
};

/** The wizard's own checks of delivery and contact (the API's rules: CreateDossier in contracts). */
export interface DeliveryInput {
  delivery: 'online' | 'desk' | 'post';
  recipient: string;
  postPhone: string;
  postAddress: string;
  contactPhone: string;
  contactEmail: string;
}

const VN_PHONE = /^(0|\+84)[0-9 .-]{9,13}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const checkDelivery = (input: DeliveryInput, t: Translate): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (input.delivery === 'post') {
    if (!input.recipient.trim()) errors[INPUT.recipient] = t('wizard.err.required', { label: t('wizard.postRecipient') });
    else if (input.recipient.trim().length > 200) errors[INPUT.recipient] = t('wizard.err.tooLong', { label: t('wizard.postRecipient'), max: 200 });
    if (!input.postPhone.trim()) errors[INPUT.postPhone] = t('wizard.err.required', { label: t('wizard.postPhone') });
    else if (!VN_PHONE.test(input.postPhone.trim())) errors[INPUT.postPhone] = t('wizard.err.phone', { label: t('wizard.postPhone') });
    const address = input.postAddress.trim();
    if (!address) errors[INPUT.postAddress] = t('wizard.err.required', { label: t('wizard.postAddress') });
    else if (address.length < 5 || address.length > 500) errors[INPUT.postAddress] = t('wizard.err.addressLength', { label: t('wizard.postAddress') });
  }
  if (input.contactPhone.trim() && !VN_PHONE.test(input.contactPhone.trim())) errors[INPUT.contactPhone] = t('wizard.err.phone', { label: t('wizard.contactPhone') });
  if (input.contactEmail.trim() && (!EMAIL.test(input.contactEmail.trim()) || input.contactEmail.trim().length > 254)) errors[INPUT.contactEmail] = t('wizard.err.email', { label: t('wizard.contactEmail') });
  return errors;
};
