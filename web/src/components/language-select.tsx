import { useLanguage, type Language } from '../i18n/language.js';

/** The choice of an account's language (the app's and its e-mails'), each named in itself. */
export function LanguageSelect(props: {
  id: string;
  value: Language;
  onChange: (language: Language) => void;
  describedBy?: string;
}) {
  const { t } = useLanguage();
  return (
    <select
      id={props.id}
      aria-describedby={props.describedBy}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as Language)}
    >
      <option value="fr" lang="fr">
        {t('language.fr')}
      </option>
      <option value="en" lang="en">
        {t('language.en')}
      </option>
    </select>
  );
}
