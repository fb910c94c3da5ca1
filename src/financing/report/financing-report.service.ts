import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { requireReportingYear } from '../../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { renderExport, type ExportFile, type YearReportOptions } from '../../exports/export-file.js';
import { ExportLogService } from '../../exports/export-log.service.js';
import { readFinancingReport } from './financing-report.reader.js';
import { financingReportTables } from './financing-report.tables.js';

/** The money of a reporting year's financial set-ups, for funders: by source, instrument, program, cohort. */
@Injectable()
export class FinancingReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: ExportLogService,
  ) {}

  async prepare(user: AuthenticatedUser, options: YearReportOptions): Promise<ExportFile> {
    const { format, lang } = options;
    const year = requireReportingYear(options.year, this.config.reportingYearStartMonth);
    const report = await readFinancingReport(this.dataSource.manager, year);
    await this.log.record(user, { kind: 'financing-report', target: year.label, format, lang, includeContacts: false });
    const stream = renderExport(
      options,
      () => financingReportTables(report, lang),
      () => Object.entries(report),
    );
    return { filename: `${lang === 'fr' ? 'financement' : 'financing'}-${year.label}.${format}`, format, stream };
  }
}
