/**
 * Funding requests for the demo's projects that reached their financial set-up: invented amounts
 * (in cents), sources and instruments typical of a co-op's set-up, and statuses that follow the
 * project: all decided once it incorporated, some still pending while it is at the set-up.
 */
import type { FundingInstrument, FundingStatus } from '../financing/funding-request.entity.js';

export interface PlannedFundingRequest {
  sourceCode: string;
  instrument: FundingInstrument;
  requestedCents: number;
  grantedCents: number | null;
  status: FundingStatus;
  submittedOn: string | null;
  decidedOn: string | null;
  paidOn: string | null;
}

const DAY_MS = 86_400_000;
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const dollars = (amount: number) => amount * 100;

/**
 * The requests of the `index`-th financed project, which entered its financial set-up on
 * `setUpOn` and incorporated on `incorporatedOn` (null while still at the set-up).
 */
export function fundingRequestsFor(
  index: number,
  entrepreneurs: number,
  setUpOn: string,
  incorporatedOn: string | null,
): PlannedFundingRequest[] {
  const asked: Pick<PlannedFundingRequest, 'sourceCode' | 'instrument' | 'requestedCents'>[] = [
    { sourceCode: 'caisses', instrument: 'loan', requestedCents: dollars(60_000 + (index % 6) * 7_500) },
    {
      sourceCode: 'fonds-pret-patient',
      instrument: 'patient_loan',
      requestedCents: dollars(25_000 + (index % 4) * 5_000),
    },
    { sourceCode: 'programmes-publics', instrument: 'grant', requestedCents: dollars(15_000 + (index % 3) * 5_000) },
  ];
  if (index % 2 === 0)
    asked.push({ sourceCode: 'fonds-municipaux', instrument: 'loan', requestedCents: dollars(10_000) });
  if (index % 3 === 0)
    asked.push({
      sourceCode: 'emission-parts',
      instrument: 'members_shares',
      requestedCents: dollars(entrepreneurs * 2_500),
    });

  return asked.map((request, r) => {
    const submittedOn = plusDays(setUpOn, 7 + r * 4);
    const decidedOn = plusDays(submittedOn, 28);
    if (incorporatedOn === null) {
      // Still putting the money together: the first answer is in, the rest pending.
      if (r === 0)
        return {
          ...request,
          status: 'granted',
          grantedCents: request.requestedCents,
          submittedOn,
          decidedOn,
          paidOn: null,
        };
      if (r === 1)
        return { ...request, status: 'submitted', grantedCents: null, submittedOn, decidedOn: null, paidOn: null };
      return {
        ...request,
        status: 'in_preparation',
        grantedCents: null,
        submittedOn: null,
        decidedOn: null,
        paidOn: null,
      };
    }
    if (request.sourceCode === 'fonds-municipaux' && index % 4 === 0)
      return { ...request, status: 'refused', grantedCents: null, submittedOn, decidedOn, paidOn: null };
    // A grant is often smaller than asked; loans and shares come in full, paid after incorporation.
    const grantedCents =
      request.instrument === 'grant' ? Math.round((request.requestedCents * 0.8) / 100) * 100 : request.requestedCents;
    if (request.instrument === 'grant')
      return { ...request, status: 'granted', grantedCents, submittedOn, decidedOn, paidOn: null };
    const paidOn = plusDays(decidedOn > incorporatedOn ? decidedOn : incorporatedOn, 10);
    return { ...request, status: 'paid', grantedCents, submittedOn, decidedOn, paidOn };
  });
}
