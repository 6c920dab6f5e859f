// One document (thành phần hồ sơ) of a dossier: its accepted types and limits, the files already
// attached with their verification state, and a file input that checks, uploads (with progress)
// and has the server verify each chosen file. Used by the wizard and by the supplement answer.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { useI18n } from '../i18n';
import { formatBytes } from '../lib/format';
import { useErrorText } from '../components/ui';
import { FieldMessages } from '../components/form';
import { componentInputId } from './form-rules';
import { acceptAttribute, acceptLabel, contentProblem, fileProblem, readHead, uploadFile, DEFAULT_MAX_FILE_BYTES } from '../lib/upload';
import type { Attachment, DossierView, UploadTicket } from './types';

interface InFlight { key: string; name: string; progress: number }

export const ComponentUpload = ({ dossierId, component, files, error, onDossier }: {
  dossierId: string;
  component: DossierView['components'][number];
  /** The files of this component that count now (this round's). */
  files: readonly Attachment[];
  /** A problem of the whole component (e.g. "required, no file"), shown above the input. */
  error?: string;
  onDossier(d: DossierView): void;
}) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const id = componentInputId(component.code);
  const live = files.filter((f) => f.status !== 'rejected').length;

  const send = async (file: File, key: string) => {
    const ticket = await api.post<UploadTicket>(`/v1/dossiers/${dossierId}/attachments`, {
      componentCode: component.code, fileName: file.name, contentType: file.type || acceptTypeOf(file.name, component.accept), size: file.size,
    });
    await uploadFile(ticket, file, (ratio) => setInFlight((list) => list.map((f) => (f.key === key ? { ...f, progress: ratio } : f))));
    const after = await api.post<DossierView>(`/v1/dossiers/${dossierId}/attachments/${ticket.attachmentId}/complete`);
    const attached = after.attachments.find((a) => a.id === ticket.attachmentId);
    onDossier(after);
    return attached;
  };

  const choose = async (input: HTMLInputElement) => {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (!chosen.length) return;
    const found: string[] = [];
    let room = live;
    for (const file of chosen) {
      const problem = fileProblem(file, component, room, t) ?? contentProblem(await readHead(file), file, t);
      if (problem) { found.push(problem); continue; }
      room += 1;
      const key = `${file.name}-${Math.random().toString(36).slice(2)}`;
      setInFlight((list) => [...list, { key, name: file.name, progress: 0 }]);
      setAnnounce(t('acct.upload.uploading', { name: file.name }));
      try {
        const attached = await send(file, key);
        if (attached?.status === 'verified') setAnnounce(t('acct.upload.done', { name: file.name }));
        else found.push(t('acct.upload.err.rejected', { name: file.name }));
      } catch (e) {
        found.push(e instanceof ApiError ? t('acct.upload.err.api', { name: file.name, reason: uploadReason(e, t) ?? errorText(e) }) : t('acct.upload.err.network', { name: file.name }));
      } finally {
        setInFlight((list) => list.filter((f) => f.key !== key));
      }
    }
    setProblems(found);
  };

  const message = [error, ...problems].filter(Boolean) as string[];
  return (
    <div class={`card upload${message.length ? ' field-error' : ''}`}>
      <label for={id} class="upload-label">
        <span class="muted">{component.code}.</span> {component.name}
        {component.required ? <span class="required-mark"> {t('acct.upload.required')}</span> : <span class="optional"> {t('form.optional')}</span>}
      </label>
      <p id={`${id}-hint`} class="hint">{t('acct.upload.hint', { types: acceptLabel(component.accept), max: Math.floor(DEFAULT_MAX_FILE_BYTES / 1024 / 1024), files: component.maxFiles })}</p>
      <FieldMessages id={`${id}-error`} messages={message} />
      {files.length > 0 && (
        <ul class="file-list" aria-label={t('acct.upload.listLabel', { code: component.code })}>
          {files.map((f) => (
            <li key={f.id}>
              <span class="file-name">{f.fileName}</span> <span class="muted">({formatBytes(f.size, lang)})</span>{' '}
              <span class={`badge badge-${f.status === 'verified' ? 'success' : f.status === 'rejected' ? 'danger' : 'neutral'}`}>{t(`acct.upload.status.${f.status}`)}</span>
              {f.status === 'rejected' && f.rejectedReason && <span class="muted"> — {t('acct.upload.rejectedWhy')}</span>}
            </li>
          ))}
        </ul>
      )}
      {inFlight.map((f) => (
        <div key={f.key} class="upload-progress">
          <span id={`${f.key}-label`}>{t('acct.upload.progress', { name: f.name })}</span>
          <progress max={100} value={Math.round(f.progress * 100)} aria-labelledby={`${f.key}-label`} aria-valuetext={`${Math.round(f.progress * 100)}%`} />
        </div>
      ))}
      {live < component.maxFiles ? (
        <input
          id={id} type="file" class="file-input" accept={acceptAttribute(component.accept)} multiple={component.maxFiles - live > 1}
          aria-describedby={[`${id}-hint`, message.length ? `${id}-error` : ''].filter(Boolean).join(' ')}
          aria-invalid={message.length ? true : undefined} disabled={inFlight.length > 0}
          onChange={(e) => void choose(e.currentTarget)}
        />
      ) : <p class="muted" id={id} tabIndex={-1}>{t('acct.upload.full', { max: component.maxFiles })}</p>}
      <p class="visually-hidden" role="status" aria-live="polite">{announce}</p>
    </div>
  );
};

/** A type for a file the browser did not type: from its extension, if the component accepts it. */
const acceptTypeOf = (name: string, accept: readonly string[]) => {
  const ext = name.split('.').pop()?.toLowerCase();
  const guess = ext === 'pdf' ? 'application/pdf' : ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'webp' ? 'image/webp' : '';
  return accept.includes(guess) ? guess : 'application/octet-stream';
};

/** The user's words for the upload refusals the API names. */
const uploadReason = (e: ApiError, t: (k: string, p?: Record<string, string | number>) => string): string | undefined => {
  switch (e.code) {
    case 'UNSUPPORTED_FILE_TYPE': return t('acct.upload.reason.type');
    case 'FILE_TOO_LARGE': return t('acct.upload.reason.size');
    case 'TOO_MANY_FILES': return t('acct.upload.reason.tooMany');
    case 'INVALID_STATE': return t('acct.upload.reason.state');
    default: return undefined;
  }
};
