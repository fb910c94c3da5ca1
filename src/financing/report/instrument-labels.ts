import type { Localised } from '../../exports/export-format.js';
import type { FundingInstrument } from '../funding-request.entity.js';

/** What users read for each instrument, in the order the API lists them. */
export const INSTRUMENT_LABELS: Record<FundingInstrument, Localised> = {
  loan: { fr: 'Prêt', en: 'Loan' },
  patient_loan: { fr: 'Prêt patient', en: 'Patient loan' },
  grant: { fr: 'Subvention', en: 'Grant' },
  members_shares: { fr: 'Parts des membres', en: "Members' shares" },
};
