import { api } from '../api.js';
import { useLanguage } from '../i18n/language.js';
import { useSession } from '../session.js';
import { DownloadButtons } from './download-buttons.js';
import { programName, type Program } from './figures-data.js';

/**
 * The year's files: the program's annual report for everyone, and the advisory, funder and
 * financing reports for the roles that may read them (advisors may not).
 */
export function FigureDownloads({ program, year }: { program: Program; year: string }) {
  const { t, language } = useLanguage();
  const { user } = useSession();
  const reportsAllowed = user?.role !== 'advisor';
  const reports = [
    ['/reports/advisory', t('figures.advisoryReport'), 'rapport-services-conseil'],
    ['/reports/funder', t('figures.funderReport'), 'rapport-bailleur'],
    ['/reports/financing', t('figures.financingReport'), 'rapport-financement'],
  ] as const;
  return (
    <section className="section" aria-labelledby="figures-files">
      <h2 id="figures-files">{t('figures.files', { year })}</h2>
      <ul className="file-list">
        <li>
          <span>{t('figures.programReport', { program: programName(program, language) })}</span>
          <DownloadButtons
            what={t('figures.programReport', { program: programName(program, language) })}
            fileName={`${program.code}-${year}`}
            fetchFile={(format) =>
              api.GET('/programs/{code}/report', {
                params: { path: { code: program.code }, query: { year, format, lang: language } },
                parseAs: 'blob',
              })
            }
          />
        </li>
        {reportsAllowed &&
          reports.map(([path, name, fileName]) => (
            <li key={path}>
              <span>{name}</span>
              <DownloadButtons
                what={name}
                fileName={`${fileName}-${year}`}
                fetchFile={(format) =>
                  api.GET(path, { params: { query: { year, format, lang: language } }, parseAs: 'blob' })
                }
              />
            </li>
          ))}
      </ul>
    </section>
  );
}
