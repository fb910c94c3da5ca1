import { useSyncExternalStore } from 'react';
import { en, fr, type MessageKey } from './messages.js';

export type Language = 'fr' | 'en';

const STORAGE_KEY = 'coop.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { fr, en };
const listeners = new Set<() => void>();

/** The language chosen in this browser before (kept across sign-ins), else French. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

let current: Language = initialLanguage();
document.documentElement.lang = current;

export function currentLanguage(): Language {
  return current;
}

/** Switches every text of the app; the page's `lang` follows, for screen readers. */
export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The current language and its dictionary; components re-render when it changes. */
export function useLanguage(): { language: Language; t: Translate } {
  const language = useSyncExternalStore(subscribe, currentLanguage);
  return { language, t: (key, values) => translate(language, key, values) };
}
