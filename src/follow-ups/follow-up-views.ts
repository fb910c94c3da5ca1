import { EntityManager, In } from 'typeorm';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import type { FollowUpState } from './dto/follow-up.dto.js';
import type { FollowUp } from './follow-up.entity.js';

type Ref = { id: number; name: string };

export interface FollowUpView extends FollowUp {
  state: Exclude<FollowUpState, 'open'>;
  project: Ref;
  assignee: Ref | null;
}

/** Where a task stands on a local date. */
export function stateOf(followUp: Pick<FollowUp, 'doneAt' | 'dueOn'>, today: string): FollowUpView['state'] {
  if (followUp.doneAt) return 'done';
  return followUp.dueOn < today ? 'overdue' : followUp.dueOn === today ? 'due' : 'upcoming';
}

/** Tasks as the API shows them, with the names of their project and assignee in two batched reads. */
export async function followUpViews(
  manager: EntityManager,
  followUps: FollowUp[],
  today: string,
): Promise<FollowUpView[]> {
  if (followUps.length === 0) return [];
  const [projects, users] = await Promise.all([
    manager.find(Project, {
      where: { id: In([...new Set(followUps.map((f) => f.projectId))]) },
      select: { id: true, name: true },
    }),
    manager.find(User, {
      where: { id: In([...new Set(followUps.map((f) => f.assigneeId).filter((id) => id !== null))]) },
      select: { id: true, name: true },
    }),
  ]);
  const projectNames = new Map(projects.map((p) => [p.id, { id: p.id, name: p.name }]));
  const userNames = new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
  return followUps.map((followUp) => ({
    ...followUp,
    state: stateOf(followUp, today),
    project: projectNames.get(followUp.projectId)!,
    assignee: followUp.assigneeId === null ? null : (userNames.get(followUp.assigneeId) ?? null),
  }));
}
