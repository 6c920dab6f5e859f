// One feedback item in the console (/can-bo/phan-anh/:id): the content and the sender's details
// (officials in scope only), the deadlines of docs/requirements.md R-FEEDBACK-DEADLINES with
// overdue steps named, the evidence, the history, and the workflow actions this status allows an
// official.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { FeedbackAction } from '../../../shared/contracts/feedback';
import { useI18n } from '../i18n';
import { api, ApiError, download } from '../lib/api';
import { useUser } from '../lib/session';
import { formatBytes, formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { RequireAuth } from '../components/require-auth';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle, useErrorText } from '../components/ui';
import { findFeedback, type FeedbackView } from './data';
import { FeedbackStatusBadge } from './feedback-queue';
import { feedbackActionField, officialFeedbackActions, validateFeedbackAction, type FeedbackActionInput } from './logic';
import { ActionFormFooter, ConsoleNav } from './parts';

const CONFIRMED: readonly FeedbackAction[] = ['reject', 'publish'];

const FeedbackItemPage = ({ id }: { id: string }) => {
  const { t, lang } = useI18n();
  const user = useUser()!;
  const errorText = useErrorText();
  const loaded = useAsync((signal) => findFeedback(id, signal), [id]);
  const [item, setItem] = useState<FeedbackView | null | undefined>();
  useEffect(() => { if (loaded.data !== undefined) setItem(loaded.data); }, [loaded.data]);

  const [open, setOpen] = useState<FeedbackAction | null>(null);
  const [input, setInput] = useState<FeedbackActionInput>({});
  const [problems, setProblems] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; reload: boolean } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (confirming) confirmRef.current?.focus(); }, [confirming]);

  if (item === undefined) return loaded.error ? <ErrorState error={loaded.error} retry={loaded.reload} /> : <Loading />;
  if (item === null) {
    return (
      <>
        <ConsoleNav current="feedback" />
        <PageTitle>{t('console.fb.notFound')}</PageTitle>
        <Alert kind="warning">{t('console.fb.notFoundText')}</Alert>
        <p><a href="/can-bo/phan-anh">{t('console.fb.back')}</a></p>
      </>
    );
  }

  const actor = user.groups.includes('admin') ? 'admin' : 'official';
  const offered = officialFeedbackActions(item.status, actor).filter((a) => item.allowedActions.includes(a));
  const label = (a: FeedbackAction) => t(`console.fb.action.${a}`);

  const send = async (action: FeedbackAction) => {
    setBusy(true);
    setFailure(null);
    const field = feedbackActionField(action);
    try {
      const next = await api.post<FeedbackView>(`/v1/feedback/${item.id}/actions`, {
        action, version: item.version, ...(field ? { [field]: (input[field] ?? '').trim() } : {}),
      });
      setItem(next);
      setOpen(null);
      setConfirming(false);
      setMessage(t('console.fb.done', { action: label(action), status: t(`console.fb.status.${next.status}`) }));
    } catch (error) {
      setConfirming(false);
      if (error instanceof ApiError && error.status === 409) {
        setFailure({ text: error.code === 'VERSION_CONFLICT' ? t('console.fb.conflict') : t('console.error.transition', { detail: error.message }), reload: true });
      } else if (error instanceof ApiError && error.status === 422) {
        setFailure({ text: t('console.error.unprocessable', { detail: error.message }), reload: false });
      } else {
        setFailure({ text: errorText(error), reload: false });
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (!open) return;
    const found = validateFeedbackAction(open, input, item.agencyCode);
    const translated = Object.fromEntries(Object.entries(found).map(([f, key]) => [`fb-${f}`, t(key)]));
    setProblems(translated);
    if (Object.keys(translated).length) return;
    if (CONFIRMED.includes(open)) { setConfirming(true); return; }
    void send(open);
  };

  const reload = () => { setFailure(null); setMessage(null); loaded.reload(); };
  const field = open ? feedbackActionField(open) : undefined;
  const fieldLabel: Record<string, string> = {
    reason: t('console.fb.field.reason'), note: t('console.fb.field.note'), agencyCode: t('console.fb.field.agencyCode'), answer: t('console.fb.field.answer'),
  };
  const deadlines: [string, string | null, string][] = [
    ['decide', item.deadlines.decideBy, 'console.fb.deadline.decide'],
    ['first_info_request', item.deadlines.firstInfoRequestBy, 'console.fb.deadline.firstInfo'],
    ['answer', item.deadlines.answerBy, 'console.fb.deadline.answer'],
    ['publish', item.deadlines.publishBy, 'console.fb.deadline.publish'],
  ];

  return (
    <div class="console">
      <ConsoleNav current="feedback" />
      <Breadcrumbs items={[{ href: '/can-bo/phan-anh', label: t('console.fb.title') }, { label: item.code }]} />
      <PageTitle>{t('console.fb.itemTitle', { code: item.code })}</PageTitle>
      <p><FeedbackStatusBadge status={item.status} /></p>
      {message && <Alert kind="success">{message}</Alert>}
      {item.overdue.length > 0 && (
        <Alert kind="error" title={t('console.fb.overdueTitle')}>
          <ul>{item.overdue.map((s) => <li key={s}>{t(`console.fb.overdueStep.${s}`)}</li>)}</ul>
        </Alert>
      )}
      {item.repeated && <Alert kind="info">{t('console.fb.repeated')}</Alert>}

      <section class="card" aria-labelledby="fb-content-title">
        <h2 id="fb-content-title">{item.subject}</h2>
        <p class="muted">{t(`console.fb.category.${item.category}`)} · {formatDateTime(item.createdAt, lang)}{item.agencyName ? ` · ${item.agencyName}` : ''}{item.procedureCode ? ` · ${t('console.col.procedure')} ${item.procedureCode}` : ''}</p>
        <p class="pre-line">{item.content}</p>
        {item.rejection && <p><strong>{t('console.fb.rejection')}:</strong> {item.rejection}</p>}
        {item.infoRequest && <p><strong>{t('console.fb.infoRequest')}:</strong> {item.infoRequest}</p>}
        {item.answer && (
          <div class="answer">
            <h3>{t('console.fb.answer')}</h3>
            <p class="muted">{item.answer.agencyName} · {formatDateTime(item.answer.answeredAt, lang)}</p>
            <p class="pre-line">{item.answer.text}</p>
          </div>
        )}
      </section>

      <div class="grid-2">
        <section class="card" aria-labelledby="fb-sender-title">
          <h2 id="fb-sender-title">{t('console.fb.sender')}</h2>
          <dl class="facts">
            <dt>{t('console.fb.sender.name')}</dt><dd>{item.sender.name ?? '—'}</dd>
            <dt>{t('console.fb.sender.id')}</dt><dd>{item.sender.idNumber ?? '—'}</dd>
            <dt>{t('console.applicant.email')}</dt><dd>{item.sender.email ?? '—'}</dd>
            <dt>{t('console.applicant.phone')}</dt><dd>{item.sender.phone ?? '—'}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="fb-deadlines-title">
          <h2 id="fb-deadlines-title">{t('console.fb.deadlines')}</h2>
          <dl class="facts">
            {deadlines.filter(([, by]) => by).map(([step, by, key]) => (
              <Fragment key={step}>
                <dt>{t(key)}</dt>
                <dd>{formatDateTime(by, lang)}{item.overdue.includes(step as FeedbackView['overdue'][number]) && <strong class="overdue-marker"> <span aria-hidden="true">⚠</span> {t('console.fb.overdue')}</strong>}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>

      <section class="card" aria-labelledby="fb-actions-title">
        <h2 id="fb-actions-title">{t('console.actions.title')}</h2>
        {offered.length === 0 ? <p class="muted">{t('console.actions.none')}</p> : (
          // biome-ignore lint/a11y/useSemanticElements: these buttons are a toolbar outside any form; a <fieldset> groups form controls and lays out its own box (min-inline-size: min-content), role=group names the toolbar without a change of layout.
          <div class="actions" role="group" aria-label={t('console.actions.title')}>
            {offered.map((a) => (
              <button key={a} type="button" class={`btn ${a === 'reject' ? 'btn-danger' : open === a ? 'btn-primary' : 'btn-secondary'}`} aria-expanded={open === a} aria-controls="fb-action-form"
                onClick={() => { setOpen(open === a ? null : a); setInput({}); setProblems({}); setConfirming(false); setFailure(null); }}>
                {label(a)}
              </button>
            ))}
          </div>
        )}
        {failure && (
          <Alert kind="error" title={t('error.title')}>
            <p>{failure.text}</p>
            {failure.reload && <button type="button" class="btn btn-secondary" onClick={reload}>{t('console.reload')}</button>}
          </Alert>
        )}
        {open && (
          <form id="fb-action-form" class="action-form" onSubmit={submit} noValidate aria-labelledby="fb-action-title">
            <h3 id="fb-action-title">{label(open)}</h3>
            <p class="hint">{t(`console.fb.help.${open}`)}</p>
            <ErrorSummary errors={problems} />
            {field === 'agencyCode' && (
              <Field id="fb-agencyCode" label={fieldLabel.agencyCode!} hint={t('console.fb.field.agencyCodeHint')} error={problems['fb-agencyCode']} required>
                {(aria) => <input {...aria} type="text" autoComplete="off" spellcheck={false} value={input.agencyCode ?? ''} onInput={(e) => setInput({ ...input, agencyCode: (e.target as HTMLInputElement).value })} />}
              </Field>
            )}
            {field && field !== 'agencyCode' && (
              <Field id={`fb-${field}`} label={fieldLabel[field]!} error={problems[`fb-${field}`]} required hint={field === 'answer' ? t('console.fb.field.answerHint') : undefined}>
                {(aria) => <textarea {...aria} maxLength={field === 'answer' ? 10_000 : 2000} value={input[field] ?? ''} onInput={(e) => setInput({ ...input, [field]: (e.target as HTMLTextAreaElement).value })} />}
              </Field>
            )}
            <ActionFormFooter idPrefix="fb-confirm" confirming={confirming} confirmRef={confirmRef} busy={busy}
              title={t('console.confirm.title', { action: label(open) })} text={t(open === 'publish' ? 'console.fb.confirmPublish' : 'console.confirm.text')}
              onConfirm={() => void send(open)} onBack={() => setConfirming(false)} onCancel={() => setOpen(null)} />
          </form>
        )}
      </section>

      {item.attachments.length > 0 && (
        <section class="card" aria-labelledby="fb-files-title">
          <h2 id="fb-files-title">{t('console.fb.evidence')}</h2>
          <ul class="link-list">
            {item.attachments.filter((a) => a.status === 'verified').map((a) => (
              <li key={a.id}>
                <button type="button" class="btn-link link-button" onClick={() => download(`/v1/feedback/${item.id}/attachments/${a.id}`, a.fileName).catch((e) => setFailure({ text: errorText(e), reload: false }))}>
                  {a.fileName}
                </button> <span class="muted">({formatBytes(a.size, lang)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="card" aria-labelledby="fb-history-title">
        <h2 id="fb-history-title">{t('console.dossier.history')}</h2>
        {item.history.length === 0 ? <p class="muted">{t('console.fb.noHistory')}</p> : (
          <ol class="timeline">
            {item.history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>
                <strong>{t(`console.fb.action.${h.action}`)}</strong> — {t(`console.fb.status.${h.from}`)} → {t(`console.fb.status.${h.to}`)}
                <span class="muted"> ({t(`console.fb.actor.${h.actor}`)})</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
};

const Page = () => {
  const { params } = useRoute();
  return <RequireAuth groups={['official', 'admin']}><FeedbackItemPage id={params.id ?? ''} /></RequireAuth>;
};
export default Page;
