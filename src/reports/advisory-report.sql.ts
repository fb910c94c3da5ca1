import type { EntityManager } from 'typeorm';
import { namedQuery } from '../database/named-query.js';
import { countOf, hoursOf } from './report-year.js';

/**
 * The advisory services' figures: time entries on co-ops (organization_id set) dated in a year.
 * Each figure is one grouped aggregate over the year's entries (ix_time_entries_worked_on), so a
 * year of any size answers in a handful of rows.
 */

const ADVISORY = 'te.organization_id IS NOT NULL AND te.worked_on >= :fromDate AND te.worked_on < :untilDate';

export interface YearDates {
  fromDate: string;
  untilDate: string;
}

export interface AdvisoryTotals {
  hours: number;
  coops: number;
  previousHours: number;
  previousCoops: number;
}

/** Hours and distinct co-ops of the year and of the year before, in one pass over both years. */
export async function advisoryTotals(
  manager: EntityManager,
  year: YearDates,
  previous: YearDates,
): Promise<AdvisoryTotals> {
  const inYear = 'te.worked_on >= :fromDate';
  const [row] = await namedQuery(
    manager,
    `SELECT SUM(CASE WHEN ${inYear} THEN te.quarter_hours ELSE 0 END) AS quarter_hours,
            COUNT(DISTINCT CASE WHEN ${inYear} THEN te.organization_id END) AS coops,
            SUM(CASE WHEN ${inYear} THEN 0 ELSE te.quarter_hours END) AS previous_quarter_hours,
            COUNT(DISTINCT CASE WHEN ${inYear} THEN NULL ELSE te.organization_id END) AS previous_coops
     FROM time_entries te
     WHERE te.organization_id IS NOT NULL AND te.worked_on >= :previousFrom AND te.worked_on < :untilDate`,
    { ...year, previousFrom: previous.fromDate },
  );
  return {
    hours: hoursOf(row?.quarter_hours),
    coops: countOf(row?.coops),
    previousHours: hoursOf(row?.previous_quarter_hours),
    previousCoops: countOf(row?.previous_coops),
  };
}

export interface TypeHours {
  familyCode: string;
  familyLabelFr: string;
  familyLabelEn: string;
  code: string;
  labelFr: string;
  labelEn: string;
  hours: number;
}

/**
 * Hours by intervention type, in the list's order (family, then type): every active type of the
 * families that serve co-ops, with or without hours, and any other type the year's entries used.
 */
export async function advisoryHoursByType(manager: EntityManager, year: YearDates): Promise<TypeHours[]> {
  const rows = await namedQuery(
    manager,
    `WITH h AS (
       SELECT te.intervention_type_code AS code, SUM(te.quarter_hours) AS quarter_hours
       FROM time_entries te
       WHERE ${ADVISORY}
       GROUP BY te.intervention_type_code
     )
     SELECT f.code AS family_code, f.label_fr AS family_label_fr, f.label_en AS family_label_en,
            t.code, t.label_fr, t.label_en, h.quarter_hours
     FROM intervention_types t
     JOIN intervention_families f ON f.code = t.family_code
     LEFT JOIN h ON h.code = t.code
     WHERE (f.serves = 'organization' AND t.active = :active) OR h.quarter_hours IS NOT NULL
     ORDER BY f.position, t.position, t.code`,
    { ...year, active: true },
  );
  return rows.map((row) => ({
    familyCode: String(row.family_code),
    familyLabelFr: String(row.family_label_fr),
    familyLabelEn: String(row.family_label_en),
    code: String(row.code),
    labelFr: String(row.label_fr),
    labelEn: String(row.label_en),
    hours: hoursOf(row.quarter_hours),
  }));
}

export interface AdvisorHours {
  id: number;
  name: string;
  hours: number;
}

/** Hours by advisor, by name: personal, for managers only. */
export async function advisoryHoursByAdvisor(manager: EntityManager, year: YearDates): Promise<AdvisorHours[]> {
  const rows = await namedQuery(
    manager,
    `SELECT u.id, u.name, SUM(te.quarter_hours) AS quarter_hours
     FROM time_entries te
     JOIN users u ON u.id = te.advisor_id
     WHERE ${ADVISORY}
     GROUP BY u.id, u.name
     ORDER BY u.name, u.id`,
    { ...year },
  );
  return rows.map((row) => ({ id: countOf(row.id), name: String(row.name), hours: hoursOf(row.quarter_hours) }));
}

export interface RegionHours {
  region: string;
  hours: number;
  coops: number;
}

/** Hours and co-ops served by the co-op's region, by region code. */
export async function advisoryHoursByRegion(manager: EntityManager, year: YearDates): Promise<RegionHours[]> {
  const rows = await namedQuery(
    manager,
    `SELECT o.region, SUM(te.quarter_hours) AS quarter_hours, COUNT(DISTINCT o.id) AS coops
     FROM time_entries te
     JOIN organizations o ON o.id = te.organization_id
     WHERE ${ADVISORY}
     GROUP BY o.region
     ORDER BY o.region`,
    { ...year },
  );
  return rows.map((row) => ({
    region: String(row.region),
    hours: hoursOf(row.quarter_hours),
    coops: countOf(row.coops),
  }));
}
