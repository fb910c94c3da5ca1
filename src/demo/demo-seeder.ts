import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { Clock } from '../common/clock.js';
import { LOCAL_ZONE, localDateOf } from '../common/time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { Project } from '../projects/project.entity.js';
import { REGIONS } from '../projects/project.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import { TransitionsService } from '../projects/transitions.service.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { DemoAccompanimentSeeder, type SeededProject } from './demo-accompaniment.js';
import {
  DEMARRAGE_OUTCOMES,
  DEMO_FOLLOW_UPS,
  DEMO_USERS,
  PARCOURS_COOP_COHORTS,
  PARCOURS_COOP_PROJECTS,
  PARCOURS_COOP_RATINGS,
  STAND_IN_SECTORS,
  TRANSFERTCOOP_OUTCOMES,
  type DemoStep,
} from './demo-data.js';

const addDays = (date: string, days: number) =>
  DateTime.fromISO(date, { zone: LOCAL_ZONE }).plus({ days }).toISODate()!;
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Loads the demo year into a new database through the same services the API uses, so every rule
 * (cohort of the right program, ordered history, reasons to abandon) holds for it too.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly cohorts: CohortsService,
    private readonly projects: ProjectsService,
    private readonly transitions: TransitionsService,
    private readonly followUps: FollowUpsService,
    private readonly clock: Clock,
    private readonly satisfaction: SatisfactionService,
    private readonly accompaniment: DemoAccompanimentSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    if (await this.dataSource.manager.exists(Project)) {
      this.logger.log('The database already holds projects: demo data not loaded again');
    } else {
      const started = performance.now();
      await this.seed();
      this.logger.log(`Demo data loaded in ${Math.round(performance.now() - started)} ms`);
    }
    this.printLogins();
  }

  async seed(): Promise<void> {
    const people = await this.createUsers();
    const coordinator = people.get('coordinator')!;
    const advisors = [people.get('advisorA')!, people.get('advisorB')!];
    const seeded: SeededProject[] = [];

    const cohortIds = new Map<number, number>();
    for (const cohort of PARCOURS_COOP_COHORTS) {
      const created = await this.cohorts.create(coordinator, {
        programCode: 'parcours-coop',
        deliveryMode: 'remote',
        capacity: 12,
        ...cohort,
      });
      cohortIds.set(cohort.number, created.id);
    }

    for (const [index, demo] of PARCOURS_COOP_PROJECTS.entries()) {
      const advisor = advisors[index % 2];
      const slug = demo.name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      await this.createAndMove(
        seeded,
        coordinator,
        advisor,
        {
          name: demo.name,
          sector: demo.sector,
          kind: demo.kind,
          coopType: demo.coopType,
          region: demo.region,
          entrepreneurCount: demo.entrepreneurs,
          programCode: 'parcours-coop',
          cohortId: cohortIds.get(demo.cohort),
          enrolledAt: demo.enrolledOn,
          contacts: [
            {
              name: `Équipe ${demo.name} (contact démo)`,
              email: `${slug}@demo.coop.example`,
              language: index === 2 ? 'en' : 'fr',
            },
          ],
        },
        demo.fictitious,
        demo.steps,
      );
    }

    for (const { cohort, fives, fours } of PARCOURS_COOP_RATINGS) {
      const ratings = [...Array<number>(fives).fill(5), ...Array<number>(fours).fill(4)].map((rating, i) => ({
        rating,
        respondent: `Participant·e fictif·ve ${cohort}-${pad2(i + 1)} (démo)`,
      }));
      await this.satisfaction.record(coordinator, cohortIds.get(cohort)!, ratings, { demo: true });
    }

    let team = 0;
    for (const outcome of DEMARRAGE_OUTCOMES) {
      for (let n = 0; n < outcome.count; n++, team++) {
        const enrolledOn = addDays('2023-04-03', team * 8);
        const steps: DemoStep[] = outcome.path.map((to, i) => ({ to, on: addDays(enrolledOn, 45 * (i + 1)) }));
        if (outcome.ending)
          steps.push({
            to: 'abandoned',
            on: addDays(enrolledOn, 45 * outcome.path.length + 60),
            reason: 'Projet non poursuivi par le groupe (démo)',
          });
        await this.createAndMove(
          seeded,
          coordinator,
          advisors[team % 2],
          this.standIn(`Équipe fictive D${pad2(team + 1)} (démo)`, team, 'startup', 'demarrage', enrolledOn),
          true,
          steps,
        );
      }
    }

    let takeover = 0;
    for (const outcome of TRANSFERTCOOP_OUTCOMES) {
      for (let n = 0; n < outcome.count; n++, takeover++) {
        const enrolledOn = addDays('2023-04-17', takeover * 25);
        const steps = outcome.path.map((to, i) => ({ to, on: addDays(enrolledOn, 40 * (i + 1)) }));
        await this.createAndMove(
          seeded,
          coordinator,
          advisors[takeover % 2],
          this.standIn(
            `Repreneuriat fictif T${pad2(takeover + 1)} (démo)`,
            takeover + 3,
            'transfer',
            'transfertcoop',
            enrolledOn,
          ),
          true,
          steps,
        );
      }
    }
    await this.seedFollowUps(advisors);
    await this.accompaniment.seed(
      coordinator,
      advisors.map((a) => a.id),
      seeded,
    );
  }

  /** A few tasks on each advisor's first projects, dated from today. */
  private async seedFollowUps(advisors: AuthenticatedUser[]): Promise<void> {
    const today = localDateOf(this.clock.now());
    for (const advisor of advisors) {
      const projects = await this.dataSource.manager.find(Project, {
        where: { advisorId: advisor.id },
        order: { id: 'ASC' },
        take: DEMO_FOLLOW_UPS.length,
      });
      for (const [index, task] of DEMO_FOLLOW_UPS.entries()) {
        await this.followUps.create(advisor, projects[index].id, {
          dueOn: addDays(today, task.dueInDays),
          note: task.note,
        });
      }
    }
  }

  private standIn(name: string, index: number, kind: 'startup' | 'transfer', programCode: string, enrolledAt: string) {
    return {
      name,
      kind,
      programCode,
      enrolledAt,
      sector: STAND_IN_SECTORS[index % STAND_IN_SECTORS.length],
      coopType: index % 5 === 0 ? ('solidarity' as const) : ('worker' as const),
      region: REGIONS[(index * 7) % REGIONS.length],
      entrepreneurCount: 2 + (index % 4),
    };
  }

  /** Creates a project, moves it through its steps, and adds it to `seeded`. */
  private async createAndMove(
    seeded: SeededProject[],
    coordinator: AuthenticatedUser,
    advisor: AuthenticatedUser,
    input: Parameters<ProjectsService['create']>[1],
    fictitious: boolean,
    steps: DemoStep[],
  ) {
    const project = await this.projects.create(coordinator, { ...input, advisorId: advisor.id }, { fictitious });
    seeded.push({
      id: project.id,
      name: input.name,
      kind: input.kind,
      coopType: input.coopType,
      region: input.region,
      sector: input.sector,
      entrepreneurs: input.entrepreneurCount,
      fictitious,
      programCode: input.programCode,
      advisorId: advisor.id,
      enrolledOn: input.enrolledAt!,
      steps,
    });
    for (const step of steps) {
      await this.transitions.move(advisor, project.id, {
        to: step.to,
        occurredAt: step.on,
        reason: step.reason,
        note: step.note,
      });
    }
  }

  private async createUsers(): Promise<Map<string, AuthenticatedUser>> {
    const people = new Map<string, AuthenticatedUser>();
    for (const demo of DEMO_USERS) {
      const existing = await this.dataSource.manager.findOneBy(User, { email: demo.email });
      const user = existing ?? (await this.users.create(null, { ...demo, password: this.config.demoPassword }));
      people.set(demo.key, {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        language: user.language,
      });
    }
    return people;
  }

  private printLogins() {
    const width = Math.max(...DEMO_USERS.map((u) => u.role.length));
    const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(width)}  ${u.email}`);
    this.logger.log(
      `Demo logins (password: ${this.config.demoPassword}):\n${lines.join('\n')}\n` +
        `  Sign in to the web app at http://localhost:${this.config.port}/app/\n` +
        `  Or try: curl -s -X POST localhost:${this.config.port}/auth/login -H 'content-type: application/json' ` +
        `-d '{"email":"${DEMO_USERS[1].email}","password":"${this.config.demoPassword}"}'`,
    );
  }
}
