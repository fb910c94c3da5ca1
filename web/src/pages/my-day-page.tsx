import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useLocation } from 'react-router';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { formatDate, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import type { MessageKey } from '../i18n/messages.js';
import { StaleProjectItem } from '../my-day/stale-project-item.js';
import { TaskItem, type Task } from '../my-day/task-item.js';
import { useSession, type User } from '../session.js';
import { useApiData, type ApiData } from '../use-api-data.js';

/**
 * An advisor's day (a coordinator's and an admin's too, for the tasks handed to them): open
 * tasks overdue, due today and coming, the post-cohort check-ins to make, and their projects that
 * stopped moving; every action happens in place.
 */
export function MyDayPage() {
  const { t, language } = useLanguage();
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <PageHeading title={t('myDay.title')} />
      <p className="lead">{t('myDay.today', { date: formatDate(todayInMontreal(), language, true) })}</p>
      {user.role === 'viewer' ? <Notice kind="info">{t('myDay.viewer')}</Notice> : <MyDay user={user} />}
    </>
  );
}

function MyDay({ user }: { user: User }) {
  const { t } = useLanguage();
  const [message, setMessage] = useState('');
  const tasks = useApiData(() =>
    attempt(() =>
      // Everyone's own tasks: coordinators and admins would otherwise get everybody's.
      api.GET('/follow-ups', { params: { query: { assignee: 'me', state: 'open', pageSize: 500 } } }),
    ),
  );
  const stale = useApiData(() =>
    attempt(() =>
      api.GET('/projects', { params: { query: { stale: 'true', advisorId: user.id, sort: 'name', pageSize: 200 } } }),
    ),
  );
  const linked = useLinkedItem(tasks.data !== null && stale.data !== null);
  const headings = {
    overdue: useRef<HTMLHeadingElement>(null),
    due: useRef<HTMLHeadingElement>(null),
    upcoming: useRef<HTMLHeadingElement>(null),
    checkIns: useRef<HTMLHeadingElement>(null),
    stale: useRef<HTMLHeadingElement>(null),
  };

  /**
   * After an action the lists are read again. An item that leaves its list (done, rescheduled,
   * snoozed, a stale project noted) would take the focus with it: it goes to its section's heading.
   */
  const changed = (section: keyof typeof headings) => (text: string, itemLeaves: boolean) => {
    setMessage(text);
    if (itemLeaves) headings[section].current?.focus();
    void tasks.reload();
    void stale.reload();
  };

  const open = tasks.data?.items ?? [];
  const plain = open.filter((task) => task.kind === 'task');
  const sections: [keyof typeof headings, MessageKey, MessageKey, Task[]][] = [
    ['overdue', 'myDay.overdue', 'myDay.noOverdue', plain.filter((task) => task.state === 'overdue')],
    ['due', 'myDay.due', 'myDay.noDue', plain.filter((task) => task.state === 'due')],
    ['upcoming', 'myDay.upcoming', 'myDay.noUpcoming', plain.filter((task) => task.state === 'upcoming')],
    ['checkIns', 'myDay.checkIns', 'myDay.noCheckIns', open.filter((task) => task.kind === 'check_in')],
  ];
  return (
    <>
      <div className="live-message" role="status">
        {message}
      </div>
      {linked.missing && <Notice kind="info">{t(linked.missing)}</Notice>}
      <div className="my-day">
        {sections.map(([key, title, empty, items]) => (
          <Section key={key} id={key} title={t(title)} headingRef={headings[key]} data={tasks} count={items.length}>
            {items.length === 0 ? (
              <p className="empty">{t(empty)}</p>
            ) : (
              <ul className="items">
                {items.map((task) => (
                  <TaskItem key={task.id} task={task} onChanged={changed(key)} />
                ))}
              </ul>
            )}
          </Section>
        ))}
        <Section
          id="stale"
          title={t('myDay.stale')}
          headingRef={headings.stale}
          data={stale}
          count={stale.data?.items.length ?? 0}
        >
          {(stale.data?.items.length ?? 0) === 0 ? (
            <p className="empty">{t('myDay.noStale')}</p>
          ) : (
            <ul className="items">
              {stale.data!.items.map((project) => (
                <StaleProjectItem key={project.id} project={project} onChanged={changed('stale')} />
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}

/**
 * A digest's link (`#task-12`, `#project-7`) brings its line into view and gives it the focus once
 * the lists are read; a line no longer there (the task done, the project moving again) is said.
 */
function useLinkedItem(ready: boolean): { missing: MessageKey | null } {
  const { hash } = useLocation();
  const handled = useRef('');
  const [missing, setMissing] = useState<MessageKey | null>(null);
  useEffect(() => {
    const kind = /^#(task|project)-\d+$/.exec(hash)?.[1];
    if (!ready || !kind || handled.current === hash) return;
    handled.current = hash;
    const element = document.getElementById(hash.slice(1));
    if (!element) return setMissing(kind === 'task' ? 'myDay.linkedTaskGone' : 'myDay.linkedProjectGone');
    element.scrollIntoView({ block: 'center' });
    element.focus();
  }, [ready, hash]);
  return { missing };
}

function Section(props: {
  id: string;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  data: ApiData<unknown>;
  count: number;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  const headingId = `section-${props.id}`;
  const { data, failure, loading, reload } = props.data;
  return (
    <section className={`section section--${props.id}`} aria-labelledby={headingId}>
      <h2 id={headingId} ref={props.headingRef} tabIndex={-1}>
        {props.title}
        {data !== null && <span className="count">{props.count}</span>}
      </h2>
      {failure ? (
        <Notice kind="error">
          {t('error.loading')} {describeError(t, failure.status, failure.body)}{' '}
          <button type="button" className="link-button" onClick={() => void reload()}>
            {t('myDay.refresh')}
          </button>
        </Notice>
      ) : data === null && loading ? (
        <p className="empty">{t('app.loading')}</p>
      ) : (
        props.children
      )}
    </section>
  );
}
