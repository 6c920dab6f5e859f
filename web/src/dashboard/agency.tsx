// One agency's index (/chi-so/:agencyCode?period=): its total and band, each group's points against
// its maximum (chart and table), and every indicator with the numbers it comes from — numerator,
// denominator, value, score, its maximum and the maximum after redistribution — and, when it earns
// nothing of its own, why.
import { Fragment } from 'preact';
import { useLocation, useRoute } from 'preact-iso';
import { api, ApiError } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { formatNumber, formatPercent } from '../lib/format';
import { hasKey, useI18n } from '../i18n';
import { Alert, Breadcrumbs, ErrorState, Loading, PageTitle } from '../components/ui';
import { TableBox } from '../components/table-box';
import { BarChart } from './chart';
import { GROUP_CODES, indicatorDefinition } from './definitions';
import {
  AVERAGE_HANDLING_CODE, NEUTRAL_COLOUR, averageHandlingDays, bandColour, gainsRedistributedPoints, groupBars,
  notApplicableReason, type Breakdown, type Indicator,
} from './model';
import { defaultPeriod, periodPhrase, periodLabel, periodProblem } from './period';
import { BandBadge, DashNav, NotComputedNotice, PeriodPicker, RunningNotice, dashUrl, useMedia } from './parts';

export default function AgencyPage() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const { query, route } = useLocation();
  const agencyCode = params.agencyCode ?? '';

  const requested = query.period ?? '';
  const problem = requested ? periodProblem(requested) : null;
  const period = requested && problem !== 'invalid' ? requested : defaultPeriod();

  const result = useAsync(
    (signal) => (problem ? Promise.resolve(undefined) : api.get<Breakdown>(`/v1/indices/${encodeURIComponent(agencyCode)}`, { period }, { signal, auth: false })),
    [agencyCode, period, problem],
  );
  const data = result.data;
  const notComputed = result.error instanceof ApiError && result.error.code === 'PERIOD_NOT_COMPUTED';
  const notFound = result.error instanceof ApiError && result.error.status === 404 && !notComputed;
  const notStarted = result.error instanceof ApiError && result.error.code === 'PERIOD_NOT_STARTED';
  const fmt = (v: number) => formatNumber(v, lang, 2);

  const indicatorName = (ind: Indicator) => (lang === 'vi' || !hasKey(`dash.ind.${ind.code}`) ? ind.name : t(`dash.ind.${ind.code}`));
  const rankingHref = data
    ? dashUrl('/chi-so', { period: data.period, level: data.level, province: data.level === 'commune' ? data.parentCode ?? undefined : undefined })
    : dashUrl('/chi-so', { period });

  return (
    <>
      <DashNav />
      <Breadcrumbs items={[{ href: '/', label: t('common.home') }, { href: rankingHref, label: t('nav.index') }, { label: data?.agencyName ?? agencyCode }]} />
      <PageTitle title={data?.agencyName ?? t('dash.agency.title')}>{data?.agencyName ?? t('dash.agency.title')}</PageTitle>
      {data && <p class="muted">{t('dash.agency.code', { code: data.agencyCode })} · {t(`dash.level.one.${data.level}`)}</p>}

      <form class="filters" aria-label={t('dash.filters')} onSubmit={(e) => e.preventDefault()}>
        <PeriodPicker idPrefix="agency" value={period} onChange={(p) => route(dashUrl(`/chi-so/${encodeURIComponent(agencyCode)}`, { period: p }))} />
      </form>

      {problem === 'invalid' && <Alert kind="warning">{t('dash.period.invalid', { period: requested, shown: periodPhrase(period, lang) })}</Alert>}
      {(problem === 'notStarted' || notStarted) && <Alert kind="warning" title={t('dash.period.notStartedTitle')}>{t('dash.period.notStarted', { period: periodLabel(period, lang) })}</Alert>}
      {problem === 'beforeIndex' && <Alert kind="warning">{t('dash.period.beforeIndex', { period: periodLabel(period, lang) })}</Alert>}
      {result.loading && !problem && <Loading />}
      {notComputed && <NotComputedNotice period={period} retry={result.reload} />}
      {notFound && (
        <Alert kind="warning" title={t('dash.agency.notFoundTitle')}>
          <p>{t('dash.agency.notFound', { code: agencyCode })}</p>
          <p><a href={rankingHref}>{t('dash.agency.toRanking')}</a></p>
        </Alert>
      )}
      {result.error != null && !notFound && !notStarted && !notComputed && <ErrorState error={result.error} retry={result.reload} />}

      {data && !result.loading && (
        <>
          <RunningNotice final={data.final} period={data.period} computedAt={data.computedAt} />
          <Summary data={data} />
          <p class="actions">
            <a class="btn btn-secondary" href={rankingHref}>{t('dash.agency.toRanking')}</a>
            <a class="btn btn-secondary" href={dashUrl('/thong-ke', { period: data.period, agency: data.agencyCode })}>{t('dash.agency.toStatistics')}</a>
          </p>
          <Groups data={data} fmt={fmt} />
          <Indicators data={data} fmt={fmt} name={indicatorName} />
        </>
      )}
    </>
  );
}

const Summary = ({ data }: { data: Breakdown }) => {
  const { t, lang } = useI18n();
  return (
    <section class="card dash-summary" aria-labelledby="agency-summary-title">
      <h2 id="agency-summary-title">{t('dash.agency.summary', { period: periodPhrase(data.period, lang) })}</h2>
      {data.applicable ? (
        <dl class="facts">
          <dt>{t('dash.total')}</dt>
          <dd><strong class="dash-big" style={{ color: bandColour(data.band) }}>{formatNumber(data.total, lang, 2)}</strong> / 100</dd>
          <dt>{t('dash.bandLabel')}</dt>
          <dd><BandBadge band={data.band} /></dd>
          <dt>{t('dash.rank')}</dt>
          <dd>{data.rank ?? '—'}</dd>
        </dl>
      ) : (
        <p>{t('dash.agency.notScored')}</p>
      )}
      {data.groupDetails.some((g) => !g.applicable) && data.applicable && (
        <p class="muted">{t('dash.agency.rescaled', { groups: data.groupDetails.filter((g) => !g.applicable).map((g) => g.code).join(', ') })}</p>
      )}
    </section>
  );
};

const Groups = ({ data, fmt }: { data: Breakdown; fmt(v: number): string }) => {
  const { t, lang } = useI18n();
  const wide = useMedia('(min-width: 700px)');
  const bars = groupBars(data.groupDetails);
  const remaining = bars.scores.map((s, i) => Math.max(0, bars.maxima[i]! - s));
  return (
    <section aria-labelledby="agency-groups-title">
      <h2 id="agency-groups-title">{t('dash.agency.groups')}</h2>
      <BarChart
        horizontal
        stacked
        // A phone has room for the codes only; the table below names each group.
        labels={bars.codes.map((c) => (wide ? `${c} · ${t(`dash.group.${c}`)}` : c))}
        datasets={[
          { label: t('dash.score'), data: bars.scores, colours: bandColour(data.band) },
          // Remaining points: white with a dark outline, so the bar's end stands out (≥ 3:1) from the white chart.
          { label: t('dash.remaining'), data: remaining, colours: '#ffffff', border: NEUTRAL_COLOUR },
        ]}
        format={fmt}
        labelChars={40}
        summary={t('dash.agency.groupsSummary', {
          agency: data.agencyName,
          groups: bars.codes.map((c, i) => t('dash.agency.groupOf', { group: c, score: fmt(bars.scores[i]!), max: fmt(bars.maxima[i]!) })).join('; '),
        })}
      />
      <ul class="dash-legend" aria-hidden="true">
        <li><span class="dash-swatch" style={{ backgroundColor: bandColour(data.band) }} />{t('dash.score')}</li>
        <li><span class="dash-swatch dash-swatch-outline" />{t('dash.remaining')}</li>
      </ul>
      <TableBox label={t('dash.agency.groupsCaption', { agency: data.agencyName, period: periodPhrase(data.period, lang) })}>
        <table class="dash-table">
          <caption>{t('dash.agency.groupsCaption', { agency: data.agencyName, period: periodPhrase(data.period, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.group')}</th>
              <th scope="col" class="num">{t('dash.score')}</th>
              <th scope="col" class="num">{t('dash.max')}</th>
              <th scope="col" class="num">{t('dash.attainment')}</th>
              <th scope="col">{t('dash.note')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.codes.map((code, i) => (
              <tr key={code}>
                <th scope="row"><abbr title={t(`dash.group.${code}`)}>{code}</abbr> — {t(`dash.group.${code}`)}</th>
                <td class="num">{fmt(bars.scores[i]!)}</td>
                <td class="num">{fmt(bars.maxima[i]!)}</td>
                <td class="num">{bars.maxima[i] ? formatPercent(bars.scores[i]! / bars.maxima[i]!, lang) : '—'}</td>
                <td class="dash-note">{bars.applicable[i] ? '' : t('dash.why.groupOut')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
};

const Indicators = ({ data, fmt, name }: { data: Breakdown; fmt(v: number): string; name(i: Indicator): string }) => {
  const { t, lang } = useI18n();
  const groupApplicable = new Map(data.groupDetails.map((g) => [g.code, g.applicable]));
  const count = (v: number | null) => (v === null ? '—' : formatNumber(v, lang, v % 1 === 0 ? 0 : 2));

  const shownValue = (ind: Indicator) => {
    if (ind.code === AVERAGE_HANDLING_CODE) {
      const days = averageHandlingDays(ind);
      return days === null ? '—' : t('dash.days', { days: formatNumber(days, lang, 1) });
    }
    return ind.value === null ? '—' : formatPercent(ind.value, lang);
  };

  const notes = (ind: Indicator) => {
    const def = indicatorDefinition(data.definitionVersion, ind.code);
    const out: string[] = [];
    const reason = notApplicableReason(ind, def?.measured, groupApplicable.get(ind.group) ?? true);
    if (reason) out.push(t(`dash.why.${reason}`));
    else if (gainsRedistributedPoints(ind)) out.push(t('dash.why.redistributed', { max: fmt(ind.max), effective: fmt(ind.effectiveMax) }));
    if (def && def.max > 0 && def.threshold < 1 && reason !== 'notMeasured') out.push(t('dash.why.threshold', { threshold: formatPercent(def.threshold, lang, 0) }));
    if (ind.code === AVERAGE_HANDLING_CODE) out.push(t('dash.why.handlingHours'));
    for (const part of ind.parts ?? []) {
      out.push(t('dash.part', {
        part: t(hasKey(`dash.part.${part.name}`) ? `dash.part.${part.name}` : part.name),
        numerator: count(part.numerator), denominator: count(part.denominator),
        rate: part.denominator ? formatPercent(part.numerator / part.denominator, lang) : '—',
      }));
    }
    return out;
  };

  return (
    <section aria-labelledby="agency-indicators-title">
      <h2 id="agency-indicators-title">{t('dash.agency.indicators')}</h2>
      <p class="muted">{t('dash.agency.indicatorsLead')}</p>
      <TableBox label={t('dash.agency.indicatorsCaption', { agency: data.agencyName, period: periodPhrase(data.period, lang) })}>
        <table class="dash-table dash-indicators">
          <caption>{t('dash.agency.indicatorsCaption', { agency: data.agencyName, period: periodPhrase(data.period, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.code')}</th>
              <th scope="col">{t('dash.indicator')}</th>
              <th scope="col" class="num">{t('dash.numerator')}</th>
              <th scope="col" class="num">{t('dash.denominator')}</th>
              <th scope="col" class="num">{t('dash.value')}</th>
              <th scope="col" class="num">{t('dash.score')}</th>
              <th scope="col" class="num">{t('dash.max')}</th>
              <th scope="col" class="num">{t('dash.effectiveMax')}</th>
              <th scope="col">{t('dash.note')}</th>
            </tr>
          </thead>
          {GROUP_CODES.map((group) => {
            const members = data.indicators.filter((i) => i.group === group);
            if (!members.length) return null;
            return (
              <tbody key={group}>
                <tr class="dash-group-row">
                  <th scope="rowgroup" colSpan={9}>{group} — {t(`dash.group.${group}`)}</th>
                </tr>
                {members.map((ind) => {
                  const lines = notes(ind);
                  return (
                    <tr key={ind.code} data-indicator={ind.code} class={ind.applicable ? undefined : 'dash-na'}>
                      <td>{ind.code}</td>
                      <th scope="row">{name(ind)}</th>
                      <td class="num">{count(ind.numerator)}</td>
                      <td class="num">{count(ind.denominator)}</td>
                      <td class="num">{shownValue(ind)}</td>
                      <td class="num">{fmt(ind.score)}</td>
                      <td class="num">{fmt(ind.max)}</td>
                      <td class="num">{fmt(ind.effectiveMax)}</td>
                      <td>
                        <span class={ind.applicable ? 'dash-applicable' : 'dash-not-applicable'}>{ind.applicable ? t('dash.applicable') : t('dash.notApplicable')}</span>
                        {lines.map((line, i) => <Fragment key={i}><br />{line}</Fragment>)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      </TableBox>
      <p class="muted dash-footnote">{t('dash.rank.footnote', { version: data.definitionVersion })}</p>
    </section>
  );
};
