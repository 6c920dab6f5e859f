// Procedure search (`/thu-tuc?q=&sector=&agency=&level=&online=`): the URL holds the filters, so the
// back button, a shared link and the home page's search box all land on the same results.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { Breadcrumbs, ErrorState, LoadMore, Loading, PageTitle } from '../components/ui';
import { catalogue } from './catalogue';
import { EMPTY_FILTERS, LEVELS, ONLINE_LEVELS, filtersFromQuery, formatProcessingTime, hasFilters, queryFromFilters, summarizeFees, type ProcedureFilters } from './logic';
import { usePaged } from './use-paged';
import type { ProcedureSummary } from './types';

const PAGE_SIZE = 20;

export default function ProcedureSearch() {
  const { t, lang } = useI18n();
  const { query, route } = useLocation();
  const applied = filtersFromQuery(query);
  const appliedKey = queryFromFilters(applied);
  const [draft, setDraft] = useState<ProcedureFilters>(applied);
  // The back button changes the URL: the form follows it.
  useEffect(() => setDraft(filtersFromQuery(query)), [appliedKey]);

  const sectors = useAsync(() => catalogue('sectors'), []);
  const agencies = useAsync(() => (applied.agency ? catalogue('agencies') : Promise.resolve([])), [applied.agency]);
  const sectorName = (code: string) => sectors.data?.find((s) => s.code === code)?.name ?? code;
  const agencyName = agencies.data?.find((a) => a.code === applied.agency)?.name ?? applied.agency;

  const results = usePaged((cursor, signal) => api.get<Page<ProcedureSummary>>('/v1/procedures', {
    q: applied.q, sector: applied.sector, agency: applied.agency, level: applied.level, online: applied.online, limit: PAGE_SIZE, cursor,
  }, { signal, auth: false }), [appliedKey]);

  const submit = (e: Event) => {
    e.preventDefault();
    route(`/thu-tuc${queryFromFilters(draft)}`);
  };
  const set = (key: keyof ProcedureFilters) => (e: Event) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement | HTMLSelectElement).value });

  const count = results.items.length;
  const summary = results.loading ? '' : count === 0 ? t('proc.noResults')
    : results.hasMore ? t('proc.countMore', { count }) : t('proc.count', { count });

  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { label: t('nav.procedures') }]} />
      <PageTitle>{t('proc.searchTitle')}</PageTitle>
      <p>{t('proc.searchIntro')}</p>

      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the search landmark in every browser; the <search> element is known only to browsers since 2023. */}
      <form role="search" aria-label={t('proc.searchTitle')} class="filters" onSubmit={submit}>
        <div class="field proc-q">
          <label for="proc-q">{t('proc.keyword')}</label>
          <input id="proc-q" type="search" name="q" value={draft.q} maxLength={200} onInput={set('q')} placeholder={t('home.searchPlaceholder')} autoComplete="off" />
        </div>
        <div class="field">
          <label for="proc-sector">{t('proc.sector')}</label>
          <select id="proc-sector" name="sector" value={draft.sector} onChange={set('sector')}>
            <option value="">{t('common.all')}</option>
            {/* A sector from a link that the list has not loaded yet still shows as selected. */}
            {draft.sector && !sectors.data?.some((s) => s.code === draft.sector) && <option value={draft.sector}>{draft.sector}</option>}
            {sectors.data?.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="proc-level">{t('proc.level')}</label>
          <select id="proc-level" name="level" value={draft.level} onChange={set('level')}>
            <option value="">{t('common.all')}</option>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`proc.level.${l}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="proc-online">{t('proc.online')}</label>
          <select id="proc-online" name="online" value={draft.online} onChange={set('online')}>
            <option value="">{t('common.all')}</option>
            {ONLINE_LEVELS.map((l) => <option key={l} value={l}>{t(`proc.online.${l}`)}</option>)}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary">{t('common.search')}</button>
          {hasFilters(applied) && <a class="btn btn-secondary" href="/thu-tuc" onClick={() => setDraft(EMPTY_FILTERS)}>{t('common.clear')}</a>}
        </div>
      </form>

      {applied.agency && (
        <p class="filter-chip">
          {t('proc.agencyFilter', { name: agencyName })}{' '}
          <a href={`/thu-tuc${queryFromFilters({ ...applied, agency: '' })}`}>{t('proc.removeAgency')}</a>
        </p>
      )}

      <p role="status" class="result-count">{summary}</p>
      {results.loading && <Loading />}
      {results.error !== undefined && <ErrorState error={results.error} retry={results.items.length ? results.more : results.reload} />}

      {count > 0 && (
        <ul class="result-list" aria-label={t('proc.resultList')}>
          {results.items.map((p) => (
            <li key={p.code} class="card result">
              <h2 class="result-title"><a href={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</a></h2>
              <dl class="facts">
                <dt>{t('proc.code')}</dt><dd>{p.code}</dd>
                <dt>{t('proc.level')}</dt><dd>{t(`proc.level.${p.level}`)}</dd>
                <dt>{t('proc.sector')}</dt><dd>{sectorName(p.sectorCode)}</dd>
                <dt>{t('proc.online')}</dt><dd>{t(`proc.online.${p.onlineService}`)}</dd>
                <dt>{t('proc.processingTime')}</dt><dd>{formatProcessingTime(p.processingTime, lang)}</dd>
                <dt>{t('proc.fees')}</dt><dd>{summarizeFees(p.fees, lang)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {results.hasMore && !results.loading && <LoadMore onClick={results.more} busy={results.loadingMore} />}
    </>
  );
}
