import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { dayBefore, previousYearOf, requireReportingYear, yearBounds } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { renderExport, type ExportFile, type YearReportOptions } from '../exports/export-file.js';
import { ExportLogService } from '../exports/export-log.service.js';
import type { AdvisoryReportResponse } from './dto/advisory-report.response.js';
import {
  advisorNames,
  advisoryByRegion,
  advisoryByTypeAndAdvisor,
  interventionTypeList,
  type ListedType,
  type TypeAdvisorHours,
} from './advisory-report.sql.js';
import { advisoryTables } from './tables/advisory.tables.js';

export type AdvisoryReport = AdvisoryReportResponse;

/** Sums of already aggregated rows, by a key. */
function totalsBy<T>(rows: T[], key: (row: T) => string | number, hours: (row: T) => number) {
  const totals = new Map<string | number, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + hours(row));
  return totals;
}

const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);

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
    const regions = await advisoryByRegion(manager, bounds, yearBounds(previous));
    const typeAdvisor = await advisoryByTypeAndAdvisor(manager, bounds);
    const types = await interventionTypeList(manager);
    const hours = sumOf(regions.map((r) => r.hours));
    const coops = sumOf(regions.map((r) => r.coops));
    const previousHours = sumOf(regions.map((r) => r.previousHours));
    const previousCoops = sumOf(regions.map((r) => r.previousCoops));
    return {
      year: year.label,
      from: year.from,
      to: dayBefore(year.until),
      hours,
      coops,
      previous: { year: previous.label, hours: previousHours, coops: previousCoops },
      change: { hours: hours - previousHours, coops: coops - previousCoops },
      byFamily: families(types, typeAdvisor),
      ...(withAdvisors ? { byAdvisor: await this.byAdvisor(typeAdvisor) } : {}),
      byRegion: regions.filter((r) => r.coops > 0).map(({ region, hours, coops }) => ({ region, hours, coops })),
    };
  }

  private async byAdvisor(rows: TypeAdvisorHours[]): Promise<NonNullable<AdvisoryReport['byAdvisor']>> {
    const hours = totalsBy(
      rows,
      (r) => r.advisorId,
      (r) => r.hours,
    );
    const names = await advisorNames(this.dataSource.manager, [...hours.keys()] as number[]);
    return [...hours.entries()]
      .map(([id, total]) => ({ id: Number(id), name: names.get(Number(id)) ?? '', hours: total }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id - b.id);
  }
}

/**
 * Every active type of the families that serve co-ops, and any other type the year's entries
 * used, under their families, in the list's order.
 */
function families(types: ListedType[], rows: TypeAdvisorHours[]): AdvisoryReport['byFamily'] {
  const hoursByType = totalsBy(
    rows,
    (r) => r.typeCode,
    (r) => r.hours,
  );
  const byCode = new Map<string, AdvisoryReport['byFamily'][number]>();
  for (const type of types) {
    const hours = hoursByType.get(type.code);
    if (!(type.servesCoops && type.active) && hours === undefined) continue;
    let family = byCode.get(type.familyCode);
    if (!family) {
      family = { code: type.familyCode, labelFr: type.familyLabelFr, labelEn: type.familyLabelEn, hours: 0, types: [] };
      byCode.set(type.familyCode, family);
    }
    family.hours += hours ?? 0;
    family.types.push({ code: type.code, labelFr: type.labelFr, labelEn: type.labelEn, hours: hours ?? 0 });
  }
  return [...byCode.values()];
}
