import { EntityManager, In } from 'typeorm';
import { FundingRequest, GRANTED_STATUSES } from './funding-request.entity.js';

/** The totals of a project's funding requests, as its answer and its list show them. */
export interface ProjectFinancing {
  /** Cents asked over all its requests, whatever their status. */
  requestedCents: number;
  /** Cents of the requests granted or paid. */
  grantedCents: number;
  requests: number;
}

const NONE: ProjectFinancing = { requestedCents: 0, grantedCents: 0, requests: 0 };

/**
 * The totals of these projects' requests in one grouped read, however many projects a page holds.
 * (PostgreSQL sums integers as bigint, which its driver answers as text: hence Number.)
 */
export async function financingOf(
  manager: EntityManager,
  projectIds: number[],
): Promise<Map<number, ProjectFinancing>> {
  const totals = new Map<number, ProjectFinancing>(projectIds.map((id) => [id, { ...NONE }]));
  if (projectIds.length === 0) return totals;
  const rows = await manager
    .createQueryBuilder(FundingRequest, 'f')
    .select('f.projectId', 'projectId')
    .addSelect('COUNT(*)', 'requests')
    .addSelect('SUM(f.requestedCents)', 'requested')
    .addSelect('SUM(CASE WHEN f.status IN (:...granted) THEN f.grantedCents ELSE 0 END)', 'granted')
    .where({ projectId: In(projectIds) })
    .setParameter('granted', GRANTED_STATUSES)
    .groupBy('f.projectId')
    .getRawMany<{ projectId: number; requests: unknown; requested: unknown; granted: unknown }>();
  for (const row of rows) {
    totals.set(Number(row.projectId), {
      requestedCents: Number(row.requested ?? 0),
      grantedCents: Number(row.granted ?? 0),
      requests: Number(row.requests),
    });
  }
  return totals;
}
