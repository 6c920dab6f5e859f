// Small pieces the console's pages share: its own navigation, the "time left" text and the footer of
// an action form (send/cancel, or the confirmation an irreversible action asks for).
import type { Ref } from 'preact';
import { useI18n } from '../i18n';
import { timeLeft, type DueState } from './logic';

export const ConsoleNav = ({ current }: { current: 'dossiers' | 'feedback' }) => {
  const { t } = useI18n();
  return (
    <nav class="console-nav" aria-label={t('console.nav')}>
      <ul>
        <li><a href="/can-bo" aria-current={current === 'dossiers' ? 'page' : undefined}>{t('console.nav.dossiers')}</a></li>
        <li><a href="/can-bo/phan-anh" aria-current={current === 'feedback' ? 'page' : undefined}>{t('console.nav.feedback')}</a></li>
      </ul>
    </nav>
  );
};

/** "Còn 3 ngày", "Đến hạn hôm nay", "Tạm dừng", "Quá hạn 2 ngày": always words, the colour only repeats them. */
export const TimeLeftText = ({ dossier, now }: { dossier: DueState; now: Date }) => {
  const { t } = useI18n();
  const left = timeLeft(dossier, now);
  if (left.kind === 'overdue') {
    return (
      <strong class="overdue-marker">
        <span aria-hidden="true">⚠ </span>
        {left.days > 0 ? t('console.time.overdueDays', { days: left.days }) : t('console.time.overdue')}
      </strong>
    );
  }
  if (left.kind === 'today') return <strong>{t('console.time.today')}</strong>;
  if (left.kind === 'left') return <span>{t('console.time.left', { days: left.days })}</span>;
  if (left.kind === 'paused') return <span>{t('console.time.paused')}</span>;
  return <span class="muted">—</span>;
};

/**
 * The end of an action form: "Thực hiện"/"Huỷ", or, once an irreversible action was sent, the
 * confirmation box (an alertdialog that takes focus) with "Đồng ý thực hiện"/"Quay lại".
 */
export const ActionFormFooter = ({ idPrefix, confirming, confirmRef, title, text, busy, onConfirm, onBack, onCancel }: {
  idPrefix: string; confirming: boolean; confirmRef: Ref<HTMLDivElement>; title: string; text: string; busy: boolean;
  onConfirm(): void; onBack(): void; onCancel(): void;
}) => {
  const { t } = useI18n();
  return confirming ? (
    <div class="confirm-box" ref={confirmRef} tabIndex={-1} role="alertdialog" aria-labelledby={`${idPrefix}-title`} aria-describedby={`${idPrefix}-text`}>
      <p id={`${idPrefix}-title`} class="alert-title">{title}</p>
      <p id={`${idPrefix}-text`}>{text}</p>
      <div class="actions">
        <button type="button" class="btn btn-primary" disabled={busy} aria-busy={busy} onClick={onConfirm}>{t('console.confirm.yes')}</button>
        <button type="button" class="btn btn-secondary" onClick={onBack}>{t('console.confirm.no')}</button>
      </div>
    </div>
  ) : (
    <div class="actions">
      <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('console.sending') : t('console.submit')}</button>
      <button type="button" class="btn btn-secondary" onClick={onCancel}>{t('common.cancel')}</button>
    </div>
  );
};
