import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FollowUp } from '../follow-ups/follow-up.entity.js';
import { Program } from '../programs/program.entity.js';
import { Enrollment } from '../projects/enrollment.entity.js';
import { Project } from '../projects/project.entity.js';
import type { Language } from '../users/user.entity.js';
import { calendarTexts, type CalendarTexts } from './calendar-texts.js';
import type { AllDayEvent } from './icalendar.js';

/** Whom a feed is for: the events are theirs, the words in their language. */
export interface FeedOwner {
  id: number;
  name: string;
  language: Language;
}

/** A summary shows the first line of a task's note, cut to this many characters. */
const SUMMARY_NOTE_LENGTH = 80;

/**
 * What a person's calendar holds: their open follow-up tasks on their due dates, and the first and
 * last days of the cohorts in which they advise a project (one that has not abandoned it).
 */
@Injectable()
export class CalendarEvents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(owner: FeedOwner): Promise<AllDayEvent[]> {
    const texts = calendarTexts(owner.language);
    const [tasks, cohorts] = await Promise.all([this.tasks(owner, texts), this.cohorts(owner, texts)]);
    return [...tasks, ...cohorts];
  }

  /** Open tasks (not done) assigned to the owner, as the digest counts them, whatever their date. */
  private async tasks(owner: FeedOwner, texts: CalendarTexts): Promise<AllDayEvent[]> {
    const manager = this.dataSource.manager;
    // The partial index ix_follow_ups_open_due holds exactly these rows, in this order.
    const followUps = await manager.find(FollowUp, {
      where: { assigneeId: owner.id, doneAt: IsNull() },
      order: { dueOn: 'ASC', id: 'ASC' },
    });
    if (followUps.length === 0) return [];
    const projects = await manager.find(Project, {
      where: { id: In([...new Set(followUps.map((task) => task.projectId))]) },
      select: { id: true, name: true },
    });
    const names = new Map(projects.map((project) => [project.id, project.name]));
    return followUps.map((task) => {
      const projectName = names.get(task.projectId) ?? '';
      const note = task.note.trim();
      return {
        uid: this.uid(`follow-up-${task.id}`),
        date: task.dueOn,
        summary: `${firstLine(note) || texts.kind[task.kind]} — ${projectName}`,
        // The link on a line of its own, which calendar applications make clickable.
        description: [
          note || texts.kind[task.kind],
          '',
          texts.project(projectName),
          this.projectLink(task.projectId),
        ].join('\n'),
      };
    });
  }

  /** The cohorts in which the owner advises a project that has not abandoned it: a start and an end each. */
  private async cohorts(owner: FeedOwner, texts: CalendarTexts): Promise<AllDayEvent[]> {
    const manager = this.dataSource.manager;
    const advised = await manager
      .createQueryBuilder(Enrollment, 'e')
      .innerJoin(Project, 'p', 'p.id = e.projectId')
      .select('e.cohortId', 'cohortId')
      .addSelect('p.name', 'projectName')
      .where('p.advisorId = :advisorId', { advisorId: owner.id })
      .andWhere('e.cohortId IS NOT NULL')
      .andWhere('e.status <> :abandoned', { abandoned: 'abandoned' })
      .orderBy('p.name', 'ASC')
      .getRawMany<{ cohortId: number | string; projectName: string }>();
    if (advised.length === 0) return [];
    const projectsIn = new Map<number, string[]>();
    for (const row of advised) {
      const cohortId = Number(row.cohortId);
      projectsIn.set(cohortId, [...(projectsIn.get(cohortId) ?? []), row.projectName]);
    }
    const cohorts = await manager.find(Cohort, {
      where: { id: In([...projectsIn.keys()]) },
      order: { startsOn: 'ASC', id: 'ASC' },
    });
    const programs = await manager.find(Program, {
      where: { code: In([...new Set(cohorts.map((cohort) => cohort.programCode))]) },
    });
    const programNames = new Map(
      programs.map((program) => [program.code, owner.language === 'en' ? program.nameEn : program.nameFr]),
    );
    return cohorts.flatMap((cohort) => {
      const programName = programNames.get(cohort.programCode) ?? cohort.programCode;
      const description = [`${cohort.label} (${programName})`, texts.yourProjects(projectsIn.get(cohort.id)!)].join(
        '\n',
      );
      return [
        {
          uid: this.uid(`cohort-${cohort.id}-start`),
          date: cohort.startsOn,
          summary: texts.cohortStarts(cohort.number, programName),
          description,
        },
        {
          uid: this.uid(`cohort-${cohort.id}-end`),
          date: cohort.endsOn,
          summary: texts.cohortEnds(cohort.number, programName),
          description,
        },
      ];
    });
  }

  /** Stable from one reading to the next, so a calendar updates an event rather than adding it again. */
  private uid(local: string): string {
    return `${local}@${new URL(this.config.publicUrl).hostname}`;
  }

  private projectLink(projectId: number): string {
    return `${this.config.publicUrl}/projects/${projectId}`;
  }
}

function firstLine(text: string): string {
  // By code points, so that a character outside the BMP is never cut in two.
  const characters = [...text.split(/\r?\n|\r/, 1)[0].trim()];
  if (characters.length <= SUMMARY_NOTE_LENGTH) return characters.join('');
  return `${characters
    .slice(0, SUMMARY_NOTE_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
