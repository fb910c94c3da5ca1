import { counted, longDate } from '../../notifications/mail-text.js';
import type { AdvisorDigest, DigestTask } from './digest-builder.js';

export interface MailText {
  subject: string;
  body: string;
}

const TEXT = {
  fr: {
    subject: (date: string, parts: string[]) => `Vos suivis du ${date} : ${parts.join(', ')}`,
    overdueCount: (n: number) => `${counted(n, 'tâche', 'tâches')} en retard`,
    dueCount: (n: number) => `${counted(n, 'tâche', 'tâches')} aujourd'hui`,
    staleCount: (n: number) => `${counted(n, 'projet', 'projets')} sans activité`,
    hello: (name: string) => `Bonjour ${name},`,
    intro: 'Voici ce qui demande votre attention aujourd’hui.',
    overdue: 'En retard',
    due: "À faire aujourd'hui",
    stale: 'Projets sans activité',
    late: (days: number) => `${counted(days, 'jour', 'jours')} de retard`,
    checkIn: 'suivi après cohorte',
    staleLine: (stage: string, days: number, threshold: number) =>
      `à l'étape « ${stage} », aucune activité depuis ${days} jours (seuil : ${threshold})`,
    doTasks:
      'Le lien sous chaque tâche l’ouvre dans Ma journée : marquez-la comme faite avec ce qui en est ressorti, reportez-la à une nouvelle date ou ajoutez une note au projet.',
    doStale:
      "Le lien sous chaque projet sans activité l'ouvre dans Ma journée : consignez les nouvelles de l'équipe dans une note, ou mettez l'alerte en veille jusqu'à une date, avec une raison.",
    bye: 'Bonne journée !',
  },
  en: {
    subject: (date: string, parts: string[]) => `Your follow-ups for ${date}: ${parts.join(', ')}`,
    overdueCount: (n: number) => `${counted(n, 'task', 'tasks')} overdue`,
    dueCount: (n: number) => `${counted(n, 'task', 'tasks')} due today`,
    staleCount: (n: number) => `${counted(n, 'project', 'projects')} without activity`,
    hello: (name: string) => `Hello ${name},`,
    intro: 'Here is what needs your attention today.',
    overdue: 'Overdue',
    due: 'Due today',
    stale: 'Projects without activity',
    late: (days: number) => `${counted(days, 'day', 'days')} late`,
    checkIn: 'post-cohort check-in',
    staleLine: (stage: string, days: number, threshold: number) =>
      `at stage "${stage}", no activity for ${days} days (threshold: ${threshold})`,
    doTasks:
      'The link under each task opens it in My day: mark it done with what came of it, move it to a new date or add a note to the project.',
    doStale:
      'The link under each project without activity opens it in My day: record the team’s news in a note, or snooze the alert until a date, with a reason.',
    bye: 'Have a good day!',
  },
} as const;

/**
 * Where the web app shows a line of the digest, with what acts on it: Ma journée, scrolled to the
 * task or the stale project (the app asks to sign in first and comes back there).
 */
export const myDayLink = (publicUrl: string, anchor: `task-${number}` | `project-${number}`) =>
  `${publicUrl}/app/my-day#${anchor}`;

/** The digest e-mail, in the advisor's language; each line links to where the web app acts on it. */
export function digestEmail(digest: AdvisorDigest, publicUrl: string): MailText {
  const language = digest.advisor.language === 'en' ? 'en' : 'fr';
  const text = TEXT[language];
  const taskLine = (task: DigestTask, late: boolean) => {
    const tags = [
      task.dueOn,
      ...(late ? [text.late(task.daysLate)] : []),
      ...(task.kind === 'check_in' ? [text.checkIn] : []),
    ];
    const note = task.note.replace(/\n/g, '\n  ');
    return `- [${task.id}] ${task.projectName} (${tags.join(', ')})\n  ${note}\n  ${myDayLink(publicUrl, `task-${task.id}`)}`;
  };
  const sections: string[] = [];
  const counts: string[] = [];
  if (digest.overdue.length) {
    counts.push(text.overdueCount(digest.overdue.length));
    sections.push(
      `${text.overdue} (${digest.overdue.length})\n${digest.overdue.map((t) => taskLine(t, true)).join('\n')}`,
    );
  }
  if (digest.dueToday.length) {
    counts.push(text.dueCount(digest.dueToday.length));
    sections.push(
      `${text.due} (${digest.dueToday.length})\n${digest.dueToday.map((t) => taskLine(t, false)).join('\n')}`,
    );
  }
  if (digest.stale.length) {
    const projects = new Set(digest.stale.map((s) => s.projectId)).size;
    counts.push(text.staleCount(projects));
    const lines = digest.stale.map((s) => {
      const stage = language === 'en' ? s.stageLabelEn : s.stageLabelFr;
      const line = `- [${s.projectId}] ${s.projectName}: ${text.staleLine(stage, s.idleDays, s.staleAfterDays)}`;
      return `${line}\n  ${myDayLink(publicUrl, `project-${s.projectId}`)}`;
    });
    sections.push(`${text.stale} (${projects})\n${lines.join('\n')}`);
  }
  const advice = [
    ...(digest.overdue.length || digest.dueToday.length ? [text.doTasks] : []),
    ...(digest.stale.length ? [text.doStale] : []),
  ];
  return {
    subject: text.subject(longDate(digest.localDate, language), counts),
    body: [text.hello(digest.advisor.name), text.intro, ...sections, ...advice, text.bye].join('\n\n') + '\n',
  };
}
