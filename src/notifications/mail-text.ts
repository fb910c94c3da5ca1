import { DateTime } from 'luxon';
import type { Language } from '../users/user.entity.js';

/** A local date as a reader of that language writes it: "22 novembre 2026", "November 22, 2026". */
export function longDate(localDate: string, language: Language): string {
  return DateTime.fromISO(localDate)
    .setLocale(language === 'en' ? 'en-CA' : 'fr-CA')
    .toLocaleString(DateTime.DATE_FULL);
}

/** "1 tâche", "3 tâches": French and English both add an s here. */
export function counted(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
