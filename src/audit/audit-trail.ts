import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { dialectOf, type Dialect } from '../database/dialect.js';
import { AuditEntry, type AuditFields } from './audit-entry.entity.js';
import { CONTACT_DETAILS, type AuditAction, type AuditedEntity } from './audited-entities.js';

/** Who made a change; null when the service made it itself (a schedule). */
export type AuditActor = { id: number } | null;

/**
 * A change to record. `before` absent or null: a creation; `after` null: a deletion; both: a
 * change, recorded on the fields `after` names (an entity whole, or only what was asked to
 * change), and only where the value differs. `erase` records a contact forgotten, with no fields.
 */
export interface AuditedChange {
  entity: AuditedEntity;
  id: number | string;
  projectId?: number | null;
  before?: object | null;
  after: object | null;
  erase?: boolean;
}

/** Bookkeeping every row carries, which says nothing of what changed. */
const UNRECORDED_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'searchName', 'lastActivityAt']);
/**
 * Never in the trail, whatever a caller passes: a password, a hash, a token or its version, a
 * secret. (A fact about them, `passwordReset: 'requested'` or `passwordChanged: true`, is recorded.)
 */
const SECRET_FIELD = /^password$|hash$|^token|secret/i;
/** Rows per INSERT: an import records thousands, well under either driver's limit on parameters. */
const ROWS_PER_INSERT = 300;

/**
 * Writes the audit trail, in the caller's transaction: the change and its record commit or roll
 * back together. Each domain says what it changed; the trail keeps the fields as JSON.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, actor: AuditActor, change: AuditedChange): Promise<void> {
    await this.recordAll(manager, actor, [change]);
  }

  async recordAll(manager: EntityManager, actor: AuditActor, changes: AuditedChange[]): Promise<void> {
    const occurredAt = this.clock.now();
    const rows = changes
      .map((change) => entryOf(change))
      .filter((row) => row !== null)
      .map((row) => ({ ...row, occurredAt, userId: actor?.id ?? null }));
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await manager.insert(AuditEntry, rows.slice(start, start + ROWS_PER_INSERT));
    }
  }

  /**
   * Contacts erased (Law 25): their names and e-mails are blanked in every row the trail holds
   * about them, and each erasure is recorded, without the details.
   */
  async forgetContacts(manager: EntityManager, actor: AuditActor, contacts: { id: number; projectId: number }[]) {
    const ids = contacts.map((c) => String(c.id));
    const dialect = dialectOf(manager);
    for (let start = 0; start < ids.length; start += ROWS_PER_INSERT) {
      await manager
        .createQueryBuilder()
        .update(AuditEntry)
        .set({
          before: () => withoutContactDetails(dialect, '"before"'),
          after: () => withoutContactDetails(dialect, '"after"'),
        })
        .where({ entity: 'contact', entityId: In(ids.slice(start, start + ROWS_PER_INSERT)) })
        .execute();
    }
    await this.recordAll(
      manager,
      actor,
      contacts.map((c) => ({ entity: 'contact', id: c.id, projectId: c.projectId, after: null, erase: true })),
    );
  }
}

type EntryFields = Pick<AuditEntry, 'entity' | 'entityId' | 'projectId' | 'action' | 'before' | 'after'>;

function entryOf(change: AuditedChange): EntryFields | null {
  const base = { entity: change.entity, entityId: String(change.id), projectId: change.projectId ?? null };
  if (change.erase) return { ...base, action: 'erase', before: null, after: null };
  const before = change.before ? fieldsOf(change.before) : null;
  const after = change.after ? fieldsOf(change.after) : null;
  let action: AuditAction;
  if (!before && after) action = 'create';
  else if (before && !after) action = 'delete';
  else if (before && after) action = 'change';
  else return null;
  if (action !== 'change') return { ...base, action, before: json(before), after: json(after) };
  const changed = Object.keys(after!).filter((key) => JSON.stringify(before![key]) !== JSON.stringify(after![key]));
  if (changed.length === 0) return null;
  const pick = (fields: AuditFields) => Object.fromEntries(changed.map((key) => [key, fields[key] ?? null]));
  return { ...base, action, before: json(pick(before!)), after: json(pick(after!)) };
}

/** The recorded fields of an entity, as JSON values: dates as ISO text, undefined left out. */
function fieldsOf(entity: object): AuditFields {
  const fields: AuditFields = {};
  for (const [key, value] of Object.entries(entity)) {
    if (value === undefined || typeof value === 'function' || UNRECORDED_FIELDS.has(key) || SECRET_FIELD.test(key))
      continue;
    fields[key] = value instanceof Date ? value.toISOString() : value;
  }
  return fields;
}

const json = (fields: AuditFields | null) => (fields ? JSON.stringify(fields) : null);

/**
 * A JSON text column with the contact's details set to null where an entry holds them, in SQL:
 * one statement blanks every entry of the contacts erased, however many. A key an entry lacks (a
 * change of other fields) stays absent.
 */
function withoutContactDetails(dialect: Dialect, column: string): string {
  if (dialect === 'sqlite')
    return `json_replace(${column}, ${CONTACT_DETAILS.map((key) => `'$.${key}', NULL`).join(', ')})`;
  const blanked = CONTACT_DETAILS.reduce(
    (json, key) => `jsonb_set(${json}, '{${key}}', 'null', false)`,
    `${column}::jsonb`,
  );
  return `${blanked}::text`;
}
