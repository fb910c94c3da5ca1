import { Link } from 'react-router';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/my-day">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
