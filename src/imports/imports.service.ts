import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { DomainError, unprocessable } from '../common/domain-error.js';
import { dialectOf } from '../database/dialect.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { ProgramsService, type ProgramWithStages } from '../programs/programs.service.js';
import { ImportFileProblem, importFileKind, readImportSheet } from './import-file.js';
import { ImportLogService } from './import-log.service.js';
import { countsOf, emptyPlan, type ImportCounts, type ImportPlan } from './import-plan.js';
import { planImport } from './import-planner.js';
import { MAX_LISTED_PROBLEMS, problemAt, type ImportProblem } from './import-problem.js';
import { readImportState } from './import-state.js';
import { writeImportPlan } from './import-writer.js';
import { readProjectFileHeader, type ProjectFileHeader } from './project-file-header.js';
import { programLookup, readProjectRow, type ImportRow } from './project-file-row.js';

export interface ImportFile {
  filename: string;
  contentType: string | undefined;
  content: Buffer;
}

/** What a file did, or would do; with its problems, which refuse it whole. */
export interface ImportReport extends ImportCounts {
  filename: string;
  dryRun: boolean;
  /** True when the file has no problem: a dry run would apply; an application has. */
  accepted: boolean;
  rows: number;
  problems: ImportProblem[];
  /** Problems past the listed ones, counted only. */
  problemsNotListed: number;
}

/** The answer to a file without problems. */
export type ImportResult = Omit<ImportReport, 'accepted' | 'problems' | 'problemsNotListed'>;

// Any constant works; it only has to be the same in every process of this service.
const IMPORT_LOCK_KEY = 7_261_015;

/** The sheet of a workbook that holds the projects: the export's, in either language. */
const SHEET_NAMES = ['Projets', 'Projects'];
/** The first cell of the figures' table that a cohort export writes below its projects in CSV. */
const TABLES_AFTER = ['Indicateur', 'Indicator'];

const NO_COUNTS: ImportCounts = countsOf(emptyPlan());

/**
 * Brings projects in from a spreadsheet: every row checked against the database before anything is
 * written, then, when asked and when no row has a problem, everything applied in one transaction.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly programs: ProgramsService,
    private readonly figureMarks: FigureMarks,
    private readonly clock: Clock,
    private readonly importLog: ImportLogService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Any problem refuses the file whole, dry run or not (422, every problem listed); a file without
   * one answers what it does, or would do.
   */
  async importProjects(actor: AuthenticatedUser, file: ImportFile, dryRun: boolean): Promise<ImportResult> {
    // Read once: the rows' stage dates are checked against these stages, and planned with them.
    const programs = await this.programs.list();
    const read = await this.readRows(file, programs);
    let report: ImportReport;
    if (read.problems.length > 0) {
      report = this.report(file, dryRun, read.count, read.problems, NO_COUNTS);
    } else if (dryRun) {
      const plan = await this.plan(this.dataSource.manager, programs, read.rows, read.header);
      report = this.report(file, dryRun, read.count, plan.problems, countsOf(plan));
    } else {
      report = await this.apply(actor, file, programs, read.rows, read.count, read.header);
    }
    await this.importLog.record(actor, report);
    const { accepted, problems, problemsNotListed, ...result } = report;
    if (!accepted) {
      throw unprocessable(
        `${file.filename}: ${problems.length + problemsNotListed} problem(s), ` +
          `${dryRun ? 'so it cannot be applied' : 'nothing was imported'}; each is listed with its row and column`,
        { problems, problemsNotListed, rows: report.rows },
      );
    }
    return result;
  }

  /**
   * Checked again inside the transaction, on the database as it is then: someone may have moved a
   * project since the dry run. Every row or none.
   */
  private async apply(
    actor: AuthenticatedUser,
    file: ImportFile,
    programs: ProgramWithStages[],
    rows: ImportRow[],
    count: number,
    header: ProjectFileHeader,
  ): Promise<ImportReport> {
    try {
      return await this.transactions.run(async (manager) => {
        // On PostgreSQL, imports wait for one another: two files naming the same new project or
        // cohort would otherwise both find it missing. (SQLite's transactions queue already.)
        if (dialectOf(manager) === 'postgres')
          await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
        const plan = await this.plan(manager, programs, rows, header);
        if (plan.problems.length > 0) throw new PlanRefused(plan);
        await writeImportPlan(
          manager,
          actor,
          plan,
          { figureMarks: this.figureMarks, audit: this.audit },
          this.clock.now(),
        );
        return this.report(file, false, count, [], countsOf(plan));
      });
    } catch (error) {
      if (error instanceof PlanRefused)
        return this.report(file, false, count, error.plan.problems, countsOf(error.plan));
      throw error;
    }
  }

  private async plan(
    manager: EntityManager,
    programs: ProgramWithStages[],
    rows: ImportRow[],
    header: ProjectFileHeader,
  ): Promise<ImportPlan> {
    const state = await readImportState(manager, programs, rows);
    return planImport(rows, state, header, this.clock.now());
  }

  /** The file's rows, each read and checked on its own; problems of the file itself stop the reading. */
  private async readRows(
    file: ImportFile,
    programs: ProgramWithStages[],
  ): Promise<{ header: ProjectFileHeader; rows: ImportRow[]; count: number; problems: ImportProblem[] }> {
    const empty: ProjectFileHeader = { names: [], columns: {}, stageDates: [] };
    try {
      const kind = importFileKind(file.filename, file.contentType, file.content.subarray(0, 1024));
      const sheet = await readImportSheet(file.content, kind, { sheetNames: SHEET_NAMES, tablesAfter: TABLES_AFTER });
      const { header, problems } = readProjectFileHeader(sheet.headers);
      if (problems.length > 0) return { header, rows: [], count: 0, problems };
      const programByName = programLookup(programs);
      const rows: ImportRow[] = [];
      let count = 0;
      for await (const record of sheet.records) {
        count++;
        const { value, problems: found } = readProjectRow(record.row, record.cells, header, programByName);
        if (value) rows.push(value);
        problems.push(...found);
      }
      if (count === 0) problems.push(problemAt(2, null, null, 'the file has no row of projects'));
      return { header, rows, count, problems };
    } catch (error) {
      if (!(error instanceof ImportFileProblem)) throw error;
      const problem = problemAt(error.row ?? 1, error.column ?? null, null, error.message);
      return { header: empty, rows: [], count: 0, problems: [problem] };
    }
  }

  private report(
    file: ImportFile,
    dryRun: boolean,
    rows: number,
    problems: ImportProblem[],
    counts: ImportCounts,
  ): ImportReport {
    const sorted = [...problems].sort((a, b) => a.row - b.row);
    return {
      filename: file.filename,
      dryRun,
      accepted: problems.length === 0,
      rows,
      ...counts,
      problems: sorted.slice(0, MAX_LISTED_PROBLEMS),
      problemsNotListed: Math.max(0, sorted.length - MAX_LISTED_PROBLEMS),
    };
  }
}

/** Leaves the transaction, so that nothing of a refused plan is written. */
class PlanRefused extends DomainError {
  constructor(readonly plan: ImportPlan) {
    super('unprocessable', 'the file has problems');
  }
}
