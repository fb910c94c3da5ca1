import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity.js';
import { Clock } from '../common/clock.js';
import { reportingYearOrNullOf } from '../common/reporting-year.js';
import { localDateOf } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { namedQuery } from '../database/named-query.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { Enrollment } from '../projects/enrollment.entity.js';
import { cohortScope, programScope, programYearScope } from './figure-scope.js';

// Upsert written once for both databases, for many scopes in one statement: a new scope starts at
// generation 1; a known one is bumped, and keeps the time it became pending if it already was.
export const markSql = (scopes: number) => `
  INSERT INTO figure_dirty_marks (scope, generation, computed_generation, pending_since, hand_count)
  VALUES ${Array.from({ length: scopes }, (_, i) => `(:scope${i}, 1, 0, :now, 0)`).join(', ')}
  ON CONFLICT (scope) DO UPDATE SET
    generation = figure_dirty_marks.generation + 1,
    pending_since = CASE WHEN figure_dirty_marks.generation > figure_dirty_marks.computed_generation
                         THEN figure_dirty_marks.pending_since ELSE excluded.pending_since END`;

/** What marking needs of a cohort: its id, program and start. */
type CohortOfScopes = Pick<Cohort, 'id' | 'programCode' | 'startsOn'>;

// Well under both drivers' limits on bound parameters, for a program's every cohort.
const SCOPES_PER_STATEMENT = 500;

/**
 * Marks figures stale inside the caller's transaction: the change and the work it implies commit
 * together, and nothing here talks to Redis.
 */
@Injectable()
export class FigureMarks {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mark(manager: EntityManager, scopes: Iterable<string>): Promise<void> {
    const now = this.clock.now();
    // In one order whoever marks: two transactions marking the same scopes wait rather than deadlock
    // (PostgreSQL takes the rows' locks in the order of the VALUES).
    const sorted = [...new Set(scopes)].sort();
    for (let start = 0; start < sorted.length; start += SCOPES_PER_STATEMENT) {
      const chunk = sorted.slice(start, start + SCOPES_PER_STATEMENT);
      const parameters: Record<string, unknown> = { now };
      chunk.forEach((scope, i) => (parameters[`scope${i}`] = scope));
      await preparedQuery(manager, markSql(chunk.length), parameters);
    }
  }

  /**
   * The scopes an enrollment counts in: its cohort, and its program's reporting year. A date no
   * reporting year can be written for (a row that bypassed validation) has no year scope: the move
   * is still recorded, and the cohort's recompute says what is wrong.
   */
  async scopesOf(
    manager: EntityManager,
    enrollment: Pick<Enrollment, 'programCode' | 'cohortId' | 'enrolledAt'>,
  ): Promise<string[]> {
    const cohort =
      enrollment.cohortId !== null ? await manager.findOneByOrFail(Cohort, { id: enrollment.cohortId }) : null;
    return this.scopesWith(enrollment, cohort);
  }

  /**
   * The cohorts are read in one query, however many enrollments (a bulk of moves marks up to 1,000),
   * unless the caller gives them (`loadedCohorts`, which must hold every cohort of the enrollments).
   */
  async markEnrollments(
    manager: EntityManager,
    enrollments: Pick<Enrollment, 'programCode' | 'cohortId' | 'enrolledAt'>[],
    loadedCohorts?: CohortOfScopes[],
  ): Promise<void> {
    const cohortIds = [...new Set(enrollments.map((e) => e.cohortId).filter((id): id is number => id !== null))];
    const read = async (): Promise<CohortOfScopes[]> =>
      cohortIds.length ? await manager.findBy(Cohort, { id: In(cohortIds) }) : [];
    const cohorts = new Map((loadedCohorts ?? (await read())).map((c) => [c.id, c]));
    const scopes = enrollments.flatMap((enrollment) => {
      const cohort = enrollment.cohortId !== null ? cohorts.get(enrollment.cohortId) : null;
      if (cohort === undefined) throw new Error(`Cohort ${enrollment.cohortId} of an enrollment does not exist`);
      return this.scopesWith(enrollment, cohort);
    });
    await this.mark(manager, scopes);
  }

  private scopesWith(
    enrollment: Pick<Enrollment, 'programCode' | 'enrolledAt'>,
    cohort: CohortOfScopes | null,
  ): string[] {
    if (cohort) return [cohortScope(cohort.id), ...this.yearScopes(cohort.programCode, [cohort.startsOn])];
    return this.yearScopes(enrollment.programCode, [localDateOf(enrollment.enrolledAt)]);
  }

  /** After a cohort changes (dates, number): it, and the years it was and is in. */
  async markCohort(
    manager: EntityManager,
    before: Pick<Cohort, 'id' | 'programCode' | 'startsOn'>,
    after: Pick<Cohort, 'startsOn'>,
  ): Promise<void> {
    const years = this.yearScopes(before.programCode, [before.startsOn, after.startsOn]);
    await this.mark(manager, [cohortScope(before.id), ...years]);
  }

  /** The program-year scopes of local dates (YYYY-MM-DD), leaving out the dates that fall in no reporting year. */
  private yearScopes(programCode: string, dates: string[]): string[] {
    const years = dates.map((date) => reportingYearOrNullOf(date, this.config.reportingYearStartMonth));
    return years.filter((year) => year !== null).map((year) => programYearScope(programCode, year.label));
  }

  /**
   * After a program's stages change, every figure of the program may change. Each stored scope of
   * the program is marked too, in this transaction, so that reading any of them says `pending`
   * from the moment the change commits, not only once the program's job has started.
   */
  async markProgram(manager: EntityManager, programCode: string): Promise<void> {
    const cohorts = await namedQuery<{ id: number }>(
      manager,
      'SELECT id FROM cohorts WHERE program_code = :programCode',
      { programCode },
    );
    const years = await namedQuery<{ scope: string }>(
      manager,
      'SELECT scope FROM figure_snapshots WHERE scope LIKE :prefix',
      {
        prefix: `${programYearScope(programCode, '')}%`,
      },
    );
    await this.mark(manager, [
      programScope(programCode),
      ...cohorts.map((c) => cohortScope(Number(c.id))),
      ...years.map((y) => y.scope),
    ]);
  }
}
