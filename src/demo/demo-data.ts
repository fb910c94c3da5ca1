/**
 * Demo data: the federation's 2023-2024 year as its annual report tells it.
 *
 * The ten Parcours COOP projects below are named in the report. Everything the report counts
 * without naming (six Parcours projects that did not complete, the start-up and transfer
 * accompaniments) is a stand-in marked fictitious, with a name that says so.
 */
import type { CoopType, ProjectKind } from '../projects/project.entity.js';
import type { Role, Language } from '../users/user.entity.js';

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
}

export const DEMO_USERS: DemoUser[] = [
  { key: 'admin', email: 'admin@demo.coop.example', name: 'Administration (démo)', role: 'admin', language: 'fr' },
  {
    key: 'coordinator',
    email: 'coordination@demo.coop.example',
    name: 'Coordination (démo)',
    role: 'coordinator',
    language: 'fr',
  },
  {
    key: 'advisorA',
    email: 'conseillere@demo.coop.example',
    name: 'Conseillère (démo)',
    role: 'advisor',
    language: 'fr',
  },
  {
    key: 'advisorB',
    email: 'conseiller@demo.coop.example',
    name: 'Conseiller (démo)',
    role: 'advisor',
    language: 'en',
  },
  { key: 'viewer', email: 'lecture@demo.coop.example', name: 'Lecture seule (démo)', role: 'viewer', language: 'fr' },
];

export interface DemoCohort {
  number: number;
  label: string;
  startsOn: string;
  endsOn: string;
}

export const PARCOURS_COOP_COHORTS: DemoCohort[] = [
  { number: 19, label: 'Printemps 2023', startsOn: '2023-04-12', endsOn: '2023-09-13' },
  { number: 20, label: 'Automne 2023', startsOn: '2023-10-04', endsOn: '2024-03-06' },
];

/** A dated step after enrolment: a stage code, or abandoned / on_hold with a reason. */
export type DemoStep = { to: string; on: string; reason?: string; note?: string };

export interface DemoParcoursProject {
  cohort: number;
  name: string;
  sector: string;
  kind: ProjectKind;
  coopType: CoopType;
  region: string;
  entrepreneurs: number;
  fictitious: boolean;
  enrolledOn: string;
  steps: DemoStep[];
}

const completed = (start: string, end: string, incorporated: string, operating?: string): DemoStep[] => [
  { to: 'formation', on: start },
  { to: 'formation-completee', on: end },
  { to: 'constitution', on: incorporated },
  ...(operating ? [{ to: 'en-activite', on: operating }] : []),
];

export const PARCOURS_COOP_PROJECTS: DemoParcoursProject[] = [
  // Cohort 19, spring 2023: four completed, four incorporated.
  {
    cohort: 19,
    name: "L'Alouette",
    sector: 'traduction',
    kind: 'startup',
    coopType: 'worker',
    region: '06',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-03-20',
    steps: completed('2023-04-12', '2023-09-13', '2023-11-08', '2024-01-15'),
  },
  {
    cohort: 19,
    name: 'Lab 148',
    sector: 'arts numériques',
    kind: 'startup',
    coopType: 'worker',
    region: '06',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-03-22',
    steps: completed('2023-04-12', '2023-09-13', '2023-12-05'),
  },
  {
    cohort: 19,
    name: 'Cooped Up',
    sector: 'jeux vidéo',
    kind: 'startup',
    coopType: 'worker',
    region: '03',
    entrepreneurs: 4,
    fictitious: false,
    enrolledOn: '2023-03-27',
    steps: completed('2023-04-12', '2023-09-13', '2023-10-24', '2024-02-01'),
  },
  {
    cohort: 19,
    name: 'La Sesh',
    sector: 'production musicale',
    kind: 'startup',
    coopType: 'worker',
    region: '06',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-03-29',
    steps: completed('2023-04-12', '2023-09-13', '2024-02-20'),
  },
  {
    cohort: 19,
    name: 'Projet fictif A (démo)',
    sector: 'boulangerie (fictif)',
    kind: 'startup',
    coopType: 'worker',
    region: '05',
    entrepreneurs: 2,
    fictitious: true,
    enrolledOn: '2023-03-30',
    steps: [
      { to: 'formation', on: '2023-04-12' },
      { to: 'abandoned', on: '2023-06-02', reason: 'Équipe dissoute (démo)' },
    ],
  },
  {
    cohort: 19,
    name: 'Projet fictif B (démo)',
    sector: 'services informatiques (fictif)',
    kind: 'startup',
    coopType: 'worker',
    region: '13',
    entrepreneurs: 2,
    fictitious: true,
    enrolledOn: '2023-04-03',
    steps: [
      { to: 'formation', on: '2023-04-12' },
      { to: 'abandoned', on: '2023-07-19', reason: 'Manque de financement (démo)' },
    ],
  },
  {
    cohort: 19,
    name: 'Projet fictif C (démo)',
    sector: 'agriculture urbaine (fictif)',
    kind: 'startup',
    coopType: 'solidarity',
    region: '06',
    entrepreneurs: 2,
    fictitious: true,
    enrolledOn: '2023-04-05',
    steps: [
      { to: 'formation', on: '2023-04-12' },
      { to: 'on_hold', on: '2023-08-10', reason: 'Promoteurs en pause pour raisons familiales (démo)' },
    ],
  },
  // Cohort 20, autumn 2023: six completed, six incorporated, two of them takeovers.
  {
    cohort: 20,
    name: 'Coop Aventure Mattawin',
    sector: 'plein air et loisir',
    kind: 'transfer',
    coopType: 'worker',
    region: '04',
    entrepreneurs: 4,
    fictitious: false,
    enrolledOn: '2023-09-18',
    steps: completed('2023-10-04', '2024-03-06', '2024-04-30', '2024-05-15'),
  },
  {
    cohort: 20,
    name: 'Lurlubelrue',
    sector: 'réparation de vélo',
    kind: 'transfer',
    coopType: 'worker',
    region: '06',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-09-20',
    steps: completed('2023-10-04', '2024-03-06', '2024-06-11'),
  },
  {
    cohort: 20,
    name: 'Les Norkotières',
    sector: 'plein air et loisir',
    kind: 'startup',
    coopType: 'worker',
    region: '10',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-09-21',
    steps: completed('2023-10-04', '2024-03-06', '2024-05-22'),
  },
  {
    cohort: 20,
    name: 'Dimension physio',
    sector: 'physiothérapie',
    kind: 'startup',
    coopType: 'worker',
    region: '16',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-09-25',
    steps: completed('2023-10-04', '2024-03-06', '2024-04-17', '2024-09-03'),
  },
  {
    cohort: 20,
    name: 'La Tétro',
    sector: 'salle de diffusion',
    kind: 'startup',
    coopType: 'solidarity',
    region: '03',
    entrepreneurs: 3,
    fictitious: false,
    enrolledOn: '2023-09-26',
    steps: completed('2023-10-04', '2024-03-06', '2024-07-09'),
  },
  {
    cohort: 20,
    name: 'La Seiche',
    sector: 'impression et édition',
    kind: 'startup',
    coopType: 'worker',
    region: '06',
    entrepreneurs: 2,
    fictitious: false,
    enrolledOn: '2023-09-28',
    steps: completed('2023-10-04', '2024-03-06', '2024-08-20'),
  },
  {
    cohort: 20,
    name: 'Projet fictif D (démo)',
    sector: 'traiteur (fictif)',
    kind: 'startup',
    coopType: 'worker',
    region: '07',
    entrepreneurs: 2,
    fictitious: true,
    enrolledOn: '2023-09-29',
    steps: [
      { to: 'formation', on: '2023-10-04' },
      { to: 'abandoned', on: '2023-12-12', reason: 'Manque de financement (démo)' },
    ],
  },
  {
    cohort: 20,
    name: 'Projet fictif E (démo)',
    sector: 'entretien ménager (fictif)',
    kind: 'startup',
    coopType: 'worker',
    region: '14',
    entrepreneurs: 3,
    fictitious: true,
    enrolledOn: '2023-10-02',
    steps: [{ to: 'abandoned', on: '2023-10-03', reason: "L'équipe renonce avant le début de la formation (démo)" }],
  },
  {
    cohort: 20,
    name: 'Projet fictif F (démo)',
    sector: 'librairie (fictif)',
    kind: 'startup',
    coopType: 'producer',
    region: '06',
    entrepreneurs: 2,
    fictitious: true,
    enrolledOn: '2023-10-03',
    steps: [
      { to: 'formation', on: '2023-10-04' },
      { to: 'on_hold', on: '2024-01-22', reason: "Recherche d'un local (démo)" },
    ],
  },
];

/** Sectors for the accompaniment stand-ins; the "(fictif)" marks them as invented. */
export const STAND_IN_SECTORS = [
  'café-bistro',
  'menuiserie',
  'design graphique',
  'épicerie',
  'garderie',
  'architecture',
  'soins à domicile',
  'brasserie artisanale',
  'communication',
  'transport',
  'vêtements',
  'recyclage',
  'informatique',
  'tourisme',
].map((sector) => `${sector} (fictif)`);

/**
 * Start-up accompaniment 2023-2024, as counted in the report: 42 teams met, 20 engaged in formal
 * accompaniment, 11 incorporated. How the others ended is ours to choose for the demo.
 */
export const DEMARRAGE_OUTCOMES: { count: number; path: string[]; ending?: 'abandoned' }[] = [
  { count: 6, path: ['accompagnement', 'plan-affaires', 'montage-financier', 'constitution', 'en-activite'] },
  { count: 5, path: ['accompagnement', 'plan-affaires', 'montage-financier', 'constitution'] },
  { count: 3, path: ['accompagnement', 'plan-affaires', 'montage-financier'] },
  { count: 4, path: ['accompagnement', 'plan-affaires'] },
  { count: 2, path: ['accompagnement'], ending: 'abandoned' },
  { count: 14, path: [], ending: 'abandoned' },
  { count: 8, path: [] },
];

/** Transfer accompaniment 2023-2024: 13 takeovers, from pre-feasibility to financial set-up. */
export const TRANSFERTCOOP_OUTCOMES: { count: number; path: string[] }[] = [
  { count: 4, path: ['prefaisabilite'] },
  { count: 3, path: ['prefaisabilite', 'plan-affaires-transfert'] },
  { count: 3, path: ['prefaisabilite', 'plan-affaires-transfert', 'evaluation-negociation'] },
  { count: 3, path: ['prefaisabilite', 'plan-affaires-transfert', 'evaluation-negociation', 'montage-financier'] },
];

/**
 * Follow-up tasks for each demo advisor, due relative to the day the demo is loaded, so that the
 * first digest has something overdue, something due and something coming.
 */
export const DEMO_FOLLOW_UPS: { dueInDays: number; note: string }[] = [
  { dueInDays: -3, note: "Relancer l'équipe au sujet du montage financier (réponse de la caisse attendue)" },
  { dueInDays: 0, note: 'Préparer la rencontre de suivi : états financiers prévisionnels et convention d’associés' },
  { dueInDays: 7, note: "Vérifier l'avancement du plan d'affaires avec l'équipe" },
];

/**
 * Parcours COOP satisfaction 2023-2024: every participant rated the program 4 or 5 out of 5 and a
 * quarter gave 5. The report gives the shares, not the answers: these 20 (5 fives, 15 fours) are
 * ours, chosen to give exactly 100 % and 25 %, and are stored marked as demo.
 */
export const PARCOURS_COOP_RATINGS: { cohort: number; fives: number; fours: number }[] = [
  { cohort: 19, fives: 2, fours: 6 },
  { cohort: 20, fives: 3, fours: 9 },
];
