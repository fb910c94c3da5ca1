import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import {
  parseReportingYear,
  reportingYearFormat,
  reportingYearOf,
  reportingYearOrNullOf,
  yearBounds,
  type ReportingYear,
} from '../common/reporting-year.js';
import { LOCAL_ZONE } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dialectOf, type Dialect } from '../database/dialect.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
import { Program } from '../programs/program.entity.js';
import { Stage } from '../programs/stage.entity.js';
import {
  accompanimentYearEnrollments,
  cohortFiguresSql,
  cohortProgramYearEnrollments,
  enrollmentFiguresSql,
  funnelSql,
  PROGRAM_YEAR_COHORTS,
} from './figures.sql.js';
import type { CohortFigures, FigureCounts, Funnel, FunnelMilestone, ProgramYearFigures } from './figures.types.js';
import { rate } from './rate.js';

type Row = Record<string, string | number | Date | null>;

/** A cohort's figures, or why they could not be computed. */
export type CohortOutcome = { cohortId: number; figures: CohortFigures } | { cohortId: number; error: unknown };

const num = (value: Row[string] | undefined) => (value === null || value === undefined ? 0 : Number(value));
/** A milestone count, or null when the program has no stage with that milestone. */
const countIf = (hasMilestone: unknown, value: Row[string]) =>
  hasMilestone === null || hasMilestone === undefined ? null : num(value);

/** A program and its stages in pipeline order: what a program-year's figures read besides the aggregates. */
export interface ProgramPipeline {
  program: Program;
  stages: Stage[];
}

/** Runs the figures' aggregates and shapes their rows; it stores nothing. */
@Injectable()
export class FiguresCalculator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get dialect(): Dialect {
    return dialectOf(this.dataSource);
  }

  /** Figures of the cohorts a filter on `c` keeps; all cohorts when no filter is given. */
  async cohorts(
    filter = '1 = 1',
    parameters: Record<string, unknown> = {},
    manager = this.dataSource.manager,
  ): Promise<CohortFigures[]> {
    const rows = await namedQuery<Row>(manager, cohortFiguresSql(filter), parameters);
    return rows.map((row) => this.cohortFigures(row));
  }

  /**
   * Every cohort's figures, or the error that kept one cohort from being computed: one bad cohort
   * never costs the others theirs. When the one aggregate fails, the cohorts are computed one by
   * one to tell which of them fail.
   */
  async everyCohort(manager = this.dataSource.manager): Promise<CohortOutcome[]> {
    let rows: Row[];
    try {
      rows = await namedQuery<Row>(manager, cohortFiguresSql('1 = 1'));
    } catch {
      const ids = await namedQuery<{ id: number }>(manager, 'SELECT id FROM cohorts ORDER BY id');
      const outcomes: CohortOutcome[] = [];
      for (const { id } of ids) {
        const cohortId = Number(id);
        try {
          outcomes.push({ cohortId, figures: await this.cohort(cohortId, manager) });
        } catch (error) {
          outcomes.push({ cohortId, error });
        }
      }
      return outcomes;
    }
    return rows.map((row) => {
      const cohortId = Number(row.cohort_id);
      try {
        return { cohortId, figures: this.cohortFigures(row) };
      } catch (error) {
        return { cohortId, error };
      }
    });
  }

  async cohort(cohortId: number, manager = this.dataSource.manager): Promise<CohortFigures> {
    const [figures] = await this.cohorts('c.id = :cohortId', { cohortId }, manager);
    if (!figures) throw notFound('Cohort', cohortId);
    return figures;
  }

  /**
   * A program-year's figures. A caller computing many years (the full recompute) gives the
   * program's pipeline it has read once; otherwise it is read here.
   */
  async programYear(
    programCode: string,
    yearLabel: string,
    manager = this.dataSource.manager,
    pipeline?: ProgramPipeline,
  ): Promise<ProgramYearFigures> {
    const { program, stages } = pipeline ?? (await this.pipeline(programCode, manager));
    const year = parseReportingYear(yearLabel, this.config.reportingYearStartMonth);
    const format = reportingYearFormat(this.config.reportingYearStartMonth);
    if (!year) throw new RangeError(`${yearLabel} is not a reporting year (${format})`);
    const parameters = this.yearParameters(programCode, year);

    let counts: FigureCounts;
    let cohorts: CohortFigures[] = [];
    if (program.usesCohorts) {
      cohorts = await this.cohorts(PROGRAM_YEAR_COHORTS, parameters, manager);
      counts = sumCounts(cohorts);
    } else {
      const [row] = await namedQuery<Row>(manager, enrollmentFiguresSql(accompanimentYearEnrollments), parameters);
      counts = this.counts(row);
    }
    const stats = {
      programCode,
      year: year.label,
      ...counts,
      completionRate: counts.completed === null ? null : rate(counts.completed, counts.registered),
      startRate: counts.incorporated === null ? null : rate(counts.incorporated, counts.registered),
      cohorts,
    };
    const filter = program.usesCohorts ? cohortProgramYearEnrollments : accompanimentYearEnrollments;
    return { stats, funnel: await this.funnel(manager, programCode, stages, year, filter, parameters) };
  }

  /** A program and its stages in pipeline order; 404 when the program does not exist. */
  private async pipeline(programCode: string, manager: EntityManager): Promise<ProgramPipeline> {
    const [program, stages] = await Promise.all([
      manager.findOneBy(Program, { code: programCode }),
      manager.find(Stage, { where: { programCode }, order: { position: 'ASC' } }),
    ]);
    if (!program) throw notFound('Program', programCode);
    return { program, stages };
  }

  /** Every program with its stages in pipeline order, in two reads. */
  async pipelines(manager = this.dataSource.manager): Promise<ProgramPipeline[]> {
    const [programs, stages] = await Promise.all([
      manager.find(Program),
      manager.find(Stage, { order: { programCode: 'ASC', position: 'ASC' } }),
    ]);
    return programs.map((program) => ({
      program,
      stages: stages.filter((stage) => stage.programCode === program.code),
    }));
  }

  /**
   * The reporting years of a program that hold any data: from its cohorts, or from its entries. A
   * date no reporting year can be written for (a row that bypassed validation) adds no year: the
   * cohort's own figures say what is wrong with it.
   */
  async yearsWithData(programCode: string, manager = this.dataSource.manager): Promise<string[]> {
    const program = await manager.findOneByOrFail(Program, { code: programCode });
    const dates: Row[] = program.usesCohorts
      ? await namedQuery<Row>(
          manager,
          'SELECT DISTINCT CAST(starts_on AS VARCHAR(10)) AS d FROM cohorts WHERE program_code = :programCode',
          { programCode },
        )
      : await namedQuery<Row>(
          manager,
          'SELECT MIN(enrolled_at) AS first, MAX(enrolled_at) AS last FROM enrollments WHERE program_code = :programCode',
          { programCode },
        );
    const labels = new Set<string>();
    const startMonth = this.config.reportingYearStartMonth;
    if (program.usesCohorts) {
      for (const row of dates) {
        const year = reportingYearOrNullOf(String(row.d).slice(0, 10), startMonth);
        if (year) labels.add(year.label);
      }
    } else if (dates[0]?.first) {
      // Every year between the first and the last entry, so a year that emptied is recomputed too.
      let cursor = DateTime.fromJSDate(instantFromRow(dates[0].first), { zone: LOCAL_ZONE });
      const last = DateTime.fromJSDate(instantFromRow(dates[0].last), { zone: LOCAL_ZONE });
      while (cursor <= last.plus({ years: 1 })) {
        const year = reportingYearOrNullOf(cursor.toISODate() ?? '', startMonth);
        if (year) labels.add(year.label);
        cursor = cursor.plus({ years: 1 });
      }
    }
    return [...labels].sort();
  }

  private async funnel(
    manager: EntityManager,
    programCode: string,
    stages: Stage[],
    year: ReportingYear,
    filter: string,
    parameters: Record<string, unknown>,
  ): Promise<Funnel> {
    const rows = await namedQuery<Row>(manager, funnelSql(this.dialect, filter), parameters);
    const byCode = new Map(rows.map((row) => [String(row.code), row]));
    const funnelStages = stages.map((stage) => {
      const row = byCode.get(stage.code);
      const median = row?.median_days;
      return {
        code: stage.code,
        labelFr: stage.labelFr,
        labelEn: stage.labelEn,
        position: stage.position,
        milestone: stage.milestone,
        reached: num(row?.reached),
        current: num(row?.current),
        medianDays: median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10,
      };
    });
    const projects = funnelStages[0]?.reached ?? 0;
    const milestones: FunnelMilestone[] = [];
    for (const stage of funnelStages.filter((s) => s.milestone)) {
      const first = milestones[0];
      const previous = milestones[milestones.length - 1];
      milestones.push({
        milestone: stage.milestone!,
        stageCode: stage.code,
        reached: stage.reached,
        fromPrevious: previous ? rate(stage.reached, previous.reached) : null,
        fromFirst: rate(stage.reached, first ? first.reached : stage.reached),
        ofProjects: rate(stage.reached, projects),
      });
    }
    return { programCode, year: year.label, projects, stages: funnelStages, milestones };
  }

  private cohortFigures(row: Row): CohortFigures {
    const counts = this.counts(row);
    return {
      cohortId: Number(row.cohort_id),
      number: Number(row.number),
      label: String(row.label),
      programCode: String(row.program_code),
      year: reportingYearOf(String(row.starts_on).slice(0, 10), this.config.reportingYearStartMonth).label,
      ...counts,
      completionRate: counts.completed === null ? null : rate(counts.completed, counts.registered),
      startRate:
        counts.incorporated === null || counts.completed === null ? null : rate(counts.incorporated, counts.completed),
    };
  }

  private counts(row: Row | undefined): FigureCounts {
    return {
      registered: num(row?.registered),
      completed: countIf(row?.completed_at, row?.completed ?? 0),
      incorporated: countIf(row?.incorporated_at, row?.incorporated ?? 0),
      operating: countIf(row?.operating_at, row?.operating ?? 0),
      abandoned: num(row?.abandoned),
      onHold: num(row?.on_hold),
      entrepreneurs: num(row?.entrepreneurs),
    };
  }

  /** The bounds of a reporting year as dates (cohorts start on a date) and as instants in Montréal time. */
  private yearParameters(programCode: string, year: ReportingYear) {
    return { programCode, ...yearBounds(year) };
  }
}

function sumCounts(groups: FigureCounts[]): FigureCounts {
  const sum = (pick: (g: FigureCounts) => number | null) =>
    groups.length === 0 || groups.every((g) => pick(g) !== null)
      ? groups.reduce((total, g) => total + (pick(g) ?? 0), 0)
      : null;
  return {
    registered: sum((g) => g.registered)!,
    completed: sum((g) => g.completed),
    incorporated: sum((g) => g.incorporated),
    operating: sum((g) => g.operating),
    abandoned: sum((g) => g.abandoned)!,
    onHold: sum((g) => g.onHold)!,
    entrepreneurs: sum((g) => g.entrepreneurs)!,
  };
}
