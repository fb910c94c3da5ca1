import type { EntityManager } from 'typeorm';

/**
 * Whether any enrollment of the project has reached the `incorporated` milestone, as domain.md and
 * the figures (figures/figures.sql.ts) define "reached": its history shows a move into the
 * milestone's stage or any later one of its program, by the stage positions of today. So a team
 * moved straight to "operating", or that later abandoned, still counts as incorporated.
 */
export async function hasReachedIncorporated(manager: EntityManager, projectId: number): Promise<boolean> {
  const row: unknown = await manager
    .createQueryBuilder()
    .select('1', 'reached')
    .from('enrollments', 'e')
    .innerJoin('transitions', 't', 't.enrollment_id = e.id')
    .innerJoin('stages', 's', 's.program_code = t.program_code AND s.code = t.to_stage')
    .innerJoin('stages', 'm', "m.program_code = e.program_code AND m.milestone = 'incorporated'")
    .where('e.project_id = :projectId', { projectId })
    .andWhere('s.position >= m.position')
    .limit(1)
    .getRawOne();
  return row !== undefined;
}
