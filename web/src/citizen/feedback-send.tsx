// Sending feedback (`/phan-anh/gui`, citizens and businesses): what it is about, the text, and
// optionally the procedure and agency concerned and evidence files. Sender identity comes from the account.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { ErrorSummary, Field, TextField, type FieldErrors } from '../components/form';
import { RequireAuth } from '../components/require-auth';
import { Alert, Breadcrumbs, PageTitle, useErrorText } from '../components/ui';
import { catalogue } from './catalogue';
import { admitEvidence, EvidencePicker, UploadProgress, uploadEvidence } from './feedback-evidence';
import { FEEDBACK_LIMITS, checkFeedback, feedbackBody, type FeedbackDraft } from './logic';
import { FEEDBACK_CATEGORY_LIST, type FeedbackView } from './types';

/** Where an API field error belongs on the form. */
const FIELD_OF: Record<string, string> = { category: 'fb-category', subject: 'fb-subject', content: 'fb-content', procedureCode: 'fb-procedure', agencyCode: 'fb-agency' };

const SendForm = () => {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const [draft, setDraft] = useState<FeedbackDraft>({
    category: query.procedure ? 'procedures' : '', subject: '', content: '',
    procedureCode: query.procedure ?? '', agencyCode: query.agency ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [sent, setSent] = useState<FeedbackView>();
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [uploading, setUploading] = useState<{ index: number; ratio: number } | null>(null);
  const [notAttached, setNotAttached] = useState<string[]>([]);
  const agencies = useAsync(() => catalogue('agencies'), []);
  const errorText = useErrorText();
  const set = (key: keyof FeedbackDraft) => (value: string) => setDraft({ ...draft, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = Object.fromEntries(Object.entries(checkFeedback(draft)).map(([field, m]) => [field, t(m.key, m.params)]));
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await api.post<FeedbackView>('/v1/feedback', feedbackBody(draft));
      if (files.length) {
        setUploading({ index: 0, ratio: 0 });
        setNotAttached((await uploadEvidence(created.id, files, (index, ratio) => setUploading({ index, ratio }))).failed);
        setUploading(null);
      }
      setSent(created);
      window.scrollTo(0, 0);
    } catch (error) {
      // A field the API refused goes next to that field; anything else above the form.
      const fieldErrors: FieldErrors = {};
      if (error instanceof ApiError && error.status === 400) {
        for (const d of error.details) {
          const name = String(d.path ?? '').split('.').pop() ?? '';
          if (FIELD_OF[name]) fieldErrors[FIELD_OF[name]] = t('fb.fieldRefused');
        }
      }
      if (Object.keys(fieldErrors).length) setErrors(fieldErrors);
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <>
        <PageTitle>{t('fb.sentTitle')}</PageTitle>
        <Alert kind="success" title={t('fb.sentCode', { code: sent.code })}>
          <p>{t('fb.sentText', { date: formatDateTime(sent.deadlines.answerBy, lang) })}</p>
        </Alert>
        {notAttached.length > 0 && <Alert kind="warning"><p>{t('fb.evidenceFailed', { names: notAttached.join(', ') })}</p></Alert>}
        <p class="actions">
          <a class="btn btn-primary" href="/phan-anh/cua-toi">{t('fb.mine')}</a>
          <a class="btn btn-secondary" href={`/phan-anh/${sent.id}`}>{t('fb.viewSent')}</a>
        </p>
      </>
    );
  }

  const levels = ['central', 'province', 'commune'] as const;
  return (
    <>
      <PageTitle>{t('fb.sendTitle')}</PageTitle>
      <p>{t('fb.sendIntro')}</p>
      <ErrorSummary errors={errors} />
      <form class="card narrow" onSubmit={submit} noValidate>
        <div class={`field fb-categories${errors['fb-category'] ? ' field-error' : ''}`}>
        <fieldset aria-describedby={errors['fb-category'] ? 'fb-category-error' : undefined}>
          <legend>{t('fb.category')}</legend>
          {errors['fb-category'] && <p id="fb-category-error" class="error-message">{errors['fb-category']}</p>}
          {FEEDBACK_CATEGORY_LIST.map((c, i) => (
            <label key={c} class="choice">
              <input type="radio" name="category" id={i === 0 ? 'fb-category' : undefined} value={c} checked={draft.category === c}
                onChange={() => set('category')(c)} aria-invalid={errors['fb-category'] ? true : undefined} />
              {t(`fb.category.${c}`)}
            </label>
          ))}
        </fieldset>
        </div>
        <TextField id="fb-subject" label={t('fb.subject')} hint={t('fb.subjectHint', { min: FEEDBACK_LIMITS.subject[0], max: FEEDBACK_LIMITS.subject[1] })}
          required value={draft.subject} onInput={set('subject')} error={errors['fb-subject']} maxLength={FEEDBACK_LIMITS.subject[1]} />
        <Field id="fb-content" label={t('fb.content')} hint={t('fb.contentHint', { min: FEEDBACK_LIMITS.content[0], max: FEEDBACK_LIMITS.content[1] })} required error={errors['fb-content']}>
          {(aria) => <textarea {...aria} rows={8} maxLength={FEEDBACK_LIMITS.content[1]} value={draft.content} onInput={(e) => set('content')((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <p class="muted char-count" aria-live="polite">{t('fb.chars', { count: draft.content.trim().length, max: FEEDBACK_LIMITS.content[1] })}</p>
        <TextField id="fb-procedure" label={t('fb.procedure')} hint={t('fb.procedureHint')} value={draft.procedureCode} onInput={set('procedureCode')}
          error={errors['fb-procedure']} inputMode="decimal" autoComplete="off" maxLength={20} />
        <Field id="fb-agency" label={t('fb.agency')} hint={t('fb.agencyHint')} error={errors['fb-agency']}>
          {(aria) => (
            <select {...aria} value={draft.agencyCode} onChange={(e) => set('agencyCode')((e.target as HTMLSelectElement).value)}>
              <option value="">{t('fb.agencyNone')}</option>
              {draft.agencyCode && !agencies.data?.some((a) => a.code === draft.agencyCode) && <option value={draft.agencyCode}>{draft.agencyCode}</option>}
              {levels.map((level) => (
                <optgroup key={level} label={t(`proc.level.${level}`)}>
                  {agencies.data?.filter((a) => a.level === level).map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <EvidencePicker files={files} problems={fileProblems} disabled={busy}
          onChoose={(chosen) => void admitEvidence(chosen, files.length, t).then(({ admitted, problems }) => { setFiles((f) => [...f, ...admitted]); setFileProblems(problems); })}
          onRemove={(index) => { setFiles((f) => f.filter((_, i) => i !== index)); setFileProblems([]); }} />
        {uploading && files[uploading.index] && <UploadProgress index={uploading.index} ratio={uploading.ratio} files={files} />}
        {failure && <Alert kind="error" title={t('error.title')}><p>{failure}</p></Alert>}
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('fb.sending') : t('fb.submit')}</button>
      </form>
    </>
  );
};

export default function FeedbackSend() {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { href: '/phan-anh', label: t('nav.feedback') }, { label: t('fb.sendTitle') }]} />
      <RequireAuth groups={['citizen', 'business']}><SendForm /></RequireAuth>
    </>
  );
}
