import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { Clock } from '../common/clock.js';
import { conflict, forbidden, notFound, unprocessable } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { foldForSearch } from '../common/search-text.js';
import { localDateOf, parseInstant } from '../common/time.js';
import { dialectOf } from '../database/dialect.js';
import { inList, preparedQuery } from '../database/prepared-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { ProgramsService } from '../programs/programs.service.js';
import { User } from '../users/user.entity.js';
import { Contact } from './contact.entity.js';
import type {
  ContactDto,
  CreateEnrollmentDto,
  CreateProjectDto,
  UpdateEnrollmentDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import type { ListProjectsQuery } from './dto/list-projects.query.js';
import { Enrollment } from './enrollment.entity.js';
import { assertCanChange } from './project-access.js';
import { contactCreation, projectCreation, type ErasedContact } from './project-audit.js';
import { ProjectViews, type EnrollmentView, type ProjectView } from './project-views.js';
import { Project } from './project.entity.js';
import { STALE_JOIN, staleCondition } from './stale-projects.js';
import { Transition } from './transition.entity.js';

const SORT_COLUMNS = {
  name: 'p.name',
  createdAt: 'p.createdAt',
  updatedAt: 'p.updatedAt',
  region: 'p.region',
} as const;

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly programs: ProgramsService,
    private readonly cohorts: CohortsService,
    private readonly views: ProjectViews,
    private readonly clock: Clock,
    private readonly figureMarks: FigureMarks,
    private readonly audit: AuditTrail,
  ) {}

  /** `fictitious` is for demo stand-ins only; the API never sets it. */
  async create(
    actor: AuthenticatedUser,
    input: CreateProjectDto,
    options: { fictitious?: boolean } = {},
  ): Promise<ProjectView> {
    const id = await this.transactions.run(async (manager) => {
      const advisorId = await this.advisorForNewProject(manager, actor, input.advisorId);
      const project = await manager.save(
        manager.create(Project, {
          name: input.name,
          searchName: foldForSearch(input.name),
          sector: input.sector,
          kind: input.kind,
          coopType: input.coopType,
          region: input.region,
          entrepreneurCount: input.entrepreneurCount,
          advisorId,
          fictitious: options.fictitious ?? false,
          version: 1,
          lastActivityAt: this.clock.now(),
        }),
      );
      const contacts: Contact[] = [];
      for (const contact of input.contacts ?? []) contacts.push(await this.insertContact(manager, project.id, contact));
      await this.enrol(manager, actor, project.id, input);
      // The enrollment is not recorded here: its creation is a move, which `transitions` records.
      await this.audit.recordAll(manager, actor, [projectCreation(project), ...contacts.map(contactCreation)]);
      return project.id;
    });
    return this.get(actor, id);
  }

  async get(
    actor: AuthenticatedUser,
    id: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProjectView> {
    const project = await manager.findOneBy(Project, { id });
    if (!project) throw notFound('Project', id);
    return (await this.views.projects(manager, [project], actor, true))[0];
  }

  /**
   * One enrollment of a project, as the project's `enrollments` show it. Its own resource so that its
   * version, which a move's If-Match expects, can travel as an ETag of its own.
   */
  async enrollment(reader: AuthenticatedUser, projectId: number, programCode: string): Promise<EnrollmentView> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    const enrollment = await manager.findOneBy(Enrollment, { projectId, programCode });
    if (!enrollment) throw notFound(`Enrollment of project ${projectId} in`, programCode);
    return (await this.views.enrollments(manager, [enrollment], reader))[0];
  }

  async list(reader: AuthenticatedUser, query: ListProjectsQuery): Promise<Page<ProjectView>> {
    const builder = this.dataSource.manager.createQueryBuilder(Project, 'p');
    if (query.advisorId) builder.andWhere('p.advisorId = :advisorId', { advisorId: query.advisorId });
    if (query.region) builder.andWhere('p.region = :region', { region: query.region });
    if (query.kind) builder.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.q) {
      const pattern = `%${foldForSearch(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(`p.searchName LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    const enrollmentFilters: string[] = [];
    if (query.programCode) enrollmentFilters.push('e.program_code = :programCode');
    if (query.cohortId) enrollmentFilters.push('e.cohort_id = :cohortId');
    if (query.stage) enrollmentFilters.push('e.stage_code = :stage');
    if (query.status) enrollmentFilters.push('e.status = :status');
    if (enrollmentFilters.length) {
      // One subquery so that programCode=x&stage=y means one enrollment in x at y. `IN`, not a
      // correlated EXISTS: SQLite runs an EXISTS once per project row (81 ms at 100,000 projects),
      // while it reads an IN's list once through the enrollments' indexes (0.3 ms).
      builder.andWhere(`p.id IN (SELECT e.project_id FROM enrollments e WHERE ${enrollmentFilters.join(' AND ')})`, {
        programCode: query.programCode,
        cohortId: query.cohortId,
        stage: query.stage,
        status: query.status,
      });
    }
    if (query.stale) {
      const now = this.clock.now();
      builder.andWhere(
        `p.id ${query.stale === 'true' ? '' : 'NOT '}IN (SELECT e.project_id FROM enrollments e ${STALE_JOIN} WHERE ${staleCondition(dialectOf(this.dataSource))})`,
        { now, today: localDateOf(now) },
      );
    }
    const descending = query.sort.startsWith('-');
    const column = SORT_COLUMNS[query.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    builder.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('p.id', descending ? 'DESC' : 'ASC');
    builder.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [projects, total] = await builder.getManyAndCount();
    const items = await this.views.projects(this.dataSource.manager, projects, reader);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async update(
    actor: AuthenticatedUser,
    id: number,
    input: UpdateProjectDto,
    expectedVersion?: number,
  ): Promise<ProjectView> {
    await this.transactions.run(async (manager) => {
      const project = await this.lockProject(manager, id);
      assertCanChange(actor, project);
      if (expectedVersion !== undefined && expectedVersion !== project.version) {
        throw conflict(
          `Project ${id} has changed: you sent version ${expectedVersion}, it is at version ${project.version}`,
          {
            currentVersion: project.version,
          },
        );
      }
      if (input.advisorId !== undefined && input.advisorId !== project.advisorId) {
        if (!isManager(actor)) throw forbidden('Only coordinators and admins reassign a project to another advisor');
        if (input.advisorId !== null) await this.requireAdvisor(manager, input.advisorId);
      }
      const changes: Record<string, unknown> = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      );
      if (input.name !== undefined) changes.searchName = foldForSearch(input.name);
      if (Object.keys(changes).length === 0) return;
      const result = await manager
        .createQueryBuilder()
        .update(Project)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: project.version })
        .execute();
      if (result.affected !== 1)
        throw conflict(`Project ${id} was changed by someone else at the same moment; read it again`);
      await this.audit.record(manager, actor, {
        entity: 'project',
        id,
        projectId: id,
        before: project,
        after: changes,
      });
      // The team's size counts in the figures (entrepreneurs).
      if (input.entrepreneurCount !== undefined)
        await this.figureMarks.markEnrollments(manager, await manager.findBy(Enrollment, { projectId: id }));
    });
    return this.get(actor, id);
  }

  async addEnrollment(actor: AuthenticatedUser, projectId: number, input: CreateEnrollmentDto): Promise<ProjectView> {
    await this.transactions.run(async (manager) => {
      assertCanChange(actor, await this.lockProject(manager, projectId));
      await this.enrol(manager, actor, projectId, input);
    });
    return this.get(actor, projectId);
  }

  async changeCohort(
    actor: AuthenticatedUser,
    projectId: number,
    programCode: string,
    input: UpdateEnrollmentDto,
  ): Promise<EnrollmentView> {
    return this.transactions.run(async (manager) => {
      assertCanChange(actor, await this.lockProject(manager, projectId));
      const enrollment = await manager.findOneBy(Enrollment, { projectId, programCode });
      if (!enrollment) throw notFound(`Enrollment of project ${projectId} in`, programCode);
      if (input.cohortId !== null && input.cohortId !== enrollment.cohortId) {
        await this.cohorts.requireForEnrollment(manager, input.cohortId, programCode);
      }
      await manager.update(
        Enrollment,
        { id: enrollment.id },
        { cohortId: input.cohortId, version: enrollment.version + 1 },
      );
      await this.figureMarks.markEnrollments(manager, [enrollment, { ...enrollment, cohortId: input.cohortId }]);
      await this.audit.record(manager, actor, {
        entity: 'enrollment',
        id: enrollment.id,
        projectId,
        before: { cohortId: enrollment.cohortId },
        after: { cohortId: input.cohortId },
      });
      return (
        await this.views.enrollments(manager, [await manager.findOneByOrFail(Enrollment, { id: enrollment.id })], actor)
      )[0];
    });
  }

  async addContact(actor: AuthenticatedUser, projectId: number, input: ContactDto): Promise<Contact> {
    return this.transactions.run(async (manager) => {
      assertCanChange(actor, await this.lockProject(manager, projectId));
      const contact = await this.insertContact(manager, projectId, input);
      await this.audit.record(manager, actor, contactCreation(contact));
      return contact;
    });
  }

  /**
   * Removes one person from a project, in the caller's transaction (Law 25: a person may ask to be
   * forgotten; `privacy/` erases what other domains hold about them, the audit trail included, in
   * the same transaction). Answers the contact erased, for the trail to forget.
   */
  async deleteContact(
    manager: EntityManager,
    actor: AuthenticatedUser,
    projectId: number,
    contactId: number,
  ): Promise<ErasedContact> {
    assertCanChange(actor, await this.lockProject(manager, projectId));
    const result = await manager.delete(Contact, { id: contactId, projectId });
    if (!result.affected) throw notFound(`Contact of project ${projectId}`, contactId);
    return { id: contactId, projectId };
  }

  /**
   * Someone did something about the project (a move, a task, a note): its stale alert starts over.
   * A plain column update, so it neither bumps the project's version nor conflicts with an edit.
   * One statement prepared once, on every move's path.
   */
  async recordActivity(manager: EntityManager, projectIds: number | number[]): Promise<void> {
    const now = this.clock.now();
    const ids = Array.isArray(projectIds) ? projectIds : [projectIds];
    await preparedQuery(manager, recordActivitySql(manager), { now, ids });
  }

  /** Reads a project for a change; on PostgreSQL the row stays locked until the transaction ends. */
  async lockProject(manager: EntityManager, id: number): Promise<Project> {
    const project = await this.transactions
      .forUpdate(manager.createQueryBuilder(Project, 'p').where('p.id = :id', { id }))
      .getOne();
    if (!project) throw notFound('Project', id);
    return project;
  }

  private async enrol(manager: EntityManager, actor: AuthenticatedUser, projectId: number, input: CreateEnrollmentDto) {
    const program = await this.programs.requireForInput(input.programCode, manager);
    if (input.cohortId !== undefined) {
      if (!program.usesCohorts) throw unprocessable(`Program ${program.code} has no cohorts: leave cohortId out`);
      await this.cohorts.requireForEnrollment(manager, input.cohortId, program.code);
    }
    if (await manager.existsBy(Enrollment, { projectId, programCode: program.code })) {
      throw conflict(`Project ${projectId} is already enrolled in ${program.code}`);
    }
    const now = this.clock.now();
    const enrolledAt = input.enrolledAt ? parseInstant(input.enrolledAt)! : now;
    if (enrolledAt.getTime() > now.getTime() + 60_000)
      throw unprocessable(`enrolledAt ${input.enrolledAt} is in the future`);
    const [firstStage] = await this.programs.stagesOf(program.code, manager);
    const enrollment = await manager.save(
      manager.create(Enrollment, {
        projectId,
        programCode: program.code,
        cohortId: input.cohortId ?? null,
        stageCode: firstStage.code,
        status: 'active',
        statusReason: null,
        version: 1,
        enrolledAt,
        stageEnteredAt: enrolledAt,
        lastMovedAt: enrolledAt,
      }),
    );
    await this.figureMarks.markEnrollments(manager, [enrollment]);
    await manager.insert(Transition, {
      enrollmentId: enrollment.id,
      projectId,
      programCode: program.code,
      kind: 'enrol',
      fromStage: null,
      toStage: firstStage.code,
      fromStatus: null,
      toStatus: 'active',
      occurredAt: enrolledAt,
      recordedAt: now,
      actorId: actor.id,
      source: 'manual',
      note: null,
      reason: null,
    });
  }

  private async advisorForNewProject(
    manager: EntityManager,
    actor: AuthenticatedUser,
    requested?: number,
  ): Promise<number | null> {
    if (actor.role === 'advisor') {
      if (requested !== undefined && requested !== actor.id)
        throw forbidden('An advisor creates projects assigned to themselves; a coordinator assigns them to others');
      return actor.id;
    }
    if (requested === undefined) return null;
    await this.requireAdvisor(manager, requested);
    return requested;
  }

  private async requireAdvisor(manager: EntityManager, id: number) {
    const user = await manager.findOneBy(User, { id, active: true, role: In(['advisor', 'coordinator', 'admin']) });
    if (!user) throw unprocessable(`advisorId ${id} is not an active advisor, coordinator or admin`);
  }

  private insertContact(manager: EntityManager, projectId: number, input: ContactDto): Promise<Contact> {
    return manager.save(
      manager.create(Contact, {
        projectId,
        name: input.name,
        email: input.email.toLowerCase(),
        language: input.language ?? 'fr',
        consentPurpose: input.consentPurpose ?? null,
        consentOn: input.consentOn ?? null,
      }),
    );
  }
}

export const recordActivitySql = (source: DataSource | EntityManager) =>
  `UPDATE projects SET last_activity_at = :now, updated_at = :now WHERE ${inList(source, 'id', 'ids')}`;
