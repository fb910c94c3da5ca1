import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { requireReportingYear } from '../common/reporting-year.js';
import { foldForSearch } from '../common/search-text.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { assertCanChange } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { hoursRecorded } from '../time-entries/hours-recorded.js';
import { ProjectsService } from '../projects/projects.service.js';
import { isForeignKeyRefusal, isUniqueRefusalOn } from './database-refusals.js';
import type {
  CreateOrganizationDto,
  ListOrganizationsQuery,
  OrganizationFromProjectDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { hasReachedIncorporated } from '../projects/incorporation.js';
import { membershipStats, type MembershipStats } from './membership-stats.js';
import { Organization } from './organization.entity.js';

/** An organization as the API answers it (its folded search name stays inside). */
export type OrganizationView = Omit<Organization, 'searchName'> & {
  /** The hours recorded for it, every date counted. */
  hours: number;
};

// The folded search name is the list's, not the answer's.
const toView = ({ searchName: _searchName, ...view }: Organization): Omit<OrganizationView, 'hours'> => view;

type Fields = Pick<
  Organization,
  'name' | 'coopType' | 'region' | 'sector' | 'enterpriseNumber' | 'memberSince' | 'memberUntil'
>;

const numberTaken = (enterpriseNumber: string | null) =>
  conflict(`Enterprise number ${enterpriseNumber} is already another co-op's`);

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly projects: ProjectsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    const builder = this.dataSource.manager.createQueryBuilder(Organization, 'o');
    if (query.memberOn) {
      builder.andWhere('o.memberSince <= :day AND (o.memberUntil IS NULL OR o.memberUntil >= :day)', {
        day: query.memberOn,
      });
    }
    if (query.region) builder.andWhere('o.region = :region', { region: query.region });
    if (query.coopType) builder.andWhere('o.coopType = :coopType', { coopType: query.coopType });
    if (query.q) {
      const pattern = `%${foldForSearch(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(`o.searchName LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    builder.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC');
    builder.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [organizations, total] = await builder.getManyAndCount();
    return { items: await this.withHours(organizations), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<OrganizationView> {
    const organization = await this.dataSource.manager.findOneBy(Organization, { id });
    if (!organization) throw notFound('Organization', id);
    return (await this.withHours([organization]))[0];
  }

  async stats(year: string | undefined): Promise<MembershipStats> {
    const parsed = requireReportingYear(year, this.config.reportingYearStartMonth);
    return membershipStats(this.dataSource.manager, parsed);
  }

  async create(actor: AuditActor, input: CreateOrganizationDto): Promise<OrganizationView> {
    return this.write(async (manager) => this.insert(manager, actor, this.fieldsOf(input), null));
  }

  async update(actor: AuditActor, id: number, input: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.write(async (manager) => {
      const organization = await this.transactions
        .forUpdate(manager.createQueryBuilder(Organization, 'o').where('o.id = :id', { id }))
        .getOne();
      if (!organization) throw notFound('Organization', id);
      const sent = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      const next: Organization = { ...organization, ...sent };
      this.assertMembership(next, 'memberUntil' in sent ? 'memberUntil' : 'memberSince');
      if (next.enterpriseNumber !== organization.enterpriseNumber)
        await this.assertNumberFree(manager, next.enterpriseNumber);
      const saved = await manager.save(Organization, { ...next, searchName: foldForSearch(next.name) });
      await this.audit.record(manager, actor, {
        entity: 'organization',
        id,
        projectId: organization.projectId,
        before: organization,
        after: next,
      });
      return saved;
    });
  }

  async remove(actor: AuditActor, id: number): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        // Read first, for the trail: what the co-op held as it was deleted.
        const organization = await this.transactions
          .forUpdate(manager.createQueryBuilder(Organization, 'o').where('o.id = :id', { id }))
          .getOne();
        if (!organization) throw notFound('Organization', id);
        await manager.delete(Organization, { id });
        await this.audit.record(manager, actor, {
          entity: 'organization',
          id,
          projectId: organization.projectId,
          before: organization,
          after: null,
        });
      });
    } catch (error) {
      if (isForeignKeyRefusal(error)) {
        throw conflict(
          `Organization ${id} is referred to by other records (time entries, jobs): it cannot be deleted; ` +
            'record the end of its membership (memberUntil) instead',
        );
      }
      throw error;
    }
  }

  private async withHours(organizations: Organization[]): Promise<OrganizationView[]> {
    const hours = await hoursRecorded(
      this.dataSource.manager,
      'organizationId',
      organizations.map((o) => o.id),
    );
    return organizations.map((o) => ({ ...toView(o), hours: hours.get(o.id)! }));
  }

  /** The co-op a project became, or a 404 that says the project has none (or does not exist). */
  async ofProject(projectId: number): Promise<OrganizationView> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    const organization = await manager.findOneBy(Organization, { projectId });
    if (!organization) throw new DomainError('not_found', `Project ${projectId} has no co-op yet`);
    return (await this.withHours([organization]))[0];
  }

  /**
   * Creates the co-op a project became and links the two: its name (unless another is given), type,
   * region and sector come from the project, which must have reached its incorporated milestone.
   */
  async createFromProject(
    actor: AuthenticatedUser,
    projectId: number,
    input: OrganizationFromProjectDto,
  ): Promise<OrganizationView> {
    return this.write(async (manager) => {
      // Locked, so that two calls at once for one project meet here rather than at the unique index.
      const project = await this.projects.lockProject(manager, projectId);
      assertCanChange(actor, project);
      const existing = await manager.findOneBy(Organization, { projectId });
      if (existing) throw conflict(`Project ${projectId} already has its co-op: organization ${existing.id}`);
      if (!(await hasReachedIncorporated(manager, projectId))) {
        throw unprocessable(
          `Project ${projectId} has not reached the incorporated milestone in any program: ` +
            'move it to its incorporation stage first',
        );
      }
      const fields = this.fieldsOf({
        name: input.name ?? project.name,
        coopType: project.coopType,
        region: project.region,
        sector: project.sector,
        enterpriseNumber: input.enterpriseNumber,
        memberSince: input.memberSince,
        memberUntil: input.memberUntil,
      });
      return this.insert(manager, actor, fields, projectId);
    });
  }

  private fieldsOf(input: CreateOrganizationDto): Fields {
    return {
      name: input.name,
      coopType: input.coopType,
      region: input.region,
      sector: input.sector,
      enterpriseNumber: input.enterpriseNumber ?? null,
      memberSince: input.memberSince ?? null,
      memberUntil: input.memberUntil ?? null,
    };
  }

  /** A new co-op; linked to `projectId` when a project became it, which the project's history then shows. */
  private async insert(
    manager: EntityManager,
    actor: AuditActor,
    fields: Fields,
    projectId: number | null,
  ): Promise<Organization> {
    this.assertMembership(fields, 'memberUntil');
    await this.assertNumberFree(manager, fields.enterpriseNumber);
    const saved = await manager.save(
      manager.create(Organization, { ...fields, searchName: foldForSearch(fields.name), projectId, demo: false }),
    );
    await this.audit.record(manager, actor, { entity: 'organization', id: saved.id, projectId, after: saved });
    return saved;
  }

  /** Runs a write and answers the organization as stored; a race lost at a unique index is a 409 too. */
  private async write(work: (manager: EntityManager) => Promise<Organization>): Promise<OrganizationView> {
    let id: number;
    try {
      id = (await this.transactions.run(work)).id;
    } catch (error) {
      if (isUniqueRefusalOn(error, 'uq_organizations_enterprise_number', 'enterprise_number'))
        throw conflict("This enterprise number is already another co-op's");
      if (isUniqueRefusalOn(error, 'uq_organizations_project', 'project_id'))
        throw conflict('The project already has its co-op');
      throw error;
    }
    return this.get(id);
  }

  /** memberUntil is the last day as a member: it needs a first day, and does not come before it. */
  private assertMembership(fields: Pick<Fields, 'memberSince' | 'memberUntil'>, field: 'memberSince' | 'memberUntil') {
    const { memberSince, memberUntil } = fields;
    let problem: string | null = null;
    if (memberUntil !== null && memberSince === null)
      problem = `${field}: a last day as a member (memberUntil ${memberUntil}) needs a first day (memberSince)`;
    else if (memberUntil !== null && memberSince !== null && memberUntil < memberSince)
      problem = `${field}: memberUntil (${memberUntil}) must be on or after memberSince (${memberSince})`;
    if (problem) throw badRequest(`Invalid input: ${problem}`, [{ field, problems: [problem] }]);
  }

  private async assertNumberFree(manager: EntityManager, enterpriseNumber: string | null) {
    if (enterpriseNumber !== null && (await manager.existsBy(Organization, { enterpriseNumber })))
      throw numberTaken(enterpriseNumber);
  }
}
