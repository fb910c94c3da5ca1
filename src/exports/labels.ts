import type { DeliveryMode } from '../cohorts/cohort.entity.js';
import type { Milestone } from '../programs/stage.entity.js';
import type { EnrollmentStatus } from '../projects/enrollment.entity.js';
import type { CoopType, ProjectKind } from '../projects/project.entity.js';
import type { ExportLang, Localised } from './export-format.js';

/** What users read for the values the API writes as codes. */
export const KIND_LABELS: Record<ProjectKind, Localised> = {
  startup: { fr: 'Démarrage', en: 'Start-up' },
  transfer: { fr: 'Transfert', en: 'Takeover' },
};

export const COOP_TYPE_LABELS: Record<CoopType, Localised> = {
  worker: { fr: 'Coopérative de travail', en: 'Worker co-op' },
  producer: { fr: 'Coopérative de producteurs', en: 'Producer co-op' },
  solidarity: { fr: 'Coopérative de solidarité', en: 'Solidarity co-op' },
};

export const STATUS_LABELS: Record<EnrollmentStatus, Localised> = {
  active: { fr: 'Actif', en: 'Active' },
  on_hold: { fr: 'En pause', en: 'On hold' },
  abandoned: { fr: 'Abandonné', en: 'Abandoned' },
};

export const DELIVERY_LABELS: Record<DeliveryMode, Localised> = {
  in_person: { fr: 'En présence', en: 'In person' },
  remote: { fr: 'À distance', en: 'Remote' },
  hybrid: { fr: 'Hybride', en: 'Hybrid' },
};

export const MILESTONE_LABELS: Record<Milestone, Localised> = {
  met: { fr: 'Rencontre', en: 'Met' },
  engaged: { fr: 'Accompagnement', en: 'Engaged' },
  training_completed: { fr: 'Formation complétée', en: 'Training completed' },
  incorporated: { fr: 'Constitution', en: 'Incorporated' },
  operating: { fr: 'En activité', en: 'Operating' },
};

/** The label in that language, or the code itself for a value no label knows (never an empty cell). */
export function labelOf<K extends string>(labels: Record<K, Localised>, code: string, lang: ExportLang): string {
  return (labels as Record<string, Localised | undefined>)[code]?.[lang] ?? code;
}

/** A stage's label in the user's language. */
export const stageLabel = (stage: { labelFr: string; labelEn: string }, lang: ExportLang) =>
  lang === 'fr' ? stage.labelFr : stage.labelEn;
