import { Injectable } from '@nestjs/common';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { forbidden } from '../common/domain-error.js';
import { FiguresService } from '../figures/figures.service.js';
import { ProgramsService } from '../programs/programs.service.js';
import { canReadFreeText, canSeeStaffEmails } from '../projects/project-access.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { CohortProjectsReader } from './cohort-projects.reader.js';
import { renderExport, type ExportFile, type ExportStyle } from './export-file.js';
import { ExportLogService } from './export-log.service.js';
import { StreamedArray } from './json-writer.js';
import { cohortFiguresTable } from './tables/cohort-figures.table.js';
import { cohortProjectsTable } from './tables/cohort-projects.table.js';

export interface CohortExportOptions extends ExportStyle {
  includeContacts: boolean;
}

/** A cohort's results for a funder: its projects, one row each, then its figures. */
@Injectable()
export class CohortExportService {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly programs: ProgramsService,
    private readonly figures: FiguresService,
    private readonly satisfaction: SatisfactionService,
    private readonly reader: CohortProjectsReader,
    private readonly log: ExportLogService,
  ) {}

  /**
   * Checks and reads everything that can refuse the export (role, cohort, figures) before the
   * first byte, logs it, and hands back a stream that reads the projects as it is sent.
   */
  async prepare(user: AuthenticatedUser, cohortId: number, options: CohortExportOptions): Promise<ExportFile> {
    const { format, lang, includeContacts } = options;
    if (includeContacts && !isManager(user)) {
      throw forbidden(
        `Contacts are personal information: only coordinators and admins export them (includeContacts=true); you are ${user.role}. Leave includeContacts out to export the rest`,
      );
    }
    const cohort = await this.cohorts.get(cohortId);
    const { stages, ...program } = await this.programs.get(cohort.programCode);
    // A document sent out must not lag: the figures as of the last recorded move.
    const figures = await this.figures.currentCohortFigures(cohortId);
    const { cohortId: _, ...satisfaction } = await this.satisfaction.ofCohort(cohortId);
    await this.log.record(user, { kind: 'cohort', target: String(cohortId), format, lang, includeContacts });

    const access = {
      withContacts: includeContacts,
      withFreeText: canReadFreeText(user),
      withEmails: canSeeStaffEmails(user),
    };
    const projects = () => this.reader.batches(cohortId, stages, access);
    const programName = { fr: program.nameFr, en: program.nameEn };
    const stream = renderExport(
      options,
      () => [
        cohortProjectsTable(projects(), {
          cohort: { ...cohort, programName },
          stages,
          withContacts: includeContacts,
          lang,
        }),
        cohortFiguresTable(figures, satisfaction, lang),
      ],
      () => [
        ['cohort', { ...cohort, programName }],
        ['projects', new StreamedArray(projects())],
        ['figures', figures],
        ['satisfaction', satisfaction],
      ],
    );
    return {
      filename: `${lang === 'fr' ? 'cohorte' : 'cohort'}-${cohort.number}-${cohort.programCode}.${format}`,
      format,
      stream,
    };
  }
}
