import { EntityManager, In } from 'typeorm';
import { hoursOf, TimeEntry } from './time-entry.entity.js';

/**
 * The hours recorded for each of these projects (or co-ops), every date counted, in one grouped
 * read however many a page holds: the total a project's or a co-op's page shows. None is 0.
 */
export async function hoursRecorded(
  manager: EntityManager,
  target: 'projectId' | 'organizationId',
  ids: number[],
): Promise<Map<number, number>> {
  const hours = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return hours;
  const rows = await manager
    .createQueryBuilder(TimeEntry, 'e')
    .select(`e.${target}`, 'id')
    .addSelect('SUM(e.quarterHours)', 'quarters')
    .where({ [target]: In(ids) })
    .groupBy(`e.${target}`)
    .getRawMany<{ id: unknown; quarters: unknown }>();
  for (const row of rows) hours.set(Number(row.id), hoursOf(row.quarters));
  return hours;
}
