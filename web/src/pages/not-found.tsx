import { useI18n } from '../i18n';
import { PageTitle } from '../components/ui';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('error.notFound')}</PageTitle>
      <p>{t('error.notFoundText')}</p>
      <p><a href="/">{t('nav.home')}</a></p>
    </>
  );
}
