import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { reportingYearOrNullOf, requireReportingYear } from '../common/reporting-year.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { ProgramsService } from '../programs/programs.service.js';
import { Enrollment } from '../projects/enrollment.entity.js';
import { Cohort } from './cohort.entity.js';
import type { CreateCohortDto, ListCohortsQuery, UpdateCohortDto } from './dto/cohort.dto.js';

export interface CohortView extends Cohort {
  /**
   * The reporting year the cohort belongs to: the one in which it starts; null for a start date no
   * reporting year can be written for (a row that bypassed validation), so the cohort still reads.
   */
  year: string | null;
  enrolledCount: number;
}

@Injectable()
export class CohortsService {
  constructor(
    @InjectRepository(Cohort) private readonly cohorts: Repository<Cohort>,
    private readonly programs: ProgramsService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figureMarks: FigureMarks,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: ListCohortsQuery): Promise<CohortView[]> {
    const builder = this.cohorts.createQueryBuilder('c').orderBy('c.startsOn', 'ASC').addOrderBy('c.id', 'ASC');
    if (query.programCode) builder.andWhere('c.programCode = :programCode', { programCode: query.programCode });
    if (query.year) {
      const year = requireReportingYear(query.year, this.config.reportingYearStartMonth);
      builder.andWhere('c.startsOn >= :from AND c.startsOn < :until', year);
    }
    return this.withCounts(await builder.getMany());
  }

  async get(id: number): Promise<CohortView> {
    const cohort = await this.cohorts.findOneBy({ id });
    if (!cohort) throw notFound('Cohort', id);
    return (await this.withCounts([cohort]))[0];
  }

  async create(actor: AuditActor, input: CreateCohortDto): Promise<CohortView> {
    const id = await this.transactions.run(async (manager) => {
      const program = await this.programs.requireForInput(input.programCode, manager);
      if (!program.usesCohorts) throw unprocessable(`Program ${program.code} is not run in cohorts`);
      this.assertDates(input.startsOn, input.endsOn);
      await this.assertNumberFree(manager, input.programCode, input.number);
      const saved = await manager.save(manager.create(Cohort, { ...input, capacity: input.capacity ?? null }));
      await this.audit.record(manager, actor, { entity: 'cohort', id: saved.id, after: saved });
      return saved.id;
    });
    return this.get(id);
  }

  async update(actor: AuditActor, id: number, input: UpdateCohortDto): Promise<CohortView> {
    await this.transactions.run(async (manager) => {
      const cohort = await this.transactions
        .forUpdate(manager.createQueryBuilder(Cohort, 'c').where('c.id = :id', { id }))
        .getOne();
      if (!cohort) throw notFound('Cohort', id);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const next = { ...cohort, ...changes };
      this.assertDates(next.startsOn, next.endsOn);
      if (input.number !== undefined && input.number !== cohort.number)
        await this.assertNumberFree(manager, cohort.programCode, input.number);
      if (next.capacity !== null && next.capacity !== undefined) {
        const enrolled = await manager.countBy(Enrollment, { cohortId: id });
        if (enrolled > next.capacity)
          throw unprocessable(`capacity ${next.capacity} is below the ${enrolled} projects already enrolled`);
      }
      await manager.save(Cohort, next);
      await this.figureMarks.markCohort(manager, cohort, next);
      await this.audit.record(manager, actor, { entity: 'cohort', id, before: cohort, after: changes });
    });
    return this.get(id);
  }

  /** For a body that names a cohort: it must exist, belong to the program and have room. */
  async requireForEnrollment(manager: EntityManager, cohortId: number, programCode: string): Promise<Cohort> {
    // Locked: two projects taking the last place at once must not both get it.
    const cohort = await this.transactions
      .forUpdate(manager.createQueryBuilder(Cohort, 'c').where('c.id = :cohortId', { cohortId }))
      .getOne();
    if (!cohort) throw unprocessable(`cohortId ${cohortId} is not a cohort`);
    if (cohort.programCode !== programCode) {
      throw unprocessable(
        `Cohort ${cohortId} (number ${cohort.number}) belongs to ${cohort.programCode}, not to ${programCode}`,
      );
    }
    if (cohort.capacity !== null && (await manager.countBy(Enrollment, { cohortId })) >= cohort.capacity) {
      throw unprocessable(`Cohort ${cohort.number} of ${programCode} is full (capacity ${cohort.capacity})`);
    }
    return cohort;
  }

  private assertDates(startsOn: string, endsOn: string) {
    if (endsOn < startsOn) throw unprocessable(`A cohort cannot end (${endsOn}) before it starts (${startsOn})`);
  }

  private async assertNumberFree(manager: EntityManager, programCode: string, number: number) {
    if (await manager.existsBy(Cohort, { programCode, number })) {
      throw conflict(`Program ${programCode} already has a cohort number ${number}`);
    }
  }

  private async withCounts(cohorts: Cohort[]): Promise<CohortView[]> {
    if (cohorts.length === 0) return [];
    const rows: { cohortId: number; count: string | number }[] = await this.cohorts.manager
      .createQueryBuilder(Enrollment, 'e')
      .select('e.cohortId', 'cohortId')
      .addSelect('COUNT(*)', 'count')
      .where('e.cohortId IN (:...ids)', { ids: cohorts.map((c) => c.id) })
      .groupBy('e.cohortId')
      .getRawMany();
    const counts = new Map(rows.map((r) => [Number(r.cohortId), Number(r.count)]));
    return cohorts.map((cohort) => ({
      ...cohort,
      year: reportingYearOrNullOf(cohort.startsOn, this.config.reportingYearStartMonth)?.label ?? null,
      enrolledCount: counts.get(cohort.id) ?? 0,
    }));
  }
}
