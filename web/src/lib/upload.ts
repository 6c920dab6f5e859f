// Attachments: the checks made before a file leaves the phone (type, size, room, and the file's
// first bytes — the same signatures the server verifies after upload), and the upload itself to the
// presigned POST with XMLHttpRequest, the one browser API that reports upload progress.
import { DEFAULT_MAX_FILE_BYTES } from '../../../functions/dossiers/domain/components';
import { SNIFF_BYTES, sniffMediaType } from '../../../shared/uploads/file-signature';
import { mediaType } from '../../../shared/uploads/upload-rules';
import type { Translate } from '../account/form-rules';

export { DEFAULT_MAX_FILE_BYTES };

export interface ComponentRule { code: string; name: string; accept: readonly string[]; maxFiles: number }
export interface FileLike { name: string; type: string; size: number }

const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp',
};

/** The file's media type: what the browser says, else what its extension says (some phones send none). */
export const typeOf = (file: Pick<FileLike, 'name' | 'type'>): string =>
  file.type ? mediaType(file.type) : (EXTENSION_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? '');

/** Short names of accepted types for people ("PDF, JPG, PNG"). */
export const acceptLabel = (accept: readonly string[]) =>
  accept.map((a) => ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG', 'image/webp': 'WEBP' }[a] ?? a)).join(', ');

/** The `accept` attribute of the file input: media types and their extensions. */
export const acceptAttribute = (accept: readonly string[]) =>
  [...accept, ...Object.entries(EXTENSION_TYPES).filter(([, type]) => accept.includes(type)).map(([ext]) => `.${ext}`)].join(',');

/**
 * Why a file cannot be attached to a component, or null when it may be uploaded: its type must be
 * one the component accepts, its size 1 byte … 10 MB, and the component must have room for it.
 */
export const fileProblem = (
  file: FileLike, component: ComponentRule, liveFiles: number, t: Translate, maxBytes = DEFAULT_MAX_FILE_BYTES,
): string | null => {
  if (liveFiles >= component.maxFiles) return t('acct.upload.err.tooMany', { max: component.maxFiles });
  const type = typeOf(file);
  if (!component.accept.includes(type)) return t('acct.upload.err.type', { name: file.name, types: acceptLabel(component.accept) });
  if (file.size < 1) return t('acct.upload.err.empty', { name: file.name });
  if (file.size > maxBytes) return t('acct.upload.err.size', { name: file.name, max: Math.floor(maxBytes / 1024 / 1024) });
  return null;
};

/** Whether the file's first bytes are those of its type (a renamed file is refused before upload). */
export const contentProblem = (head: Uint8Array, file: FileLike, t: Translate): string | null =>
  sniffMediaType(head) === typeOf(file) ? null : t('acct.upload.err.content', { name: file.name });

export const readHead = async (file: Blob): Promise<Uint8Array> => new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());

export class UploadError extends Error {
  constructor(readonly status: number) { super(`upload failed (${status})`); }
}

/**
 * POSTs the file to the presigned URL as S3 expects it: every policy field, then the file last.
 * `onProgress` receives 0…1. Resolves when storage answers 2xx.
 */
export const uploadFile = (
  ticket: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (ratio: number) => void,
  signal?: AbortSignal,
): Promise<void> => new Promise((resolve, reject) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) body.append(k, v);
  body.append('file', file);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', ticket.url);
  xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
  xhr.onload = () => {
    if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(); } else reject(new UploadError(xhr.status));
  };
  xhr.onerror = () => reject(new UploadError(0));
  xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
  signal?.addEventListener('abort', () => xhr.abort());
  xhr.send(body);
});
