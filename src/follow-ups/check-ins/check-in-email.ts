import type { Language } from '../../users/user.entity.js';
import type { MailText } from '../digest/digest-email.js';

export interface CheckInContext {
  contactName: string;
  projectName: string;
  cohortNumber: number;
  cohortLabel: string;
  programName: string;
  offsetDays: number;
  advisorName: string | null;
}

/** The e-mail to a team's contact, in the contact's language: asking for news after the cohort. */
export function checkInEmail(context: CheckInContext, language: Language): MailText {
  const { contactName, projectName, cohortNumber, cohortLabel, programName, offsetDays, advisorName } = context;
  if (language === 'en') {
    return {
      subject: `News from ${projectName}?`,
      body:
        [
          `Hello ${contactName},`,
          `${offsetDays} days ago, cohort ${cohortNumber} (${cohortLabel}) of ${programName} came to an end. We would like to know how ${projectName} is doing: has the co-op been incorporated, is it operating, and how many people work in it now? Is the project moving ahead, or on pause?`,
          `Just reply to this e-mail: your answer goes to ${advisorName ?? 'the advisory team'}, who accompanies you.`,
          'Thank you, and all the best!',
        ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `Des nouvelles de ${projectName} ?`,
    body:
      [
        `Bonjour ${contactName},`,
        `Il y a ${offsetDays} jours se terminait la cohorte ${cohortNumber} (${cohortLabel}) du ${programName}. Nous aimerions savoir où en est ${projectName} : la coopérative est-elle constituée, en activité, et combien de personnes y travaillent aujourd'hui ? Le projet avance-t-il, ou est-il en pause ?`,
        `Répondez simplement à ce courriel : votre réponse ira à ${advisorName ?? "l'équipe d'accompagnement"}, qui vous accompagne.`,
        'Merci, et bonne continuation !',
      ].join('\n\n') + '\n',
  };
}

/** The advisor's task that comes with it, in the advisor's language. */
export function checkInTaskNote(
  context: Omit<CheckInContext, 'contactName' | 'advisorName'>,
  language: Language,
): string {
  return language === 'en'
    ? `Check-in ${context.offsetDays} days after cohort ${context.cohortNumber} of ${context.programName}: record the team's news (incorporation, people working in the co-op, progress, pause).`
    : `Suivi ${context.offsetDays} jours après la cohorte ${context.cohortNumber} du ${context.programName} : consigner les nouvelles de l'équipe (constitution, personnes qui travaillent dans la coop, avancement, pause).`;
}
