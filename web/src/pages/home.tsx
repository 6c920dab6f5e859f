// The citizen home: search first (most visitors come to find a procedure), then the main services.
// Part of the first load, so it stays small: no data library, one request for the common procedures.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Page } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { useI18n } from '../i18n';
import { PageTitle } from '../components/ui';

interface ProcedureItem { code: string; name: string; level: string; onlineService?: string }

const TILES = [
  { href: '/thu-tuc', key: 'procedures', icon: 'M4 4h16v2H4zm0 5h16v2H4zm0 5h10v2H4z' },
  { href: '/tra-cuu', key: 'track', icon: 'M10 2a8 8 0 015.3 14l5.4 5.3-1.4 1.4-5.3-5.4A8 8 0 1110 2zm0 2a6 6 0 100 12 6 6 0 000-12z' },
  { href: '/ho-so', key: 'myDossiers', icon: 'M4 3h10l6 6v12H4zm9 1.5V10h5.5z' },
  { href: '/phan-anh', key: 'feedback', icon: 'M3 4h18v12H7l-4 4zm2 2v9.2L6.2 14H19V6z' },
  { href: '/hoi-dap', key: 'faq', icon: 'M12 2a10 10 0 110 20 10 10 0 010-20zm-1 14v2h2v-2zm1-10a4 4 0 00-4 4h2a2 2 0 114 0c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 00-4-4z' },
  { href: '/chi-so', key: 'index', icon: 'M4 20V10h3v10zm6.5 0V4h3v16zM17 20v-7h3v7z' },
] as const;

export default function Home() {
  const { t } = useI18n();
  const { route } = useLocation();
  const [q, setQ] = useState('');
  const popular = useAsync((signal) => api.get<Page<ProcedureItem>>('/v1/procedures', { online: 'full', limit: 6 }, { signal, auth: false }), []);

  return (
    <>
      <section class="hero" aria-labelledby="home-title">
        <PageTitle title={t('app.name')}><span id="home-title">{t('home.title')}</span></PageTitle>
        <p class="lead">{t('home.lead')}</p>
        {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the search landmark in every browser; the <search> element is known only to browsers since 2023. */}
        <form role="search" class="search-bar" onSubmit={(e) => { e.preventDefault(); route(`/thu-tuc?q=${encodeURIComponent(q.trim())}`); }}>
          <label for="home-search" class="visually-hidden">{t('home.searchLabel')}</label>
          <input id="home-search" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder={t('home.searchPlaceholder')} />
          <button type="submit" class="btn btn-primary">{t('common.search')}</button>
        </form>
      </section>

      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('home.services')}</h2>
        <ul class="tiles">
          {TILES.map((tile) => (
            <li key={tile.key}>
              <a href={tile.href} class="tile">
                <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true"><path d={tile.icon} fill="currentColor" /></svg>
                <span class="tile-title">{t(`nav.${tile.key}`)}</span>
                <span class="tile-text">{t(`home.tile.${tile.key}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="popular-title">
        <h2 id="popular-title">{t('home.popular')}</h2>
        {popular.data?.items.length ? (
          <ul class="link-list">
            {popular.data.items.map((p) => (
              <li key={p.code}><a href={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</a> <span class="muted">({p.code})</span></li>
            ))}
          </ul>
        ) : popular.loading ? <p class="muted">{t('app.loading')}</p> : <p><a href="/thu-tuc">{t('nav.procedures')}</a></p>}
      </section>
    </>
  );
}
