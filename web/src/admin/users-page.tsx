import { useEffect, useState } from 'react';
import { api, attempt } from '../api.js';
import { Loaded } from '../components/loaded.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';
import { useApiData } from '../use-api-data.js';
import { CreateUserForm } from './create-user-form.js';
import { UserItem } from './user-item.js';

/** The accounts (`GET /users`): each one's role, language and state, its actions, and a form for a new one. */
export function UsersPage() {
  const { t } = useLanguage();
  const { user: me } = useSession();
  const users = useApiData(() => attempt(() => api.GET('/users')));
  const [message, setMessage] = useState('');
  // The account whose row takes the focus once the list shows it (a new account).
  const [focusUser, setFocusUser] = useState<number | null>(null);

  useEffect(() => {
    if (focusUser === null) return;
    const row = document.querySelector<HTMLElement>(`[data-user-title="${focusUser}"]`);
    if (!row) return;
    row.focus();
    setFocusUser(null);
  }, [focusUser, users.data]);

  const changed = (text: string) => {
    setMessage(text);
    void users.reload();
  };

  return (
    <>
      <PageHeading title={t('users.title')} />
      <p className="lead">{t('users.intro')}</p>
      <div className="live-message" role="status">
        {message}
      </div>
      <div className="admin-page">
        <section className="section" aria-labelledby="users-list">
          <h2 id="users-list">
            {t('users.list')}
            {users.data && <span className="count">{users.data.length}</span>}
          </h2>
          <Loaded data={users}>
            {(list) => (
              <ul className="items">
                {list.map((user) => (
                  <UserItem key={user.id} user={user} isMe={user.id === me?.id} onChanged={changed} />
                ))}
              </ul>
            )}
          </Loaded>
        </section>
        <CreateUserForm
          onCreated={(created) => {
            setMessage(t('users.created', { name: created.name }));
            void users.reload().then(() => setFocusUser(created.id));
          }}
        />
      </div>
    </>
  );
}
