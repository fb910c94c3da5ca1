import { useEffect, useRef, type ReactNode } from 'react';
import { useLanguage } from '../i18n/language.js';

/**
 * A page's one h1, which sets the document's title and takes the focus when the page opens, so
 * that a screen reader announces the new page after a client-side navigation.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
