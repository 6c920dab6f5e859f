// Small accessible building blocks every page uses: page title, alerts, loading and error states,
// status badges, a "load more" pager.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../lib/api';
import { useI18n } from '../i18n';
import { navigation } from '../lib/session';

/** The page's one h1; also names the document and takes focus after a navigation (screen readers hear the new page). */
export const PageTitle = ({ children, title }: { children: ComponentChildren; title?: string }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    const text = title ?? ref.current?.textContent ?? '';
    document.title = text ? `${text} — ${t('app.name')}` : t('app.name');
    // Focus the heading only after an in-app navigation, not on the first load.
    if (navigation.navigated) ref.current?.focus({ preventScroll: false });
  }, [title, t]);
  return <h1 ref={ref} tabIndex={-1} class="page-title">{children}</h1>;
};

export const Alert = ({ kind = 'info', children, title }: { kind?: 'info' | 'success' | 'warning' | 'error'; children?: ComponentChildren; title?: string }) => (
  <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {title && <p class="alert-title">{title}</p>}
    {children}
  </div>
);

export const Loading = () => {
  const { t } = useI18n();
  return <p class="loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true" />{t('app.loading')}</p>;
};

/** The message for an error from the API (or the network), in the user's language. */
export const useErrorText = () => {
  const { t, lang } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('error.network');
      if (error.status === 409 && error.code === 'VERSION_CONFLICT') return t('error.conflict');
      // The API's messages are English; Vietnamese users get the generic text plus the code.
      return lang === 'en' && error.message ? error.message : t('error.generic', { code: error.code });
    }
    return t('error.generic', { code: (error as Error)?.message ?? 'UNKNOWN' });
  };
};

export const ErrorState = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const { t } = useI18n();
  const text = useErrorText();
  if (error instanceof ApiError && error.status === 404) return <Alert kind="warning" title={t('error.notFound')}>{t('error.notFoundText')}</Alert>;
  return (
    <Alert kind="error" title={t('error.title')}>
      <p>{text(error)}</p>
      {retry && <button type="button" class="btn btn-secondary" onClick={retry}>{t('error.retry')}</button>}
    </Alert>
  );
};

const STATUS_TONE: Record<string, string> = {
  draft: 'neutral', submitted: 'info', received: 'info', processing: 'info', supplement_requested: 'warning',
  payment_required: 'warning', not_received: 'danger', withdrawn: 'neutral', stopped: 'danger', done: 'success', returned: 'success',
};

export const StatusBadge = ({ status }: { status: string }) => {
  const { t } = useI18n();
  return <span class={`badge badge-${STATUS_TONE[status] ?? 'neutral'}`}>{t(`status.${status}`)}</span>;
};

export const LoadMore = ({ onClick, busy }: { onClick(): void; busy?: boolean }) => {
  const { t } = useI18n();
  return <button type="button" class="btn btn-secondary load-more" onClick={onClick} disabled={busy} aria-busy={busy}>{busy ? t('app.loading') : t('common.more')}</button>;
};

export const Breadcrumbs = ({ items }: { items: { href?: string; label: string }[] }) => {
  const { t } = useI18n();
  return (
    <nav aria-label={t('common.breadcrumb')} class="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item.href && i < items.length - 1 ? <a href={item.href}>{item.label}</a> : <span aria-current={i === items.length - 1 ? 'page' : undefined}>{item.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
};
