// The feedback queue (/can-bo/phan-anh): the items with an agency the official serves, oldest
// first, filtered by status in the URL, with the next step's deadline and overdue steps in words.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { FEEDBACK_STATUSES } from '../../../shared/contracts/feedback';
import { useI18n } from '../i18n';
import { api, type Page } from '../lib/api';
import { useUser } from '../lib/session';
import { formatDate, formatDateTime } from '../lib/format';
import { RequireAuth } from '../components/require-auth';
import { Field } from '../components/form';
import { Alert, ErrorState, LoadMore, Loading, PageTitle, useErrorText } from '../components/ui';
import { AgencyPicker, ScopeNote, useScopeAgencies } from './agency-picker';
import type { FeedbackView } from './data';
import { nextDeadline } from './feedback-parts';
import { ConsoleNav } from './parts';

export const FeedbackStatusBadge = ({ status }: { status: string }) => {
  const { t } = useI18n();
  const tone = status === 'rejected' ? 'danger' : status === 'published' ? 'success' : status === 'info_requested' || status === 'answered' ? 'warning' : 'info';
  return <span class={`badge badge-${tone}`}>{t(`console.fb.status.${status}`)}</span>;
};

const FeedbackQueuePage = () => {
  const { t, lang } = useI18n();
  const user = useUser()!;
  const { query, path, route } = useLocation();
  const agencies = useScopeAgencies(user);
  const errorText = useErrorText();
  const agency = query.agency ?? user.agencyScope[0] ?? '';
  const status = query.status ?? '';
  const [items, setItems] = useState<FeedbackView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: unknown; more?: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);

  const fetchPage = (after: string | null, signal?: AbortSignal) =>
    api.get<Page<FeedbackView>>('/v1/agency/feedback', { agency: agency || undefined, status: status || undefined, limit: 20, cursor: after ?? undefined }, { signal });

  useEffect(() => {
    if (!agency && user.agencyScope.length) return undefined;
    const controller = new AbortController();
    setState({ loading: true });
    fetchPage(null, controller.signal).then(
      (page) => { setItems(page.items); setCursor(page.nextCursor); setState({ loading: false }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ loading: false, error }); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [agency, status, tick]);

  const loadMore = async () => {
    setState({ loading: false, more: true });
    try {
      const page = await fetchPage(cursor);
      setItems((r) => [...r, ...page.items]);
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) { setState({ loading: false, error }); }
  };

  const go = (next: { agency?: string; status?: string }) => {
    const merged = { agency, status, ...next };
    const params = new URLSearchParams();
    if (merged.agency && merged.agency !== user.agencyScope[0]) params.set('agency', merged.agency);
    if (merged.status) params.set('status', merged.status);
    const qs = params.toString();
    route(qs ? `${path}?${qs}` : path);
  };
  const agencyName = agencies.data?.find((a) => a.code === agency)?.name ?? (agency || t('console.fb.portalQueue'));
  const now = Date.now();

  return (
    <div class="console">
      <ConsoleNav current="feedback" />
      <PageTitle>{t('console.fb.title')}</PageTitle>
      <ScopeNote user={user} agencies={agencies.data} />
      {agencies.error ? <Alert kind="warning">{errorText(agencies.error)}</Alert> : null}
      <form class="filters" aria-label={t('console.filters')} onSubmit={(e) => e.preventDefault()}>
        <AgencyPicker id="fb-agency" value={agency} agencies={agencies.data ?? []} onChange={(code) => go({ agency: code })} />
        <Field id="fb-status" label={t('console.queue.status')}>
          {(aria) => (
            <select {...aria} value={status} onChange={(e) => go({ status: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('common.all')}</option>
              {FEEDBACK_STATUSES.map((s) => <option key={s} value={s}>{t(`console.fb.status.${s}`)}</option>)}
            </select>
          )}
        </Field>
      </form>
      {state.loading ? <Loading />
        : state.error && !items.length ? <ErrorState error={state.error} retry={() => setTick((n) => n + 1)} />
          : items.length === 0 ? <Alert kind="info">{t('console.fb.empty')}</Alert> : (
            <>
              <div class="table-wrap">
                <table>
                  <caption>{t('console.fb.caption', { agency: agencyName })}</caption>
                  <thead><tr>
                    <th scope="col">{t('console.fb.col.code')}</th><th scope="col">{t('console.fb.col.subject')}</th>
                    <th scope="col">{t('console.col.status')}</th><th scope="col">{t('console.fb.col.sent')}</th>
                    <th scope="col">{t('console.fb.col.deadline')}</th>
                  </tr></thead>
                  <tbody>
                    {items.map((f) => {
                      const next = nextDeadline(f.status, f.deadlines);
                      const late = f.overdue.length > 0 || (next !== null && Date.parse(next.by) < now);
                      return (
                        <tr key={f.id} class={late ? 'overdue' : undefined}>
                          <th scope="row"><a href={`/can-bo/phan-anh/${f.id}`}>{f.code}</a></th>
                          <td>{f.subject}<br /><span class="muted">{t(`console.fb.category.${f.category}`)}</span></td>
                          <td><FeedbackStatusBadge status={f.status} /></td>
                          <td>{formatDate(f.createdAt, lang)}</td>
                          <td>
                            {next ? <>{t(`console.fb.step.${next.step}`)}: {formatDateTime(next.by, lang)}</> : <span class="muted">—</span>}
                            {late && <><br /><strong class="overdue-marker"><span aria-hidden="true">⚠ </span>{t('console.fb.overdue')}</strong></>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {state.error ? <Alert kind="error">{errorText(state.error)}</Alert> : null}
              {cursor && <LoadMore onClick={loadMore} busy={state.more} />}
            </>
          )}
    </div>
  );
};

export default () => <RequireAuth groups={['official', 'admin']}><FeedbackQueuePage /></RequireAuth>;
