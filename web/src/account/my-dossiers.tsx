// My dossiers (hồ sơ của tôi): newest first, filtered by status, a page at a time.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatDate } from '../lib/format';
import { useI18n } from '../i18n';
import { RequireAuth } from '../components/require-auth';
import { ErrorState, LoadMore, Loading, PageTitle, StatusBadge, useErrorText } from '../components/ui';
import type { DossierSummary } from './types';

// The statuses an applicant sees (the wire list of shared/contracts/dossier-status.ts, which imports zod).
const DOSSIER_STATUSES = ['draft', 'submitted', 'received', 'not_received', 'processing', 'supplement_requested', 'payment_required', 'withdrawn', 'stopped', 'done', 'returned'] as const;

export default function MyDossiersPage() {
  return <RequireAuth groups={['citizen', 'business']}><MyDossiers /></RequireAuth>;
}

const MyDossiers = () => {
  const { t, lang } = useI18n();
  const { query, route } = useLocation();
  const errorText = useErrorText();
  const status = DOSSIER_STATUSES.includes(query.status as never) ? query.status! : '';
  const [chosen, setChosen] = useState(status);
  const [more, setMore] = useState<{ items: DossierSummary[]; cursor: string | null; busy: boolean; error?: string }>({ items: [], cursor: null, busy: false });
  const first = useAsync(async (signal) => {
    const page = await api.get<Page<DossierSummary>>('/v1/me/dossiers', { status, limit: 20 }, { signal });
    setMore({ items: [], cursor: page.nextCursor, busy: false });
    return page;
  }, [status]);

  const loadMore = async () => {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, busy: true, error: undefined }));
    try {
      const page = await api.get<Page<DossierSummary>>('/v1/me/dossiers', { status, limit: 20, cursor: more.cursor });
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, busy: false }));
    } catch (e) {
      setMore((m) => ({ ...m, busy: false, error: errorText(e) }));
    }
  };
  const items = [...(first.data?.items ?? []), ...more.items];

  return (
    <>
      <PageTitle>{t('nav.myDossiers')}</PageTitle>
      <p>{t('acct.mine.intro')} <a href="/thu-tuc">{t('acct.mine.findProcedure')}</a></p>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the search landmark in every browser; the <search> element is known only to browsers since 2023. */}
      <form class="filters" role="search" aria-label={t('acct.mine.filterLabel')} onSubmit={(e) => { e.preventDefault(); route(chosen ? `/ho-so?status=${chosen}` : '/ho-so'); }}>
        <div class="field">
          <label for="mine-status">{t('acct.dossier.status')}</label>
          <select id="mine-status" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {DOSSIER_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div class="actions"><button type="submit" class="btn btn-primary">{t('common.filter')}</button></div>
      </form>
      {first.loading && !first.data ? <Loading /> : first.error ? <ErrorState error={first.error} retry={first.reload} /> : items.length === 0 ? (
        <p role="status">{status ? t('acct.mine.emptyStatus') : t('acct.mine.empty')}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <caption>{t('acct.mine.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acct.dossier.code')}</th>
                  <th scope="col">{t('acct.dossier.procedure')}</th>
                  <th scope="col">{t('acct.dossier.status')}</th>
                  <th scope="col">{t('acct.dossier.submittedAt')}</th>
                  <th scope="col">{t('acct.dossier.dueDate')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} class={d.late.late ? 'overdue' : undefined}>
                    <th scope="row"><a href={`/ho-so/${d.id}`}>{d.code ?? t('acct.mine.draft')}</a></th>
                    <td>{d.procedureName}</td>
                    <td><StatusBadge status={d.status} /></td>
                    <td>{formatDate(d.submittedAt ?? d.createdAt, lang)}</td>
                    <td>{formatDate(d.dueDate, lang)}{d.late.late && <strong class="late-mark"> {t('acct.dossier.late')}</strong>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more.error && <p class="error-message" role="alert">{more.error}</p>}
          {more.cursor && <LoadMore onClick={loadMore} busy={more.busy} />}
        </>
      )}
    </>
  );
};
