import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language.js';
import { LanguageSwitch } from './language-switch.js';

/** The frame of the pages before sign-in: the app's name, the language, the page. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  return (
    <>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-name">{t('app.name')}</span>
          <div className="app-header__tools">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="page page--narrow">
        {children}
      </main>
    </>
  );
}
