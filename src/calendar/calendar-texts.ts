import type { FollowUpKind } from '../follow-ups/follow-up.entity.js';
import type { Language } from '../users/user.entity.js';

/** What a person reads in their calendar, in their language. */
export interface CalendarTexts {
  calendarName: (userName: string) => string;
  cohortStarts: (cohortNumber: number, programName: string) => string;
  cohortEnds: (cohortNumber: number, programName: string) => string;
  /** What a task is when its note says nothing. */
  kind: Record<FollowUpKind, string>;
  project: (projectName: string) => string;
  yourProjects: (names: string[]) => string;
}

const TEXTS: Record<Language, CalendarTexts> = {
  fr: {
    calendarName: (userName) => `Suivi des coopératives — ${userName}`,
    cohortStarts: (cohortNumber, programName) => `Début de la cohorte ${cohortNumber} — ${programName}`,
    cohortEnds: (cohortNumber, programName) => `Fin de la cohorte ${cohortNumber} — ${programName}`,
    kind: { task: 'Tâche de suivi', check_in: 'Suivi après cohorte' },
    project: (projectName) => `Projet : ${projectName}`,
    yourProjects: (names) => `Vos projets dans cette cohorte : ${names.join(', ')}`,
  },
  en: {
    calendarName: (userName) => `Co-op follow-ups — ${userName}`,
    cohortStarts: (cohortNumber, programName) => `Start of cohort ${cohortNumber} — ${programName}`,
    cohortEnds: (cohortNumber, programName) => `End of cohort ${cohortNumber} — ${programName}`,
    kind: { task: 'Follow-up task', check_in: 'Post-cohort check-in' },
    project: (projectName) => `Project: ${projectName}`,
    yourProjects: (names) => `Your projects in this cohort: ${names.join(', ')}`,
  },
};

export const calendarTexts = (language: Language): CalendarTexts => TEXTS[language === 'en' ? 'en' : 'fr'];
