import type { EntityManager } from 'typeorm';
import { inList, preparedQuery } from '../database/prepared-query.js';
import { hoursOf } from './time-entry.entity.js';

/**
 * The hours recorded for each of these projects (or co-ops), every date counted, in one grouped
 * prepared statement, the ids bound as one list, however many a page holds: the total a project's or a co-op's page shows. None is 0.
 */
export async function hoursRecorded(
  manager: EntityManager,
  target: 'projectId' | 'organizationId',
  ids: number[],
): Promise<Map<number, number>> {
  const hours = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return hours;
  const column = target === 'projectId' ? 'project_id' : 'organization_id';
  const rows = await preparedQuery<{ id: unknown; quarters: unknown }>(
    manager,
    `SELECT ${column} AS id, SUM(quarter_hours) AS quarters FROM time_entries
     WHERE ${inList(manager, column, 'ids')} GROUP BY ${column}`,
    { ids },
  );
  for (const row of rows) hours.set(Number(row.id), hoursOf(row.quarters));
  return hours;
}
