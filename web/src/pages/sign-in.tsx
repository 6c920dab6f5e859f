// Sign-in. Citizens and businesses sign in with VNeID, the national electronic identification:
// the button sends the browser to VNeID, which sends it back to /dang-nhap/vneid. Officials and
// admins have their own page with the password form (/dang-nhap/can-bo).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { sessionExpired, startVneidSignIn } from '../lib/auth';
import { safeNext } from '../lib/session';
import { useI18n } from '../i18n';
import { Alert, PageTitle } from '../components/ui';

export default function SignIn() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = query.next ? safeNext(query.next) : '';

  const signInWithVneid = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      window.location.assign(await startVneidSignIn(next));
    } catch {
      setFailure(t('auth.unavailable'));
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <PageTitle>{t('auth.title')}</PageTitle>
      {sessionExpired && <Alert kind="warning">{t('auth.expired')}</Alert>}
      {query.next && !sessionExpired && <Alert>{t('auth.required')}</Alert>}
      <p>{t('auth.vneidIntro')}</p>
      {failure && <Alert kind="error">{failure}</Alert>}
      <div class="stack">
        <button type="button" class="btn btn-primary" onClick={signInWithVneid} disabled={busy} aria-busy={busy}>
          {busy ? t('auth.vneidRedirecting') : t('auth.vneid')}
        </button>
        <p><a href={next ? `/dang-nhap/can-bo?next=${encodeURIComponent(next)}` : '/dang-nhap/can-bo'}>{t('auth.staff')}</a></p>
      </div>
    </div>
  );
}
