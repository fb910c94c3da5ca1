import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { wholeDaysBetween } from '../../common/time.js';
import { namedQuery } from '../../database/named-query.js';
import { StaleProjects, type StaleEnrollment } from '../../projects/stale-projects.js';
import { User } from '../../users/user.entity.js';
import type { FollowUpKind } from '../follow-up.entity.js';

export interface DigestTask {
  id: number;
  projectId: number;
  projectName: string;
  dueOn: string;
  note: string;
  kind: FollowUpKind;
  /** Whole days past due (0 for a task due today). */
  daysLate: number;
}

/** What one advisor's digest lists on a local day. */
export interface AdvisorDigest {
  advisor: Pick<User, 'id' | 'name' | 'email' | 'language'>;
  localDate: string;
  overdue: DigestTask[];
  dueToday: DigestTask[];
  stale: StaleEnrollment[];
}

interface TaskRow {
  id: number;
  assignee_id: number;
  due_on: string | Date;
  note: string;
  kind: FollowUpKind;
  project_id: number;
  project_name: string;
}

// Served by the partial index ix_follow_ups_open_due (open tasks only, by advisor and due date).
export const OPEN_TASKS_DUE_SQL = `
  SELECT f.id, f.assignee_id, f.due_on, f.note, f.kind, f.project_id, p.name AS project_name
  FROM follow_ups f
  JOIN projects p ON p.id = f.project_id
  WHERE f.done_at IS NULL AND f.due_on <= :localDate AND f.assignee_id IS NOT NULL
  ORDER BY f.assignee_id, f.due_on, f.id`;

/**
 * Builds every advisor's digest for a local day in three set-based reads (tasks due, stale
 * projects, the advisors), whatever the number of advisors.
 */
@Injectable()
export class DigestBuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staleProjects: StaleProjects,
  ) {}

  /** Digests of the active users with something to do on localDate; `now` dates the stale check. */
  async build(localDate: string, now: Date): Promise<AdvisorDigest[]> {
    const [tasks, stale] = await Promise.all([
      namedQuery<TaskRow>(this.dataSource.manager, OPEN_TASKS_DUE_SQL, { localDate }),
      this.staleProjects.at(now),
    ]);
    const digests = new Map<number, AdvisorDigest>();
    const digestOf = (advisorId: number) => {
      let digest = digests.get(advisorId);
      if (!digest) {
        digest = {
          advisor: { id: advisorId, name: '', email: '', language: 'fr' },
          localDate,
          overdue: [],
          dueToday: [],
          stale: [],
        };
        digests.set(advisorId, digest);
      }
      return digest;
    };
    const dayStart = new Date(`${localDate}T12:00:00Z`);
    for (const row of tasks) {
      const dueOn = dateText(row.due_on);
      const task: DigestTask = {
        id: Number(row.id),
        projectId: Number(row.project_id),
        projectName: row.project_name,
        dueOn,
        note: row.note,
        kind: row.kind,
        daysLate: wholeDaysBetween(new Date(`${dueOn}T12:00:00Z`), dayStart),
      };
      const digest = digestOf(Number(row.assignee_id));
      (task.daysLate > 0 ? digest.overdue : digest.dueToday).push(task);
    }
    for (const enrollment of stale)
      if (enrollment.advisorId !== null) digestOf(enrollment.advisorId).stale.push(enrollment);

    const advisors =
      digests.size === 0
        ? []
        : await this.dataSource.manager.find(User, {
            where: { id: In([...digests.keys()]), active: true },
            select: { id: true, name: true, email: true, language: true },
          });
    return advisors.sort((a, b) => a.id - b.id).map((advisor) => ({ ...digests.get(advisor.id)!, advisor }));
  }
}

/** A date column: SQLite returns the text, PostgreSQL a Date at local midnight of the server. */
function dateText(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
