import type { components } from '../../../client/index.js';
import { useLanguage } from '../i18n/language.js';

type Contact = components['schemas']['ContactResponse'];

/** The team's contacts, which the API gives staff only (personal information, Law 25). */
export function ContactsSection({ contacts }: { contacts: Contact[] }) {
  const { t } = useLanguage();
  return (
    <section className="section section--contacts" aria-labelledby="section-contacts">
      <h2 id="section-contacts" tabIndex={-1}>
        {t('contacts.title')}
      </h2>
      {contacts.length === 0 ? (
        <p className="empty">{t('contacts.empty')}</p>
      ) : (
        <ul className="items">
          {contacts.map((contact) => (
            <li key={contact.id} className="item" data-testid="contact">
              <p className="item__title">{contact.name}</p>
              <p className="item__meta">
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
                <span>{t('contacts.language', { language: t(`language.${contact.language}`) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
