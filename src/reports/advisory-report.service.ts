import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { requireReportingYear } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { renderExport, type ExportFile } from '../exports/export-file.js';
import { ExportLogService } from '../exports/export-log.service.js';
import type { AdvisoryReportResponse } from './dto/advisory-report.response.js';
import {
  advisoryHoursByAdvisor,
  advisoryHoursByRegion,
  advisoryHoursByType,
  advisoryTotals,
  type TypeHours,
} from './advisory-report.sql.js';
import { dayBefore, previousYearOf, yearBounds } from './report-year.js';
import type { YearReportOptions } from './report-options.js';
import { advisoryTables } from './tables/advisory.tables.js';

export type AdvisoryReport = AdvisoryReportResponse;

/** Advisory services to co-ops in a year, against the year before (the annual report's "884 h to 54 co-ops"). */
@Injectable()
export class AdvisoryReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: ExportLogService,
  ) {}

  async prepare(user: AuthenticatedUser, options: YearReportOptions): Promise<ExportFile> {
    const { format, lang } = options;
    const report = await this.build(options.year, isManager(user));
    await this.log.record(user, { kind: 'advisory-report', target: report.year, format, lang, includeContacts: false });
    const stream = renderExport(
      options,
      () => advisoryTables(report, lang),
      () => Object.entries(report),
    );
    const name = lang === 'fr' ? 'services-conseils' : 'advisory-services';
    return { filename: `${name}-${report.year}.${format}`, format, stream };
  }

  /** The report; by advisor only when `withAdvisors` (hours by person are personal). */
  async build(label: string | undefined, withAdvisors: boolean): Promise<AdvisoryReport> {
    const startMonth = this.config.reportingYearStartMonth;
    const year = requireReportingYear(label, startMonth);
    const previous = previousYearOf(year, startMonth);
    const bounds = yearBounds(year);
    const manager = this.dataSource.manager;
    const totals = await advisoryTotals(manager, bounds, yearBounds(previous));
    const types = await advisoryHoursByType(manager, bounds);
    const byAdvisor = withAdvisors ? await advisoryHoursByAdvisor(manager, bounds) : undefined;
    const byRegion = await advisoryHoursByRegion(manager, bounds);
    return {
      year: year.label,
      from: year.from,
      to: dayBefore(year.until),
      hours: totals.hours,
      coops: totals.coops,
      previous: { year: previous.label, hours: totals.previousHours, coops: totals.previousCoops },
      change: { hours: totals.hours - totals.previousHours, coops: totals.coops - totals.previousCoops },
      byFamily: families(types),
      ...(byAdvisor ? { byAdvisor } : {}),
      byRegion,
    };
  }
}

/** The types grouped under their families, in the order they came (the list's). */
function families(types: TypeHours[]): AdvisoryReport['byFamily'] {
  const byCode = new Map<string, AdvisoryReport['byFamily'][number]>();
  for (const type of types) {
    let family = byCode.get(type.familyCode);
    if (!family) {
      family = { code: type.familyCode, labelFr: type.familyLabelFr, labelEn: type.familyLabelEn, hours: 0, types: [] };
      byCode.set(type.familyCode, family);
    }
    family.hours += type.hours;
    family.types.push({ code: type.code, labelFr: type.labelFr, labelEn: type.labelEn, hours: type.hours });
  }
  return [...byCode.values()];
}
