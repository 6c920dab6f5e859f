// What the public may see of a feedback item (docs/requirements.md R-FEEDBACK-PRIVACY: the sender's
// personal data is never published). People write their phone number or ID number into the text
// itself; before any public view the sender's own identifiers and anything shaped like an ID
// number, a phone number or an e-mail address are masked. Pure.

export const MASK = '[đã ẩn]';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Runs of 9–12 digits, possibly spaced or dotted, possibly after +84. */
const NUMBERISH = /(?:\+84[\s.-]?|\b)\d(?:[\s.-]?\d){8,11}\b/g;

/** An old (9) or new (12 digits) ID number, a 10-digit phone or enterprise code starting with 0, or +84 and 9 digits. */
const isPersonalNumber = (match: string) => {
  const digits = match.replace(/\D/g, '');
  if (match.startsWith('+84')) return digits.length === 11;
  return digits.length === 9 || digits.length === 12 || (digits.length === 10 && digits.startsWith('0'));
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface SenderIdentity {
  name: string | null;
  idNumber: string | null;
  email: string | null;
  phone: string | null;
}

export const scrubPersonalData = (text: string, sender: SenderIdentity): string => {
  let out = text;
  for (const value of [sender.name, sender.email, sender.idNumber, sender.phone]) {
    const v = value?.trim();
    if (v && v.length >= 3) out = out.replace(new RegExp(escapeRegExp(v), 'giu'), MASK);
  }
  return out.replace(EMAIL, MASK).replace(NUMBERISH, (m) => (isPersonalNumber(m) ? MASK : m));
};
