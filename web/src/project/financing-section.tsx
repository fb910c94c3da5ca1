import type { components } from '../../../client/index.js';
import { api, attempt } from '../api.js';
import { formatDate } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { formatMoney } from '../i18n/numbers.js';
import { useApiData } from '../use-api-data.js';
import type { Catalog } from './catalog.js';
import { ProjectSection } from './project-section.js';

type FundingRequest = components['schemas']['FundingRequestResponse'];

/** The date of a request's status: sent, answered or paid; none while in preparation. */
function dateOfStatus(request: FundingRequest): string | null {
  if (request.status === 'paid') return request.paidOn;
  if (request.status === 'granted' || request.status === 'refused') return request.decidedOn;
  if (request.status === 'submitted') return request.submittedOn;
  return null;
}

/** The project's funding requests and their totals, as the API sums them; amounts in dollars. */
export function FinancingSection({ projectId, catalog }: { projectId: number; catalog: Catalog }) {
  const { t, language } = useLanguage();
  const requests = useApiData(() =>
    attempt(() => api.GET('/projects/{id}/funding-requests', { params: { path: { id: projectId } } })),
  );
  const money = (cents: number) => formatMoney(cents, language);
  return (
    <ProjectSection id="financing" title={t('financing.title')} data={requests}>
      {({ items, financing }) =>
        items.length === 0 ? (
          <p className="empty">{t('financing.empty')}</p>
        ) : (
          <>
            <dl className="facts facts--compact" data-testid="financing-totals">
              <div>
                <dt>{t('financing.requested')}</dt>
                <dd>{money(financing.requestedCents)}</dd>
              </div>
              <div>
                <dt>{t('financing.granted')}</dt>
                <dd>{money(financing.grantedCents)}</dd>
              </div>
              <div>
                <dt>{t('financing.requests')}</dt>
                <dd>{financing.requests}</dd>
              </div>
            </dl>
            <table className="table">
              <caption className="visually-hidden">{t('financing.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('financing.source')}</th>
                  <th scope="col">{t('financing.status')}</th>
                  <th scope="col" className="number">
                    {t('financing.requested')}
                  </th>
                  <th scope="col" className="number">
                    {t('financing.granted')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((request) => {
                  const date = dateOfStatus(request);
                  return (
                    <tr key={request.id} data-testid="funding-request">
                      <td>
                        {catalog.source(request.sourceCode)}
                        <span className="cell-note">{t(`instrument.${request.instrument}`)}</span>
                        {request.note && <span className="cell-note">{request.note}</span>}
                      </td>
                      <td>
                        {t(`fundingStatus.${request.status}`)}
                        {date && <span className="cell-note">{formatDate(date, language)}</span>}
                      </td>
                      <td className="number">{money(request.requestedCents)}</td>
                      <td className="number">{request.grantedCents === null ? '—' : money(request.grantedCents)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )
      }
    </ProjectSection>
  );
}
