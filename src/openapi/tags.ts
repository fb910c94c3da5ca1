/** The tags of the document, declared at its root in this order, with what each groups. */
export const TAGS: Record<string, string> = {
  auth: 'Signing in and out, and setting a password from a reset e-mail.',
  users: 'Accounts: the people who use the service, their roles and languages.',
  programs: 'The four accompaniment programs and the stages of their pipelines.',
  cohorts: "The cohorts of the cohort programs (Parcours COOP, Parcours TransfertCOOP) and participants' ratings.",
  projects: 'Projects, their enrollments in programs, their moves from stage to stage, contacts and notes.',
  organizations: 'The co-ops the federation serves, their membership, and the project each grew from.',
  jobs: "Jobs created at a project's incorporation, kept by a takeover, and a co-op's workers: dated counts.",
  'follow-ups': 'Tasks that keep advisors on time: due dates, outcomes, snoozes, check-ins.',
  financing: "Projects' financial set-ups: their funding requests to each source, and the list of sources admins keep.",
  'time-entries': 'Hours advisors record for projects and co-ops, and the managed list of intervention types.',
  figures: "The figures the federation reports, computed through the queue: a cohort's, a program's year.",
  exports: "A cohort's results and the funders' reports, as CSV, XLSX or JSON.",
  reports: "The year's advisory services and the funder's partnership table, as CSV, XLSX or JSON.",
  notifications: 'The record of e-mails the service sent.',
  schedules: 'The daily jobs (reminders, digests, the figures repair), run on demand.',
  health: 'Whether the service, its database, Redis and its jobs are well.',
};
