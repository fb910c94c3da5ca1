import { bearer, type TestApp } from './test-app.js';

/** One entry of `GET /audit`. */
export interface AuditItem {
  id: number;
  occurredAt: string;
  user: { id: number; name: string; email: string } | null;
  entity: string;
  entityId: string;
  projectId: number | null;
  action: 'create' | 'change' | 'delete' | 'erase';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The trail's entries about one entity, oldest first, as an admin reads them through the API. */
export async function auditOf(t: TestApp, entity: string, id: number | string): Promise<AuditItem[]> {
  const admin = await t.tokenFor('admin');
  const response = await t
    .http()
    .get('/audit')
    .query({ entity, id: String(id), pageSize: 500 })
    .set(bearer(admin));
  if (response.status !== 200) throw new Error(`GET /audit: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body.items as AuditItem[]).reverse();
}

/** How many entries the trail holds, read in the database: a refused change must add none. */
export async function auditCount(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entries');
  return Number(row.n);
}
