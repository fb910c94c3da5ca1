import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import { isManager, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { badRequest } from '../common/bad-request.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound, unprocessable } from '../common/domain-error.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { InterventionFamily } from '../interventions/intervention-family.entity.js';
import { InterventionType } from '../interventions/intervention-type.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import type { CreateTimeEntryDto, ListTimeEntriesQuery, UpdateTimeEntryDto } from './dto/time-entry.dto.js';
import type { TimeEntryPageResponse, TimeEntryResponse } from './dto/time-entry.response.js';
import { timeEntryViews } from './time-entry-views.js';
import { hoursOf, MAX_QUARTER_HOURS_PER_DAY, QUARTER_HOURS_PER_HOUR, TimeEntry } from './time-entry.entity.js';

/** How far back an advisor may still change their own entries; coordinators and admins any time. */
export const ADVISOR_EDIT_WINDOW_DAYS = 30;

/** A 400 naming one field, in the shape the validation pipe gives its own. */
const invalid = (field: string, problem: string) =>
  badRequest(`Invalid input: ${problem}`, [{ field, problems: [problem] }]);

type EntryFields = Pick<
  TimeEntry,
  'advisorId' | 'projectId' | 'organizationId' | 'workedOn' | 'quarterHours' | 'interventionTypeCode' | 'note'
>;

/** Advisors' time: each records their own; coordinators and admins record and correct anyone's. */
@Injectable()
export class TimeEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async create(actor: AuthenticatedUser, input: CreateTimeEntryDto): Promise<TimeEntryResponse> {
    const advisorId = input.advisorId ?? actor.id;
    if (advisorId !== actor.id && !isManager(actor))
      throw forbidden("An advisor records their own time; a coordinator records others'");
    if (!isManager(actor)) this.assertWithinWindow(input.workedOn);
    const id = await this.transactions.run(async (manager) => {
      const fields: EntryFields = {
        advisorId,
        projectId: input.projectId ?? null,
        organizationId: input.organizationId ?? null,
        workedOn: input.workedOn,
        quarterHours: input.hours * QUARTER_HOURS_PER_HOUR,
        interventionTypeCode: input.interventionType,
        note: input.note ?? null,
      };
      await this.check(manager, fields, null);
      const saved = await manager.save(manager.create(TimeEntry, { ...fields, demo: false }));
      await this.audit.record(manager, actor, {
        entity: 'time_entry',
        id: saved.id,
        projectId: saved.projectId,
        after: saved,
      });
      return saved.id;
    });
    return this.get(actor, id);
  }

  async get(reader: AuthenticatedUser, id: number): Promise<TimeEntryResponse> {
    const entry = await this.dataSource.manager.findOneBy(TimeEntry, { id });
    if (!entry) throw notFound('Time entry', id);
    return (await timeEntryViews(this.dataSource.manager, reader, [entry]))[0];
  }

  async list(reader: AuthenticatedUser, query: ListTimeEntriesQuery): Promise<TimeEntryPageResponse> {
    const filtered = () => this.filter(this.dataSource.manager.createQueryBuilder(TimeEntry, 'e'), query);
    const [[entries, total], sum] = await Promise.all([
      filtered()
        .orderBy('e.workedOn', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount(),
      filtered().select('COALESCE(SUM(e.quarterHours), 0)', 'quarterHours').getRawOne<{ quarterHours: unknown }>(),
    ]);
    return {
      items: await timeEntryViews(this.dataSource.manager, reader, entries),
      total,
      page: query.page,
      pageSize: query.pageSize,
      totalHours: hoursOf(sum?.quarterHours),
    };
  }

  async update(actor: AuthenticatedUser, id: number, input: UpdateTimeEntryDto): Promise<TimeEntryResponse> {
    await this.transactions.run(async (manager) => {
      const entry = await manager.findOneBy(TimeEntry, { id });
      if (!entry) throw notFound('Time entry', id);
      this.assertCanChange(actor, entry, input.workedOn);
      if (input.advisorId !== undefined && input.advisorId !== entry.advisorId && !isManager(actor))
        throw forbidden('An advisor records their own time; a coordinator hands an entry to someone else');
      const fields: EntryFields = {
        advisorId: input.advisorId ?? entry.advisorId,
        projectId: input.projectId === undefined ? entry.projectId : input.projectId,
        organizationId: input.organizationId === undefined ? entry.organizationId : input.organizationId,
        workedOn: input.workedOn ?? entry.workedOn,
        quarterHours: input.hours === undefined ? entry.quarterHours : input.hours * QUARTER_HOURS_PER_HOUR,
        interventionTypeCode: input.interventionType ?? entry.interventionTypeCode,
        note: input.note === undefined ? entry.note : input.note,
      };
      await this.check(manager, fields, entry);
      await manager.update(TimeEntry, { id }, fields);
      // An entry moved to another project is in that project's history; one moved to a co-op stays in its old one's.
      await this.audit.record(manager, actor, {
        entity: 'time_entry',
        id,
        projectId: fields.projectId ?? entry.projectId,
        before: entry,
        after: fields,
      });
    });
    return this.get(actor, id);
  }

  async delete(actor: AuthenticatedUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const entry = await manager.findOneBy(TimeEntry, { id });
      if (!entry) throw notFound('Time entry', id);
      this.assertCanChange(actor, entry);
      await manager.delete(TimeEntry, { id });
      await this.audit.record(manager, actor, {
        entity: 'time_entry',
        id,
        projectId: entry.projectId,
        before: entry,
        after: null,
      });
    });
  }

  /** The rules every recorded entry keeps; `current` is the entry being changed, if any. */
  private async check(manager: EntityManager, fields: EntryFields, current: TimeEntry | null): Promise<void> {
    if (fields.workedOn > this.today())
      throw invalid('workedOn', `workedOn must not be after today (${this.today()} in Montréal)`);
    if ((fields.projectId === null) === (fields.organizationId === null))
      throw invalid('projectId', 'give exactly one of projectId and organizationId: the project or the co-op served');
    const serves = fields.projectId !== null ? 'project' : 'organization';
    await this.requireUsableType(manager, fields.interventionTypeCode, serves, current);
    if (fields.projectId !== null && !(await manager.existsBy(Project, { id: fields.projectId })))
      throw notFound('Project', fields.projectId);
    if (fields.organizationId !== null && !(await manager.existsBy(Organization, { id: fields.organizationId })))
      throw notFound('Co-operative', fields.organizationId);
    await this.lockStaff(manager, fields.advisorId);
    const others = await manager
      .createQueryBuilder(TimeEntry, 'e')
      .select('COALESCE(SUM(e.quarterHours), 0)', 'quarterHours')
      .where('e.advisorId = :advisorId AND e.workedOn = :workedOn', fields)
      .andWhere(current ? 'e.id <> :id' : '1 = 1', { id: current?.id })
      .getRawOne<{ quarterHours: unknown }>();
    const recorded = Number(others?.quarterHours ?? 0);
    if (recorded + fields.quarterHours > MAX_QUARTER_HOURS_PER_DAY) {
      const left = (MAX_QUARTER_HOURS_PER_DAY - recorded) / QUARTER_HOURS_PER_HOUR;
      throw invalid(
        'hours',
        `hours would bring the advisor's ${fields.workedOn} past 24: ${recorded / QUARTER_HOURS_PER_HOUR} are recorded, at most ${left} more`,
      );
    }
  }

  /**
   * An active type whose family serves this kind of target. A type retired since an entry was
   * recorded stays on it when the entry changes otherwise.
   */
  private async requireUsableType(
    manager: EntityManager,
    code: string,
    serves: 'project' | 'organization',
    current: TimeEntry | null,
  ): Promise<void> {
    const type = await manager.findOneBy(InterventionType, { code });
    if (!type) throw invalid('interventionType', `interventionType ${code} is not an intervention type`);
    if (!type.active && current?.interventionTypeCode !== code)
      throw invalid('interventionType', `interventionType ${code} is retired: choose an active type`);
    const family = await manager.findOneByOrFail(InterventionFamily, { code: type.familyCode });
    if (family.serves !== serves) {
      const target = serves === 'project' ? 'a project' : 'a co-op';
      throw invalid('interventionType', `interventionType ${code} (${family.labelEn}) is not recorded for ${target}`);
    }
  }

  /**
   * The advisor must be active staff; their user row is held until the transaction ends, so that
   * two entries for the same advisor are summed one after the other (the 24-hour rule).
   */
  private async lockStaff(manager: EntityManager, advisorId: number): Promise<void> {
    const advisor = await this.transactions
      .forUpdate(
        manager
          .createQueryBuilder(User, 'u')
          .where('u.id = :advisorId AND u.active = :active', { advisorId, active: true })
          .andWhere({ role: In(['advisor', 'coordinator', 'admin']) }),
      )
      .getOne();
    if (!advisor) throw unprocessable(`advisorId ${advisorId} is not an active advisor, coordinator or admin`);
  }

  /** An advisor changes their own entries, dated within the window; coordinators and admins any. */
  private assertCanChange(actor: AuthenticatedUser, entry: TimeEntry, newDate?: string): void {
    if (isManager(actor)) return;
    if (entry.advisorId !== actor.id)
      throw forbidden(`Time entry ${entry.id} is another person's: only they or a coordinator can change it`);
    this.assertWithinWindow(entry.workedOn);
    if (newDate !== undefined) this.assertWithinWindow(newDate);
  }

  /** An advisor's own entries are theirs to record and change up to 30 days after their date. */
  private assertWithinWindow(date: string): void {
    const earliest = DateTime.fromISO(this.today()).minus({ days: ADVISOR_EDIT_WINDOW_DAYS }).toISODate()!;
    if (date < earliest)
      throw forbidden(
        `An advisor records and changes their entries up to ${ADVISOR_EDIT_WINDOW_DAYS} days after their date ` +
          `(${date} is before ${earliest}); ask a coordinator`,
      );
  }

  private filter(builder: SelectQueryBuilder<TimeEntry>, query: ListTimeEntriesQuery) {
    if (query.advisorId) builder.andWhere('e.advisorId = :advisorId', { advisorId: query.advisorId });
    if (query.projectId) builder.andWhere('e.projectId = :projectId', { projectId: query.projectId });
    if (query.organizationId)
      builder.andWhere('e.organizationId = :organizationId', { organizationId: query.organizationId });
    if (query.from) builder.andWhere('e.workedOn >= :from', { from: query.from });
    if (query.to) builder.andWhere('e.workedOn <= :to', { to: query.to });
    if (query.interventionType) builder.andWhere('e.interventionTypeCode = :type', { type: query.interventionType });
    if (query.family)
      builder.andWhere(
        'e.interventionTypeCode IN (SELECT t.code FROM intervention_types t WHERE t.family_code = :family)',
        { family: query.family },
      );
    return builder;
  }

  private today(): string {
    return localDateOf(this.clock.now());
  }
}
