import { Link } from 'react-router';
import { api, attempt } from '../api.js';
import { programName } from '../board/board-data.js';
import { Loaded } from '../components/loaded.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';

/** The programs, each leading to the page of its stages. */
export function ProgramsPage() {
  const { t, language } = useLanguage();
  const programs = useApiData(() => attempt(() => api.GET('/programs')));
  return (
    <>
      <PageHeading title={t('programs.title')} />
      <p className="lead">{t('programs.intro')}</p>
      <section className="section" aria-label={t('programs.title')}>
        <Loaded data={programs}>
          {(list) => (
            <ul className="items">
              {list.map((program) => (
                <li key={program.code} className="item" data-testid="program-row">
                  <p className="item__title">
                    <Link to={`/admin/programs/${program.code}/stages`}>{programName(program, language)}</Link>
                  </p>
                  <p className="item__meta">
                    <span>{program.usesCohorts ? t('programs.cohorts') : t('programs.accompaniment')}</span>
                    <span>{t('programs.stageCount', { count: program.stages.length })}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </section>
    </>
  );
}
