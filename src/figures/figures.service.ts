import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity.js';
import { Clock } from '../common/clock.js';
import { requireReportingYear } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { instantFromRow, namedQuery } from '../database/named-query.js';
import { preparedQuery } from '../database/prepared-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureDirtyMark } from './figure-dirty-mark.entity.js';
import { FigureFailures, type ScopeFailure } from './figure-failures.js';
import { cohortScope, parseScope, programScope, programYearScope } from './figure-scope.js';
import { FiguresCalculator } from './figures-calculator.js';
import type { CohortFigures, Funnel, ProgramYearStats } from './figures.types.js';

/** What every figures response adds: when the figures were computed, and whether newer ones are on their way. */
export interface Freshness {
  computedAt: Date;
  pending: boolean;
}

interface StoredFigures {
  scope: string;
  payload: unknown;
  generation: number;
}

interface StoredRow {
  payload: unknown;
  computed_at: unknown;
  generation: unknown;
  computed_generation: unknown;
}

// Snapshot and dirty mark of a scope in one indexed read.
export const READ_FIGURES_SQL = `
  SELECT s.payload, s.computed_at, m.generation, m.computed_generation
  FROM figure_snapshots s
  LEFT JOIN figure_dirty_marks m ON m.scope = s.scope
  WHERE s.scope = :scope`;

// Many scopes in one statement, written once for both databases. An older computation never
// replaces a newer one: two workers may finish out of order.
const storeSql = (scopes: number) => `
  INSERT INTO figure_snapshots (scope, payload, generation, computed_at)
  VALUES ${Array.from({ length: scopes }, (_, i) => `(:scope${i}, :payload${i}, :generation${i}, :computedAt)`).join(', ')}
  ON CONFLICT (scope) DO UPDATE SET payload = excluded.payload, generation = excluded.generation, computed_at = excluded.computed_at
  WHERE figure_snapshots.generation <= excluded.generation`;

// Scopes and the generation their figures reflect; `VALUES` names its columns column1, column2 on both databases.
const computedValues = (scopes: number) =>
  `(VALUES ${Array.from({ length: scopes }, (_, i) => `(:scope${i}, CAST(:generation${i} AS INTEGER))`).join(', ')}) AS computed`;

// The marks a computation has caught up with.
const recordComputedSql = (scopes: number) => `
  UPDATE figure_dirty_marks SET computed_generation = computed.column2
  FROM ${computedValues(scopes)}
  WHERE figure_dirty_marks.scope = computed.column1 AND figure_dirty_marks.computed_generation < computed.column2`;

// The same marks, locked in sorted order (PostgreSQL only): the marks already caught up are not locked.
const lockMarksSql = (scopes: number) => `
  SELECT m.scope FROM figure_dirty_marks m
  JOIN ${computedValues(scopes)} ON m.scope = computed.column1
  WHERE m.computed_generation < computed.column2
  ORDER BY m.scope COLLATE "C"
  FOR UPDATE OF m`;

// A full recompute stores some 2,000 scopes: a few statements rather than one round trip each,
// three parameters a scope, well under both drivers' limits on bound parameters.
const SCOPES_PER_STORE = 500;

@Injectable()
export class FiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calculator: FiguresCalculator,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly failures: FigureFailures,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- Reading -------------------------------------------------------------------------------

  async cohortFigures(cohortId: number, fresh: boolean): Promise<CohortFigures & Freshness> {
    // The calculator answers 404 for a cohort that does not exist.
    return this.read(cohortScope(cohortId), fresh, () => this.calculator.cohort(cohortId));
  }

  /**
   * A cohort's figures as they are now, for a document sent out: the stored ones when no change is
   * waiting for them (every change marks them in its own transaction), else computed now. At a
   * province's scale, computing a large cohort's figures took a third of its export.
   */
  async currentCohortFigures(cohortId: number): Promise<CohortFigures & Freshness> {
    const stored = await this.cohortFigures(cohortId, false);
    return stored.pending ? this.cohortFigures(cohortId, true) : stored;
  }

  async programStats(
    programCode: string,
    year: string | undefined,
    fresh: boolean,
  ): Promise<ProgramYearStats & Freshness> {
    const { payload, ...freshness } = await this.readProgramYear(programCode, year, fresh);
    return { ...payload.stats, ...freshness };
  }

  async programFunnel(programCode: string, year: string | undefined, fresh: boolean): Promise<Funnel & Freshness> {
    const { payload, ...freshness } = await this.readProgramYear(programCode, year, fresh);
    return { ...payload.funnel, ...freshness };
  }

  private async readProgramYear(programCode: string, year: string | undefined, fresh: boolean) {
    const startMonth = this.config.reportingYearStartMonth;
    const parsed = requireReportingYear(year, startMonth);
    const figures = await this.read(programYearScope(programCode, parsed.label), fresh, () =>
      this.calculator.programYear(programCode, parsed.label),
    );
    const { computedAt, pending, ...payload } = figures;
    return { payload, computedAt, pending };
  }

  /**
   * The stored figures of a scope, or figures computed now when asked (`fresh`) or when none are
   * stored yet. Computing now uses the same aggregate as the job.
   */
  private async read<T extends object>(
    scope: string,
    fresh: boolean,
    compute: () => Promise<T>,
  ): Promise<T & Freshness> {
    const [row] = fresh ? [] : await preparedQuery<StoredRow>(this.dataSource, READ_FIGURES_SQL, { scope });
    if (row) {
      const payload = JSON.parse(String(row.payload)) as T;
      return {
        ...payload,
        computedAt: instantFromRow(row.computed_at),
        pending: Number(row.generation ?? 0) > Number(row.computed_generation ?? 0),
      };
    }
    const figures = await compute();
    const mark = await this.dataSource.manager.findOneBy(FigureDirtyMark, { scope });
    return {
      ...figures,
      computedAt: this.clock.now(),
      pending: mark ? mark.generation > mark.computedGeneration : false,
    };
  }

  // ---- Recomputing (jobs) ----------------------------------------------------------------------

  /**
   * Recomputes one scope from the recorded moves and stores it. Running it twice changes nothing.
   * A failure is recorded on the scope (final on the job's last attempt) and thrown back to Bull,
   * which retries it; a success forgets the scope's failure.
   */
  async recomputeScope(scope: string, { lastAttempt = true }: { lastAttempt?: boolean } = {}): Promise<void> {
    const generation = await this.generationOf(scope);
    try {
      const parsed = parseScope(scope);
      if (parsed.kind === 'program') {
        await this.recomputeProgram(parsed.programCode);
        await this.store([], [[scope, generation]]);
        return;
      }
      const payload = await this.compute(parsed);
      await this.store(payload === null ? [] : [{ scope, payload, generation }], [[scope, generation]]);
    } catch (error) {
      await this.failures.record([{ scope, error, generation, final: lastAttempt }]);
      throw error;
    }
  }

  /**
   * Stages of the program changed: every scope of the program is recomputed, each on its own, so
   * one that fails (recorded on its scope, for good at its generation) leaves the others stored.
   */
  private async recomputeProgram(programCode: string): Promise<void> {
    for (const inner of await this.scopesOfProgram(programCode)) {
      await this.recomputeScope(inner).catch(() => undefined);
    }
  }

  /**
   * Recomputes every figure: all cohorts in one aggregate, then every program-year, stored in one
   * transaction. The nightly schedule runs it to repair anything missed. A scope that fails is
   * recorded on its own, for good at its generation, and every other scope is stored: bad data in
   * one cohort or year never stops the repair of the rest.
   */
  async recomputeAll(): Promise<{ scopes: number; failed: string[] }> {
    const generations = new Map(
      (await this.dataSource.manager.find(FigureDirtyMark)).map((mark) => [mark.scope, mark.generation] as const),
    );
    const generationOf = (scope: string) => generations.get(scope) ?? 0;
    const figures: StoredFigures[] = [];
    const failures: ScopeFailure[] = [];
    const fail = (scope: string, error: unknown) => {
      failures.push({ scope, error, generation: generationOf(scope), final: true });
    };

    for (const cohort of await this.calculator.everyCohort()) {
      const scope = cohortScope(cohort.cohortId);
      if ('error' in cohort) fail(scope, cohort.error);
      else figures.push({ scope, payload: cohort.figures, generation: generationOf(scope) });
    }
    for (const pipeline of await this.calculator.pipelines()) {
      const { program } = pipeline;
      let years: string[];
      try {
        years = await this.calculator.yearsWithData(program.code);
      } catch (error) {
        fail(programScope(program.code), error);
        continue;
      }
      for (const year of years) {
        const scope = programYearScope(program.code, year);
        try {
          const payload = await this.calculator.programYear(program.code, year, this.dataSource.manager, pipeline);
          figures.push({ scope, payload, generation: generationOf(scope) });
        } catch (error) {
          fail(scope, error);
        }
      }
    }
    const failed = new Set(failures.map((f) => f.scope));
    await this.store(
      figures,
      [...generations.entries()].filter(([scope]) => !failed.has(scope)),
      failures,
    );
    return { scopes: figures.length, failed: [...failed] };
  }

  private async compute(scope: ReturnType<typeof parseScope>): Promise<object | null> {
    if (scope.kind === 'cohort') {
      const exists = await this.dataSource.manager.existsBy(Cohort, { id: scope.cohortId });
      return exists ? this.calculator.cohort(scope.cohortId) : null;
    }
    if (scope.kind === 'program-year') return this.calculator.programYear(scope.programCode, scope.year);
    return null;
  }

  private async scopesOfProgram(programCode: string): Promise<string[]> {
    const cohorts = await this.dataSource.manager.find(Cohort, { where: { programCode }, select: { id: true } });
    const years = await this.calculator.yearsWithData(programCode);
    return [...cohorts.map((c) => cohortScope(c.id)), ...years.map((year) => programYearScope(programCode, year))];
  }

  private async generationOf(scope: string): Promise<number> {
    return (await this.dataSource.manager.findOneBy(FigureDirtyMark, { scope }))?.generation ?? 0;
  }

  /**
   * Records the generation each scope's figures reflect, in statements of many scopes. The marks
   * are locked in the order a move marks its scopes (FigureMarks.mark sorts them, and PostgreSQL
   * locks an upsert's rows in the order of its VALUES): a full recompute updates every mark in one
   * transaction, and in any other order it deadlocks with a move that holds one of the marks and
   * waits for another. An UPDATE joined to a list locks in whatever order its plan reads, so on
   * PostgreSQL the marks each chunk will update are first locked with an ordered SELECT ... FOR
   * UPDATE, in the byte order of "C", which is JavaScript's for these ASCII scopes. SQLite has one writer at a time.
   */
  private async recordComputed(manager: EntityManager, computed: [scope: string, generation: number][]) {
    const sorted = [...computed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (let start = 0; start < sorted.length; start += SCOPES_PER_STORE) {
      const chunk = sorted.slice(start, start + SCOPES_PER_STORE);
      const parameters: Record<string, unknown> = {};
      chunk.forEach(([scope, generation], i) => {
        parameters[`scope${i}`] = scope;
        parameters[`generation${i}`] = generation;
      });
      if (!this.transactions.isSqlite) await namedQuery(manager, lockMarksSql(chunk.length), parameters);
      await namedQuery(manager, recordComputedSql(chunk.length), parameters);
    }
  }

  /**
   * Stores figures and records, per scope, the generation they reflect (which forgets the scope's
   * failure), and records the failures of a full recompute; one transaction.
   */
  private async store(
    figures: StoredFigures[],
    computed: [scope: string, generation: number][],
    failures: ScopeFailure[] = [],
  ): Promise<void> {
    const computedAt = this.clock.now();
    await this.transactions.run(async (manager) => {
      for (let start = 0; start < figures.length; start += SCOPES_PER_STORE) {
        const chunk = figures.slice(start, start + SCOPES_PER_STORE);
        const parameters: Record<string, unknown> = { computedAt };
        chunk.forEach(({ scope, payload, generation }, i) => {
          parameters[`scope${i}`] = scope;
          parameters[`payload${i}`] = JSON.stringify(payload);
          parameters[`generation${i}`] = generation;
        });
        await namedQuery(manager, storeSql(chunk.length), parameters);
      }
      await this.recordComputed(manager, computed);
      await this.failures.clear(manager, [...figures.map((f) => f.scope), ...computed.map(([scope]) => scope)]);
      await this.failures.record(failures, manager);
    });
  }
}
