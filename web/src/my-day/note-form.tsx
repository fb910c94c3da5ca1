import { useState } from 'react';
import { api, attempt, describeError } from '../api.js';
import { useLanguage } from '../i18n/language.js';
import { InlineForm } from './inline-form.js';

/** Adds a note to a project (`POST /projects/:id/notes`); a note is activity on the project. */
export function NoteForm(props: {
  id: string;
  project: { id: number; name: string };
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useLanguage();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!body.trim()) return setError(t('form.required'));
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      api.POST('/projects/{id}/notes', { params: { path: { id: props.project.id } }, body: { body: body.trim() } }),
    );
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.status, result.body));
    props.onSaved(t('note.savedMessage', { name: props.project.name }));
  };

  return (
    <InlineForm
      id={props.id}
      label={t('task.addNote')}
      submitLabel={t('note.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={props.onCancel}
    >
      <div className="field">
        <label htmlFor={`${props.id}-body`}>{t('note.body')}</label>
        <textarea
          id={`${props.id}-body`}
          rows={3}
          required
          maxLength={5000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
      </div>
    </InlineForm>
  );
}
