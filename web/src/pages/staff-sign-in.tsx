// Officials' and admins' sign-in with the user pool, back to where they were going. After the
// password Cognito may ask for more (docs/identity.md "Officials' second factor"): a new password
// for an account an admin created, an authenticator app to enrol (AWS requires one), or the app's
// code. Each is one step of this page; a step that times out starts over at the password.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { userPool } from '../../../shared/platform/identity';
import {
  SignInError, answerTotp, finishTotpEnrolment, setNewPassword, signIn, sessionExpired, startTotpEnrolment,
  type StaffChallenge, type StaffSignInStep, type TotpEnrolment, type User,
} from '../lib/auth';
import { safeNext } from '../lib/session';
import { useI18n } from '../i18n';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { QrCode } from '../components/qr-code';
import { Alert, PageTitle } from '../components/ui';

const MIN_LENGTH = userPool.passwordPolicy.minLength;
const TOTP_CODE = /^\d{6}$/;

/** One step of the sign-in: its title, what it asks, and the form's errors above its content. */
const Step = ({ title, intro, errors, failure, children }: {
  title: string; intro: string; errors: FieldErrors; failure?: string; children: ComponentChildren;
}) => (
  <div class="narrow">
    <PageTitle>{title}</PageTitle>
    <p>{intro}</p>
    <ErrorSummary errors={errors} />
    {failure && <Alert kind="error">{failure}</Alert>}
    {children}
  </div>
);

/** The secret in groups of four, as authenticator apps show keys to type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export default function StaffSignIn() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPasswordValue] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<StaffChallenge>();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const signedIn = (user: User) => {
    const next = query.next ? safeNext(query.next) : user.groups.some((g) => g === 'official' || g === 'admin') ? '/can-bo' : '/ho-so';
    route(next, true);
  };

  /** Enrolment starts as soon as Cognito asks for it: the page shows the new key at once. */
  const enrol = async (next: StaffChallenge) => {
    setEnrolment(await startTotpEnrolment(next, userPool.mfa.issuer));
  };

  const advance = async (step: StaffSignInStep) => {
    if (step.user) return signedIn(step.user);
    setChallenge(step.challenge);
    setCode('');
    setErrors({});
    if (step.challenge.kind === 'totp-setup') await enrol(step.challenge);
  };

  /** Back to the password, as a challenge that cannot go on leaves it. */
  const startOver = () => {
    setChallenge(undefined);
    setEnrolment(undefined);
    setPassword('');
  };

  /** Runs one call of the sign-in; a failure is shown in words, a timed-out challenge starts over. */
  const run = async (call: () => Promise<void>) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await call();
    } catch (err) {
      const kind = err instanceof SignInError ? err.code : 'UNAVAILABLE';
      if (kind === 'SESSION_EXPIRED') {
        startOver();
        setFailure(t('auth.sessionExpired'));
      } else if (kind === 'CODE_MISMATCH') {
        setErrors({ code: t('auth.totpMismatch') });
      } else if (kind === 'PASSWORD_POLICY') {
        setErrors({ newPassword: t('auth.passwordPolicy', { min: MIN_LENGTH }) });
      } else {
        setFailure(t(kind === 'INVALID_CREDENTIALS' ? 'auth.invalid' : kind === 'CHALLENGE' ? 'auth.challenge' : 'auth.unavailable'));
      }
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!username.trim()) found.username = t('form.required', { label: t('auth.username') });
    if (!password) found.password = t('form.required', { label: t('auth.password') });
    setErrors(found);
    if (Object.keys(found).length) return;
    void run(async () => advance(await signIn(username, password)));
  };

  const submitNewPassword = (e: Event) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!newPassword) found.newPassword = t('form.required', { label: t('auth.newPassword') });
    else if (newPassword !== confirmPassword) found.confirmPassword = t('auth.passwordsDiffer');
    setErrors(found);
    if (Object.keys(found).length || !challenge) return;
    void run(async () => advance(await setNewPassword(challenge, newPassword)));
  };

  const submitCode = (e: Event) => {
    e.preventDefault();
    const typed = code.replace(/\s/g, '');
    const found: FieldErrors = {};
    if (!typed) found.code = t('form.required', { label: t('auth.totpCode') });
    else if (!TOTP_CODE.test(typed)) found.code = t('auth.totpCodeInvalid');
    setErrors(found);
    if (Object.keys(found).length || !challenge) return;
    if (challenge.kind === 'totp') void run(async () => advance(await answerTotp(challenge, typed)));
    else if (enrolment) void run(async () => advance(await finishTotpEnrolment(enrolment, typed, t('auth.totpDeviceName'))));
  };

  const codeField = (label: string) => (
    <TextField id="code" label={label} required value={code} onInput={setCode} error={errors.code}
      inputMode="numeric" autoComplete="one-time-code" maxLength={7} spellcheck={false} />
  );
  const submitButton = (label: string) => (
    <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('auth.signingIn') : label}</button>
  );

  if (challenge?.kind === 'new-password') {
    return (
      <Step title={t('auth.newPasswordTitle')} intro={t('auth.newPasswordIntro')} errors={errors} failure={failure}>
        <form onSubmit={submitNewPassword} noValidate class="stack">
          <TextField id="newPassword" label={t('auth.newPassword')} hint={t('auth.newPasswordHint', { min: MIN_LENGTH })} required type="password"
            value={newPassword} onInput={setNewPasswordValue} error={errors.newPassword} autoComplete="new-password" />
          <TextField id="confirmPassword" label={t('auth.confirmPassword')} required type="password"
            value={confirmPassword} onInput={setConfirmPassword} error={errors.confirmPassword} autoComplete="new-password" />
          {submitButton(t('auth.confirm'))}
        </form>
      </Step>
    );
  }

  if (challenge?.kind === 'totp-setup') {
    return (
      <Step title={t('auth.totpSetupTitle')} intro={t('auth.totpSetupIntro')} errors={errors} failure={failure}>
        {enrolment ? (
          <form onSubmit={submitCode} noValidate class="stack">
            <QrCode text={enrolment.uri} label={t('auth.totpQrLabel')} />
            <p>{t('auth.totpKeyIntro')}</p>
            <p><code class="totp-key" data-secret={enrolment.secret}>{grouped(enrolment.secret)}</code></p>
            {codeField(t('auth.totpFirstCode'))}
            {submitButton(t('auth.confirm'))}
          </form>
        ) : failure
          // The key could not be made (the service did not answer): start the sign-in over.
          ? <p><button type="button" class="btn" onClick={startOver}>{t('auth.tryAgain')}</button></p>
          : <p role="status">{t('auth.totpPreparing')}</p>}
      </Step>
    );
  }

  if (challenge?.kind === 'totp') {
    return (
      <Step title={t('auth.totpTitle')} intro={t('auth.totpIntro')} errors={errors} failure={failure}>
        <form onSubmit={submitCode} noValidate class="stack">
          {codeField(t('auth.totpCode'))}
          {submitButton(t('auth.confirm'))}
        </form>
      </Step>
    );
  }

  return (
    <div class="narrow">
      <PageTitle>{t('auth.staffTitle')}</PageTitle>
      {sessionExpired && <Alert kind="warning">{t('auth.expired')}</Alert>}
      {query.next && !sessionExpired && <Alert>{t('auth.required')}</Alert>}
      <p>{t('auth.intro')}</p>
      <ErrorSummary errors={errors} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <form onSubmit={submitPassword} noValidate class="stack">
        <TextField id="username" label={t('auth.username')} required value={username} onInput={setUsername} error={errors.username} autoComplete="username" autoCapitalize="none" spellcheck={false} />
        <TextField id="password" label={t('auth.password')} required type="password" value={password} onInput={setPassword} error={errors.password} autoComplete="current-password" />
        {submitButton(t('auth.submit'))}
      </form>
      <p><a href="/dang-nhap">{t('auth.applicantLink')}</a></p>
    </div>
  );
}
