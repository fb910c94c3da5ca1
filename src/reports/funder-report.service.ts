import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { dayBefore, requireReportingYear, yearBounds } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { renderExport, type ExportFile, type YearReportOptions } from '../exports/export-file.js';
import { ExportLogService } from '../exports/export-log.service.js';
import type { FunderReportResponse } from './dto/funder-report.response.js';
import { interventionCounts, jobsFigures, totalHours } from './funder-report.sql.js';
import { FUNDER_ROWS, type FunderRow, type FunderRowKey } from './funder-rows.js';
import { funderTable } from './tables/funder.table.js';

const row = (key: FunderRowKey, value: number, missing?: number): FunderRow => ({
  key,
  labelFr: FUNDER_ROWS[key].fr,
  labelEn: FUNDER_ROWS[key].en,
  value,
  ...(missing === undefined ? {} : { missing }),
});

/** The network's table for the CQCM's partnership agreement (volet Accompagnement). */
@Injectable()
export class FunderReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: ExportLogService,
  ) {}

  async prepare(user: AuthenticatedUser, options: YearReportOptions): Promise<ExportFile> {
    const { format, lang } = options;
    const report = await this.build(options.year);
    await this.log.record(user, { kind: 'funder-report', target: report.year, format, lang, includeContacts: false });
    const stream = renderExport(
      options,
      () => [funderTable(report.rows, report.year, lang)],
      () => Object.entries(report),
    );
    const name = lang === 'fr' ? 'entente-partenariat' : 'partnership-agreement';
    return { filename: `${name}-${report.year}.${format}`, format, stream };
  }

  async build(label: string | undefined): Promise<FunderReportResponse> {
    const year = requireReportingYear(label, this.config.reportingYearStartMonth);
    const bounds = yearBounds(year);
    const manager = this.dataSource.manager;
    const interventions = await interventionCounts(manager, bounds);
    const jobs = await jobsFigures(manager, bounds);
    const hours = await totalHours(manager, bounds);
    return {
      year: year.label,
      from: year.from,
      to: dayBefore(year.until),
      rows: [
        row('startUpInterventions', interventions.startUp),
        row('accompanimentInterventions', interventions.accompaniment),
        row('jobsCreated', jobs.created.jobs, jobs.created.missing),
        row('jobsMaintained', jobs.maintained.jobs, jobs.maintained.missing),
        row('totalInterventions', interventions.startUp + interventions.accompaniment),
        row('totalHours', hours),
      ],
    };
  }
}
