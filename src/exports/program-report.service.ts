import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { notFound, unprocessable } from '../common/domain-error.js';
import { requireReportingYear } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FiguresService } from '../figures/figures.service.js';
import type { Funnel } from '../figures/figures.types.js';
import { Program } from '../programs/program.entity.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { renderExport, type ExportFile, type YearReportOptions } from './export-file.js';
import { ExportLogService } from './export-log.service.js';
import { readProgramWork } from './program-work.js';
import { reportCohortsTable } from './tables/report-cohorts.table.js';
import { reportFunnelsTable } from './tables/report-funnels.table.js';
import { reportTransfersTable, type TransfersAtStage } from './tables/report-transfers.table.js';
import { reportWorkTable } from './tables/report-work.table.js';

/** The transfer accompaniment: the report counts its projects of the year by stage. */
export const TRANSFER_ACCOMPANIMENT = 'transfertcoop';

/** The year of a cohort program as the annual report shows it, with the accompaniments of the same year. */
@Injectable()
export class ProgramReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figures: FiguresService,
    private readonly satisfaction: SatisfactionService,
    private readonly log: ExportLogService,
  ) {}

  async prepare(user: AuthenticatedUser, programCode: string, options: YearReportOptions): Promise<ExportFile> {
    const { format, lang } = options;
    const startMonth = this.config.reportingYearStartMonth;
    const year = requireReportingYear(options.year, startMonth);

    const manager = this.dataSource.manager;
    const program = await manager.findOneBy(Program, { code: programCode });
    if (!program) throw notFound('Program', programCode);
    const accompaniments = await manager.find(Program, { where: { usesCohorts: false }, order: { position: 'ASC' } });
    if (!program.usesCohorts) {
      const cohortPrograms = (
        await manager.find(Program, { where: { usesCohorts: true }, order: { position: 'ASC' } })
      ).map((p) => p.code);
      throw unprocessable(
        `Program ${programCode} is not run in cohorts: its funnel is in the report of a cohort program (${cohortPrograms.join(', ')})`,
      );
    }

    // Fresh from the recorded moves, like the figures endpoints with ?fresh=true.
    const { computedAt, pending, cohorts, ...total } = await this.figures.programStats(programCode, year.label, true);
    const satisfaction = await this.satisfaction.ofCohorts(cohorts.map((c) => c.cohortId));
    const funnels: { program: Program; funnel: Funnel }[] = [];
    for (const accompaniment of accompaniments) {
      funnels.push({
        program: accompaniment,
        funnel: await this.figures.programFunnel(accompaniment.code, year.label, true),
      });
    }
    // The funnel's "current" is what this table needs: the year's projects in each stage now, not abandoned.
    const transfers: TransfersAtStage[] = (
      funnels.find((f) => f.program.code === TRANSFER_ACCOMPANIMENT)?.funnel.stages ?? []
    ).map((stage) => ({ code: stage.code, labelFr: stage.labelFr, labelEn: stage.labelEn, projects: stage.current }));
    const work = await readProgramWork(manager, programCode, year);
    await this.log.record(user, {
      kind: 'program-report',
      target: `${programCode}:${year.label}`,
      format,
      lang,
      includeContacts: false,
    });

    const stats = { ...total, cohorts };
    const stream = renderExport(
      options,
      () => [
        reportCohortsTable(program, stats, satisfaction, lang),
        reportFunnelsTable(funnels, year.label, lang),
        reportTransfersTable(transfers, year.label, lang),
        reportWorkTable(work, year.label, lang),
      ],
      () => [
        ['program', { code: program.code, nameFr: program.nameFr, nameEn: program.nameEn }],
        ['year', year.label],
        ['cohorts', cohorts.map((cohort) => ({ ...cohort, satisfaction: satisfaction.byCohort.get(cohort.cohortId) }))],
        ['total', { ...total, satisfaction: satisfaction.total }],
        ['funnels', funnels.map((f) => f.funnel)],
        ['transfersByStage', transfers],
        ['work', work],
        ['computedAt', computedAt],
        ['pending', pending],
      ],
    );
    return {
      filename: `${lang === 'fr' ? 'rapport' : 'report'}-${programCode}-${year.label}.${format}`,
      format,
      stream,
    };
  }
}
