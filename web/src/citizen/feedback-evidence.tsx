// Evidence for a feedback (photos, documents): chosen on the send form (or with the information an
// agency asked for) and checked on the phone
// (type, size, room, the file's first bytes) before anything is sent; uploaded once the feedback
// exists, each file to its presigned POST with progress, then verified by the API.
import { api } from '../lib/api';
import { formatBytes } from '../lib/format';
import { useI18n } from '../i18n';
import { FieldMessages } from '../components/form';
import { acceptAttribute, acceptLabel, contentProblem, fileProblem, readHead, typeOf, uploadFile } from '../lib/upload';
import { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS } from '../../../functions/feedback/domain/feedback';
import type { Translate } from '../account/form-rules';
import type { FeedbackView } from './types';

/** What the feedback capability takes as evidence (RequestFeedbackUpload in shared/contracts/feedback.ts). */
export const EVIDENCE = { code: 'evidence', name: 'evidence', accept: ['application/pdf', 'image/jpeg', 'image/png'], maxFiles: MAX_ATTACHMENTS } as const;

/** The chosen files that may be attached, and a message for each refused one. */
export const admitEvidence = async (chosen: readonly File[], already: number, t: Translate) => {
  const admitted: File[] = [];
  const problems: string[] = [];
  for (const file of chosen) {
    const problem = fileProblem(file, EVIDENCE, already + admitted.length, t, ATTACHMENT_MAX_BYTES)
      ?? contentProblem(await readHead(file), file, t);
    if (problem) problems.push(problem);
    else admitted.push(file);
  }
  return { admitted, problems };
};

interface Ticket { attachmentId: string; url: string; fields: Record<string, string> }

/**
 * Attaches the files to a feedback, one after another; `onFile(index, ratio)` reports progress.
 * Resolves with the names of the files that could not be attached (the feedback stands without
 * them) and the feedback as the last verification left it (each file moves its version on).
 */
export const uploadEvidence = async (
  feedbackId: string, files: readonly File[], onFile: (index: number, ratio: number) => void,
): Promise<{ failed: string[]; latest: FeedbackView | null }> => {
  const failed: string[] = [];
  let latest: FeedbackView | null = null;
  for (const [index, file] of files.entries()) {
    try {
      const ticket = await api.post<Ticket>(`/v1/feedback/${feedbackId}/attachments`, { fileName: file.name, contentType: typeOf(file), size: file.size });
      await uploadFile(ticket, file, (ratio) => onFile(index, ratio));
      latest = await api.post<FeedbackView>(`/v1/feedback/${feedbackId}/attachments/${ticket.attachmentId}/complete`);
    } catch {
      // Refused by the API, by storage or by the network: the sender is told which file is missing.
      failed.push(file.name);
    }
  }
  return { failed, latest };
};

export const EvidencePicker = ({ files, problems, disabled, already = 0, onChoose, onRemove }: {
  files: readonly File[];
  /** Files the feedback already has (verified): they count against the limit. */
  already?: number;
  problems: readonly string[];
  disabled: boolean;
  onChoose(chosen: File[]): void;
  onRemove(index: number): void;
}) => {
  const { t, lang } = useI18n();
  const id = 'fb-evidence';
  const room = EVIDENCE.maxFiles - already - files.length;
  return (
    <div class={`field${problems.length ? ' field-error' : ''}`}>
      <label for={id}>{t('fb.evidence')} <span class="optional">{t('form.optional')}</span></label>
      <p id={`${id}-hint`} class="hint">{t('fb.evidenceHint', { types: acceptLabel(EVIDENCE.accept), max: Math.floor(ATTACHMENT_MAX_BYTES / 1024 / 1024), files: EVIDENCE.maxFiles })}</p>
      <FieldMessages id={`${id}-error`} messages={problems} />
      {files.length > 0 && (
        <ul class="file-list" aria-label={t('fb.evidenceList')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span class="file-name">{f.name}</span> <span class="muted">({formatBytes(f.size, lang)})</span>{' '}
              <button type="button" class="btn-link link-button" disabled={disabled} onClick={() => onRemove(i)}>
                {t('fb.evidenceRemove')}<span class="visually-hidden"> {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {room > 0 ? (
        <input
          id={id} type="file" class="file-input" accept={acceptAttribute(EVIDENCE.accept)} multiple={room > 1} disabled={disabled}
          aria-describedby={[`${id}-hint`, problems.length ? `${id}-error` : ''].filter(Boolean).join(' ')}
          aria-invalid={problems.length ? true : undefined}
          onChange={(e) => { const input = e.currentTarget; const chosen = [...(input.files ?? [])]; input.value = ''; if (chosen.length) onChoose(chosen); }}
        />
      ) : <p class="muted" id={id} tabIndex={-1}>{t('fb.evidenceFull', { max: EVIDENCE.maxFiles })}</p>}
    </div>
  );
};

/** "Uploading file 2 of 3: photo.png" with a progress bar. */
export const UploadProgress = ({ index, ratio, files }: { index: number; ratio: number; files: readonly File[] }) => {
  const { t } = useI18n();
  return (
    <div class="upload-progress">
      <span id="fb-upload-label" role="status">{t('fb.evidenceUploading', { n: index + 1, total: files.length, name: files[index]!.name })}</span>
      <progress max={100} value={Math.round(ratio * 100)} aria-labelledby="fb-upload-label" aria-valuetext={`${Math.round(ratio * 100)}%`} />
    </div>
  );
};
