// Where VNeID sends the browser back (/dang-nhap/vneid?code=…&state=…): the code goes to the
// portal's API, which answers the portal's tokens; then on to where the user was going.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { SignInError, completeVneidSignIn } from '../lib/auth';
import { safeNext } from '../lib/session';
import { useI18n } from '../i18n';
import { Alert, PageTitle } from '../components/ui';

export default function VneidCallback() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const { code, state, error } = query;
    if (error || !code || !state) {
      setFailure(t(error === 'access_denied' ? 'auth.vneidDeclined' : 'auth.vneidRefused'));
      return;
    }
    // The code is single-use: drop it from the address bar (and history) at once.
    window.history.replaceState(null, '', '/dang-nhap/vneid');
    completeVneidSignIn(code, state)
      .then(({ next }) => route(next ? safeNext(next) : '/ho-so', true))
      .catch((err: unknown) => {
        const kind = err instanceof SignInError ? err.code : 'UNAVAILABLE';
        setFailure(t(kind === 'VNEID_EXPIRED' ? 'auth.vneidExpired' : kind === 'VNEID_REFUSED' ? 'auth.vneidRefused' : 'auth.unavailable'));
      });
  }, []);

  return (
    <div class="narrow">
      <PageTitle>{t('auth.title')}</PageTitle>
      {failure
        ? <><Alert kind="error">{failure}</Alert><p><a href="/dang-nhap">{t('auth.tryAgain')}</a></p></>
        : <p role="status">{t('auth.vneidCompleting')}</p>}
    </div>
  );
}
