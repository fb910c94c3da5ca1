import type { AuditedChange } from './audit-trail.js';
import type { AuditedEntity } from './audited-entities.js';

/**
 * What a write did to a managed list (a program's stages, the financing sources, a family's
 * intervention types), whose members it renumbers in place: each member as written against its
 * copy as read. A member not read is a creation; one read and no longer written, a deletion; the
 * trail leaves out the members that did not change. `read` holds copies taken before the write.
 */
export function listChanges<T extends object>(
  entity: AuditedEntity,
  keyOf: (member: T) => string | number,
  read: T[],
  written: T[],
): AuditedChange[] {
  const readByKey = new Map(read.map((member) => [keyOf(member), member]));
  const writtenKeys = new Set(written.map(keyOf));
  return [
    ...read
      .filter((member) => !writtenKeys.has(keyOf(member)))
      .map((member) => ({ entity, id: keyOf(member), before: member, after: null })),
    ...written.map((member) => ({
      entity,
      id: keyOf(member),
      before: readByKey.get(keyOf(member)) ?? null,
      after: { ...member },
    })),
  ];
}

/** Copies of a list's members as read, to hold against what a write makes of them. */
export const copiesOf = <T extends object>(members: T[]): T[] => members.map((member) => ({ ...member }));
