// Officials' and admins' sign-in with the user pool (password; MFA in AWS); back to where they were going.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { SignInError, signIn, sessionExpired } from '../lib/auth';
import { safeNext } from '../lib/session';
import { useI18n } from '../i18n';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Alert, PageTitle } from '../components/ui';

export default function StaffSignIn() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!username.trim()) found.username = t('form.required', { label: t('auth.username') });
    if (!password) found.password = t('form.required', { label: t('auth.password') });
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const user = await signIn(username, password);
      const next = query.next ? safeNext(query.next) : user.groups.some((g) => g === 'official' || g === 'admin') ? '/can-bo' : '/ho-so';
      route(next, true);
    } catch (err) {
      const code = err instanceof SignInError ? err.code : 'UNAVAILABLE';
      setFailure(t(code === 'INVALID_CREDENTIALS' ? 'auth.invalid' : code === 'CHALLENGE' ? 'auth.challenge' : 'auth.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <PageTitle>{t('auth.staffTitle')}</PageTitle>
      {sessionExpired && <Alert kind="warning">{t('auth.expired')}</Alert>}
      {query.next && !sessionExpired && <Alert>{t('auth.required')}</Alert>}
      <p>{t('auth.intro')}</p>
      <ErrorSummary errors={errors} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <form onSubmit={submit} noValidate class="stack">
        <TextField id="username" label={t('auth.username')} required value={username} onInput={setUsername} error={errors.username} autoComplete="username" autoCapitalize="none" spellcheck={false} />
        <TextField id="password" label={t('auth.password')} required type="password" value={password} onInput={setPassword} error={errors.password} autoComplete="current-password" />
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('auth.signingIn') : t('auth.submit')}</button>
      </form>
      <p><a href="/dang-nhap">{t('auth.applicantLink')}</a></p>
    </div>
  );
}
