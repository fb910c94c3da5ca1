import { api, attempt } from '../api.js';
import { formatDate } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { formatHours } from '../i18n/numbers.js';
import { useApiData } from '../use-api-data.js';
import { ProjectSection } from './project-section.js';

/** How many of the latest entries the page lists; the total counts them all. */
const SHOWN = 50;

/** The hours spent on the project: the API's total over every entry, and the latest entries. */
export function HoursSection({ projectId }: { projectId: number }) {
  const { t, language } = useLanguage();
  const entries = useApiData(() =>
    attempt(() => api.GET('/time-entries', { params: { query: { projectId, pageSize: SHOWN } } })),
  );
  return (
    <ProjectSection id="hours" title={t('hours.title')} data={entries}>
      {({ items, total, totalHours }) =>
        items.length === 0 ? (
          <p className="empty">{t('hours.empty')}</p>
        ) : (
          <>
            <p className="total" data-testid="hours-total">
              {t(total === 1 ? 'hours.totalOne' : 'hours.total', {
                hours: formatHours(totalHours, language),
                count: total,
              })}
            </p>
            <table className="table">
              <caption className={total > items.length ? undefined : 'visually-hidden'}>
                {total > items.length ? t('hours.latest', { shown: items.length }) : t('hours.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hours.date')}</th>
                  <th scope="col">{t('hours.person')}</th>
                  <th scope="col">{t('hours.type')}</th>
                  <th scope="col" className="number">
                    {t('hours.hours')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.workedOn, language)}</td>
                    <td>{entry.advisor.name}</td>
                    <td>
                      {language === 'fr' ? entry.interventionType.labelFr : entry.interventionType.labelEn}
                      {entry.note && <span className="cell-note">{entry.note}</span>}
                    </td>
                    <td className="number">{formatHours(entry.hours, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      }
    </ProjectSection>
  );
}
