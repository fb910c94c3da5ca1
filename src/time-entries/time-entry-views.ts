import { EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { InterventionFamily } from '../interventions/intervention-family.entity.js';
import { InterventionType } from '../interventions/intervention-type.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { canReadFreeText } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';
import type { TimeEntryResponse } from './dto/time-entry.response.js';
import { QUARTER_HOURS_PER_HOUR, TimeEntry } from './time-entry.entity.js';

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
const idsOf = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];

/**
 * Entries as the API shows them to a reader: who, for what, of which type, in a few batched reads.
 * The note is left out (not null) for readers who may not read free text.
 */
export async function timeEntryViews(
  manager: EntityManager,
  reader: AuthenticatedUser,
  entries: TimeEntry[],
): Promise<TimeEntryResponse[]> {
  if (entries.length === 0) return [];
  const [advisors, projects, organizations, types, families] = await Promise.all([
    manager.find(User, { where: { id: In(idsOf(entries.map((e) => e.advisorId))) }, select: { id: true, name: true } }),
    manager.find(Project, {
      where: { id: In(idsOf(entries.map((e) => e.projectId))) },
      select: { id: true, name: true },
    }),
    manager.find(Organization, {
      where: { id: In(idsOf(entries.map((e) => e.organizationId))) },
      select: { id: true, name: true },
    }),
    manager.find(InterventionType, { where: { code: In([...new Set(entries.map((e) => e.interventionTypeCode))]) } }),
    manager.find(InterventionFamily),
  ]);
  const [advisorById, projectById, organizationById] = [byId(advisors), byId(projects), byId(organizations)];
  const typeByCode = new Map(types.map((t) => [t.code, t]));
  const familyByCode = new Map(families.map((f) => [f.code, f]));
  const readsNotes = canReadFreeText(reader);
  return entries.map((entry) => {
    const type = typeByCode.get(entry.interventionTypeCode)!;
    const family = familyByCode.get(type.familyCode)!;
    const project = entry.projectId === null ? null : projectById.get(entry.projectId)!;
    const organization = entry.organizationId === null ? null : organizationById.get(entry.organizationId)!;
    const advisor = advisorById.get(entry.advisorId)!;
    return {
      id: entry.id,
      advisor: { id: advisor.id, name: advisor.name },
      project: project && { id: project.id, name: project.name },
      organization: organization && { id: organization.id, name: organization.name },
      workedOn: entry.workedOn,
      hours: entry.quarterHours / QUARTER_HOURS_PER_HOUR,
      interventionType: {
        code: type.code,
        labelFr: type.labelFr,
        labelEn: type.labelEn,
        active: type.active,
        family: { code: family.code, labelFr: family.labelFr, labelEn: family.labelEn, serves: family.serves },
      },
      ...(readsNotes ? { note: entry.note } : {}),
      demo: entry.demo,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
    };
  });
}
