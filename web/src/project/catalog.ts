import type { components } from '../../../client/index.js';
import { api, attempt } from '../api.js';
import type { Language, Translate } from '../i18n/language.js';
import { useApiData } from '../use-api-data.js';

type Program = components['schemas']['ProgramResponse'];
type FinancingSource = components['schemas']['FinancingSourceResponse'];

/** What the project page names by a code: programs, their stages, financing sources. */
export interface Catalog {
  program: (code: string) => string;
  /** A stage of the program, or a status the history names in its place (on_hold, abandoned). */
  stage: (programCode: string, code: string) => string;
  source: (code: string) => string;
}

type Status = components['schemas']['EnrollmentStatus'];
const isStatus = (code: string): code is Status => code === 'active' || code === 'on_hold' || code === 'abandoned';

/**
 * Programs and financing sources read once for the page, with their labels in the user's
 * language. Until they arrive (or if they cannot be read), codes stand in for labels.
 */
export function useCatalog(t: Translate, language: Language): Catalog {
  const programs = useApiData(() => attempt(() => api.GET('/programs')));
  const sources = useApiData(() => attempt(() => api.GET('/financing-sources')));
  const label = (item: { labelFr: string; labelEn: string }) => (language === 'fr' ? item.labelFr : item.labelEn);
  const findProgram = (code: string): Program | undefined => programs.data?.find((p) => p.code === code);
  return {
    program: (code) => {
      const program = findProgram(code);
      return program ? (language === 'fr' ? program.nameFr : program.nameEn) : code;
    },
    stage: (programCode, code) => {
      if (isStatus(code)) return t(`status.${code}`);
      const stage = findProgram(programCode)?.stages.find((s) => s.code === code);
      return stage ? label(stage) : code;
    },
    source: (code) => {
      const source = sources.data?.find((s: FinancingSource) => s.code === code);
      return source ? label(source) : code;
    },
  };
}
