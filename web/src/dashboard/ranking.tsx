// The index ranking (/chi-so?period=&level=&province=): ministries, provinces, or the communes of a
// province, by total for a month, quarter or year. A bar chart coloured by band (the top ten on a
// phone, all on a wider screen) above the full table; the choice lives in the address, so a ranking
// can be shared, bookmarked and reached with the browser's back button.
import { useLocation } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatNumber } from '../lib/format';
import { useI18n } from '../i18n';
import { Alert, ErrorState, Loading, PageTitle } from '../components/ui';
import { TableBox } from '../components/table-box';
import { BarChart } from './chart';
import { GROUP_CODES } from './definitions';
import { isLevel, LEVELS, rankingBars, rankingRows, bandsPresent, type Level, type Ranking } from './model';
import { defaultPeriod, periodPhrase, periodLabel, periodProblem } from './period';
import { BandBadge, BandLegend, DashNav, NotComputedNotice, PeriodPicker, RunningNotice, dashUrl, loadAgencies, useMedia } from './parts';
import { GroupGlossary, GroupHeader } from './group-header';

/** Bars a phone shows; the table below always has every agency. */
const PHONE_BARS = 10;

export default function RankingPage() {
  const { t, lang } = useI18n();
  const { query, route } = useLocation();
  const wide = useMedia('(min-width: 700px)');

  const requested = query.period ?? '';
  const problem = requested ? periodProblem(requested) : null;
  // An unreadable period in the address is replaced by the default in the picker, and said so.
  const period = requested && problem !== 'invalid' ? requested : defaultPeriod();
  const level: Level = isLevel(query.level) ? query.level : 'province';
  const province = level === 'commune' ? (query.province ?? '') : '';

  const go = (next: { period?: string; level?: Level; province?: string }) => {
    const nextLevel = next.level ?? level;
    route(dashUrl('/chi-so', {
      period: next.period ?? period,
      level: nextLevel,
      province: nextLevel === 'commune' ? (next.province ?? province) : undefined,
    }));
  };

  const provinces = useAsync(async () => (level === 'commune' ? (await loadAgencies()).filter((a) => a.level === 'province') : []), [level]);
  const canAsk = !problem && (level !== 'commune' || province !== '');
  const ranking = useAsync(
    (signal) => (canAsk ? api.get<Ranking>('/v1/indices', { period, level, province: province || undefined }, { signal, auth: false }) : Promise.resolve(undefined)),
    [period, level, province, canAsk],
  );

  const levelName = t(`dash.level.${level}`);
  const provinceName = provinces.data?.find((p) => p.code === province)?.name;
  const scope = level === 'commune' && provinceName ? t('dash.rank.communesOf', { province: provinceName }) : levelName;
  const data = ranking.data;
  const rows = data ? rankingRows(data.items) : [];
  const bars = data ? rankingBars(data.items, wide ? undefined : PHONE_BARS) : undefined;
  const scoredCount = data ? data.items.filter((i) => i.rank !== null).length : 0;
  const notStarted = ranking.error instanceof ApiError && ranking.error.code === 'PERIOD_NOT_STARTED';
  const notComputed = ranking.error instanceof ApiError && ranking.error.code === 'PERIOD_NOT_COMPUTED';

  return (
    <>
      <DashNav />
      <PageTitle>{t('dash.rank.title')}</PageTitle>
      <p class="lead">{t('dash.rank.lead')}</p>

      <form class="filters" aria-label={t('dash.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="rank-level">{t('dash.level.label')}</label>
          <select id="rank-level" value={level} onChange={(e) => go({ level: (e.target as HTMLSelectElement).value as Level })}>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`dash.level.${l}`)}</option>)}
          </select>
        </div>
        {level === 'commune' && (
          <div class="field">
            <label for="rank-province">{t('dash.province')}</label>
            <select id="rank-province" value={province} aria-describedby={province ? undefined : 'rank-province-hint'}
              onChange={(e) => go({ province: (e.target as HTMLSelectElement).value })}>
              <option value="">{provinces.loading ? t('app.loading') : t('dash.chooseProvince')}</option>
              {provinces.data?.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
            </select>
          </div>
        )}
        <PeriodPicker idPrefix="rank" value={period} onChange={(p) => go({ period: p })} />
      </form>

      {problem === 'invalid' && <Alert kind="warning">{t('dash.period.invalid', { period: requested, shown: periodPhrase(period, lang) })}</Alert>}
      {(problem === 'notStarted' || notStarted) && <Alert kind="warning" title={t('dash.period.notStartedTitle')}>{t('dash.period.notStarted', { period: periodLabel(period, lang) })}</Alert>}
      {problem === 'beforeIndex' && <Alert kind="warning">{t('dash.period.beforeIndex', { period: periodLabel(period, lang) })}</Alert>}
      {provinces.error != null && <ErrorState error={provinces.error} retry={provinces.reload} />}
      {level === 'commune' && !province && <p id="rank-province-hint" class="alert alert-info" role="status">{t('dash.rank.pickProvince')}</p>}

      {ranking.loading && canAsk && <Loading />}
      {notComputed && <NotComputedNotice period={period} retry={ranking.reload} />}
      {ranking.error != null && !notStarted && !notComputed && <ErrorState error={ranking.error} retry={ranking.reload} />}

      {data && !ranking.loading && (
        <>
          <p role="status" class="dash-status">{t('dash.rank.status', { count: data.items.length, scope, period: periodPhrase(data.period, lang) })}</p>
          <RunningNotice final={data.final} period={data.period} computedAt={data.computedAt} />
          {data.items.length === 0 ? (
            <Alert kind="info">{t('dash.rank.empty', { scope, period: periodPhrase(data.period, lang) })}</Alert>
          ) : (
            <>
              {bars && bars.values.length > 0 ? (
                <section aria-labelledby="rank-chart-title" class="card">
                  <h2 id="rank-chart-title">{t('dash.rank.chartTitle')}</h2>
                  {!wide && scoredCount > PHONE_BARS && <p class="muted">{t('dash.rank.topOnPhone', { count: PHONE_BARS })}</p>}
                  <BarChart
                    horizontal
                    max={100}
                    labels={bars.labels}
                    datasets={[{ label: t('dash.total'), data: bars.values, colours: bars.colours }]}
                    format={(v) => formatNumber(v, lang, v % 1 === 0 ? 0 : 2)}
                    labelChars={wide ? 40 : 16}
                    summary={t('dash.rank.chartSummary', {
                      count: bars.values.length, scope, period: periodPhrase(data.period, lang),
                      first: bars.labels[0]!, firstTotal: formatNumber(bars.values[0]!, lang, 2),
                      last: bars.labels[bars.labels.length - 1]!, lastTotal: formatNumber(bars.values[bars.values.length - 1]!, lang, 2),
                    })}
                  />
                  <BandLegend bands={bandsPresent(data.items)} />
                </section>
              ) : (
                <Alert kind="info">{t('dash.rank.noneScored')}</Alert>
              )}

              <TableBox label={t('dash.rank.caption', { scope, period: periodPhrase(data.period, lang) })}>
                <table class="dash-table">
                  <caption>{t('dash.rank.caption', { scope, period: periodPhrase(data.period, lang) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">{t('dash.rank')}</th>
                      <th scope="col">{t('dash.agency')}</th>
                      <th scope="col" class="num">{t('dash.total')}</th>
                      <th scope="col">{t('dash.bandLabel')}</th>
                      {GROUP_CODES.map((g) => <GroupHeader key={g} code={g} />)}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((item) => (
                      <tr key={item.agencyCode}>
                        <td class="num">{item.rank ?? '—'}</td>
                        <th scope="row"><a href={dashUrl(`/chi-so/${encodeURIComponent(item.agencyCode)}`, { period: data.period })}>{item.agencyName}</a></th>
                        <td class="num"><strong>{item.applicable ? formatNumber(item.total, lang, 2) : '—'}</strong></td>
                        <td>{item.applicable ? <BandBadge band={item.band} /> : <span class="muted">{t('dash.notScored')}</span>}</td>
                        {GROUP_CODES.map((g) => <td key={g} class="num">{formatNumber(item.groups[g], lang, 2)}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
              <GroupGlossary />
              <p class="muted dash-footnote">{t('dash.rank.footnote', { version: data.definitionVersion })}</p>
            </>
          )}
        </>
      )}
    </>
  );
}
