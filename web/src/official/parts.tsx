// Small pieces the console's pages share: its own navigation and the "time left" text.
import { useI18n } from '../i18n';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import { isOverdue, timeLeft } from './logic';

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

/** "Còn 3 ngày", "Đến hạn hôm nay", "Quá hạn 2 ngày": always words, the colour only repeats them. */
export const TimeLeftText = ({ dossier, now }: { dossier: { dueDate: string | null; status: DossierStatus; late?: { late: boolean } }; now: Date }) => {
  const { t } = useI18n();
  const left = timeLeft(dossier.dueDate, dossier.status, now);
  if (left.kind === 'overdue' || (left.kind === 'none' && isOverdue(dossier, now))) {
    return (
      <strong class="overdue-marker">
        <span aria-hidden="true">⚠ </span>
        {left.kind === 'overdue' && left.days > 0 ? t('console.time.overdueDays', { days: left.days }) : t('console.time.overdue')}
      </strong>
    );
  }
  if (left.kind === 'today') return <strong>{t('console.time.today')}</strong>;
  if (left.kind === 'left') return <span>{t('console.time.left', { days: left.days })}</span>;
  return <span class="muted">—</span>;
};
