// One feedback item (`/phan-anh/:id`). Anyone reads a published item and its answer; signed-in people
// like or dislike the answer. The sender also sees their own item before publication (the public
// route answers 404 for it, so it is read from their own list), with its deadlines, and answers a
// request for more information.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ApiError, type Page } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { currentUser, isApplicant } from '../lib/auth';
import { useUser } from '../lib/session';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle, useErrorText } from '../components/ui';
import type { FeedbackView, PublicFeedbackView, ReactionResult } from './types';
import { admitEvidence, EvidencePicker, UploadProgress, uploadEvidence } from './feedback-evidence';

type Item = { view: 'public'; item: PublicFeedbackView } | { view: 'sender'; item: FeedbackView };

/** The sender's own item, from `GET /v1/me/feedback` (a few pages at most: people send few). */
const findMine = async (id: string, signal: AbortSignal): Promise<FeedbackView | undefined> => {
  let cursor: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = await api.get<Page<FeedbackView>>('/v1/me/feedback', { limit: 100, cursor }, { signal });
    const hit = page.items.find((f) => f.id === id);
    if (hit || !page.nextCursor) return hit;
    cursor = page.nextCursor;
  }
  return undefined;
};

const loadItem = async (id: string, signal: AbortSignal): Promise<Item> => {
  // A mistyped link is "not found", not a validation error of the API.
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new ApiError(404, 'NOT_FOUND', 'Feedback not found');
  try {
    return { view: 'public', item: await api.get<PublicFeedbackView>(`/v1/feedback/${encodeURIComponent(id)}`, undefined, { signal, auth: false }) };
  } catch (error) {
    const user = currentUser();
    if (error instanceof ApiError && error.status === 404 && user && isApplicant(user)) {
      const mine = await findMine(id, signal);
      if (mine) return { view: 'sender', item: mine };
    }
    throw error;
  }
};

const Reactions = ({ item }: { item: PublicFeedbackView }) => {
  const { t } = useI18n();
  const user = useUser();
  const { url } = useLocation();
  const [counts, setCounts] = useState({ likes: item.likes, dislikes: item.dislikes });
  const [mine, setMine] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const errorText = useErrorText();

  const react = async (like: boolean) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await api.post<ReactionResult>(`/v1/feedback/${item.id}/reaction`, { like });
      setCounts({ likes: result.likes, dislikes: result.dislikes });
      setMine(result.like);
      setMessage({ kind: 'success', text: t(result.like ? 'fb.liked' : 'fb.disliked') });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="reaction-title">
      <h2 id="reaction-title">{t('fb.reactionTitle')}</h2>
      {user ? (
        <div class="actions">
          <button type="button" class="btn btn-secondary" aria-pressed={mine === true} disabled={busy} onClick={() => react(true)}>
            {t('fb.like')} <span class="count">({counts.likes})</span>
          </button>
          <button type="button" class="btn btn-secondary" aria-pressed={mine === false} disabled={busy} onClick={() => react(false)}>
            {t('fb.dislike')} <span class="count">({counts.dislikes})</span>
          </button>
        </div>
      ) : (
        <>
          <p>{t('fb.reactionCounts', { likes: counts.likes, dislikes: counts.dislikes })}</p>
          <p><a href={`/dang-nhap?next=${encodeURIComponent(url)}`}>{t('fb.signInToReact')}</a></p>
        </>
      )}
      <div role="status">{message && <p class={message.kind === 'error' ? 'error-message' : 'success-message'}>{message.text}</p>}</div>
    </section>
  );
};

/** The sender answers an official's request for more information. */
const ProvideInfo = ({ item, onDone }: { item: FeedbackView; onDone(next: FeedbackView, notAttached: string[]): void }) => {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [uploading, setUploading] = useState<{ index: number; ratio: number } | null>(null);
  const errorText = useErrorText();
  const attached = item.attachments.filter((a) => a.status === 'verified').length;
  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!note.trim()) found['fb-info'] = t('fb.infoRequired');
    else if (note.trim().length > 2000) found['fb-info'] = t('fb.infoTooLong');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      // Files first: the feedback takes them only while the information is awaited.
      let version = item.version;
      let notAttached: string[] = [];
      if (files.length) {
        setUploading({ index: 0, ratio: 0 });
        const uploaded = await uploadEvidence(item.id, files, (index, ratio) => setUploading({ index, ratio }));
        setUploading(null);
        notAttached = uploaded.failed;
        version = uploaded.latest?.version ?? version;
      }
      onDone(await api.post<FeedbackView>(`/v1/feedback/${item.id}/actions`, { action: 'provide_info', version, note: note.trim() }), notAttached);
    } catch (error) {
      setUploading(null);
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="info-title">
      <h2 id="info-title">{t('fb.provideInfo')}</h2>
      <ErrorSummary errors={errors} />
      <Field id="fb-info" label={t('fb.infoLabel')} error={errors['fb-info']} required>
        {(aria) => <textarea {...aria} rows={5} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <EvidencePicker files={files} problems={fileProblems} disabled={busy} already={attached}
        onChoose={(chosen) => void admitEvidence(chosen, attached + files.length, t).then(({ admitted, problems }) => { setFiles((f) => [...f, ...admitted]); setFileProblems(problems); })}
        onRemove={(index) => { setFiles((f) => f.filter((_, i) => i !== index)); setFileProblems([]); }} />
      {uploading && files[uploading.index] && <UploadProgress index={uploading.index} ratio={uploading.ratio} files={files} />}
      {failure && <Alert kind="error">{failure}</Alert>}
      <button type="submit" class="btn btn-primary" disabled={busy}>{t('common.send')}</button>
    </form>
  );
};

export default function FeedbackItem() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  const user = useUser();
  const state = useAsync((signal) => loadItem(id, signal), [id, user?.username]);
  const [updated, setUpdated] = useState<FeedbackView>();
  const [notAttached, setNotAttached] = useState<string[]>([]);
  const crumbs = [{ href: '/', label: t('common.home') }, { href: '/phan-anh', label: t('nav.feedback') }];

  if (state.loading && !state.data) return <Loading />;
  if (state.error || !state.data) {
    return (
      <>
        <Breadcrumbs items={[...crumbs, { label: t('fb.item') }]} />
        <PageTitle>{t('fb.notFound')}</PageTitle>
        {state.error instanceof ApiError && state.error.status === 404
          ? <Alert kind="warning">{user ? t('fb.notFoundText') : t('fb.notFoundSignIn')}</Alert>
          : <ErrorState error={state.error} retry={state.reload} />}
        <p><a href="/phan-anh">{t('fb.backToList')}</a></p>
      </>
    );
  }
  const data: Item = updated ? { view: 'sender', item: updated } : state.data;
  const f = data.item;
  return (
    <>
      <Breadcrumbs items={[...crumbs, { label: f.code }]} />
      <PageTitle>{f.subject}</PageTitle>
      <dl class="facts card">
        <dt>{t('fb.code')}</dt><dd>{f.code}</dd>
        <dt>{t('fb.category')}</dt><dd>{t(`fb.category.${f.category}`)}</dd>
        <dt>{t('fb.status')}</dt><dd><span class={`badge badge-${f.status === 'published' || f.status === 'answered' ? 'success' : f.status === 'rejected' ? 'danger' : f.status === 'info_requested' ? 'warning' : 'info'}`}>{t(`fb.status.${f.status}`)}</span></dd>
        <dt>{t('fb.sentOn')}</dt><dd>{formatDateTime(f.createdAt, lang)}</dd>
        {f.agencyName && <><dt>{t('fb.agency')}</dt><dd>{f.agencyName}</dd></>}
        {f.procedureCode && <><dt>{t('fb.procedure')}</dt><dd><a href={`/thu-tuc/${encodeURIComponent(f.procedureCode)}`}>{f.procedureCode}</a></dd></>}
        {f.publishedAt && <><dt>{t('fb.publishedAt')}</dt><dd>{formatDate(f.publishedAt, lang)}</dd></>}
      </dl>

      {data.view === 'sender' && (
        <section class="card" aria-labelledby="progress-title">
          <h2 id="progress-title">{t('fb.progress')}</h2>
          {data.item.status === 'rejected' && data.item.rejection && <Alert kind="warning" title={t('fb.rejected')}><p>{data.item.rejection}</p></Alert>}
          {data.item.status === 'info_requested' && data.item.infoRequest && <Alert kind="warning" title={t('fb.infoRequested')}><p>{data.item.infoRequest}</p></Alert>}
          <dl class="facts">
            <dt>{t('fb.decideBy')}</dt><dd>{formatDateTime(data.item.deadlines.decideBy, lang)}</dd>
            <dt>{t('fb.answerBy')}</dt><dd>{formatDateTime(data.item.deadlines.answerBy, lang)}</dd>
            {data.item.deadlines.publishBy && <><dt>{t('fb.publishBy')}</dt><dd>{formatDateTime(data.item.deadlines.publishBy, lang)}</dd></>}
          </dl>
          {data.item.overdue.length > 0 && <p class="overdue-note"><span class="badge badge-danger">{t('fb.overdue')}</span></p>}
          {data.item.attachments.some((a) => a.status === 'verified') && (
            <>
              <h3>{t('fb.attachments')}</h3>
              <ul class="file-list">{data.item.attachments.filter((a) => a.status === 'verified').map((a) => <li key={a.id}>{a.fileName}</li>)}</ul>
            </>
          )}
          {notAttached.length > 0 && <Alert kind="warning"><p>{t('fb.evidenceFailed', { names: notAttached.join(', ') })}</p></Alert>}
          {data.item.status !== 'published' && <p class="muted">{t('fb.notPublicYet')}</p>}
        </section>
      )}
      {data.view === 'sender' && data.item.allowedActions.includes('provide_info') && <ProvideInfo item={data.item} onDone={(next, failed) => { setUpdated(next); setNotAttached(failed); }} />}

      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('fb.content')}</h2>
        <div class="prose">{f.content.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}</div>
      </section>

      <section aria-labelledby="answer-title">
        <h2 id="answer-title">{t('fb.answer')}</h2>
        {f.answer ? (
          <div class="card answer">
            <p class="muted">{t('fb.answeredBy', { agency: f.answer.agencyName, date: formatDate(f.answer.answeredAt, lang) })}</p>
            {f.answer.text.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
          </div>
        ) : <p>{t('fb.noAnswer')}</p>}
      </section>

      {f.status === 'published' && <Reactions item={f} />}
      <p><a href="/phan-anh">{t('fb.backToList')}</a>{data.view === 'sender' && <> · <a href="/phan-anh/cua-toi">{t('fb.mine')}</a></>}</p>
    </>
  );
}
