import type { Language } from './language.js';

const locale = (language: Language) => (language === 'fr' ? 'fr-CA' : 'en-CA');

/** An amount the service gives in cents, in dollars as people read them: « 12 500,00 $ », "$12,500.00". */
export function formatMoney(cents: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'CAD' }).format(cents / 100);
}

/** Hours in quarter hours, written in the language's way: « 1,25 », "1.25". */
export function formatHours(hours: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(hours);
}
