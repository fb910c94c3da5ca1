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

/** Who made an entry: their id, or null for the service itself. */
export const actorOf = (entry: AuditItem) => entry.user?.id ?? null;

/** The one entry the trail added about an entity since it held the entries `before`. */
export async function onlyNewEntry(
  t: TestApp,
  entity: string,
  id: number | string,
  before: AuditItem[],
): Promise<AuditItem> {
  const entries = await auditOf(t, entity, id);
  expect(entries.slice(0, before.length)).toEqual(before);
  expect(entries).toHaveLength(before.length + 1);
  return entries[before.length];
}

/** The fields of every entry the trail holds, as one text, read in the database: to search for what must not be there. */
export async function trailText(t: TestApp): Promise<string> {
  const rows: { before: string | null; after: string | null }[] = await t.dataSource.query(
    'SELECT before, after FROM audit_entries',
  );
  return rows.map((row) => `${row.before ?? ''} ${row.after ?? ''}`).join('\n');
}
