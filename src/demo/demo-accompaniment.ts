import { Injectable } from '@nestjs/common';
import { EntityManager, In, ObjectLiteral } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { foldForSearch } from '../common/search-text.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FundingRequest } from '../financing/funding-request.entity.js';
import { JobCount } from '../jobs/job-count.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import type { CoopType, ProjectKind } from '../projects/project.entity.js';
import { Transition } from '../projects/transition.entity.js';
import { Stage } from '../programs/stage.entity.js';
import { TimeEntry } from '../time-entries/time-entry.entity.js';
import { demoCoopPlan, type DemoCoop, type DemoCoopPlan } from './demo-coops.js';
import type { DemoStep } from './demo-data.js';
import { fundingRequestsFor } from './demo-financing.js';
import {
  accompanimentEntries,
  ADVISORY_QUARTER_HOURS,
  advisoryEntries,
  AdvisorDays,
  type PlannedEntry,
  type ProjectPhase,
} from './demo-hours.js';

/** A project the demo created, with the history it was given. */
export interface SeededProject {
  id: number;
  name: string;
  kind: ProjectKind;
  coopType: CoopType;
  region: string;
  sector: string;
  entrepreneurs: number;
  fictitious: boolean;
  programCode: string;
  advisorId: number;
  enrolledOn: string;
  steps: DemoStep[];
}

/** Rows per INSERT: well under either database's limit on bound parameters. */
const CHUNK = 100;
const DAY_MS = 86_400_000;
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const YEARS = {
  '2022-2023': { first: '2022-04-01', last: '2023-03-31' },
  '2023-2024': { first: '2023-04-01', last: '2024-03-31' },
};
/** How long the demo says a team kept working at the stage it is still at. */
const DAYS_AT_LAST_STAGE = 30;

/**
 * The accompaniment work of the demo year, written in one transaction with multi-row inserts (a
 * few hundred rows: through the services, one transaction each, the demo would start seconds
 * later). The rows keep the services' rules, which test/demo.e2e-spec.ts checks through the API.
 * Every row is marked demo: co-ops, hours, jobs and amounts are all invented, even those of the
 * named projects.
 */
@Injectable()
export class DemoAccompanimentSeeder {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async seed(coordinator: AuthenticatedUser, advisorIds: number[], projects: SeededProject[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      const incorporatedStages = await incorporatedStageCodes(manager);
      const incorporatedOn = (project: SeededProject) =>
        project.steps.find((step) => incorporatedStages.has(step.to))?.on ?? null;

      const plan = demoCoopPlan();
      const coopIds = await this.insertCoops(manager, plan, projects, incorporatedOn);
      const entries = await this.plannedEntries(manager, plan, advisorIds, projects, coopIds);
      await insertInChunks(
        manager,
        TimeEntry,
        entries.map((entry) => ({ ...entry, note: 'Heures fictives (démo)', demo: true })),
      );
      await this.insertJobs(manager, plan, coordinator, projects, coopIds, incorporatedStages);
      await insertInChunks(manager, FundingRequest, this.fundingRequests(projects, incorporatedOn));
    });
  }

  /**
   * The stand-in co-ops, and the co-ops the named projects became, members from the day they
   * incorporated and linked to their project. Returns the stand-ins' ids, in plan order.
   */
  private async insertCoops(
    manager: EntityManager,
    { coops }: DemoCoopPlan,
    projects: SeededProject[],
    incorporatedOn: (project: SeededProject) => string | null,
  ): Promise<number[]> {
    const becameCoops = projects.filter((p) => !p.fictitious && incorporatedOn(p) !== null);
    const rows = [
      ...coops.map((coop) => ({ ...coop, projectId: null })),
      ...becameCoops.map((p) => ({
        name: p.name,
        coopType: p.coopType,
        region: p.region,
        sector: p.sector,
        memberSince: incorporatedOn(p),
        memberUntil: null,
        projectId: p.id,
      })),
    ];
    await insertInChunks(
      manager,
      Organization,
      rows.map((row: DemoCoop & { projectId: number | null }) => ({
        ...row,
        searchName: foldForSearch(row.name),
        enterpriseNumber: null,
        demo: true,
      })),
    );
    const saved = await manager.find(Organization, {
      select: { id: true, name: true },
      where: { name: In(coops.map((c) => c.name)) },
    });
    const idOf = new Map(saved.map((o) => [o.name, o.id]));
    return coops.map((coop) => idOf.get(coop.name)!);
  }

  /** Advisory hours of both years, then accompaniment hours on the start-up and transfer projects. */
  private async plannedEntries(
    manager: EntityManager,
    plan: DemoCoopPlan,
    advisorIds: number[],
    projects: SeededProject[],
    coopIds: number[],
  ): Promise<PlannedEntry[]> {
    const days = new AdvisorDays();
    const served = (indexes: number[]) => indexes.map((i) => ({ id: coopIds[i], leftOn: plan.coops[i].memberUntil }));
    const advisory = (['2022-2023', '2023-2024'] as const).flatMap((year) =>
      advisoryEntries(
        YEARS[year],
        served(year === '2022-2023' ? plan.servedIn2022_2023 : plan.servedIn2023_2024),
        ADVISORY_QUARTER_HOURS[year],
        advisorIds,
        days,
      ),
    );
    const firstStages = await firstStageOfPrograms(manager);
    const accompanied = projects.filter((p) => p.programCode === 'demarrage' || p.programCode === 'transfertcoop');
    const accompaniment = accompanied.flatMap((project, index) =>
      accompanimentEntries(
        {
          id: project.id,
          advisorId: project.advisorId,
          phases: phasesOf(project, firstStages.get(project.programCode)!),
        },
        index,
        days,
      ),
    );
    return [...advisory, ...accompaniment];
  }

  /**
   * Jobs created by the start-ups and maintained by the takeovers that incorporated, dated by and
   * linked to that move; and the workers of some co-ops served each year.
   */
  private async insertJobs(
    manager: EntityManager,
    plan: DemoCoopPlan,
    coordinator: AuthenticatedUser,
    projects: SeededProject[],
    coopIds: number[],
    incorporatedStages: Set<string>,
  ): Promise<void> {
    const byId = new Map(projects.map((p) => [p.id, p]));
    const moves = await manager.find(Transition, {
      where: { projectId: In([...byId.keys()]), toStage: In([...incorporatedStages]), kind: 'move' },
      order: { id: 'ASC' },
    });
    const recorded = { recordedBy: coordinator.id, recordedAt: this.clock.now(), demo: true };
    const projectJobs = moves.map((move, i) => {
      const project = byId.get(move.projectId)!;
      const takeover = project.kind === 'transfer';
      return {
        ...recorded,
        kind: takeover ? ('maintained' as const) : ('created' as const),
        projectId: project.id,
        organizationId: null,
        // A takeover keeps the seller's staff besides the buyers; a start-up employs its team.
        jobs: project.entrepreneurs + (takeover ? 5 : 0) + (i % 3),
        countedOn: localDateOf(move.occurredAt),
        transitionId: move.id,
      };
    });
    const workers = (indexes: number[], year: keyof typeof YEARS, every: number) =>
      indexes
        .filter((_, n) => n % every === 0)
        .map((i, n) => ({
          ...recorded,
          kind: 'workers' as const,
          projectId: null,
          organizationId: coopIds[i],
          jobs: 3 + ((i * 7) % 15),
          countedOn: plusDays(YEARS[year].first, 45 + n * 11),
          transitionId: null,
        }));
    await insertInChunks(manager, JobCount, [
      ...projectJobs,
      ...workers(plan.servedIn2022_2023, '2022-2023', 3),
      ...workers(plan.servedIn2023_2024, '2023-2024', 2),
    ]);
  }

  /** The requests of every project that reached a financial set-up. */
  private fundingRequests(projects: SeededProject[], incorporatedOn: (project: SeededProject) => string | null) {
    return projects
      .filter((p) => p.steps.some((step) => step.to === 'montage-financier'))
      .flatMap((project, index) =>
        fundingRequestsFor(
          index,
          project.entrepreneurs,
          project.steps.find((step) => step.to === 'montage-financier')!.on,
          incorporatedOn(project),
        ).map((request) => ({ ...request, projectId: project.id, recordedById: project.advisorId, demo: true })),
      );
  }
}

/** The codes of the stages, in any program, that are the incorporated milestone. */
async function incorporatedStageCodes(manager: EntityManager): Promise<Set<string>> {
  const stages = await manager.find(Stage, { where: { milestone: 'incorporated' } });
  return new Set(stages.map((s) => s.code));
}

/** Each program's first stage: where a project is enrolled. */
async function firstStageOfPrograms(manager: EntityManager): Promise<Map<string, string>> {
  const stages = await manager.find(Stage, { where: { position: 1 } });
  return new Map(stages.map((s) => [s.programCode, s.code]));
}

/** The stages a project went through, each from its move to the day before the next step. */
function phasesOf(project: SeededProject, firstStage: string): ProjectPhase[] {
  const points = [
    { stage: firstStage, on: project.enrolledOn },
    ...project.steps.map((s) => ({ stage: s.to, on: s.on })),
  ];
  return points.map((point, k) => ({
    stage: point.stage,
    from: point.on,
    until: k + 1 < points.length ? plusDays(points[k + 1].on, -1) : plusDays(point.on, DAYS_AT_LAST_STAGE),
  }));
}

async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  rows: Partial<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager.insert(entity, rows.slice(start, start + CHUNK));
  }
}
