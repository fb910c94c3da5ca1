import type { components } from '../../../client/index.js';
import { api, attempt } from '../api.js';
import { daysBetween, formatDate, localDateOf, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';
import { useApiData } from '../use-api-data.js';
import { ProjectSection } from './project-section.js';

type Task = components['schemas']['FollowUpResponse'];

/**
 * The project's follow-up tasks, open and done. Advisors read only their own (the API refuses
 * them anyone else's), so they are asked for theirs and told so; coordinators and admins read
 * everyone's. Viewers read none: the section is left out.
 */
export function TasksSection({ projectId }: { projectId: number }) {
  const { t } = useLanguage();
  const { user } = useSession();
  const mineOnly = user?.role === 'advisor';
  const tasks = useApiData(() =>
    attempt(() =>
      api.GET('/follow-ups', {
        params: { query: { projectId, pageSize: 500, ...(mineOnly ? { assignee: 'me' } : {}) } },
      }),
    ),
  );
  return (
    <ProjectSection id="tasks" title={t('tasks.title')} data={tasks}>
      {({ items }) => {
        const open = items.filter((task) => task.state !== 'done');
        // Latest done first: what happened last matters most.
        const done = items
          .filter((task) => task.state === 'done')
          .sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
        return (
          <>
            {mineOnly && <p className="hint">{t('tasks.mineOnly')}</p>}
            <h3>{t('tasks.open')}</h3>
            {open.length === 0 ? (
              <p className="empty">{t('tasks.noOpen')}</p>
            ) : (
              <ul className="items">
                {open.map((task) => (
                  <TaskLine key={task.id} task={task} />
                ))}
              </ul>
            )}
            <h3>{t('tasks.done')}</h3>
            {done.length === 0 ? (
              <p className="empty">{t('tasks.noDone')}</p>
            ) : (
              <ul className="items">
                {done.map((task) => (
                  <TaskLine key={task.id} task={task} />
                ))}
              </ul>
            )}
          </>
        );
      }}
    </ProjectSection>
  );
}

function TaskLine({ task }: { task: Task }) {
  const { t, language } = useLanguage();
  const late = task.state === 'overdue' ? daysBetween(task.dueOn, todayInMontreal()) : 0;
  return (
    <li className="item" data-testid="project-task" data-task-id={task.id}>
      <p className="item__title">
        {task.kind === 'check_in' && <span className="tag">{t('task.checkIn')}</span>}
        {task.note}
      </p>
      <p className="item__meta">
        {task.doneAt ? (
          <span>{t('tasks.doneOn', { date: formatDate(localDateOf(task.doneAt), language) })}</span>
        ) : (
          <span>{t('task.due', { date: formatDate(task.dueOn, language) })}</span>
        )}
        {late > 0 && <span className="late">{t('task.late', { days: late })}</span>}
        <span>{task.assignee ? t('tasks.assignee', { name: task.assignee.name }) : t('tasks.unassigned')}</span>
      </p>
      {task.outcome && <p className="timeline__note">{t('tasks.outcome', { outcome: task.outcome })}</p>}
    </li>
  );
}
