// Pieces the three dashboard pages share: their sub-navigation, the period picker, the band badge
// and legend, the "running period" notice, the agencies catalogue and a media-query hook.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { useI18n } from '../i18n';
import { Alert } from '../components/ui';
import { BANDS, bandColour } from './model';
import type { Band } from './definitions';
import { PERIOD_KINDS, isRunning, parsePeriodId, periodLabel, periodPhrase, periodOptions, defaultPeriod, type PeriodKind } from './period';

/** The dashboard's own navigation: the index ranking and the statistics. */
export const DashNav = () => {
  const { t } = useI18n();
  const { path } = useLocation();
  const items = [
    { href: '/chi-so', label: t('nav.index'), current: path === '/chi-so' || path.startsWith('/chi-so/') },
    { href: '/thong-ke', label: t('nav.statistics'), current: path === '/thong-ke' },
  ];
  return (
    <nav class="dash-nav" aria-label={t('dash.nav')}>
      <ul>
        {items.map((i) => <li key={i.href}><a href={i.href} aria-current={i.current ? 'page' : undefined}>{i.label}</a></li>)}
      </ul>
    </nav>
  );
};

/**
 * A period as two selects: its kind (month, quarter, year) and which one. Changing the kind picks
 * that kind's default (the last ended one). Applies on change: the page below updates in place.
 */
export const PeriodPicker = ({ value, onChange, idPrefix }: { value: string; onChange(period: string): void; idPrefix: string }) => {
  const { t, lang } = useI18n();
  const current = parsePeriodId(value);
  const kind: PeriodKind = current?.kind ?? 'month';
  const options = periodOptions(kind);
  // A period from the address that is not offered (not begun, before the index) is still shown as chosen.
  const all = options.includes(value) || !current ? options : [value, ...options];
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-kind`}>{t('dash.period.kind')}</label>
        <select id={`${idPrefix}-kind`} value={kind} onChange={(e) => onChange(defaultPeriod((e.target as HTMLSelectElement).value as PeriodKind))}>
          {PERIOD_KINDS.map((k) => <option key={k} value={k}>{t(`dash.period.${k}`)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-period`}>{t(`dash.period.which.${kind}`)}</label>
        <select id={`${idPrefix}-period`} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
          {all.map((p, i) => (
            <option key={p} value={p}>{periodLabel(p, lang)}{i === 0 && options[0] === p ? ` (${t('dash.running')})` : ''}</option>
          ))}
        </select>
      </div>
    </>
  );
};

export const BandBadge = ({ band }: { band: string }) => {
  const { t } = useI18n();
  // The band's own colour (≥ 4.5:1 on white), as on the chart.
  return <span class="dash-band" style={{ color: bandColour(band), borderColor: bandColour(band) }}>{t(`dash.band.${band}`)}</span>;
};

/** The chart's colours explained, with each band's range. */
export const BandLegend = ({ bands = BANDS }: { bands?: readonly Band[] }) => {
  const { t } = useI18n();
  return (
    <ul class="dash-legend" aria-label={t('dash.legend')}>
      {bands.map((b) => (
        <li key={b}>
          <span class="dash-swatch" style={{ backgroundColor: bandColour(b) }} aria-hidden="true" />
          {t(`dash.band.${b}`)} <span class="muted">({t(`dash.bandRange.${b}`)})</span>
        </li>
      ))}
    </ul>
  );
};

/**
 * The API has no stored index (or statistics, stored with it) for the period (404
 * PERIOD_NOT_COMPUTED): a running one is being computed (try again shortly), an ended one was never scored.
 */
export const NotComputedNotice = ({ period, retry, what = 'index' }: { period: string; retry: () => void; what?: 'index' | 'statistics' }) => {
  const { t, lang } = useI18n();
  const running = isRunning(period);
  const never = what === 'index' ? 'dash.period.notComputed' : 'dash.stats.notComputed';
  return (
    <Alert kind="info" title={t('dash.period.notComputedTitle')}>
      <p>{t(running ? 'dash.period.computing' : never, { period: periodLabel(period, lang) })}</p>
      {running && <button type="button" class="btn btn-secondary" onClick={retry}>{t('error.retry')}</button>}
    </Alert>
  );
};

/** A period still running has provisional scores, refreshed every few minutes, that will change. */
export const RunningNotice = ({ final, period, computedAt }: { final: boolean; period: string; computedAt: string }) => {
  const { t, lang } = useI18n();
  const when = new Date(computedAt);
  const time = Number.isNaN(when.getTime()) ? computedAt
    : when.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  if (final) return <p class="muted dash-computed">{t('dash.final', { period: periodPhrase(period, lang), time })}</p>;
  return (
    <Alert kind="warning" title={t('dash.provisional.title')}>
      <p>{t('dash.provisional.text', { period: periodLabel(period, lang), time })}</p>
    </Alert>
  );
};

/** Whether a CSS media query matches, following changes (a phone turned sideways). */
export const useMedia = (query: string) => {
  const get = () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    update();
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
};

export interface AgencyEntry { code: string; name: string; level: 'central' | 'province' | 'commune'; parentCode: string | null }

let agencies: Promise<AgencyEntry[]> | undefined;

/** Every agency of the catalogue (a few hundred: ministries, provinces, communes), fetched once per visit. */
export const loadAgencies = (): Promise<AgencyEntry[]> =>
  (agencies ??= (async () => {
    const out: AgencyEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AgencyEntry> = await api.get<Page<AgencyEntry>>('/v1/catalogues/agencies', { limit: 100, cursor }, { auth: false });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  })().catch((e: unknown) => {
    agencies = undefined; // let the next visit try again
    throw e;
  }));

/** The query string of a dashboard address, without empty values. */
export const dashUrl = (path: string, query: Record<string, string | undefined | null>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};
