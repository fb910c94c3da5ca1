import type { EntityManager } from 'typeorm';
import { namedQuery } from '../database/named-query.js';
import { hoursOf } from '../time-entries/time-entry.entity.js';
import { countOf } from './raw-count.js';

/**
 * The advisory services' figures: time entries on co-ops (organization_id set) dated in a year.
 * Two grouped passes over the entries answer them all: one by co-op (joined to the co-ops'
 * regions, over this year and the year before), one by type and advisor (at most types ×
 * advisors rows). What the service adds up afterwards are those few aggregated rows.
 */

export interface YearDates {
  fromDate: string;
  untilDate: string;
}

export interface RegionHours {
  region: string;
  hours: number;
  coops: number;
  previousHours: number;
  previousCoops: number;
}

/** Hours and co-ops served by region, this year and the year before (a co-op counts where it has hours). */
export async function advisoryByRegion(
  manager: EntityManager,
  year: YearDates,
  previous: YearDates,
): Promise<RegionHours[]> {
  const rows = await namedQuery(
    manager,
    `WITH per_coop AS (
       SELECT te.organization_id,
              SUM(CASE WHEN te.worked_on >= :fromDate THEN te.quarter_hours ELSE 0 END) AS quarter_hours,
              SUM(CASE WHEN te.worked_on < :fromDate THEN te.quarter_hours ELSE 0 END) AS previous_quarter_hours
       FROM time_entries te
       WHERE te.organization_id IS NOT NULL AND te.worked_on >= :previousFrom AND te.worked_on < :untilDate
       GROUP BY te.organization_id
     )
     SELECT o.region,
            SUM(per_coop.quarter_hours) AS quarter_hours,
            SUM(CASE WHEN per_coop.quarter_hours > 0 THEN 1 ELSE 0 END) AS coops,
            SUM(per_coop.previous_quarter_hours) AS previous_quarter_hours,
            SUM(CASE WHEN per_coop.previous_quarter_hours > 0 THEN 1 ELSE 0 END) AS previous_coops
     FROM per_coop
     JOIN organizations o ON o.id = per_coop.organization_id
     GROUP BY o.region
     ORDER BY o.region`,
    { ...year, previousFrom: previous.fromDate },
  );
  return rows.map((row) => ({
    region: String(row.region),
    hours: hoursOf(row.quarter_hours),
    coops: countOf(row.coops),
    previousHours: hoursOf(row.previous_quarter_hours),
    previousCoops: countOf(row.previous_coops),
  }));
}

export interface TypeAdvisorHours {
  typeCode: string;
  advisorId: number;
  hours: number;
}

/** The year's hours by intervention type and advisor. */
export async function advisoryByTypeAndAdvisor(manager: EntityManager, year: YearDates): Promise<TypeAdvisorHours[]> {
  const rows = await namedQuery(
    manager,
    `SELECT te.intervention_type_code AS type_code, te.advisor_id, SUM(te.quarter_hours) AS quarter_hours
     FROM time_entries te
     WHERE te.organization_id IS NOT NULL AND te.worked_on >= :fromDate AND te.worked_on < :untilDate
     GROUP BY te.intervention_type_code, te.advisor_id`,
    { ...year },
  );
  return rows.map((row) => ({
    typeCode: String(row.type_code),
    advisorId: countOf(row.advisor_id),
    hours: hoursOf(row.quarter_hours),
  }));
}

export interface ListedType {
  familyCode: string;
  familyLabelFr: string;
  familyLabelEn: string;
  code: string;
  labelFr: string;
  labelEn: string;
  active: boolean;
  servesCoops: boolean;
}

/** The intervention types, families and types in the list's order. */
export async function interventionTypeList(manager: EntityManager): Promise<ListedType[]> {
  const rows = await namedQuery(
    manager,
    `SELECT f.code AS family_code, f.label_fr AS family_label_fr, f.label_en AS family_label_en, f.serves,
            t.code, t.label_fr, t.label_en, t.active
     FROM intervention_types t
     JOIN intervention_families f ON f.code = t.family_code
     ORDER BY f.position, t.position, t.code`,
  );
  return rows.map((row) => ({
    familyCode: String(row.family_code),
    familyLabelFr: String(row.family_label_fr),
    familyLabelEn: String(row.family_label_en),
    code: String(row.code),
    labelFr: String(row.label_fr),
    labelEn: String(row.label_en),
    // SQLite answers booleans as 0 and 1.
    active: Boolean(row.active),
    servesCoops: row.serves === 'organization',
  }));
}

/** The names of the advisors with hours, by id. */
export async function advisorNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await namedQuery(manager, 'SELECT u.id, u.name FROM users u WHERE u.id IN (:...ids)', { ids });
  return new Map(rows.map((row) => [countOf(row.id), String(row.name)]));
}
