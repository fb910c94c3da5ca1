import { AuditEntry } from '../audit/audit-entry.entity.js';
import { PasswordReset } from '../accounts/password-reset.entity.js';
import { SignedOutToken } from '../auth/signed-out-token.entity.js';
import { CalendarFeed } from '../calendar/calendar-feed.entity.js';
import { Cohort } from '../cohorts/cohort.entity.js';
import { ExportLogEntry } from '../exports/export-log.entity.js';
import { FigureDirtyMark } from '../figures/figure-dirty-mark.entity.js';
import { FigureFailure } from '../figures/figure-failure.entity.js';
import { FigureSnapshot } from '../figures/figure-snapshot.entity.js';
import { JobCount } from '../jobs/job-count.entity.js';
import { FinancingSource } from '../financing/financing-source.entity.js';
import { FundingRequest } from '../financing/funding-request.entity.js';
import { InterventionFamily } from '../interventions/intervention-family.entity.js';
import { InterventionType } from '../interventions/intervention-type.entity.js';
import { FollowUp } from '../follow-ups/follow-up.entity.js';
import { ImportLogEntry } from '../imports/import-log.entity.js';
import { ProjectNote } from '../follow-ups/project-note.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { PrivacyRequest } from '../privacy/privacy-request.entity.js';
import { Program } from '../programs/program.entity.js';
import { Stage } from '../programs/stage.entity.js';
import { Contact } from '../projects/contact.entity.js';
import { Enrollment } from '../projects/enrollment.entity.js';
import { Project } from '../projects/project.entity.js';
import { Transition } from '../projects/transition.entity.js';
import { SatisfactionRating } from '../satisfaction/satisfaction-rating.entity.js';
import { TimeEntry } from '../time-entries/time-entry.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [
  User,
  Program,
  Stage,
  Cohort,
  Project,
  Contact,
  Enrollment,
  Transition,
  FigureSnapshot,
  FigureDirtyMark,
  FigureFailure,
  FollowUp,
  ProjectNote,
  Notification,
  SatisfactionRating,
  ExportLogEntry,
  ImportLogEntry,
  SignedOutToken,
  PasswordReset,
  CalendarFeed,
  PrivacyRequest,
  Organization,
  JobCount,
  FinancingSource,
  FundingRequest,
  InterventionFamily,
  InterventionType,
  TimeEntry,
  AuditEntry,
];
