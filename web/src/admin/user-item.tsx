import { useState } from 'react';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { formatDateTime } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { InlineForm } from '../my-day/inline-form.js';
import { useItemForms } from '../my-day/item-actions.js';
import type { User } from '../session.js';

export const ROLES = ['admin', 'coordinator', 'advisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * One account: its role and language, and what an admin does to it. Deactivating and starting a
 * password reset happen at once (both can be undone or repeated); the role is chosen in a form
 * under the row. Admins do not deactivate nor demote themselves here: they would lose this page.
 */
export function UserItem({
  user,
  isMe,
  onChanged,
}: {
  user: User;
  isMe: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, language } = useLanguage();
  const forms = useItemForms<'role'>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = `user-${user.id}-title`;

  // The buttons say they are busy rather than being disabled, so that they keep the focus.
  const act = async (call: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const refused = await call();
    setBusy(false);
    setProblem(refused);
  };

  const toggleActive = () =>
    act(async () => {
      const outcome = await attempt(() =>
        api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { active: !user.active } }),
      );
      if (!outcome.ok) return describeError(t, outcome.status, outcome.body);
      onChanged(t(user.active ? 'users.deactivated' : 'users.reactivated', { name: user.name }));
      return null;
    });

  const startReset = () =>
    act(async () => {
      const outcome = await attempt(() =>
        api.POST('/users/{id}/password-reset', { params: { path: { id: user.id } } }),
      );
      if (!outcome.ok) return describeError(t, outcome.status, outcome.body);
      onChanged(
        t('users.resetSent', {
          name: user.name,
          email: user.email,
          until: formatDateTime(outcome.data.expiresAt, language),
        }),
      );
      return null;
    });

  return (
    <li className="item" data-testid="user-row" data-user-id={user.id}>
      <div className="item__summary">
        <div className="item__text">
          <p className="item__title" id={titleId} tabIndex={-1} data-user-title={user.id}>
            {!user.active && <span className="tag tag--inactive">{t('users.inactive')}</span>}
            {isMe && <span className="tag">{t('users.you')}</span>}
            {user.name}
          </p>
          <p className="item__meta">
            <span>{user.email}</span>
            <span>{t('users.roleOf', { role: t(`role.${user.role}`) })}</span>
            <span>{t('users.languageOf', { language: t(`language.${user.language}`) })}</span>
          </p>
        </div>
        <div className="item__actions">
          {!isMe && (
            <>
              <button
                ref={forms.buttonRef('role')}
                type="button"
                className="button"
                aria-expanded={forms.open === 'role'}
                aria-controls={forms.open === 'role' ? `user-${user.id}-role` : undefined}
                aria-describedby={titleId}
                onClick={() => forms.toggle('role')}
              >
                {t('users.changeRole')}
              </button>
              <button
                type="button"
                className="button"
                aria-describedby={titleId}
                aria-disabled={busy}
                onClick={() => void toggleActive()}
              >
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </button>
            </>
          )}
          {user.active && (
            <button
              type="button"
              className="button"
              aria-describedby={titleId}
              aria-disabled={busy}
              onClick={() => void startReset()}
            >
              {t('users.resetPassword')}
            </button>
          )}
        </div>
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {forms.open === 'role' && (
        <RoleForm
          id={`user-${user.id}-role`}
          user={user}
          onCancel={forms.close}
          onSaved={(text) => {
            forms.close();
            onChanged(text);
          }}
        />
      )}
    </li>
  );
}

function RoleForm(props: { id: string; user: User; onCancel: () => void; onSaved: (message: string) => void }) {
  const { t } = useLanguage();
  const [role, setRole] = useState<Role>(props.user.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const outcome = await attempt(() =>
      api.PATCH('/users/{id}', { params: { path: { id: props.user.id } }, body: { role } }),
    );
    setBusy(false);
    // The last active admin keeps the role: the service says so (422).
    if (!outcome.ok) return setError(describeError(t, outcome.status, outcome.body));
    props.onSaved(t('users.roleChanged', { name: props.user.name, role: t(`role.${role}`) }));
  };

  return (
    <InlineForm
      id={props.id}
      label={t('users.changeRole')}
      submitLabel={t('users.confirmRole')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <div className="field field--short">
        <label htmlFor={`${props.id}-select`}>{t('users.newRole')}</label>
        <select id={`${props.id}-select`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </InlineForm>
  );
}
