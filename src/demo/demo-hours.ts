/**
 * The demo's time entries, computed rather than drawn at random, so that every load gives the same
 * hours: the annual report's 884 hours to 54 co-ops in 2023-2024, 44 co-ops the year before, and
 * accompaniment hours on the start-up and transfer projects through the stages they went.
 */

/** The advisory types of the report, by family (migration 1763800000010). */
export const ADVISORY_TYPES = [
  'fonctionnement-associatif',
  'gestion-conflits',
  'organisation-travail',
  'relations-travail',
  'revision-structure-interne',
  'analyse-financiere',
  'emission-parts-ampli',
  'gestion-excedents',
  'planification-financiere',
  'plan-marketing',
  'planification-strategique',
  'redressement',
];

/** The accompaniment type of the work done while a project is at a stage; none once it operates. */
export const ACCOMPANIMENT_TYPE_OF_STAGE: Record<string, string> = {
  'premier-contact': 'premieres-rencontres',
  exploration: 'premieres-rencontres',
  accompagnement: 'analyse-prefaisabilite',
  prefaisabilite: 'analyse-prefaisabilite',
  'plan-affaires': 'plan-affaires',
  'plan-affaires-transfert': 'plan-affaires',
  'evaluation-negociation': 'plan-affaires',
  'montage-financier': 'montage-financier',
  constitution: 'constitution',
};

/** Advisory hours, in quarter hours: 884 h in 2023-2024 is the report's; 2022-2023's total is ours. */
export const ADVISORY_QUARTER_HOURS = { '2022-2023': 794 * 4, '2023-2024': 884 * 4 };

/** The most the demo gives an advisor on one day: a working day, far within the service's 24 hours. */
const DAY_LIMIT_QUARTER_HOURS = 8 * 4;

/** How co-ops' shares of the year's hours compare (some need a little help, some a great deal). */
const SHARE_WEIGHTS = [3, 5, 2, 8, 4, 6, 2, 10, 3, 4, 7, 2];
/** The lengths of successive advisory entries, in quarter hours (2 h, 3 h, 1.5 h, ...). */
const ADVISORY_LENGTHS = [8, 12, 6, 10, 14, 16, 7, 12];
/** The lengths of successive accompaniment entries, in quarter hours. */
const ACCOMPANIMENT_LENGTHS = [6, 10, 8, 12, 5];

const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Saturday and Sunday, read from the day number (1970-01-01, day 0, was a Thursday). */
const isWeekend = (day: number) => (day + 4) % 7 === 0 || (day + 4) % 7 === 6;

export interface PlannedEntry {
  advisorId: number;
  projectId: number | null;
  organizationId: number | null;
  workedOn: string;
  quarterHours: number;
  interventionTypeCode: string;
}

/** Each advisor's booked days, so that no day of theirs goes past a working day's hours. */
export class AdvisorDays {
  private readonly booked = new Map<string, number>();

  /**
   * The weekday nearest after `wanted` (else before it), between `first` and `last`, on which the
   * advisor still has room for these hours; books it.
   */
  place(advisorId: number, wanted: string, first: string, last: string, quarterHours: number): string {
    const [from, to, start] = [toDay(first), toDay(last), Math.min(Math.max(toDay(wanted), toDay(first)), toDay(last))];
    for (const direction of [1, -1]) {
      for (let day = start; day >= from && day <= to; day += direction) {
        const key = `${advisorId}:${day}`;
        const used = this.booked.get(key) ?? 0;
        if (isWeekend(day) || used + quarterHours > DAY_LIMIT_QUARTER_HOURS) continue;
        this.booked.set(key, used + quarterHours);
        return fromDay(day);
      }
    }
    throw new Error(`Demo data: advisor ${advisorId} has no room for ${quarterHours} quarter hours ${first}..${last}`);
  }
}

/** Splits an amount of quarter hours into entries of the given lengths, none shorter than an hour. */
function split(total: number, lengths: number[], offset: number): number[] {
  const parts: number[] = [];
  for (let left = total, k = offset; left > 0; k++) {
    const length = lengths[k % lengths.length];
    const part = left - length < 4 ? left : length;
    parts.push(part);
    left -= part;
  }
  return parts;
}

/** A co-op served in a year: its id, and its last day as a member if it left. */
export interface ServedCoop {
  id: number;
  leftOn: string | null;
}

/**
 * A reporting year's advisory entries: exactly `totalQuarterHours`, shared among the co-ops by
 * weight; each co-op has its advisor, a main and a second type, and visits spread over the year
 * (up to its last day as a member, for one that left).
 */
export function advisoryEntries(
  year: { first: string; last: string },
  coops: ServedCoop[],
  totalQuarterHours: number,
  advisorIds: number[],
  days: AdvisorDays,
): PlannedEntry[] {
  const weights = coops.map((_, i) => SHARE_WEIGHTS[i % SHARE_WEIGHTS.length]);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((totalQuarterHours * w) / weightSum));
  const remainder = totalQuarterHours - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) shares[i % shares.length] += 1;

  const yearDays = toDay(year.last) - toDay(year.first) + 1;
  return coops.flatMap((coop, i) => {
    const last = coop.leftOn && coop.leftOn < year.last ? coop.leftOn : year.last;
    const span = toDay(last) - toDay(year.first) + 1;
    const parts = split(shares[i], ADVISORY_LENGTHS, i);
    const [main, second] = [ADVISORY_TYPES[i % 12], ADVISORY_TYPES[(i * 5 + 3) % 12]];
    return parts.map((quarterHours, j) => {
      const advisorId = advisorIds[(i + (j % 4 === 3 ? 1 : 0)) % advisorIds.length];
      const wanted = fromDay(toDay(year.first) + Math.floor(((j + 0.5) * Math.min(span, yearDays)) / parts.length));
      return {
        advisorId,
        projectId: null,
        organizationId: coop.id,
        workedOn: days.place(advisorId, wanted, year.first, last, quarterHours),
        quarterHours,
        interventionTypeCode: j % 3 === 2 ? second : main,
      };
    });
  });
}

/** A stage a project went through: from the day it entered to the day before the next step. */
export interface ProjectPhase {
  stage: string;
  from: string;
  until: string;
}

/** Two entries for each stage of accompaniment a project went through, by its advisor, during the stage. */
export function accompanimentEntries(
  project: { id: number; advisorId: number; phases: ProjectPhase[] },
  index: number,
  days: AdvisorDays,
): PlannedEntry[] {
  return project.phases.flatMap((phase, p) => {
    const type = ACCOMPANIMENT_TYPE_OF_STAGE[phase.stage];
    if (!type) return [];
    return [0, 1].map((j) => {
      const quarterHours = ACCOMPANIMENT_LENGTHS[(index + p * 2 + j) % ACCOMPANIMENT_LENGTHS.length];
      const wanted = fromDay(toDay(phase.from) + 2 + j * 12);
      return {
        advisorId: project.advisorId,
        projectId: project.id,
        organizationId: null,
        workedOn: days.place(project.advisorId, wanted, phase.from, phase.until, quarterHours),
        quarterHours,
        interventionTypeCode: type,
      };
    });
  });
}
