// Frequently asked questions (`/hoi-dap?q=&procedure=`): searchable, each answer behind its question.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, type Page } from '../lib/api';
import { useI18n } from '../i18n';
import { Alert, Breadcrumbs, ErrorState, LoadMore, Loading, PageTitle } from '../components/ui';
import { FaqList } from './faq-list';
import { usePaged } from './use-paged';
import type { FaqEntry } from './types';

const PROCEDURE_CODE = /^\d\.\d{6}(\.\d{6})?$/;

export default function Faq() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const q = (query.q ?? '').trim().slice(0, 200);
  const procedure = PROCEDURE_CODE.test(query.procedure ?? '') ? query.procedure! : '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const list = usePaged((cursor, signal) => api.get<Page<FaqEntry>>('/v1/faq', { q, procedure, limit: 20, cursor }, { signal, auth: false }), [q, procedure]);
  const count = list.items.length;

  const search = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (draft.trim()) params.set('q', draft.trim());
    if (procedure) params.set('procedure', procedure);
    const qs = params.toString();
    route(qs ? `/hoi-dap?${qs}` : '/hoi-dap');
  };

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { label: t('nav.faq') }]} />
      <PageTitle>{t('faq.title')}</PageTitle>
      <p>{t('faq.intro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the search landmark in every browser; the <search> element is known only to browsers since 2023. */}
      <form role="search" aria-label={t('faq.search')} class="search-bar" onSubmit={search}>
        <label for="faq-q" class="visually-hidden">{t('faq.search')}</label>
        <input id="faq-q" type="search" value={draft} maxLength={200} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} placeholder={t('faq.searchPlaceholder')} />
        <button type="submit" class="btn btn-primary">{t('common.search')}</button>
      </form>
      {procedure && (
        <p class="filter-chip">
          {t('faq.forCode', { code: procedure })}{' '}
          <a href={q ? `/hoi-dap?q=${encodeURIComponent(q)}` : '/hoi-dap'}>{t('faq.allProcedures')}</a>
          {' · '}<a href={`/thu-tuc/${encodeURIComponent(procedure)}`}>{t('faq.procedurePage')}</a>
        </p>
      )}
      <p role="status" class="result-count">{list.loading || list.error ? '' : count === 0 ? t('faq.none') : list.hasMore ? t('faq.countMore', { count }) : t('faq.count', { count })}</p>
      {list.loading && <Loading />}
      {list.error !== undefined && (list.error instanceof ApiError && list.error.status === 404 && !count
        ? <Alert kind="warning" title={t('faq.unavailable')}><p>{t('faq.unavailableText')}</p></Alert>
        : <ErrorState error={list.error} retry={count ? list.more : list.reload} />)}
      {count > 0 && <FaqList items={list.items} headingLevel={2} />}
      {list.hasMore && !list.loading && <LoadMore onClick={list.more} busy={list.loadingMore} />}
      <p>{t('faq.notAnswered')} <a href="/phan-anh/gui">{t('fb.send')}</a></p>
    </>
  );
}
