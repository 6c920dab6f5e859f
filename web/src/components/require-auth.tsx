// Wraps pages that need an account: signed-out visitors go to the sign-in page and come back;
// an account of the wrong kind is told so (the API would refuse it anyway).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Group } from '../lib/auth';
import { hasAnyGroup, useUser } from '../lib/session';
import { useI18n } from '../i18n';
import { Alert, PageTitle } from './ui';

export const RequireAuth = ({ groups, children }: { groups: readonly Group[]; children: ComponentChildren }) => {
  const user = useUser();
  const { url, route } = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    if (!user) route(`/dang-nhap?next=${encodeURIComponent(url)}`, true);
  }, [user, url, route]);
  if (!user) return null;
  if (!hasAnyGroup(user, groups)) {
    return (
      <>
        <PageTitle>{t('error.title')}</PageTitle>
        <Alert kind="warning">{t('auth.forbidden')}</Alert>
      </>
    );
  }
  return <>{children}</>;
};
