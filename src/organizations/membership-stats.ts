import type { EntityManager } from 'typeorm';
import { dayBefore, type ReportingYear } from '../common/reporting-year.js';
import { Organization } from './organization.entity.js';

export interface MembershipStats {
  year: string;
  from: string;
  to: string;
  membersAtYearEnd: number;
  newMembers: number;
  departedMembers: number;
  byRegion: { region: string; members: number; newThisYear: boolean }[];
  newRegions: string[];
}

type Count = string | number;
interface CountRow {
  region: string;
  at_end: Count;
  at_previous_end: Count;
  joined: Count;
  departed: Count;
}

/** The day before a YYYY-MM-DD date. */

/** Member on a day: joined on or before it, and left (last day as a member) on or after it, or never. */
const memberOn = (day: string) =>
  `(o.member_since <= :${day} AND (o.member_until IS NULL OR o.member_until >= :${day}))`;
const countWhere = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * The year's membership, counted by the database in one pass grouped by region (at most 17 rows
 * come back, however many co-ops there are). Dates are YYYY-MM-DD: compared as dates on
 * PostgreSQL, and as text on SQLite, where that order is the same.
 */
export async function membershipStats(manager: EntityManager, year: ReportingYear): Promise<MembershipStats> {
  const lastDay = dayBefore(year.until);
  const previousYearEnd = dayBefore(year.from);
  const rows: CountRow[] = await manager
    .createQueryBuilder(Organization, 'o')
    .select('o.region', 'region')
    .addSelect(countWhere(memberOn('lastDay')), 'at_end')
    .addSelect(countWhere(memberOn('previousYearEnd')), 'at_previous_end')
    .addSelect(countWhere('o.member_since >= :from AND o.member_since < :until'), 'joined')
    .addSelect(countWhere('o.member_until >= :from AND o.member_until < :lastDay'), 'departed')
    // Only co-ops that ever were members can count in any column.
    .where('o.member_since IS NOT NULL')
    .setParameters({ lastDay, previousYearEnd, from: year.from, until: year.until })
    .groupBy('o.region')
    .orderBy('o.region')
    .getRawMany();
  const regions = rows.map((row) => ({
    region: row.region,
    members: Number(row.at_end),
    newThisYear: Number(row.at_previous_end) === 0,
  }));
  const byRegion = regions.filter((r) => r.members > 0);
  const sum = (column: 'at_end' | 'joined' | 'departed') => rows.reduce((total, row) => total + Number(row[column]), 0);
  return {
    year: year.label,
    from: year.from,
    to: lastDay,
    membersAtYearEnd: sum('at_end'),
    newMembers: sum('joined'),
    departedMembers: sum('departed'),
    byRegion,
    newRegions: byRegion.filter((r) => r.newThisYear).map((r) => r.region),
  };
}
