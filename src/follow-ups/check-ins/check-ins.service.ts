import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { Cohort } from '../../cohorts/cohort.entity.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { namedQuery } from '../../database/named-query.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { Program } from '../../programs/program.entity.js';
import { Contact } from '../../projects/contact.entity.js';
import { User } from '../../users/user.entity.js';
import { checkInEmail, checkInTaskNote } from './check-in-email.js';

export interface CheckInRun {
  localDate: string;
  /** Projects that got their check-in now (a second run the same day finds none). */
  projects: number;
  emails: number;
}

interface ActiveProjectRow {
  project_id: number;
  project_name: string;
  advisor_id: number | null;
}

/**
 * Enrollments of a cohort still on their way: active, and short of the program's incorporation
 * stage. A team that has incorporated has given the news a check-in asks for.
 */
const ACTIVE_IN_COHORT_SQL = `
  SELECT p.id AS project_id, p.name AS project_name, p.advisor_id
  FROM enrollments e
  JOIN projects p ON p.id = e.project_id
  JOIN stages s ON s.program_code = e.program_code AND s.code = e.stage_code
  WHERE e.cohort_id = :cohortId AND e.status = 'active'
    AND s.position < COALESCE((SELECT MIN(i.position) FROM stages i WHERE i.program_code = e.program_code AND i.milestone = 'incorporated'), 1000000)
  ORDER BY p.id`;

// The task is the guard: its source key is unique, so the check-in of a project at an offset happens once.
const INSERT_TASK_SQL = `
  INSERT INTO follow_ups (project_id, assignee_id, due_on, note, kind, source_key, created_by_id)
  VALUES (:projectId, :assigneeId, :dueOn, :note, 'check_in', :sourceKey, NULL)
  ON CONFLICT (source_key) DO NOTHING
  RETURNING id`;

/** Post-cohort check-ins: at each offset after a cohort ends, an e-mail to each active team and a task for its advisor. */
@Injectable()
export class CheckInsService {
  private readonly logger = new Logger(CheckInsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The check-ins due on a local day. One missed by a few days (the service was down) still goes,
   * up to CHECK_IN_CATCH_UP_DAYS late; older ones do not, so a new deployment never writes to
   * teams of cohorts that ended years ago.
   */
  async run(localDate: string): Promise<CheckInRun> {
    const manager = this.dataSource.manager;
    const programs = (await manager.findBy(Program, { usesCohorts: true })).filter((p) => p.checkInOffsets.length > 0);
    const today = DateTime.fromISO(localDate);
    const oldestDue = today.minus({ days: this.config.checkInCatchUpDays });
    const result: CheckInRun = { localDate, projects: 0, emails: 0 };
    for (const program of programs) {
      for (const cohort of await manager.findBy(Cohort, { programCode: program.code })) {
        for (const offset of program.checkInOffsets) {
          const due = DateTime.fromISO(cohort.endsOn).plus({ days: offset });
          if (due > today || due < oldestDue) continue;
          for (const project of await namedQuery<ActiveProjectRow>(manager, ACTIVE_IN_COHORT_SQL, { cohortId: cohort.id })) {
            const emails = await this.transactions.run((tx) => this.checkIn(tx, program, cohort, offset, project, localDate));
            if (emails === null) continue;
            result.projects += 1;
            result.emails += emails;
          }
        }
      }
    }
    if (result.projects) this.logger.log(`Check-ins of ${localDate}: ${result.projects} projects, ${result.emails} e-mails`);
    return result;
  }

  /** One project's check-in at one offset; null when it was done before. */
  private async checkIn(
    manager: EntityManager, program: Program, cohort: Cohort, offset: number, project: ActiveProjectRow, localDate: string,
  ): Promise<number | null> {
    const projectId = Number(project.project_id);
    // An advisor who has left (deactivated) gets no task: it waits unassigned for a coordinator.
    const advisor = project.advisor_id === null ? null : await manager.findOneBy(User, { id: Number(project.advisor_id), active: true });
    const advisorId = advisor?.id ?? null;
    const sourceKey = `check-in:${projectId}:${offset}`;
    const context = { projectName: project.project_name, cohortNumber: cohort.number, cohortLabel: cohort.label, offsetDays: offset };
    const task = await namedQuery(manager, INSERT_TASK_SQL, {
      projectId, assigneeId: advisorId, dueOn: localDate, sourceKey,
      note: checkInTaskNote({ ...context, programName: advisor?.language === 'en' ? program.nameEn : program.nameFr }, advisor?.language ?? 'fr'),
    });
    if (task.length === 0) return null;
    const contacts = await manager.find(Contact, { where: { projectId }, order: { id: 'ASC' } });
    const ids = await this.notifications.record(manager, contacts.map((contact) => {
      const mail = checkInEmail({
        ...context, contactName: contact.name, advisorName: advisor?.name ?? null,
        programName: contact.language === 'en' ? program.nameEn : program.nameFr,
      }, contact.language);
      return {
        key: `${sourceKey}:contact:${contact.id}`, kind: 'check_in' as const, recipientEmail: contact.email, recipientName: contact.name,
        recipientUserId: null, contactId: contact.id, projectId, language: contact.language, subject: mail.subject, body: mail.body,
        replyTo: advisor?.email ?? null,
      };
    }));
    return ids.length;
  }
}
