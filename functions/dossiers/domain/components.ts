// Dossier components (thành phần hồ sơ, docs/requirements.md R-CATALOGUE-COMPONENTS) against a
// dossier's attachments. Pure. An attachment is `pending` until its upload is confirmed (object
// present, type and size checked), `verified` after, `rejected` when the check failed or an
// official rejected it.
import type * as z from 'zod';
import type { Component as ComponentSchema } from '../../../shared/contracts/catalogue';

export type Component = z.infer<typeof ComponentSchema>;
export type AttachmentStatus = 'verified' | 'pending' | 'rejected';

export interface AttachmentRef {
  componentCode: string;
  status: AttachmentStatus;
}

/** Default largest attachment: 10 MB. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Codes of required components with no verified attachment, in the procedure's order. */
export const missingComponents = (
  components: readonly Pick<Component, 'code' | 'required'>[],
  attachments: readonly AttachmentRef[],
): string[] => {
  const verified = new Set(attachments.filter((a) => a.status === 'verified').map((a) => a.componentCode));
  return components.filter((c) => c.required && !verified.has(c.code)).map((c) => c.code);
};

/**
 * The codes a list names that are not components of the procedure (an official's supplement
 * request may name only the dossier's own). Anything but a list of codes names none: the input's
 * schema judges its shape.
 */
export const unknownComponents = (components: readonly Pick<Component, 'code'>[], named: unknown): string[] => {
  const known = new Set(components.map((c) => c.code));
  return Array.isArray(named) ? named.filter((c): c is string => typeof c === 'string' && !known.has(c.trim())) : [];
};

export interface Problem { path: string; message: string }

/**
 * Everything wrong with a dossier's attachments at submission: missing required components,
 * more live (non-rejected) files than a component's `maxFiles`, files for a component the
 * procedure does not have. Paths are `components.<code>`.
 */
export const attachmentProblems = (
  components: readonly Pick<Component, 'code' | 'required' | 'maxFiles'>[],
  attachments: readonly AttachmentRef[],
): Problem[] => {
  const problems: Problem[] = missingComponents(components, attachments).map((code) => ({
    path: `components.${code}`,
    message: 'this required document has no verified attachment',
  }));
  const known = new Map(components.map((c) => [c.code, c]));
  const live = new Map<string, number>();
  for (const a of attachments) {
    if (a.status !== 'rejected') live.set(a.componentCode, (live.get(a.componentCode) ?? 0) + 1);
  }
  for (const [code, count] of live) {
    const c = known.get(code);
    if (!c) problems.push({ path: `components.${code}`, message: 'not a component of this procedure' });
    else if (count > c.maxFiles) problems.push({ path: `components.${code}`, message: `at most ${c.maxFiles} file(s)` });
  }
  return problems;
};

/** Whether one more file may be attached to a component (live files below `maxFiles`). */
export const hasRoomFor = (component: Pick<Component, 'code' | 'maxFiles'>, attachments: readonly AttachmentRef[]): boolean =>
  attachments.filter((a) => a.componentCode === component.code && a.status !== 'rejected').length < component.maxFiles;

export type FileVerdict =
  | { ok: true; contentType: string }
  /** What is wrong: a type not accepted, a file too large, or a size that is no size. */
  | { ok: false; reason: 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'INVALID_SIZE'; message: string };

/** `type/subtype` of a Content-Type value, lower-cased, parameters dropped. */
export const mediaType = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

/**
 * Whether a file may be uploaded for a component: its media type in the component's `accept`
 * list (parameters such as `; charset=` ignored, case-insensitive) and a whole size in
 * 1 … `maxBytes` bytes (default 10 MB; an empty file is never a document).
 */
export const acceptsFile = (
  component: Pick<Component, 'accept'>,
  file: { contentType: string; size: number },
  maxBytes: number = DEFAULT_MAX_FILE_BYTES,
): FileVerdict => {
  if (!Number.isSafeInteger(file.size) || file.size < 1) {
    return { ok: false, reason: 'INVALID_SIZE', message: 'size must be a whole number of bytes, at least 1' };
  }
  const type = typeof file.contentType === 'string' ? mediaType(file.contentType) : '';
  if (!component.accept.some((a) => a.toLowerCase() === type)) {
    return { ok: false, reason: 'UNSUPPORTED_TYPE', message: `accepted types: ${component.accept.join(', ')}` };
  }
  if (file.size > maxBytes) {
    return { ok: false, reason: 'TOO_LARGE', message: `at most ${Math.floor(maxBytes / 1024 / 1024 * 10) / 10} MB` };
  }
  return { ok: true, contentType: type };
};
