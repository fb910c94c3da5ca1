import type { EntityManager } from 'typeorm';
import { instantFromRow, namedQuery } from '../database/named-query.js';

/**
 * When the project first reached the `incorporated` milestone in any of its programs: its first move
 * into that milestone's stage or a later one (domain.md's "has reached"); null if it has not.
 */
export async function incorporatedAt(manager: EntityManager, projectId: number): Promise<Date | null> {
  const [row] = await namedQuery<{ reached: unknown }>(
    manager,
    `
    SELECT MIN(t.occurred_at) AS reached
    FROM transitions t
    JOIN stages s ON s.program_code = t.program_code AND s.code = t.to_stage
    JOIN stages m ON m.program_code = t.program_code AND m.milestone = 'incorporated'
    WHERE t.project_id = :projectId AND s.position >= m.position`,
    { projectId },
  );
  return row?.reached === null || row?.reached === undefined ? null : instantFromRow(row.reached);
}
