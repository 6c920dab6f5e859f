// The feedback I sent (`/phan-anh/cua-toi`), newest first, with where each stands and its deadlines.
import { api, type Page } from '../lib/api';
import { formatDate } from '../lib/format';
import { useI18n } from '../i18n';
import { RequireAuth } from '../components/require-auth';
import { Breadcrumbs, ErrorState, LoadMore, Loading, PageTitle } from '../components/ui';
import { TableBox } from '../components/table-box';
import { usePaged } from './use-paged';
import type { FeedbackView } from './types';

const OPEN = new Set(['submitted', 'accepted', 'assigned', 'info_requested']);

const MyList = () => {
  const { t, lang } = useI18n();
  const list = usePaged((cursor, signal) => api.get<Page<FeedbackView>>('/v1/me/feedback', { limit: 20, cursor }, { signal }), []);
  const count = list.items.length;
  return (
    <>
      <PageTitle>{t('fb.mineTitle')}</PageTitle>
      <p class="actions"><a class="btn btn-primary" href="/phan-anh/gui">{t('fb.send')}</a></p>
      <p role="status" class="result-count">{list.loading ? '' : count === 0 ? t('fb.mineNone') : list.hasMore ? t('fb.countMore', { count }) : t('fb.count', { count })}</p>
      {list.loading && <Loading />}
      {list.error !== undefined && <ErrorState error={list.error} retry={count ? list.more : list.reload} />}
      {count > 0 && (
        <TableBox label={t('fb.mineTitle')}>
          <table>
            <caption>{t('fb.mineTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fb.code')}</th>
                <th scope="col">{t('fb.subject')}</th>
                <th scope="col">{t('fb.status')}</th>
                <th scope="col">{t('fb.sentOn')}</th>
                <th scope="col">{t('fb.answerBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((f) => (
                <tr key={f.id} class={f.overdue.length ? 'overdue' : undefined}>
                  <td class="nowrap">{f.code}</td>
                  <td><a href={`/phan-anh/${f.id}`}>{f.subject}</a></td>
                  <td>
                    {t(`fb.status.${f.status}`)}
                    {f.status === 'info_requested' && <><br /><strong>{t('fb.actionNeeded')}</strong></>}
                  </td>
                  <td>{formatDate(f.createdAt, lang)}</td>
                  <td>
                    {OPEN.has(f.status) ? formatDate(f.deadlines.answerBy, lang) : '—'}
                    {f.overdue.length > 0 && <><br /><span class="badge badge-danger">{t('fb.overdue')}</span></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {list.hasMore && !list.loading && <LoadMore onClick={list.more} busy={list.loadingMore} />}
    </>
  );
};

export default function FeedbackMine() {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { href: '/phan-anh', label: t('nav.feedback') }, { label: t('fb.mineTitle') }]} />
      <RequireAuth groups={['citizen', 'business']}><MyList /></RequireAuth>
    </>
  );
}
