// Uploading the result file: the API hands out a presigned POST (POST /v1/dossiers/{id}/result),
// the browser posts the file straight to storage with progress, then asks the API to check it
// (POST …/attachments/{attachmentId}/complete), which answers with the dossier.
import { DEFAULT_MAX_FILE_BYTES } from '../../../functions/dossiers/domain/components';
import { api, ApiError } from '../lib/api';
import type { DossierView } from './data';

/** The types the dossiers capability accepts as a result (RESULT_TYPES in functions/dossiers/use-cases/attachments.ts). */
export const RESULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const RESULT_MAX_BYTES = DEFAULT_MAX_FILE_BYTES;

/** Dictionary key of what is wrong with a chosen file, or null when it may be sent. */
export const resultFileProblem = (file: { type: string; size: number } | null | undefined): string | null => {
  if (!file) return 'console.error.fileRequired';
  if (!(RESULT_TYPES as readonly string[]).includes(file.type)) return 'console.error.fileType';
  if (file.size <= 0) return 'console.error.fileEmpty';
  if (file.size > RESULT_MAX_BYTES) return 'console.error.fileTooLarge';
  return null;
};

interface Ticket { attachmentId: string; url: string; fields: Record<string, string> }

const postToStorage = (ticket: Ticket, file: File, onProgress: (ratio: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new ApiError(xhr.status, 'UPLOAD_FAILED', xhr.statusText || 'upload failed')));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'upload failed'));
    xhr.send(form);
  });

export const uploadResult = async (dossierId: string, file: File, onProgress: (ratio: number) => void): Promise<{ dossier: DossierView; attachmentId: string }> => {
  const ticket = await api.post<Ticket>(`/v1/dossiers/${dossierId}/result`, { fileName: file.name, contentType: file.type, size: file.size });
  onProgress(0);
  await postToStorage(ticket, file, onProgress);
  onProgress(1);
  const dossier = await api.post<DossierView>(`/v1/dossiers/${dossierId}/attachments/${ticket.attachmentId}/complete`);
  return { dossier, attachmentId: ticket.attachmentId };
};
