// The work queue (/can-bo): an agency's open dossiers in due-date order as the API returns them,
// overdue ones marked in words as well as colour, filters kept in the URL (a link shares the view),
// and "show more" paging with the API's cursor.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { DOSSIER_STATUSES } from '../../../shared/contracts/dossier-status';
import { useI18n } from '../i18n';
import { api, type Page } from '../lib/api';
import { useUser } from '../lib/session';
import { formatDate } from '../lib/format';
import { RequireAuth } from '../components/require-auth';
import { ErrorSummary, Field, type FieldErrors } from '../components/form';
import { ErrorState, LoadMore, Loading, PageTitle, StatusBadge, useErrorText, Alert } from '../components/ui';
import { AgencyPicker, ScopeNote, useScopeAgencies } from './agency-picker';
import type { DossierRow } from './data';
import { ConsoleNav, TimeLeftText } from './parts';
import { firstNonEmptyPage } from './logic';

const PROCEDURE_CODE = /^\d\.\d{6}(\.\d{6})?$/;
const PAGE_SIZE = 20;
const FILTER_STATUSES = DOSSIER_STATUSES.filter((s) => s !== 'draft');

const QueuePage = () => {
  const { t, lang } = useI18n();
  const user = useUser()!;
  const { query, path, route } = useLocation();
  const agencies = useScopeAgencies(user);
  const errorText = useErrorText();

  const agency = query.agency ?? user.agencyScope[0] ?? '';
  const status = query.status ?? '';
  const overdue = query.overdue === 'true';
  const procedure = query.procedure ?? '';

  // The form edits a copy; "Lọc" writes it to the URL, which is what the list reads.
  const [draft, setDraft] = useState({ status, overdue, procedure });
  const [problems, setProblems] = useState<FieldErrors>({});
  useEffect(() => setDraft({ status, overdue, procedure }), [status, overdue, procedure]);

  const [rows, setRows] = useState<DossierRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: unknown; more?: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);

  const fetchPage = (after: string | null, signal?: AbortSignal) => firstNonEmptyPage((from) => api.get<Page<DossierRow>>('/v1/agency/dossiers', {
    agency: agency || undefined, status: status || undefined, overdue: overdue ? 'true' : undefined,
    procedure: procedure || undefined, limit: PAGE_SIZE, cursor: from ?? undefined,
  }, { signal }), after);

  useEffect(() => {
    if (!agency) { setState({ loading: false }); setRows([]); return undefined; }
    const controller = new AbortController();
    setState({ loading: true });
    fetchPage(null, controller.signal).then(
      (page) => { setRows(page.items); setCursor(page.nextCursor); setState({ loading: false }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ loading: false, error }); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [agency, status, overdue, procedure, tick]);

  const loadMore = async () => {
    setState({ loading: false, more: true });
    try {
      const page = await fetchPage(cursor);
      setRows((r) => [...r, ...page.items]);
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) {
      setState({ loading: false, error });
    }
  };

  const go = (next: { agency?: string; status?: string; overdue?: boolean; procedure?: string }) => {
    const params = new URLSearchParams();
    const merged = { agency, status, overdue, procedure, ...next };
    if (merged.agency && merged.agency !== user.agencyScope[0]) params.set('agency', merged.agency);
    if (merged.status) params.set('status', merged.status);
    if (merged.overdue) params.set('overdue', 'true');
    if (merged.procedure) params.set('procedure', merged.procedure);
    const qs = params.toString();
    route(qs ? `${path}?${qs}` : path);
  };

  const applyFilters = (e: Event) => {
    e.preventDefault();
    const code = draft.procedure.trim();
    if (code && !PROCEDURE_CODE.test(code)) { setProblems({ 'filter-procedure': t('console.error.procedureCode') }); return; }
    setProblems({});
    go({ status: draft.status, overdue: draft.overdue, procedure: code });
  };

  const now = new Date();
  const agencyName = agencies.data?.find((a) => a.code === agency)?.name ?? agency;

  return (
    <div class="console">
      <ConsoleNav current="dossiers" />
      <PageTitle>{t('console.queue.title')}</PageTitle>
      <ScopeNote user={user} agencies={agencies.data} />
      {agencies.error ? <Alert kind="warning">{errorText(agencies.error)}</Alert> : null}
      <form class="filters" onSubmit={applyFilters} aria-label={t('console.filters')} noValidate>
        <AgencyPicker id="filter-agency" value={agency} agencies={agencies.data ?? []} onChange={(code) => go({ agency: code })} />
        <Field id="filter-status" label={t('console.queue.status')} hint={t('console.queue.statusHint')}>
          {(aria) => (
            <select {...aria} value={draft.status} onChange={(e) => setDraft({ ...draft, status: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('console.queue.openStatuses')}</option>
              {FILTER_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id="filter-procedure" label={t('console.queue.procedure')} hint={t('console.queue.procedureHint')} error={problems['filter-procedure']}>
          {(aria) => <input {...aria} type="text" inputMode="decimal" value={draft.procedure} autoComplete="off" onInput={(e) => setDraft({ ...draft, procedure: (e.target as HTMLInputElement).value })} />}
        </Field>
        <div class="field">
          <label class="choice" for="filter-overdue">
            <input id="filter-overdue" type="checkbox" checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: (e.target as HTMLInputElement).checked })} />
            {t('console.queue.overdueOnly')}
          </label>
        </div>
        <div class="actions filter-actions">
          <button type="submit" class="btn btn-primary">{t('common.filter')}</button>
          {(status || overdue || procedure) && <a class="btn btn-secondary" href={agency !== user.agencyScope[0] && agency ? `${path}?agency=${encodeURIComponent(agency)}` : path}>{t('common.clear')}</a>}
        </div>
      </form>
      <ErrorSummary errors={problems} />
      {!agency ? <Alert kind="info">{t('console.queue.chooseAgency')}</Alert>
        : state.loading ? <Loading />
          : state.error && !rows.length ? <ErrorState error={state.error} retry={() => setTick((n) => n + 1)} />
            : (
              <>
                <p role="status" class="muted">{rows.length ? t('console.queue.count', { count: rows.length, agency: agencyName }) : ''}</p>
                {rows.length === 0 ? !cursor && <Alert kind="info">{t('console.queue.empty')}</Alert> : (
                  <div class="table-wrap">
                    <table class="queue-table">
                      <caption>{t('console.queue.caption', { agency: agencyName })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('console.col.code')}</th>
                          <th scope="col">{t('console.col.procedure')}</th>
                          <th scope="col">{t('console.col.status')}</th>
                          <th scope="col">{t('console.col.submitted')}</th>
                          <th scope="col">{t('console.col.due')}</th>
                          <th scope="col">{t('console.col.timeLeft')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((d) => (
                          <tr key={d.id} class={d.late.late ? 'overdue' : undefined}>
                            <th scope="row"><a href={`/can-bo/ho-so/${d.id}`}>{d.code ?? d.id.slice(0, 8)}</a></th>
                            <td>{d.procedureName}<br /><span class="muted">{d.procedureCode}</span></td>
                            <td><StatusBadge status={d.status} /></td>
                            <td>{formatDate(d.submittedAt, lang)}</td>
                            <td>{formatDate(d.dueDate, lang)}</td>
                            <td><TimeLeftText dossier={d} now={now} /></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {state.error ? <Alert kind="error">{errorText(state.error)}</Alert> : null}
                {cursor && <LoadMore onClick={loadMore} busy={state.more} />}
              </>
            )}
    </div>
  );
};

export default () => <RequireAuth groups={['official', 'admin']}><QueuePage /></RequireAuth>;
