import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.js';
import { Cohort } from '../../cohorts/cohort.entity.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { namedQuery } from '../../database/named-query.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { Program } from '../../programs/program.entity.js';
import { Contact } from '../../projects/contact.entity.js';
import type { Language } from '../../users/user.entity.js';
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
  /** The project's advisor, when they are still active. */
  advisor_id: number | null;
  advisor_name: string | null;
  advisor_email: string | null;
  advisor_language: Language | null;
}

/**
 * The projects of a cohort still active in it (not abandoned, not on hold), with their advisor
 * when that advisor has not left: a deactivated advisor gets no task and no replies.
 */
const ACTIVE_IN_COHORT_SQL = `
  SELECT p.id AS project_id, p.name AS project_name,
         u.id AS advisor_id, u.name AS advisor_name, u.email AS advisor_email, u.language AS advisor_language
  FROM enrollments e
  JOIN projects p ON p.id = e.project_id
  LEFT JOIN users u ON u.id = p.advisor_id AND u.active = :active
  WHERE e.cohort_id = :cohortId AND e.status = 'active'
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
    private readonly audit: AuditTrail,
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
      // Only the cohorts that ended recently enough for one of the offsets to fall in the window.
      const endedSince = oldestDue.minus({ days: Math.max(...program.checkInOffsets) }).toISODate()!;
      const cohorts = await manager.findBy(Cohort, { programCode: program.code, endsOn: MoreThanOrEqual(endedSince) });
      for (const cohort of cohorts) {
        for (const offset of program.checkInOffsets) {
          const due = DateTime.fromISO(cohort.endsOn).plus({ days: offset });
          if (due > today || due < oldestDue) continue;
          for (const project of await namedQuery<ActiveProjectRow>(manager, ACTIVE_IN_COHORT_SQL, {
            cohortId: cohort.id,
            active: true,
          })) {
            const emails = await this.transactions.run((tx) =>
              this.checkIn(tx, program, cohort, offset, project, localDate),
            );
            if (emails === null) continue;
            result.projects += 1;
            result.emails += emails;
          }
        }
      }
    }
    if (result.projects)
      this.logger.log(`Check-ins of ${localDate}: ${result.projects} projects, ${result.emails} e-mails`);
    return result;
  }

  /** One project's check-in at one offset; null when it was done before. */
  private async checkIn(
    manager: EntityManager,
    program: Program,
    cohort: Cohort,
    offset: number,
    project: ActiveProjectRow,
    localDate: string,
  ): Promise<number | null> {
    const projectId = Number(project.project_id);
    const advisorId = project.advisor_id === null ? null : Number(project.advisor_id);
    const advisorLanguage = project.advisor_language ?? 'fr';
    const sourceKey = `check-in:${projectId}:${offset}`;
    const context = {
      projectName: project.project_name,
      cohortNumber: cohort.number,
      cohortLabel: cohort.label,
      offsetDays: offset,
    };
    const fields = {
      projectId,
      assigneeId: advisorId,
      dueOn: localDate,
      note: checkInTaskNote(
        { ...context, programName: advisorLanguage === 'en' ? program.nameEn : program.nameFr },
        advisorLanguage,
      ),
      kind: 'check_in',
      sourceKey,
      createdById: null,
    };
    const task = await namedQuery<{ id: number }>(manager, INSERT_TASK_SQL, fields);
    if (task.length === 0) return null;
    // The schedule writes it: no one is its author.
    await this.audit.record(manager, null, { entity: 'follow_up', id: Number(task[0].id), projectId, after: fields });
    const contacts = await manager.find(Contact, { where: { projectId }, order: { id: 'ASC' } });
    const ids = await this.notifications.record(
      manager,
      contacts.map((contact) => {
        const mail = checkInEmail(
          {
            ...context,
            contactName: contact.name,
            advisorName: project.advisor_name,
            programName: contact.language === 'en' ? program.nameEn : program.nameFr,
          },
          contact.language,
        );
        return {
          key: `${sourceKey}:contact:${contact.id}`,
          kind: 'check_in' as const,
          recipientEmail: contact.email,
          recipientName: contact.name,
          recipientUserId: null,
          contactId: contact.id,
          projectId,
          language: contact.language,
          subject: mail.subject,
          body: mail.body,
          replyTo: project.advisor_email,
        };
      }),
    );
    return ids.length;
  }
}
