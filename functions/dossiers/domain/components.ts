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

/** The largest file, for every component and result: 10 MB (its type and size rules: shared/uploads/upload-rules.ts). */
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

/** A component's live (pending or verified) files among `attachments`: what counts against its `maxFiles`. */
export const liveFileCount = (componentCode: string, attachments: readonly AttachmentRef[]): number =>
  attachments.filter((a) => a.componentCode === componentCode && a.status !== 'rejected').length;
