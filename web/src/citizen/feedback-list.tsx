// Published feedback and answers (`/phan-anh?q=`), newest first; searching keeps `q` in the URL.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { formatDate } from '../lib/format';
import { isApplicant } from '../lib/auth';
import { useUser } from '../lib/session';
import { useI18n } from '../i18n';
import { Breadcrumbs, ErrorState, LoadMore, Loading, PageTitle } from '../components/ui';
import { usePaged } from './use-paged';
import type { PublicFeedbackView } from './types';

export default function FeedbackList() {
  const { t, lang } = useI18n();
  const { query, route } = useLocation();
  const user = useUser();
  const q = (query.q ?? '').trim();
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const list = usePaged((cursor, signal) => api.get<Page<PublicFeedbackView>>('/v1/feedback', { status: 'published', q, limit: 20, cursor }, { signal, auth: false }), [q]);
  const count = list.items.length;

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { label: t('nav.feedback') }]} />
      <PageTitle>{t('fb.listTitle')}</PageTitle>
      <p>{t('fb.listIntro')}</p>
      <p class="actions">
        <a class="btn btn-primary" href="/phan-anh/gui">{t('fb.send')}</a>
        {(!user || isApplicant(user)) && <a class="btn btn-secondary" href="/phan-anh/cua-toi">{t('fb.mine')}</a>}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the search landmark in every browser; the <search> element is known only to browsers since 2023. */}
      <form role="search" aria-label={t('fb.search')} class="search-bar" onSubmit={(e) => { e.preventDefault(); route(draft.trim() ? `/phan-anh?q=${encodeURIComponent(draft.trim())}` : '/phan-anh'); }}>
        <label for="fb-q" class="visually-hidden">{t('fb.search')}</label>
        <input id="fb-q" type="search" value={draft} maxLength={200} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} placeholder={t('fb.searchPlaceholder')} />
        <button type="submit" class="btn btn-primary">{t('common.search')}</button>
      </form>
      <p role="status" class="result-count">{list.loading ? '' : count === 0 ? t('fb.none') : list.hasMore ? t('fb.countMore', { count }) : t('fb.count', { count })}</p>
      {list.loading && <Loading />}
      {list.error !== undefined && <ErrorState error={list.error} retry={count ? list.more : list.reload} />}
      {count > 0 && (
        <ul class="result-list">
          {list.items.map((f) => (
            <li key={f.id} class="card result">
              <h2 class="result-title"><a href={`/phan-anh/${f.id}`}>{f.subject}</a></h2>
              <p class="muted">
                {f.code} · {t(`fb.category.${f.category}`)} · {t('fb.publishedOn', { date: formatDate(f.publishedAt, lang) })}
                {f.agencyName && <> · {f.agencyName}</>}
              </p>
              <p class="clamp">{f.content}</p>
              <p class="muted">{t('fb.reactionCounts', { likes: f.likes, dislikes: f.dislikes })}</p>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && !list.loading && <LoadMore onClick={list.more} busy={list.loadingMore} />}
    </>
  );
}
