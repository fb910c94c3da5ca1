import type { components } from '../../../client/index.js';
import { api, attempt } from '../api.js';
import { WithElements } from '../components/with-elements.js';
import { formatDate, localDateOf } from '../i18n/dates.js';
import { useLanguage, type Translate } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';
import type { Catalog } from './catalog.js';
import { Loaded } from '../components/loaded.js';

type HistoryEntry = components['schemas']['HistoryEntryResponse'];

/**
 * The moves of one enrollment, oldest first as the API gives them: when, from where to where, how
 * long it had stayed where it left, who recorded it, and the note or reason (not to viewers).
 */
export function Timeline({
  projectId,
  programCode,
  catalog,
}: {
  projectId: number;
  programCode: string;
  catalog: Catalog;
}) {
  const { t, language } = useLanguage();
  const history = useApiData(() =>
    attempt(() =>
      api.GET('/projects/{id}/transitions', { params: { path: { id: projectId }, query: { programCode } } }),
    ),
  );
  const stage = (code: string | null) => (
    <strong className="timeline__stage">{code === null ? '' : catalog.stage(programCode, code)}</strong>
  );
  return (
    <div className="timeline">
      <h4>{t('timeline.title')}</h4>
      <Loaded data={history}>
        {(lines) =>
          lines.length === 0 ? (
            <p className="empty">{t('timeline.empty')}</p>
          ) : (
            <ol className="timeline__lines">
              {lines.map((line) => (
                <li key={line.id} className="timeline__line" data-testid="timeline-line">
                  <p className="timeline__what">
                    <time dateTime={localDateOf(line.occurredAt)}>
                      {formatDate(localDateOf(line.occurredAt), language)}
                    </time>
                    {' · '}
                    <WithElements
                      text={t(`timeline.${line.kind}`)}
                      elements={{ from: stage(line.from), to: stage(line.to) }}
                    />
                  </p>
                  <p className="item__meta">
                    {line.daysInStage !== null && line.from !== null && (
                      <span>
                        {t('timeline.daysIn', { days: line.daysInStage, from: catalog.stage(programCode, line.from) })}
                      </span>
                    )}
                    <span>{recordedBy(t, line)}</span>
                  </p>
                  {line.note && <p className="timeline__note">{t('timeline.note', { note: line.note })}</p>}
                  {line.reason && <p className="timeline__note">{t('timeline.reason', { reason: line.reason })}</p>}
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
    </div>
  );
}

function recordedBy(t: Translate, line: HistoryEntry): string {
  if (line.actor) return t('timeline.by', { name: line.actor.name });
  if (line.source === 'import') return t('timeline.byImport');
  return t('timeline.bySystem');
}
