// The result file: chosen, checked here (type and size), sent to storage with a progress bar, then
// checked by the API. With online delivery a dossier that is already done is returned at once.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatBytes } from '../lib/format';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { Alert, useErrorText } from '../components/ui';
import type { DossierView } from './data';
import { RESULT_MAX_BYTES, resultFileProblem, uploadResult } from './upload';

export const ResultUpload = ({ dossier, onUploaded }: { dossier: DossierView; onUploaded(next: DossierView, autoReturned: boolean): void }) => {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<FieldErrors>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const results = dossier.attachments.filter((a) => a.kind === 'result' && a.status === 'verified');

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = resultFileProblem(file);
    if (problem) { setProblems({ 'result-file': t(problem, { max: formatBytes(RESULT_MAX_BYTES, lang) }) }); return; }
    setProblems({});
    setFailure(null);
    setProgress(0);
    try {
      const { dossier: next, attachmentId } = await uploadResult(dossier.id, file!, setProgress);
      const stored = next.attachments.find((a) => a.id === attachmentId);
      if (stored?.status === 'rejected') {
        setFailure(t('console.result.rejected', { reason: stored.rejectedReason ?? '' }));
      } else {
        setFile(null);
        (e.target as HTMLFormElement).reset();
      }
      onUploaded(next, dossier.status === 'done' && next.status === 'returned');
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section class="card" aria-labelledby="result-title">
      <h2 id="result-title">{t('console.result.title')}</h2>
      <p>{results.length ? t('console.result.has', { count: results.length }) : t('console.result.none')}</p>
      {dossier.delivery === 'online' && <p class="hint">{t(dossier.status === 'done' ? 'console.result.onlineDone' : 'console.result.onlineProcessing')}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={problems} />
        <Field id="result-file" label={t('console.result.file')} hint={t('console.result.fileHint', { max: formatBytes(RESULT_MAX_BYTES, lang) })} error={problems['result-file']} required>
          {(aria) => <input {...aria} type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />}
        </Field>
        {progress !== null && (
          <p role="status">
            <label for="result-progress">{t('console.result.progress', { percent: Math.round(progress * 100) })}</label><br />
            <progress id="result-progress" max={1} value={progress} />
          </p>
        )}
        {failure && <Alert kind="error">{failure}</Alert>}
        <button type="submit" class="btn btn-secondary" disabled={progress !== null} aria-busy={progress !== null}>{t('console.result.upload')}</button>
      </form>
    </section>
  );
};
