// Public statistics (/thong-ke?period=&agency=): a period's dossiers for the whole country, a ministry,
// a province (with its communes) or one commune — the headline rates, then dossiers by status, by
// channel and by procedure, each as a chart and the same figures as a table.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatNumber, formatPercent } from '../lib/format';
import { useI18n } from '../i18n';
import { Alert, ErrorState, Loading, PageTitle } from '../components/ui';
import { TableBox } from '../components/table-box';
import { BarChart } from './chart';
import { CHANNEL_ORDER, NEUTRAL_COLOUR, STATUS_ORDER, countEntries, share, topProcedures, type StatisticsBody } from './model';
import { defaultPeriod, periodPhrase, periodLabel, periodProblem } from './period';
import { DashNav, NotComputedNotice, PeriodPicker, dashUrl, loadAgencies, useMedia, type AgencyEntry } from './parts';

/** Procedures drawn on the chart; the table lists more, and all on request. */
const CHART_PROCEDURES = 10;
const TABLE_PROCEDURES = 20;
const BAR_COLOUR = '#0b57a4';

/** The top agency (ministry or province) an agency belongs to, and the agency itself when it is below one. */
const scopeOf = (code: string, agencies: readonly AgencyEntry[]) => {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  let top = byCode.get(code);
  const seen = new Set<string>();
  while (top?.parentCode && byCode.has(top.parentCode) && !seen.has(top.code)) { seen.add(top.code); top = byCode.get(top.parentCode); }
  return { top: top?.code ?? code, sub: top && top.code !== code ? code : '' };
};

export default function StatisticsPage() {
  const { t, lang } = useI18n();
  const { query, route } = useLocation();
  const wide = useMedia('(min-width: 700px)');
  const [allProcedures, setAllProcedures] = useState(false);

  const requested = query.period ?? '';
  const problem = requested ? periodProblem(requested) : null;
  const blocked = problem === 'invalid' || problem === 'notStarted';
  const period = requested && problem !== 'invalid' ? requested : defaultPeriod();
  const agency = query.agency ?? '';

  const agencies = useAsync(() => loadAgencies(), []);
  const list = agencies.data ?? [];
  const { top, sub } = scopeOf(agency, list);
  const communes = top ? list.filter((a) => a.parentCode === top) : [];
  const stats = useAsync(
    (signal) => (blocked ? Promise.resolve(undefined) : api.get<StatisticsBody>('/v1/statistics', { period, agency: agency || undefined }, { signal, auth: false })),
    [period, agency, blocked],
  );
  const go = (next: { period?: string; agency?: string }) => route(dashUrl('/thong-ke', { period: next.period ?? period, agency: next.agency ?? agency }));

  const data = stats.data;
  const scopeName = data?.agencyName ?? (agency ? list.find((a) => a.code === agency)?.name ?? agency : t('dash.stats.country'));
  // Statistics are stored with the index: a period with none stored is the index's PERIOD_NOT_COMPUTED.
  const notComputed = stats.error instanceof ApiError && stats.error.code === 'PERIOD_NOT_COMPUTED';
  const notFound = stats.error instanceof ApiError && stats.error.status === 404 && !notComputed;
  const number = (v: number) => formatNumber(v, lang);

  return (
    <>
      <DashNav />
      <PageTitle>{t('dash.stats.title')}</PageTitle>
      <p class="lead">{t('dash.stats.lead')}</p>

      <form class="filters" aria-label={t('dash.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="stats-agency">{t('dash.stats.scope')}</label>
          <select id="stats-agency" value={top} onChange={(e) => go({ agency: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('dash.stats.country')}</option>
            <optgroup label={t('dash.level.central')}>
              {list.filter((a) => a.level === 'central' && !a.parentCode).map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
            </optgroup>
            <optgroup label={t('dash.level.province')}>
              {list.filter((a) => a.level === 'province' && !a.parentCode).map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
            </optgroup>
            {agency && !list.some((a) => a.code === top) && <option value={agency}>{agency}</option>}
          </select>
        </div>
        {communes.length > 0 && (
          <div class="field">
            <label for="stats-commune">{t('dash.stats.unit')}</label>
            <select id="stats-commune" value={sub} onChange={(e) => go({ agency: (e.target as HTMLSelectElement).value || top })}>
              <option value="">{t('dash.stats.wholeScope')}</option>
              {communes.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
            </select>
          </div>
        )}
        <PeriodPicker idPrefix="stats" value={period} onChange={(p) => go({ period: p })} />
      </form>

      {problem === 'invalid' && <Alert kind="warning">{t('dash.period.invalid', { period: requested, shown: periodPhrase(period, lang) })}</Alert>}
      {problem === 'notStarted' && <Alert kind="warning" title={t('dash.period.notStartedTitle')}>{t('dash.period.notStarted', { period: periodLabel(period, lang) })}</Alert>}
      {agencies.error != null && <ErrorState error={agencies.error} retry={agencies.reload} />}
      {stats.loading && !blocked && <Loading />}
      {notFound && <Alert kind="warning" title={t('dash.agency.notFoundTitle')}>{t('dash.agency.notFound', { code: agency })}</Alert>}
      {notComputed && <NotComputedNotice period={period} retry={stats.reload} what="statistics" />}
      {stats.error != null && !notFound && !notComputed && <ErrorState error={stats.error} retry={stats.reload} />}

      {data && !stats.loading && (
        <>
          <h2 class="dash-scope">{t('dash.stats.heading', { scope: scopeName, period: periodLabel(data.period, lang) })}</h2>
          <p role="status" class="dash-status">{t('dash.stats.status', { count: number(data.dossiers), scope: scopeName, period: periodPhrase(data.period, lang) })}</p>
          {!data.final && <Alert kind="warning" title={t('dash.provisional.title')}><p>{t('dash.stats.running')}</p></Alert>}
          {data.agencyCode && (
            <p><a href={dashUrl(`/chi-so/${encodeURIComponent(data.agencyCode)}`, { period: data.period })}>{t('dash.stats.toIndex', { agency: scopeName })}</a></p>
          )}
          {data.dossiers === 0 ? (
            <Alert kind="info">{t('dash.stats.empty', { scope: scopeName, period: periodPhrase(data.period, lang) })}</Alert>
          ) : (
            <>
              <Figures data={data} />
              <Counts
                id="status" title={t('dash.stats.byStatus')} keyHeader={t('dash.stats.status.col')} data={data}
                entries={countEntries(data.byStatus, STATUS_ORDER)} label={(k) => t(`status.${k}`)}
              />
              <Counts
                id="channel" title={t('dash.stats.byChannel')} keyHeader={t('dash.stats.channel.col')} data={data}
                entries={countEntries(data.byChannel, CHANNEL_ORDER)} label={(k) => t(`dash.channel.${k}`)}
              />
              <Procedures data={data} all={allProcedures} showAll={() => setAllProcedures(true)} wide={wide} />
            </>
          )}
        </>
      )}
    </>
  );
}

const Figures = ({ data }: { data: StatisticsBody }) => {
  const { t, lang } = useI18n();
  const items = [
    { key: 'dossiers', value: formatNumber(data.dossiers, lang), hint: t('dash.stats.dossiersHint') },
    { key: 'received', value: formatNumber(data.received, lang), hint: t('dash.stats.receivedHint') },
    { key: 'onTimeRate', value: formatPercent(data.onTimeRate, lang), hint: t('dash.stats.onTimeHint', { onTime: formatNumber(data.onTime, lang), late: formatNumber(data.late, lang) }) },
    { key: 'averageHandlingDays', value: data.averageHandlingDays === null ? '—' : t('dash.days', { days: formatNumber(data.averageHandlingDays, lang, 1) }), hint: t('dash.stats.handlingHint') },
    { key: 'onlineRate', value: formatPercent(data.onlineRate, lang), hint: t('dash.stats.onlineHint') },
    { key: 'paidOnlineRate', value: formatPercent(data.paidOnlineRate, lang), hint: t('dash.stats.paidHint') },
  ];
  return (
    <section aria-labelledby="stats-figures-title">
      <h2 id="stats-figures-title" class="visually-hidden">{t('dash.stats.figures')}</h2>
      <dl class="dash-figures">
        {items.map((i) => (
          <div key={i.key} class="dash-figure" data-figure={i.key}>
            <dt>{t(`dash.stats.${i.key}`)}</dt>
            <dd><span class="dash-figure-value">{i.value}</span><span class="dash-figure-hint">{i.hint}</span></dd>
          </div>
        ))}
      </dl>
    </section>
  );
};

const Counts = ({ id, title, keyHeader, entries, label, data }: {
  id: string; title: string; keyHeader: string; entries: { key: string; count: number }[]; label(key: string): string; data: StatisticsBody;
}) => {
  const { t, lang } = useI18n();
  const total = entries.reduce((s, e) => s + e.count, 0);
  return (
    <section aria-labelledby={`stats-${id}-title`}>
      <h2 id={`stats-${id}-title`}>{title}</h2>
      <div class="grid-2">
        <BarChart
          horizontal
          labels={entries.map((e) => label(e.key))}
          datasets={[{ label: t('dash.stats.dossiers'), data: entries.map((e) => e.count), colours: BAR_COLOUR }]}
          format={(v) => formatNumber(v, lang)}
          summary={t('dash.stats.countSummary', {
            title, period: periodPhrase(data.period, lang),
            parts: entries.map((e) => `${label(e.key)} ${formatNumber(e.count, lang)}`).join(', '),
          })}
        />
        <TableBox label={title}>
          <table class="dash-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{keyHeader}</th>
                <th scope="col" class="num">{t('dash.stats.dossiers')}</th>
                <th scope="col" class="num">{t('dash.stats.share')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.key}>
                  <th scope="row">{label(e.key)}</th>
                  <td class="num">{formatNumber(e.count, lang)}</td>
                  <td class="num">{formatPercent(share(e.count, total), lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('dash.stats.totalRow')}</th>
                <td class="num">{formatNumber(total, lang)}</td>
                <td class="num">{total ? formatPercent(1, lang) : '—'}</td>
              </tr>
            </tfoot>
          </table>
        </TableBox>
      </div>
    </section>
  );
};

const Procedures = ({ data, all, showAll, wide }: { data: StatisticsBody; all: boolean; showAll(): void; wide: boolean }) => {
  const { t, lang } = useI18n();
  const top = topProcedures(data.byProcedure, CHART_PROCEDURES);
  const rows = all ? topProcedures(data.byProcedure, data.byProcedure.length) : topProcedures(data.byProcedure, TABLE_PROCEDURES);
  const name = (p: { procedureCode: string; procedureName: string | null }) => p.procedureName ?? p.procedureCode;
  const total = data.dossiers;
  return (
    <section aria-labelledby="stats-procedure-title">
      <h2 id="stats-procedure-title">{t('dash.stats.byProcedure')}</h2>
      <BarChart
        horizontal
        labels={top.map(name)}
        datasets={[{ label: t('dash.stats.dossiers'), data: top.map((p) => p.dossiers), colours: NEUTRAL_COLOUR }]}
        format={(v) => formatNumber(v, lang)}
        labelChars={wide ? 48 : 18}
        summary={t('dash.stats.procedureSummary', {
          count: top.length, period: periodPhrase(data.period, lang),
          first: top[0] ? name(top[0]) : '—', firstCount: top[0] ? formatNumber(top[0].dossiers, lang) : '0',
        })}
      />
      <TableBox label={t('dash.stats.procedureCaption', { shown: rows.length, count: data.byProcedure.length })}>
        <table class="dash-table">
          <caption>{t('dash.stats.procedureCaption', { shown: rows.length, count: data.byProcedure.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.stats.procedureCode')}</th>
              <th scope="col">{t('dash.stats.procedure')}</th>
              <th scope="col" class="num">{t('dash.stats.dossiers')}</th>
              <th scope="col" class="num">{t('dash.stats.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.procedureCode}>
                <td><a href={`/thu-tuc/${encodeURIComponent(p.procedureCode)}`}>{p.procedureCode}</a></td>
                <th scope="row">{name(p)}</th>
                <td class="num">{formatNumber(p.dossiers, lang)}</td>
                <td class="num">{formatPercent(share(p.dossiers, total), lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {!all && data.byProcedure.length > rows.length && (
        <button type="button" class="btn btn-secondary load-more" onClick={showAll}>{t('dash.stats.showAll', { count: data.byProcedure.length })}</button>
      )}
    </section>
  );
};
