import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { Clock } from '../common/clock.js';
import { notFound, unprocessable } from '../common/domain-error.js';
import { localDateOf } from '../common/time.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { assertCanChange } from '../projects/project-access.js';
import type { ProjectView } from '../projects/project-views.js';
import { Project } from '../projects/project.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import { User } from '../users/user.entity.js';
import type { CreateNoteDto, SnoozeDto } from './dto/project-attention.dto.js';
import { ProjectNote } from './project-note.entity.js';

/** A snooze hides a stale alert for a while; longer than this, the project needs a decision instead. */
const LONGEST_SNOOZE_DAYS = 366;

type Snooze = Pick<Project, 'snoozedUntil' | 'snoozeReason' | 'snoozedById' | 'snoozedAt'>;

export interface NoteView extends ProjectNote {
  author: { id: number; name: string } | null;
}

/** What keeps a project from going stale unnoticed: notes (activity) and snoozes of its alert. */
@Injectable()
export class ProjectAttentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly projects: ProjectsService,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async addNote(actor: AuthenticatedUser, projectId: number, input: CreateNoteDto): Promise<NoteView> {
    const note = await this.transactions.run(async (manager) => {
      assertCanChange(actor, await this.projects.lockProject(manager, projectId));
      const saved = await manager.save(
        manager.create(ProjectNote, { projectId, authorId: actor.id, body: input.body }),
      );
      await this.audit.record(manager, actor, { entity: 'note', id: saved.id, projectId, after: saved });
      await this.projects.recordActivity(manager, projectId);
      return saved;
    });
    return { ...note, author: { id: actor.id, name: actor.name } };
  }

  /** Newest first. */
  async notes(projectId: number): Promise<NoteView[]> {
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(Project, { id: projectId }))) throw notFound('Project', projectId);
    const notes = await manager.find(ProjectNote, { where: { projectId }, order: { createdAt: 'DESC', id: 'DESC' } });
    const authorIds = [...new Set(notes.map((n) => n.authorId).filter((id) => id !== null))];
    const authors = new Map(
      (await manager.findBy(User, { id: In(authorIds) })).map((u) => [u.id, { id: u.id, name: u.name }]),
    );
    return notes.map((note) => ({
      ...note,
      author: note.authorId === null ? null : (authors.get(note.authorId) ?? null),
    }));
  }

  /** Hides the project's stale alert until a date, without abandoning it. Not activity: the project still waits. */
  async snooze(actor: AuthenticatedUser, projectId: number, input: SnoozeDto): Promise<ProjectView> {
    const now = this.clock.now();
    const today = localDateOf(now);
    const latest = DateTime.fromISO(today).plus({ days: LONGEST_SNOOZE_DAYS }).toISODate()!;
    await this.transactions.run(async (manager) => {
      const project = await this.projects.lockProject(manager, projectId);
      assertCanChange(actor, project);
      if (input.until <= today) throw unprocessable(`until ${input.until} must be after today (${today})`);
      if (input.until > latest)
        throw unprocessable(
          `until ${input.until} is more than a year away (latest ${latest}): decide about the project instead`,
        );
      await this.setSnooze(manager, actor, project, {
        snoozedUntil: input.until,
        snoozeReason: input.reason,
        snoozedById: actor.id,
        snoozedAt: now,
      });
    });
    return this.projects.get(actor, projectId);
  }

  async unsnooze(actor: AuthenticatedUser, projectId: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const project = await this.projects.lockProject(manager, projectId);
      assertCanChange(actor, project);
      await this.setSnooze(manager, actor, project, {
        snoozedUntil: null,
        snoozeReason: null,
        snoozedById: null,
        snoozedAt: null,
      });
    });
  }

  /** A snooze, set or ended, is a change of its project: the trail keeps the snooze as it was and as it is. */
  private async setSnooze(manager: EntityManager, actor: AuthenticatedUser, project: Project, snooze: Snooze) {
    await manager.update(Project, { id: project.id }, snooze);
    await this.audit.record(manager, actor, {
      entity: 'project',
      id: project.id,
      projectId: project.id,
      before: project,
      after: snooze,
    });
  }
}
