/**
 * The demo's co-operatives: invented stand-ins whose memberships give the 2023-2024 report's
 * counts (125 member co-ops at 2024-03-31, three regions new that year), and which of them
 * received advisory services in 2022-2023 and 2023-2024 (44, then 54 co-ops).
 *
 * The named Parcours COOP projects become co-ops too (see the seeder): the four of cohort 19
 * incorporated in 2023-2024 and joined then, so the stand-ins below number 125 - 4 at year end.
 */
import type { CoopType } from '../projects/project.entity.js';
import { STAND_IN_SECTORS } from './demo-data.js';

export interface DemoCoop {
  name: string;
  coopType: CoopType;
  region: string;
  sector: string;
  memberSince: string | null;
  memberUntil: string | null;
}

/** Regions with members at 2024-03-31 and none at 2023-03-31 (Abitibi, Côte-Nord, Gaspésie). */
export const NEW_REGIONS_2023_2024 = ['08', '09', '11'];

/**
 * Every other region, Montréal, Capitale-Nationale and Montérégie more than once, as members
 * gather there. Each appears often enough among the long-standing members to have members on
 * 2023-03-31, so that no other region reads as new.
 */
const SETTLED_REGIONS = [
  '06',
  '03',
  '16',
  '05',
  '01',
  '02',
  '06',
  '04',
  '07',
  '10',
  '12',
  '06',
  '03',
  '13',
  '14',
  '15',
  '16',
  '17',
  '06',
];

/** How the stand-ins stand toward membership; the counts are chosen for the report's figures. */
const GROUPS = {
  /** Members before 2023-04-01, still members on 2024-03-31. */
  longStanding: 111,
  /** Joined during 2023-2024: two in each new region, the rest in settled ones. */
  joined: 10,
  /** Members on 2023-03-31 who left during 2023-2024. */
  leftThisYear: 5,
  /** Left during 2022-2023 (one of them in a region that gets members again in 2023-2024). */
  leftLastYear: 3,
  /** Served, never members. */
  neverMembers: 6,
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const date = (year: number, month: number, day: number) => `${year}-${pad(month, 2)}-${pad(day, 2)}`;
/** A date `months` months after January of `year` (0 is January), carried into the next year. */
const monthsInto = (year: number, months: number, day: number) =>
  date(year + Math.floor(months / 12), 1 + (months % 12), day);

export interface DemoCoopPlan {
  coops: DemoCoop[];
  /** Indexes in `coops` of the co-ops served in each reporting year. */
  servedIn2022_2023: number[];
  servedIn2023_2024: number[];
}

/** The stand-ins, in a fixed order (the same on every run), and who was served which year. */
export function demoCoopPlan(): DemoCoopPlan {
  const coops: DemoCoop[] = [];
  const add = (memberSince: string | null, memberUntil: string | null, region: string) => {
    const n = coops.length;
    coops.push({
      name: `Coopérative fictive C${pad(n + 1, 3)} (démo)`,
      coopType: n % 9 === 4 ? 'solidarity' : n % 13 === 7 ? 'producer' : 'worker',
      region,
      sector: STAND_IN_SECTORS[(n * 5) % STAND_IN_SECTORS.length],
      memberSince,
      memberUntil,
    });
    return n;
  };
  const range = (count: number, make: (i: number) => number) => Array.from({ length: count }, (_, i) => make(i));

  const longStanding = range(GROUPS.longStanding, (i) =>
    add(date(1988 + ((i * 13) % 35), 1 + ((i * 5) % 12), 1 + ((i * 11) % 28)), null, SETTLED_REGIONS[i % 19]),
  );
  const joined = range(GROUPS.joined, (i) =>
    add(monthsInto(2023, 3 + i, 3 + i * 2), null, i < 6 ? NEW_REGIONS_2023_2024[i % 3] : SETTLED_REGIONS[(i * 4) % 19]),
  );
  const leftThisYear = range(GROUPS.leftThisYear, (i) =>
    add(date(2005 + i * 3, 3 + i, 10), monthsInto(2023, 4 + i * 2, 28), SETTLED_REGIONS[(i * 3 + 1) % 19]),
  );
  const leftLastYear = range(GROUPS.leftLastYear, (i) =>
    add(date(2010 + i, 9, 1), date(2022, 6 + i * 3, 30), i === 0 ? '09' : SETTLED_REGIONS[(i * 7) % 19]),
  );
  const neverMembers = range(GROUPS.neverMembers, (i) => add(null, null, SETTLED_REGIONS[(i * 5 + 2) % 19]));

  return {
    coops,
    // 44 co-ops: members then (some since gone), three non-members.
    servedIn2022_2023: [...longStanding.slice(20, 53), ...leftThisYear, ...leftLastYear, ...neverMembers.slice(0, 3)],
    // 54 co-ops: ten more, among them every newcomer.
    servedIn2023_2024: [...longStanding.slice(0, 38), ...joined, ...neverMembers],
  };
}
