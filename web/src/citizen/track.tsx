// Public tracking (`/tra-cuu?code=`): a dossier's status, due date and public history, shown only
// when the ID number (or enterprise code) matches the dossier's applicant. Notification e-mails
// link here with the code filled in. Whether it is late is the API's judgement (`late`), never the page's.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { useUser } from '../lib/session';
import { useI18n } from '../i18n';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Alert, Breadcrumbs, PageTitle, StatusBadge, useErrorText } from '../components/ui';
import { checkApplicantId, checkDossierCode, trackLateBadge } from './logic';
import type { TrackedDossier } from './types';

export default function Track() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const user = useUser();
  const [code, setCode] = useState(query.code ?? '');
  // A signed-in applicant tracks their own dossiers: their number is the likely answer.
  const [applicantId, setApplicantId] = useState(user?.idNumber ?? user?.enterpriseCode ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TrackedDossier>();
  const [failure, setFailure] = useState<{ kind: 'notFound' | 'error'; text: string }>();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const errorText = useErrorText();

  useEffect(() => { if (query.code) setCode(query.code); }, [query.code]);
  useEffect(() => { if (result) resultRef.current?.focus(); }, [result]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    const codeCheck = checkDossierCode(code);
    const idCheck = checkApplicantId(applicantId);
    if ('error' in codeCheck) found['track-code'] = t(codeCheck.error);
    if ('error' in idCheck) found['track-id'] = t(idCheck.error);
    setErrors(found);
    setFailure(undefined);
    setResult(undefined);
    if ('error' in codeCheck || 'error' in idCheck) return;
    setBusy(true);
    try {
      setResult(await api.get<TrackedDossier>('/v1/dossiers/track', { code: codeCheck.value, applicantId: idCheck.value }, { auth: false }));
    } catch (error) {
      // Not found and "the number does not match" are one answer on purpose: the API never tells
      // a stranger that a code exists.
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setFailure({ kind: 'notFound', text: t('track.notFound') });
      else setFailure({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const lateBadge = result && trackLateBadge(result);

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { label: t('nav.track') }]} />
      <PageTitle>{t('track.title')}</PageTitle>
      <p>{t('track.intro')}</p>
      <ErrorSummary errors={errors} />
      <form class="card narrow" onSubmit={submit} noValidate>
        <TextField id="track-code" label={t('track.code')} hint={t('track.codeHint')} required value={code} onInput={setCode}
          error={errors['track-code']} autoCapitalize="characters" spellcheck={false} autoComplete="off" maxLength={100} />
        <TextField id="track-id" label={t('track.applicantId')} hint={t('track.applicantIdHint')} required value={applicantId} onInput={setApplicantId}
          error={errors['track-id']} inputMode="numeric" autoComplete="off" maxLength={20} />
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('track.submit')}</button>
      </form>

      {failure && <Alert kind={failure.kind === 'notFound' ? 'warning' : 'error'} title={failure.kind === 'notFound' ? t('track.notFoundTitle') : t('error.title')}><p>{failure.text}</p></Alert>}

      {result && (
        <section class="card" aria-labelledby="track-result">
          <h2 id="track-result" ref={resultRef} tabIndex={-1}>{t('track.result', { code: result.code })}</h2>
          <dl class="facts">
            <dt>{t('track.procedure')}</dt><dd><a href={`/thu-tuc/${encodeURIComponent(result.procedureCode)}`}>{result.procedureName}</a></dd>
            <dt>{t('track.agency')}</dt><dd>{result.agencyName}</dd>
            <dt>{t('track.status')}</dt><dd><StatusBadge status={result.status} /></dd>
            <dt>{t('track.submittedAt')}</dt><dd>{formatDateTime(result.submittedAt, lang)}</dd>
            <dt>{t('track.receivedAt')}</dt><dd>{formatDateTime(result.receivedAt, lang)}</dd>
            <dt>{t('track.dueDate')}</dt>
            <dd>
              {result.dueDate ? formatDate(result.dueDate, lang) : t('track.noDueDate')}
              {lateBadge && <> <span class={`badge ${lateBadge === 'track.late' ? 'badge-danger' : 'badge-warning'}`}>{t(lateBadge)}</span></>}
              {result.status === 'supplement_requested' && <><br /><span class="muted">{t('track.paused')}</span></>}
            </dd>
            {result.appointmentAt && result.appointmentAt !== result.dueDate && (
              <><dt>{t('track.appointment')}</dt><dd>{formatDate(result.appointmentAt, lang)}</dd></>
            )}
          </dl>
          <h3>{t('track.history')}</h3>
          {result.history.length === 0 ? <p>{t('track.noHistory')}</p> : (
            <ol class="timeline">
              {result.history.map((h, i) => (
                <li key={i}><time dateTime={h.at}>{formatDateTime(h.at, lang)}</time><StatusBadge status={h.status} /></li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}
