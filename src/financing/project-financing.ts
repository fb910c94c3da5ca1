import type { EntityManager } from 'typeorm';
import { inList, preparedQuery } from '../database/prepared-query.js';
import { GRANTED_STATUSES } from './funding-request.entity.js';

/** The totals of a project's funding requests, as its answer and its list show them. */
export interface ProjectFinancing {
  /** Cents asked over all its requests, whatever their status. */
  requestedCents: number;
  /** Cents of the requests granted or paid. */
  grantedCents: number;
  requests: number;
}

const NONE: ProjectFinancing = { requestedCents: 0, grantedCents: 0, requests: 0 };

// Every page of projects reads it: a statement prepared once, the ids bound as one list.
const projectFinancingSql = (manager: EntityManager) => `
  SELECT project_id, COUNT(*) AS requests, SUM(requested_cents) AS requested,
         SUM(CASE WHEN status IN (${GRANTED_STATUSES.map((s) => `'${s}'`).join(', ')}) THEN granted_cents ELSE 0 END) AS granted
  FROM funding_requests
  WHERE ${inList(manager, 'project_id', 'ids')}
  GROUP BY project_id`;

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
  const rows = await preparedQuery<{ project_id: unknown; requests: unknown; requested: unknown; granted: unknown }>(
    manager,
    projectFinancingSql(manager),
    { ids: projectIds },
  );
  for (const row of rows) {
    totals.set(Number(row.project_id), {
      requestedCents: Number(row.requested ?? 0),
      grantedCents: Number(row.granted ?? 0),
      requests: Number(row.requests),
    });
  }
  return totals;
}
