import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Cohort } from '../cohorts/cohort.entity.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { namedQuery } from '../database/named-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { rate } from '../figures/rate.js';
import type { RatingDto } from './dto/ratings.dto.js';
import { SatisfactionRating } from './satisfaction-rating.entity.js';
import type { CohortSatisfaction, Satisfaction } from './satisfaction.types.js';

type Row = {
  cohort_id: number | string;
  responses: number | string;
  satisfied: number | string | null;
  very_satisfied: number | string | null;
};

// One aggregate for any set of cohorts: the report reads it directly, nothing is stored.
const SHARES_SQL = `
  SELECT cohort_id,
         COUNT(*) AS responses,
         SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS satisfied,
         SUM(CASE WHEN rating = 5 THEN 1 ELSE 0 END) AS very_satisfied
  FROM satisfaction_ratings
  WHERE cohort_id IN (:...cohortIds)
  GROUP BY cohort_id`;

interface Tally {
  responses: number;
  satisfied: number;
  verySatisfied: number;
}

const shapeOf = (tally: Tally): Satisfaction => ({
  responses: tally.responses,
  satisfied: rate(tally.satisfied, tally.responses),
  verySatisfied: rate(tally.verySatisfied, tally.responses),
});

@Injectable()
export class SatisfactionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /** Records every rating or none. `demo` is for the demo data only; the API never sets it. */
  async record(
    actor: AuthenticatedUser,
    cohortId: number,
    ratings: RatingDto[],
    options: { demo?: boolean } = {},
  ): Promise<CohortSatisfaction> {
    await this.transactions.run(async (manager) => {
      await this.requireCohort(manager, cohortId);
      const recordedAt = this.clock.now();
      const rows = ratings.map((r) => ({
        cohortId,
        rating: r.rating,
        respondent: r.respondent ?? null,
        demo: options.demo ?? false,
        recordedBy: actor.id,
        recordedAt,
      }));
      const { identifiers } = await manager.insert(SatisfactionRating, rows);
      await this.audit.recordAll(
        manager,
        actor,
        rows.map((row, index) => ({ entity: 'rating', id: Number(identifiers[index].id), after: row })),
      );
    });
    return this.ofCohort(cohortId);
  }

  async ofCohort(cohortId: number): Promise<CohortSatisfaction> {
    await this.requireCohort(this.dataSource.manager, cohortId);
    const { byCohort } = await this.ofCohorts([cohortId]);
    return { cohortId, ...byCohort.get(cohortId)! };
  }

  /** Each cohort's shares and the shares over all of them (every answer counts once). */
  async ofCohorts(cohortIds: number[]): Promise<{ byCohort: Map<number, Satisfaction>; total: Satisfaction }> {
    const rows = cohortIds.length ? await namedQuery<Row>(this.dataSource.manager, SHARES_SQL, { cohortIds }) : [];
    const tallies = new Map<number, Tally>(
      cohortIds.map((id) => [id, { responses: 0, satisfied: 0, verySatisfied: 0 }]),
    );
    for (const row of rows) {
      tallies.set(Number(row.cohort_id), {
        responses: Number(row.responses),
        satisfied: Number(row.satisfied ?? 0),
        verySatisfied: Number(row.very_satisfied ?? 0),
      });
    }
    const total: Tally = { responses: 0, satisfied: 0, verySatisfied: 0 };
    for (const tally of tallies.values()) {
      total.responses += tally.responses;
      total.satisfied += tally.satisfied;
      total.verySatisfied += tally.verySatisfied;
    }
    return { byCohort: new Map([...tallies].map(([id, tally]) => [id, shapeOf(tally)])), total: shapeOf(total) };
  }

  private async requireCohort(manager: EntityManager, cohortId: number) {
    if (!(await manager.existsBy(Cohort, { id: cohortId }))) throw notFound('Cohort', cohortId);
  }
}
