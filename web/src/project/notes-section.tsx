import { useState } from 'react';
import { api, attempt } from '../api.js';
import { formatDate, localDateOf } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { useItemForms } from '../my-day/item-actions.js';
import { NoteForm } from '../my-day/note-form.js';
import { useApiData } from '../use-api-data.js';
import type { Project } from './project-facts.js';
import { ProjectSection } from './project-section.js';

/**
 * The project's notes, newest first, and a note to add, as in Ma journée. The roles that read
 * notes are those that write them; the API refuses viewers both, and the section is left out.
 */
export function NotesSection({ project }: { project: Project }) {
  const { t, language } = useLanguage();
  const notes = useApiData(() =>
    attempt(() => api.GET('/projects/{id}/notes', { params: { path: { id: project.id } } })),
  );
  const forms = useItemForms<'note'>();
  const [message, setMessage] = useState('');

  return (
    <ProjectSection id="notes" title={t('notes.title')} data={notes}>
      {(items) => (
        <>
          <div className="live-message" role="status">
            {message}
          </div>
          <button
            ref={forms.buttonRef('note')}
            type="button"
            className="button"
            aria-expanded={forms.open === 'note'}
            aria-controls={forms.open === 'note' ? 'project-note' : undefined}
            onClick={() => {
              setMessage('');
              forms.toggle('note');
            }}
          >
            {t('notes.add')}
          </button>
          {forms.open === 'note' && (
            <NoteForm
              id="project-note"
              project={project}
              onCancel={forms.close}
              onSaved={(text) => {
                // The form closes and the focus goes back to its button; the new note is read again.
                forms.close();
                setMessage(text);
                void notes.reload();
              }}
            />
          )}
          {items.length === 0 ? (
            <p className="empty">{t('notes.empty')}</p>
          ) : (
            <ul className="items">
              {items.map((note) => (
                <li key={note.id} className="item" data-testid="project-note">
                  <p className="note__body">{note.body}</p>
                  <p className="item__meta">
                    <span>{note.author?.name ?? t('notes.unknownAuthor')}</span>
                    <span>{formatDate(localDateOf(note.createdAt), language)}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ProjectSection>
  );
}
