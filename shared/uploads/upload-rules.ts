// The rules of the one browser-upload flow (docs/requirements.md R-API-UPLOADS), pure: what a
// declared file may be (type, size), how many an owner may hold, what a pending entry is, how the
// object that actually arrived is judged (size, stored type, first bytes), what a judgement means
// for the entry (verified, or rejected with the domain error to report), and that only verified
// files are ever offered for download. The orchestration over storage is upload-flow.ts; S3 is
// upload-store.ts. Dossier attachments, dossier results and feedback evidence all follow these.
import { badRequest, conflict, notFound, tooLarge, unprocessable, unsupportedType, type DomainError } from '../errors/domain-error';
import { contentMatchesType } from './file-signature';

/** What the uploader says the file is, before anything is uploaded. */
export interface DeclaredFile { fileName: string; contentType: string; size: number }

/** What an owner accepts: media types (lower case, no parameters) and the largest size in bytes. */
export interface FileLimits { accept: readonly string[]; maxBytes: number }

/** `type/subtype` of a Content-Type value, lower-cased, parameters dropped. */
export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export type DeclarationVerdict =
  | { ok: true; contentType: string }
  /** UNSUPPORTED_TYPE → 415, TOO_LARGE → 413, INVALID_SIZE → 400 (declarationError). */
  | { ok: false; reason: 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'INVALID_SIZE'; message: string };

/**
 * Whether a declared file is within the limits: a whole size of 1 … maxBytes bytes (an empty file
 * is never a document) and a media type in `accept` (parameters such as `; charset=` ignored,
 * case-insensitive). The accepted type comes back normalised: it is what the POST policy pins.
 */
export const checkDeclaredFile = (limits: FileLimits, file: Pick<DeclaredFile, 'contentType' | 'size'>): DeclarationVerdict => {
  if (!Number.isSafeInteger(file.size) || file.size < 1) {
    return { ok: false, reason: 'INVALID_SIZE', message: 'size must be a whole number of bytes, at least 1' };
  }
  const type = typeof file.contentType === 'string' ? mediaType(file.contentType) : '';
  if (!limits.accept.some((a) => a.toLowerCase() === type)) {
    return { ok: false, reason: 'UNSUPPORTED_TYPE', message: `accepted types: ${limits.accept.join(', ')}` };
  }
  if (file.size > limits.maxBytes) {
    return { ok: false, reason: 'TOO_LARGE', message: `at most ${Math.floor((limits.maxBytes / 1024 / 1024) * 10) / 10} MB` };
  }
  return { ok: true, contentType: type };
};

/** The domain error of a refused declaration: 415 UNSUPPORTED_FILE_TYPE, 413 FILE_TOO_LARGE, 400 on `body.size`. */
export const declarationError = (reason: Extract<DeclarationVerdict, { ok: false }>['reason'], message: string): DomainError =>
  reason === 'UNSUPPORTED_TYPE' ? unsupportedType('UNSUPPORTED_FILE_TYPE', message)
    : reason === 'TOO_LARGE' ? tooLarge('FILE_TOO_LARGE', message)
      : badRequest('VALIDATION_FAILED', message, [{ path: 'body.size', message }]);

/** The declared file's normalised media type; throws declarationError when the limits refuse it. */
export const admitDeclaredFile = (limits: FileLimits, file: Pick<DeclaredFile, 'contentType' | 'size'>): string => {
  const verdict = checkDeclaredFile(limits, file);
  if (!verdict.ok) throw declarationError(verdict.reason, verdict.message);
  return verdict.contentType;
};

/** Throws 409 TOO_MANY_FILES when `count` files already fill the `maxFiles` of `scope` ("per feedback"). */
export const ensureRoom = (count: number, maxFiles: number, scope: string): void => {
  if (count >= maxFiles) throw conflict('TOO_MANY_FILES', `At most ${maxFiles} file(s) ${scope}`);
};

export type UploadStatus = 'pending' | 'verified' | 'rejected';

/** What every owner records of a file; owners add their own fields (a timestamp, a component). */
export interface UploadEntry {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  status: UploadStatus;
}
export type PendingUpload = UploadEntry & { status: 'pending' };

export const pendingUpload = (id: string, file: DeclaredFile): PendingUpload =>
  ({ id, fileName: file.fileName, contentType: file.contentType, size: file.size, status: 'pending' });

// ---------------------------------------------------------------------------------------------
// Completion: the object that arrived, judged against the declaration

export type RejectionReason = 'MISSING' | 'TOO_LARGE' | 'SIZE_MISMATCH' | 'TYPE_MISMATCH' | 'CONTENT_MISMATCH';

export type ObjectVerdict =
  | { ok: true; size: number; contentType: string }
  | { ok: false; reason: RejectionReason; message: string };

/** What storage says of an uploaded object: its size, its stored media type, its first bytes. */
export interface StoredObject { size: number; contentType: string; first: Uint8Array }

/**
 * The object against what was declared: within the limit, exactly the declared size, stored as the
 * declared type, and its first bytes of that type (file-signature.ts). No object: MISSING.
 */
export const judgeObject = (
  found: StoredObject | undefined,
  declared: { contentType: string; size: number; maxBytes: number },
): ObjectVerdict => {
  if (!found) return { ok: false, reason: 'MISSING', message: 'no file was uploaded' };
  const declaredType = mediaType(declared.contentType);
  if (found.size > declared.maxBytes) return { ok: false, reason: 'TOO_LARGE', message: `the file is larger than ${declared.maxBytes} bytes` };
  if (found.size !== declared.size) return { ok: false, reason: 'SIZE_MISMATCH', message: `the file is ${found.size} bytes, ${declared.size} were declared` };
  if (mediaType(found.contentType) !== declaredType) {
    return { ok: false, reason: 'TYPE_MISMATCH', message: `the file was stored as ${found.contentType || 'no type'}, ${declared.contentType} was declared` };
  }
  if (!contentMatchesType(found.first, declaredType)) {
    return { ok: false, reason: 'CONTENT_MISMATCH', message: `the file's content is not ${declared.contentType}` };
  }
  return { ok: true, size: found.size, contentType: declaredType };
};

/** What a judgement makes of a pending entry. A rejected one carries the error to report, if the owner reports it. */
export type Settlement =
  | { status: 'verified' }
  | { status: 'rejected'; reason: RejectionReason; message: string; error: DomainError };

/** A rejected upload's error: 422 `UPLOAD_<reason>` (UPLOAD_CONTENT_MISMATCH: a PNG declared as a PDF). */
export const settle = (verdict: ObjectVerdict): Settlement =>
  verdict.ok
    ? { status: 'verified' }
    : { status: 'rejected', reason: verdict.reason, message: verdict.message, error: unprocessable(`UPLOAD_${verdict.reason}`, verdict.message) };

/** The verified entry `id`; a pending, rejected or unknown one is 404 Attachment (never offered). */
export const verifiedFile = <T extends UploadEntry>(entries: readonly T[] | undefined, id: string): T => {
  const entry = entries?.find((e) => e.id === id && e.status === 'verified');
  if (!entry) throw notFound('Attachment');
  return entry;
};
