// The application shell: language, the signed-in user, the header and footer, and the routes of
// every area. Only the shell and the home page load first; every other page is its own chunk.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { I18nContext, initialLang, storeLang, translate, type Lang } from './i18n';
import { isApplicant, isOfficial, signOut } from './lib/auth';
import { navigation, useUser } from './lib/session';
import type { RouteDef } from './lib/routes';
import Home from './pages/home';
import { citizenRoutes } from './citizen/routes';
import { accountRoutes } from './account/routes';
import { officialRoutes } from './official/routes';
import { dashboardRoutes } from './dashboard/routes';
import { API_REFERENCE_PATH } from '../../shared/web/spa';

const SignIn = lazy(() => import('./pages/sign-in'));
const StaffSignIn = lazy(() => import('./pages/staff-sign-in'));
const VneidCallback = lazy(() => import('./pages/vneid-callback'));
const NotFound = lazy(() => import('./pages/not-found'));

const ROUTES: RouteDef[] = [
  { path: '/dang-nhap', component: SignIn },
  { path: '/dang-nhap/can-bo', component: StaffSignIn },
  { path: '/dang-nhap/vneid', component: VneidCallback },
  ...citizenRoutes, ...accountRoutes, ...officialRoutes, ...dashboardRoutes,
];

/**
 * The links the app routes in the browser: all but the API reference's, a document of its own
 * (shared/web/spa.ts) that the browser must load in full.
 */
const APP_LINKS = new RegExp(`^(?!${API_REFERENCE_PATH}(/|$))`);

const Header = ({ lang, setLang, t }: { lang: Lang; setLang(l: Lang): void; t: (k: string, p?: Record<string, string | number>) => string }) => {
  const user = useUser();
  const { path, route } = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const links: { href: string; label: string; show?: boolean }[] = [
    { href: '/thu-tuc', label: t('nav.procedures') },
    { href: '/tra-cuu', label: t('nav.track') },
    { href: '/ho-so', label: t('nav.myDossiers'), show: !user || isApplicant(user) },
    { href: '/phan-anh', label: t('nav.feedback') },
    { href: '/hoi-dap', label: t('nav.faq') },
    { href: '/chi-so', label: t('nav.index') },
    { href: '/can-bo', label: t('nav.console'), show: isOfficial(user) },
  ];
  const current = (href: string) => path === href || path.startsWith(`${href}/`);
  return (
    <header class="site-header">
      <div class="header-top container">
        <a href="/" class="brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <span><strong>{t('app.name')}</strong><small>{t('app.tagline')}</small></span>
        </a>
        <div class="header-tools">
          <button type="button" class="btn-link lang-switch" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('lang.switchTo')}
          </button>
          {user ? (
            <span class="user-box">
              <span class="user-name">{t('auth.signedInAs', { name: user.name ?? user.username })}</span>
              <button type="button" class="btn btn-small" onClick={() => { signOut(); route('/'); }}>{t('auth.signOut')}</button>
            </span>
          ) : (
            <a class="btn btn-small" href={`/dang-nhap?next=${encodeURIComponent(path)}`}>{t('auth.signIn')}</a>
          )}
          <button type="button" class="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>{t('app.menu')}</button>
        </div>
      </div>
      <nav id="main-nav" aria-label={t('nav.main')} class={`main-nav${open ? ' open' : ''}`}>
        <ul class="container">
          <li><a href="/" aria-current={path === '/' ? 'page' : undefined}>{t('nav.home')}</a></li>
          {links.filter((l) => l.show !== false).map((l) => (
            <li key={l.href}><a href={l.href} aria-current={current(l.href) ? 'page' : undefined}>{l.label}</a></li>
          ))}
        </ul>
      </nav>
    </header>
  );
};

const Footer = ({ t }: { t: (k: string) => string }) => (
  <footer class="site-footer">
    <div class="container">
      <p>{t('footer.owner')}</p>
      <p>{t('footer.hotline')}</p>
      <p class="muted">{t('footer.note')}</p>
      <p><a href={`${API_REFERENCE_PATH}/`}>{t('footer.apiReference')}</a></p>
    </div>
  </footer>
);

/** Remembers that the user has navigated (headings take focus from then on) and scrolls to the top. */
const NavigationWatcher = () => {
  const { path } = useLocation();
  const first = useRef(path);
  useEffect(() => {
    if (path !== first.current) { navigation.navigated = true; window.scrollTo(0, 0); }
  }, [path]);
  return null;
};

export const App = () => {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => storeLang(lang), [lang]);
  const i18n = useMemo(() => ({ lang, setLang: setLangState, t: (key: string, params?: Record<string, string | number>) => translate(lang, key, params) }), [lang]);
  const { t } = i18n;
  return (
    <I18nContext.Provider value={i18n}>
      <LocationProvider scope={APP_LINKS}>
        <NavigationWatcher />
        <a href="#main" class="skip-link">{t('app.skip')}</a>
        <Header lang={lang} setLang={setLangState} t={t} />
        <main id="main" class="container" tabIndex={-1}>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={Home} />
              {ROUTES.map((r) => <Route key={r.path} path={r.path} component={r.component} />)}
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        </main>
        <Footer t={t} />
      </LocationProvider>
    </I18nContext.Provider>
  );
};
