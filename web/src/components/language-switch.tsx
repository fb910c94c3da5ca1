import { setLanguage, useLanguage } from '../i18n/language.js';

/** One button to the other language, written in that language. */
export function LanguageSwitch() {
  const { language, t } = useLanguage();
  const other = language === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="link-button" lang={other} onClick={() => setLanguage(other)}>
      <span aria-hidden="true">{t('language.switchTo')}</span>
      <span className="visually-hidden">{t('language.switchLabel')}</span>
    </button>
  );
}
