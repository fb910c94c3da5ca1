// The types of every operation of openapi.json, written by `npm run openapi`: do not edit.
// A change to the API that breaks a client breaks the compilation of the code that uses them.

export interface paths {
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed what
         * @description Roles: admins, coordinators.
         *
         *     Every creation, change and deletion of projects (their snoozes too), enrollments (a change of cohort), contacts, cohorts, programs (check-in offsets) and their stages, users (role, activity, password resets; never a password), follow-up tasks, notes, ratings, hours, job counts, funding requests, financing sources, intervention types and organizations: who, when, and the fields before and after. Stage moves are in each project's history (`GET /projects/:id/transitions`), not here. An erased contact's name and e-mail are blanked in every entry. Newest first, paged.
         */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description No token needed.
         *
         *     Trades an e-mail and password for an access token. Attempts are counted per account and per client address (10 and 60 a minute by default), whether they succeed or not.
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Any signed-in user.
         *
         *     The token sent stops working at once, on every api process; the user's other tokens go on.
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the users
         * @description Roles: admins, coordinators.
         *
         *     Every account, deactivated ones included, by id. Coordinators read it to assign projects.
         */
        get: operations["UsersController_list"];
        put?: never;
        /**
         * Create a user
         * @description Roles: admins.
         *
         *     The e-mail is stored in lower case; the language is French unless given.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user
         * @description Roles: admins, coordinators.
         */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description Roles: admins.
         *
         *     Only the fields sent change. A new password, and deactivation, make every token of the user stop working.
         */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get your own account
         * @description Any signed-in user.
         *
         *     Who the token belongs to.
         */
        get: operations["AccountController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change your own account
         * @description Any signed-in user.
         *
         *     Your name, language and password; only the fields sent change. A new password needs `currentPassword`, is checked like a sign-in attempt (and counted against the same limits), and revokes every token of the account, this one included: the answer then carries a fresh `accessToken` to go on with.
         */
        patch: operations["AccountController_update"];
        trace?: never;
    };
    "/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a reset of a user's password
         * @description Roles: admins.
         *
         *     E-mails the user, in their language, a link that sets a new password: valid one hour, once. A new reset replaces the one before. The password stays as it is until the link is used.
         */
        post: operations["PasswordResetsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the token of a reset e-mail
         * @description No token needed.
         *
         *     Every token of the account stops working; sign in with the new password.
         */
        post: operations["PasswordResetsController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the programs
         * @description Any signed-in user.
         *
         *     The four programs, in order, each with its stages.
         */
        get: operations["ProgramsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a program with its stages
         * @description Any signed-in user.
         */
        get: operations["ProgramsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a program's settings
         * @description Roles: admins.
         *
         *     The check-in offsets of a cohort program: days after a cohort ends when its active projects get a check-in.
         */
        patch: operations["ProgramsController_update"];
        trace?: never;
    };
    "/programs/{code}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a program's stages
         * @description Any signed-in user.
         *
         *     The pipeline, in order.
         */
        get: operations["ProgramsController_stages"];
        put?: never;
        /**
         * Add a stage to a program
         * @description Roles: admins.
         *
         *     Inserted at `position` (last by default); the figures of the program's scopes are recomputed.
         */
        post: operations["ProgramsController_addStage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}/stages/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reorder a program's stages
         * @description Roles: admins.
         *
         *     Positions are renumbered 1 to n; the figures count by the new order ("reached" follows it).
         */
        put: operations["ProgramsController_reorder"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}/stages/{stageCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a stage
         * @description Roles: admins.
         *
         *     Only a stage that no enrollment sits in and no move mentions; the others move up.
         */
        delete: operations["ProgramsController_deleteStage"];
        options?: never;
        head?: never;
        /**
         * Change a stage
         * @description Roles: admins.
         *
         *     Labels, milestone and stale threshold; the code never changes.
         */
        patch: operations["ProgramsController_updateStage"];
        trace?: never;
    };
    "/cohorts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List cohorts
         * @description Any signed-in user.
         *
         *     Oldest first (by start date), optionally of one program and one reporting year.
         */
        get: operations["CohortsController_list"];
        put?: never;
        /**
         * Create a cohort of a cohort program
         * @description Roles: admins, coordinators.
         */
        post: operations["CohortsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cohorts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a cohort
         * @description Any signed-in user.
         */
        get: operations["CohortsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a cohort
         * @description Roles: admins, coordinators.
         *
         *     Only the fields sent change. The cohort's figures and those of its program's year are recomputed (of both years when a new start date moves it to another).
         */
        patch: operations["CohortsController_update"];
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Any signed-in user.
         *
         *     One page of projects with their enrollments, without contacts. The filters on enrollments (`programCode`, `cohortId`, `stage`, `status`) must all hold for the same enrollment. Viewers get no free text: `statusReason`, `snoozeReason`, `note` and `reason` are left out.
         */
        get: operations["ProjectsController_list"];
        put?: never;
        /**
         * Create a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     Creates the project, its contacts and its enrollment in the program's first stage (the project and the enrollment at version 1). A project an advisor creates is assigned to them.
         */
        post: operations["ProjectsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project
         * @description Any signed-in user.
         *
         *     The project with its enrollments (each with its own `version`) and, for staff, its contacts. The ETag is the project's version, for `PATCH /projects/:id`; a move expects the version of its enrollment instead (`GET /projects/:id/enrollments/:programCode`). Viewers get no free text: `statusReason`, `snoozeReason`, `note` and `reason` are left out.
         */
        get: operations["ProjectsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a project's fields
         * @description Roles: admins, coordinators, advisors.
         *
         *     Changes the fields sent and bumps the project's version (nothing sent, nothing bumped). `If-Match` expects the project's version: the ETag of `GET /projects/:id`. Reassigning (`advisorId`) is for coordinators and admins.
         */
        patch: operations["ProjectsController_update"];
        trace?: never;
    };
    "/projects/{id}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol a project in another program
         * @description Roles: admins, coordinators, advisors.
         *
         *     The new enrollment starts at the program's first stage, at version 1.
         */
        post: operations["ProjectsController_addEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/enrollments/{programCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project's enrollment in a program
         * @description Any signed-in user.
         *
         *     The enrollment as the project's `enrollments` show it. Its ETag is the enrollment's version: what `If-Match` on `POST /projects/:id/transitions` expects for a move of this enrollment. Viewers get no `statusReason`.
         */
        get: operations["ProjectsController_getEnrollment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an enrollment's cohort
         * @description Roles: admins, coordinators, advisors.
         *
         *     Moves the enrollment to another cohort of its program, or out of any. It bumps the enrollment's version (the ETag sent back): a move sent with the version read before gets 409.
         */
        patch: operations["ProjectsController_changeCohort"];
        trace?: never;
    };
    "/projects/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project's history
         * @description Any signed-in user.
         *
         *     Every line of history of the project (or of its enrollment in `programCode`), oldest first, each with the days spent in what it left. Viewers get no `note` nor `reason`.
         */
        get: operations["ProjectsController_history"];
        put?: never;
        /**
         * Move a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     Moves one enrollment of the project (the only one, or the one `programCode` names) to a stage, or abandons it, puts it on hold or reopens it, and records the line of history. A move back to an earlier stage needs a `note`; abandoning or pausing needs a `reason`; `occurredAt` may be in the past, not before the enrollment's last move nor in the future. `If-Match` (or `expectedVersion`) expects the enrollment's version (the ETag of `GET /projects/:id/enrollments/:programCode`), not the project's.
         */
        post: operations["ProjectsController_move"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a contact to a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     The e-mail is stored in lower case.
         */
        post: operations["ProjectsController_addContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transitions/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move many projects at once
         * @description Roles: admins, coordinators, advisors.
         *
         *     Up to 1,000 moves, all or nothing (the end of a cohort, say), checked in the order sent: a project moved twice is checked as the earlier move leaves it. Each move follows the rules of `POST /projects/:id/transitions`; its `expectedVersion` is the version of the enrollment it moves, as the enrollment's ETag gives it. The first refusal names the move (`moves[i]` in the message, `details.index` and `details.projectId`) and nothing is recorded.
         */
        post: operations["BulkTransitionsController_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cohorts/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A cohort's figures
         * @description Any signed-in user.
         *
         *     Registered, completed, incorporated, operating, abandoned and on-hold projects, entrepreneurs, the completion rate and the cohort start rate (incorporated / completed, whenever the projects incorporated). Reads the figures the recompute job stored (one indexed read), or computes them now when none are stored yet or `fresh=true` asks for it. `pending` says whether a change is waiting for its recompute.
         */
        get: operations["FiguresController_cohortStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A program's figures for a reporting year
         * @description Any signed-in user.
         *
         *     The same counts over the year: a cohort program's cohorts that start in the year (one row each in `cohorts`), or the projects that entered an accompaniment program that year. `startRate` is the program-year start rate, incorporated / registered. Reads the figures the recompute job stored (one indexed read), or computes them now when none are stored yet or `fresh=true` asks for it. `pending` says whether a change is waiting for its recompute.
         */
        get: operations["FiguresController_programStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A program's funnel for a reporting year
         * @description Any signed-in user.
         *
         *     For each stage, how many of the year's projects reached it, how many are in it now and the median days spent in it; for each milestone, how many reached it and its rates against the previous milestone, the first one and every project (42 → 20 → 11: 48 %, 55 %, 26 %). Reads the figures the recompute job stored (one indexed read), or computes them now when none are stored yet or `fresh=true` asks for it. `pending` says whether a change is waiting for its recompute.
         */
        get: operations["FiguresController_programFunnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the e-mails sent
         * @description Roles: admins, coordinators.
         *
         *     Every e-mail the service sent or tried to send, newest first, a page at a time; filters combine.
         */
        get: operations["NotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an e-mail
         * @description Roles: admins, coordinators.
         */
        get: operations["NotificationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed e-mail again
         * @description Roles: admins, coordinators.
         *
         *     A new round of attempts (after fixing an address, or the mail server): the e-mail is `pending` again with no attempts and no error.
         */
        post: operations["NotificationsController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List follow-up tasks
         * @description Roles: admins, coordinators, advisors.
         *
         *     Advisors see their own (`assignee=me`, the default for them); coordinators and admins see everyone's by default. Each task's `state` is read on today's Montréal date. Paged, by due date then id.
         */
        get: operations["FollowUpsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/follow-ups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a follow-up task
         * @description Roles: admins, coordinators, advisors.
         */
        get: operations["FollowUpsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a follow-up task
         * @description Roles: admins, coordinators, advisors.
         *
         *     Marks it done (or reopens it), reschedules it, rewrites it, records what came of it, or hands it to someone else (coordinators and admins). Only the fields sent change. Marking it done or writing an outcome is activity on the project (it stops being stale). Answers the task as it is now.
         */
        patch: operations["FollowUpsController_update"];
        trace?: never;
    };
    "/projects/{id}/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a follow-up task on a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     For the project's advisor unless `assigneeId` names someone else (coordinators and admins). Writing a task is activity on the project.
         */
        post: operations["ProjectFollowUpsController_createFollowUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Snooze a project's stale alert
         * @description Roles: admins, coordinators, advisors.
         *
         *     Hides the stale alert (`GET /projects?stale=true`, the daily digest) until a date, with a reason; the project stays active. A snooze is not activity: it only hides the alert until its date. A new snooze replaces the one before.
         */
        post: operations["ProjectFollowUpsController_snooze"];
        /**
         * End a project's snooze
         * @description Roles: admins, coordinators, advisors.
         *
         *     The stale alert shows again at once if the project is stale; its activity is unchanged. Ending a snooze that is not there is no error.
         */
        delete: operations["ProjectFollowUpsController_unsnooze"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project's notes
         * @description Roles: admins, coordinators, advisors.
         *
         *     Newest first.
         */
        get: operations["ProjectNotesController_notes"];
        put?: never;
        /**
         * Write a note on a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     A note is activity: the project is no longer stale, and its stale alert starts over.
         */
        post: operations["ProjectNotesController_addNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make your secret calendar address
         * @description Any signed-in user.
         *
         *     An address (`<PUBLIC_URL>/calendar/<token>.ics`) that a calendar application subscribes to without signing in: your open follow-up tasks on their due dates, and the first and last days of the cohorts in which you advise a project (one that has not abandoned it). It replaces your address before, which stops working at once. The address is shown only in this answer: the service keeps a hash of its token.
         */
        post: operations["CalendarFeedController_create"];
        /**
         * Revoke your secret calendar address
         * @description Any signed-in user.
         *
         *     The address answers 404 from now on. Revoking when you have no address is not an error: the answer is the same 204.
         */
        delete: operations["CalendarFeedController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a user's calendar feed
         * @description No token needed.
         *
         *     An iCalendar file (RFC 5545) for a calendar application to subscribe to, read at the secret address `POST /users/me/calendar` gives: the open follow-up tasks assigned to the address’s owner, each an all-day event on its due date (its note and project; UID `follow-up-<id>@<host>`), and the first and last days of the cohorts in which they advise a project that has not abandoned it (UID `cohort-<id>-start@<host>` and `-end`), in their language. Applications read it again every hour.
         */
        get: operations["CalendarFileController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cohorts/{id}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A cohort's satisfaction
         * @description Any signed-in user.
         *
         *     How many participants answered, the share that rated the program 4 or 5, and the share that rated it 5; read from the answers, never stored.
         */
        get: operations["SatisfactionController_summary"];
        put?: never;
        /**
         * Record participants' ratings of a cohort
         * @description Roles: admins, coordinators.
         *
         *     One rating or many (up to 500), 1 to 5 each, all recorded or none. Answers the cohort's satisfaction with them counted.
         */
        post: operations["SatisfactionController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List co-ops
         * @description Any signed-in user.
         *
         *     By name, then id, a page at a time; the filters combine.
         */
        get: operations["OrganizationsController_list"];
        put?: never;
        /**
         * Record a co-op
         * @description Roles: admins, coordinators.
         *
         *     memberUntil is the last day as a member: it needs memberSince and is not before it (400 naming the field).
         */
        post: operations["OrganizationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The federation's members over a reporting year
         * @description Any signed-in user.
         *
         *     Members on the year's last day, co-ops that joined and left during the year, and the members by region, with the regions that had no member at the previous year's end. A co-op is a member on a day when memberSince is on or before it and memberUntil (its last day) is not before it.
         */
        get: operations["OrganizationsController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a co-op
         * @description Any signed-in user.
         */
        get: operations["OrganizationsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a co-op
         * @description Roles: admins.
         *
         *     For a co-op recorded by mistake. One that left the federation keeps its record, with memberUntil.
         */
        delete: operations["OrganizationsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change a co-op
         * @description Roles: admins, coordinators.
         *
         *     Only the fields sent change. memberUntil is the last day as a member: it needs memberSince and is not before it (400 naming the field).
         */
        patch: operations["OrganizationsController_update"];
        trace?: never;
    };
    "/projects/{id}/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the co-op a project became
         * @description Any signed-in user.
         */
        get: operations["ProjectOrganizationController_get"];
        put?: never;
        /**
         * Record the co-op a project became
         * @description Roles: admins, coordinators, advisors.
         *
         *     Creates the co-op from the project (its name unless another is given, its co-op type, region and sector) and links the two (`projectId`). The project must have reached its incorporated milestone in some program: its history shows it in the incorporation stage or a later one.
         */
        post: operations["ProjectOrganizationController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's jobs
         * @description Any signed-in user.
         *
         *     Jobs created at its incorporation and, for a takeover, jobs maintained: the latest count of each (null when none is recorded, which reports count apart from zero) and every count recorded.
         */
        get: operations["JobsController_ofProject"];
        put?: never;
        /**
         * Record a project's jobs
         * @description Roles: admins, coordinators, advisors.
         *
         *     Once the project has reached its incorporated milestone: the jobs it created, or the jobs a takeover kept. A later count does not erase an earlier one; the latest is the figure. A move to the incorporated stage can carry the count instead (`jobs` on the move).
         */
        post: operations["JobsController_recordForProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/organizations/{id}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A co-op's workers
         * @description Any signed-in user.
         *
         *     The latest count of its workers (null when none is recorded) and every count recorded.
         */
        get: operations["JobsController_ofOrganization"];
        put?: never;
        /**
         * Record a co-op's workers
         * @description Roles: admins, coordinators, advisors.
         *
         *     How many people work in the co-op on a date: for a co-op receiving advisory services, the jobs it maintains.
         */
        post: operations["JobsController_recordForOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cohorts/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a cohort's results
         * @description Any signed-in user.
         *
         *     One row per project (who they are, where they stand, the Montréal date each milestone was reached, the days since enrolment), then the cohort's figures as of the last recorded move (the stored ones when no change waits for them, else computed when the export starts, as `GET /cohorts/:id/stats?fresh=true`), and its satisfaction. CSV: the projects table, an empty line, then the figures. XLSX: sheets `Projets` and `Indicateurs` (`Projects`, `Figures` in English). JSON: `{cohort, projects, figures, satisfaction}`. The file is streamed as it is read, and the export is logged.
         */
        get: operations["ExportsController_cohort"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programs/{code}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a cohort program's year for the annual report
         * @description Any signed-in user.
         *
         *     The year's cohorts and their total (registered, completed, incorporated, completion and start rates, entrepreneurs, satisfaction; the total's start rate is incorporated / registered, a cohort's incorporated / completed), the funnel of each accompaniment program over the same year, and the transfer accompaniment's projects by current stage, computed from the recorded moves when the export starts, and the hours and jobs of the year's cohort projects: hours of their time entries dated in the year; jobs created and maintained, the latest count of each of them whose first move into its incorporated stage falls in the year, with how many lack a count (`missing`: start-ups for jobs created, takeovers for jobs maintained; a gap, never a zero). CSV: the four tables one after another, each under a title line. XLSX: one sheet per table. JSON: `{program, year, cohorts, total, funnels, transfersByStage, work, computedAt, pending}`. The export is logged.
         */
        get: operations["ExportsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the exports taken
         * @description Roles: admins, coordinators.
         *
         *     Every export served, newest first: who, what, which format and language, with contacts or not, when. Exports carry personal information (Law 25); a refused one is not logged. Paged.
         */
        get: operations["ExportsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import projects and their history from a spreadsheet
         * @description Roles: admins, coordinators.
         *
         *     A CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file (sheet `Projets` or `Projects`, else the first) in the layout the cohort export writes, French or English headers, one row per project and program: the README lists the columns. With `dryRun=true` (the default) the file is checked and the answer says what applying it would create or change, and every problem by row and column; nothing is written. With `dryRun=false` it is applied in one transaction, all or nothing: cohorts matched (or created) by program and number, projects by `N° de projet` or else by program, cohort and name, advisors by e-mail (an unknown one is a problem), each date a move recorded as a move by hand would be. Applying the same file again changes nothing. Files over 20 MB are refused (413). Every file sent is logged.
         */
        post: operations["ImportsController_importProjects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the files sent to the import
         * @description Roles: admins, coordinators.
         *
         *     Newest first: who, when, which file, dry run or applied, accepted or not, and what it did. Paged.
         */
        get: operations["ImportsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What is held about a person
         * @description Roles: admins.
         *
         *     Everything the service holds about the person with this e-mail (in any case): their contact rows with their projects, the e-mails sent to them, the cohort exports with contacts that may hold them, and their account. The request is recorded (who asked, when, how much was found), without the e-mail.
         */
        get: operations["PrivacyController_personalInformation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/people/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a person
         * @description Roles: admins.
         *
         *     Forgets the person with this e-mail everywhere, in one transaction: their contact rows are deleted, the e-mails sent to them keep no address, name or message (one not yet sent is marked failed), and the development outbox loses its copies. Figures never depend on contacts and stay as they are. The request is recorded with what it erased, without the e-mail.
         */
        post: operations["PrivacyController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}/contacts/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase a contact
         * @description Roles: admins, coordinators, advisors.
         *
         *     Erases the person from the project (Law 25: a person may ask to be forgotten), and blanks their address and messages in the record of e-mail. `POST /privacy/people/erase` erases a person from every project.
         */
        delete: operations["ContactErasureController_deleteContact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/financing-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the financing sources
         * @description Any signed-in user.
         *
         *     In order, retired ones included (`active: false`): requests made earlier still name them.
         */
        get: operations["FinancingSourcesController_list"];
        put?: never;
        /**
         * Add a financing source
         * @description Roles: admins.
         *
         *     Inserted at `position` (last by default).
         */
        post: operations["FinancingSourcesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/financing-sources/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a financing source
         * @description Roles: admins.
         *
         *     Only a source no request names; the others move up.
         */
        delete: operations["FinancingSourcesController_delete"];
        options?: never;
        head?: never;
        /**
         * Change a financing source
         * @description Roles: admins.
         *
         *     Labels, place in the list, and `active` (false retires it); the code never changes.
         */
        patch: operations["FinancingSourcesController_update"];
        trace?: never;
    };
    "/projects/{id}/funding-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's funding requests
         * @description Any signed-in user.
         *
         *     Oldest first, with their totals (granted: the requests granted or paid). Viewers read the amounts, never the notes.
         */
        get: operations["FundingRequestsController_list"];
        put?: never;
        /**
         * Record a funding request of a project
         * @description Roles: admins, coordinators, advisors.
         *
         *     One request of the project's financial set-up to one source; it is activity on the project.
         */
        post: operations["FundingRequestsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/funding-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a funding request
         * @description Roles: admins, coordinators, advisors.
         *
         *     A request recorded by mistake.
         */
        delete: operations["FundingRequestsController_delete"];
        options?: never;
        head?: never;
        /**
         * Change a funding request
         * @description Roles: admins, coordinators, advisors.
         *
         *     Any of its fields; the request as it will be is checked whole. A change of status drops the amount granted and the dates the new status does not take, unless they are sent.
         */
        patch: operations["FundingRequestsController_update"];
        trace?: never;
    };
    "/reports/financing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Report a year's financing
         * @description Roles: admins, coordinators, viewers.
         *
         *     Amounts requested and granted by source (in the list’s order) and by instrument, the projects financed, and the same per program and per cohort. Which date places a request in the year: its amount requested counts in the year of its `submittedOn` (a request in preparation, or without that date, counts in no year); its amount granted counts, for a granted or paid request, in the year of its `decidedOn` (a paid request recorded without it, in the year of its `paidOn`). A project is financed in the year when a grant of it was decided in the year; the network counts it once, each program and cohort it is enrolled in counts it (so the programs may add up to more than the network). Cents in JSON, dollars with two decimals in CSV and XLSX. CSV: four tables (by source, by instrument, by program with the network, by cohort), each under a title line. XLSX: one sheet per table. JSON: `{year, bySource, byInstrument, total, programs, cohorts}`. The export is logged.
         */
        get: operations["FinancingReportController_financing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/advisory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Report the advisory services of a year
         * @description Roles: admins, coordinators, viewers.
         *
         *     Advisory services are the time entries on co-ops dated in the reporting year. The hours (sums of the entries, in hours) and the distinct co-ops served, the same for the year before and the change, the hours by family and type of intervention (the list's order, every active advisory type even at 0), by advisor and by the co-op's region. Hours by advisor are personal: a viewer gets the same report without them. CSV: the tables one after another, each under a title line. XLSX: one sheet per table. JSON: `{year, from, to, hours, coops, previous, change, byFamily, byAdvisor, byRegion}`. The export is logged.
         */
        get: operations["ReportsController_advisoryReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/funder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Report a year to the CQCM's partnership agreement
         * @description Roles: admins, coordinators, viewers.
         *
         *     The table of the CQCM's *Entente de partenariat*, volet Accompagnement, for the network, rows in its order: `startUpInterventions`, `accompanimentInterventions`, `jobsCreated`, `jobsMaintained`, `totalInterventions`, `totalHours`. An **intervention** is one project or one co-op with a time entry dated in the year; a co-op grown from a project (`organizations.projectId`) and that project are one. It is **démarrage** when that project has an enrollment in `demarrage`, `transfertcoop`, `parcours-coop` or `parcours-transfertcoop` that was in its program during the year: enrolled before the year ended, and on the year's first day (Montréal time) neither past the incorporated milestone (no move before the year into its stage or a later one) nor abandoned (its last move before the year did not abandon it). Every other intervention, and every co-op without a project, is **accompagnement**. **Jobs created**: the latest `created` count of the projects that reached the incorporated milestone in the year (their first move into that stage or a later one happened in it); a start-up without one is `missing`. **Jobs maintained**: the latest `maintained` count of the takeovers that reached it in the year (without one: `missing`), plus the workers, at the latest date counted in the year, of the co-ops with advisory time in the year (without a count in the year: `missing`), except a co-op grown from a project incorporated in the year, whose jobs that project brings. Totals: interventions = démarrage + accompagnement; hours = every time entry of the year. CSV and XLSX: one line per row (indicator, value, without a count). JSON: `{year, from, to, rows}`. The export is logged.
         */
        get: operations["ReportsController_funderReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/schedules/{name}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a daily schedule now
         * @description Roles: admins.
         *
         *     Queues the schedule's tick as its daily run does, for today's Montréal date. The e-mails' keys still hold: nobody gets the same digest or check-in twice.
         */
        post: operations["SchedulesController_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/intervention-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the intervention types
         * @description Any signed-in user.
         *
         *     By family in order, each with its types in order, retired ones included (`active: false`).
         */
        get: operations["InterventionsController_list"];
        put?: never;
        /**
         * Add an intervention type to a family
         * @description Roles: admins.
         */
        post: operations["InterventionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/intervention-types/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an intervention type
         * @description Roles: admins.
         *
         *     Only a type no time entry uses.
         */
        delete: operations["InterventionsController_delete"];
        options?: never;
        head?: never;
        /**
         * Change an intervention type
         * @description Roles: admins.
         *
         *     Labels, position within its family, and whether it is active; the code never changes.
         */
        patch: operations["InterventionsController_update"];
        trace?: never;
    };
    "/time-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List time entries
         * @description Any signed-in user.
         *
         *     Everyone's, filtered, latest date first; `totalHours` sums every entry the filters match (a project's or a co-op's total). Viewers get every field but the note.
         */
        get: operations["TimeEntriesController_list"];
        put?: never;
        /**
         * Record time
         * @description Roles: admins, coordinators, advisors.
         *
         *     Hours an advisor spent on one date for one project or one co-op. An advisor records their own; coordinators and admins may name the advisor. 400 names the field, besides malformed ones, for: hours past 24 for the advisor on that date, all entries counted; a date after today in Montréal; an unknown or retired type, or one whose family does not serve the target; both or neither of projectId and organizationId.
         */
        post: operations["TimeEntriesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/time-entries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a time entry
         * @description Roles: admins, coordinators, advisors.
         *
         *     An advisor changes only their own entries, and only while their date (and the new date) is at most 30 days before today in Montréal; coordinators and admins any entry at any time.
         */
        delete: operations["TimeEntriesController_delete"];
        options?: never;
        head?: never;
        /**
         * Change a time entry
         * @description Roles: admins, coordinators, advisors.
         *
         *     Only the fields sent change, and the result is checked as a new entry. An advisor changes only their own entries, and only while their date (and the new date) is at most 30 days before today in Montréal; coordinators and admins any entry at any time. 400 names the field, besides malformed ones, for: hours past 24 for the advisor on that date, all entries counted; a date after today in Montréal; an unknown or retired type, or one whose family does not serve the target; both or neither of projectId and organizationId.
         */
        patch: operations["TimeEntriesController_update"];
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The state of the service and what it depends on
         * @description No token needed.
         *
         *     For people: the database, Redis, the queues, figure work waiting or failing, e-mail waiting or failed, and where sign-in attempts are counted. `degraded` (still 200) while Redis is away or the figures of a scope have failed for good. A part whose check itself fails shows `{error}` in its place.
         */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description No token needed.
         *
         *     For an orchestrator: restart the process when it does not answer. A worker answers it too.
         */
        get: operations["ProbesController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers and is migrated
         * @description No token needed.
         *
         *     For an orchestrator: send traffic while ready. Redis away leaves the api ready (GET /health says degraded).
         */
        get: operations["ProbesController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        AuditedEntity: "project" | "enrollment" | "contact" | "cohort" | "program" | "stage" | "user" | "follow_up" | "note" | "rating" | "time_entry" | "job_count" | "funding_request" | "financing_source" | "intervention_type" | "organization";
        ExportLogUserResponse: {
            /** @example 2 */
            id: number;
            /** @example Coordination (démo) */
            name: string;
            /**
             * Format: email
             * @example coordination@demo.coop.example
             */
            email: string;
        };
        /**
         * @description erase: a contact forgotten (Law 25), its details blanked in every entry
         * @enum {string}
         */
        AuditAction: "create" | "change" | "delete" | "erase";
        AuditEntryResponse: {
            /** @example 311 */
            id: number;
            /**
             * Format: date-time
             * @example 2024-04-02T13:45:00.000Z
             */
            occurredAt: string;
            /**
             * @description Who made it; null when the service did (a schedule, the retention)
             * @example {
             *       "id": 2,
             *       "name": "Coordination (démo)",
             *       "email": "coordination@demo.coop.example"
             *     }
             */
            user: components["schemas"]["ExportLogUserResponse"] | (never | null);
            /** @example project */
            entity: components["schemas"]["AuditedEntity"];
            /**
             * @description The entity's id, as text (a program's is its code)
             * @example 12
             */
            entityId: string;
            /**
             * @description The project it belongs to, if any
             * @example 12
             */
            projectId: number | null;
            /**
             * @description erase: a contact forgotten (Law 25), its details blanked in every entry
             * @example change
             */
            action: components["schemas"]["AuditAction"];
            /**
             * @description The fields before: null for a creation; for a change, only those that changed
             * @example {
             *       "region": "06",
             *       "entrepreneurCount": 4
             *     }
             */
            before: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The fields after: null for a deletion or an erasure
             * @example {
             *       "region": "03",
             *       "entrepreneurCount": 5
             *     }
             */
            after: {
                [key: string]: unknown;
            } | null;
        };
        AuditPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["AuditEntryResponse"][];
            /**
             * @description Entries that match, on every page
             * @example 1
             */
            total: number;
        };
        LoginDto: {
            /**
             * Format: email
             * @example conseillere@demo.coop.example
             */
            email: string;
            /** @example demo-coop-2024 */
            password: string;
        };
        AccessTokenResponse: {
            /**
             * @description A JWT: send it as `Authorization: Bearer <accessToken>`
             * @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjMsInJvbGUiOiJhZHZpc29yIn0.c2lnbmF0dXJl
             */
            accessToken: string;
            /**
             * @example Bearer
             * @enum {string}
             */
            tokenType: "Bearer";
            /**
             * @description How long the token works from now (JWT_EXPIRES_IN): seconds, minutes, hours or days
             * @example 12h
             */
            expiresIn: string;
        };
        /**
         * @description What the user may do (see the roles in the README)
         * @enum {string}
         */
        Role: "admin" | "coordinator" | "advisor" | "viewer";
        /**
         * @description The language of the e-mails the user gets
         * @enum {string}
         */
        Language: "fr" | "en";
        UserResponse: {
            /** @example 3 */
            id: number;
            /**
             * Format: email
             * @description In lower case; what the user signs in with
             * @example conseillere@demo.coop.example
             */
            email: string;
            /** @example Conseillère (démo) */
            name: string;
            /**
             * @description What the user may do (see the roles in the README)
             * @example advisor
             */
            role: components["schemas"]["Role"];
            /**
             * @description The language of the e-mails the user gets
             * @example fr
             */
            language: components["schemas"]["Language"];
            /**
             * @description false: deactivated, signs in no more
             * @example true
             */
            active: boolean;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2024-01-15T09:30:00.000Z
             */
            updatedAt: string;
        };
        CreateUserDto: {
            /**
             * Format: email
             * @description Trimmed and stored in lower case; one account per address
             * @example marie.tremblay@federation.example
             */
            email: string;
            /** @example demo-coop-2024 */
            password: string;
            /**
             * @description Spaces around it are removed
             * @example Marie Tremblay
             */
            name: string;
            /**
             * @description What the user may do (see the roles in the README)
             * @example advisor
             */
            role: components["schemas"]["Role"];
            /**
             * @description The language of the e-mails the user gets
             * @default fr
             * @example fr
             */
            language: components["schemas"]["Language"];
        };
        UpdateUserDto: {
            /**
             * @description Spaces around it are removed
             * @example Conseillère (démo)
             */
            name?: string;
            /**
             * @description The last active admin cannot lose the role (422)
             * @example advisor
             */
            role?: components["schemas"]["Role"];
            /**
             * @description The language of the e-mails the user gets
             * @example fr
             */
            language?: components["schemas"]["Language"];
            /**
             * @description A new password: every token of the user stops working
             * @example demo-coop-2024
             */
            password?: string;
            /**
             * @description false deactivates the account: its tokens stop working at once (not for the last active admin: 422); true reactivates it
             * @example false
             */
            active?: boolean;
        };
        UpdateOwnAccountDto: {
            /**
             * @description Spaces around it are removed
             * @example Conseillère (démo)
             */
            name?: string;
            /**
             * @description The language of the e-mails the user gets
             * @example fr
             */
            language?: components["schemas"]["Language"];
            /**
             * @description The new password; needs currentPassword, and revokes every token of the account
             * @example un-nouveau-mot-de-passe
             */
            password?: string;
            /**
             * @description The current password: required with password (400 without it, 422 when wrong)
             * @example demo-coop-2024
             */
            currentPassword?: string;
        };
        OwnAccountResponse: {
            /** @example 3 */
            id: number;
            /**
             * Format: email
             * @description In lower case; what the user signs in with
             * @example conseillere@demo.coop.example
             */
            email: string;
            /** @example Conseillère (démo) */
            name: string;
            /**
             * @description What the user may do (see the roles in the README)
             * @example advisor
             */
            role: components["schemas"]["Role"];
            /**
             * @description The language of the e-mails the user gets
             * @example fr
             */
            language: components["schemas"]["Language"];
            /**
             * @description false: deactivated, signs in no more
             * @example true
             */
            active: boolean;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2024-01-15T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * @description Only when the password changed: the token to use from now on
             * @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjMsInJvbGUiOiJhZHZpc29yIn0.c2lnbmF0dXJl
             */
            accessToken?: string;
            /**
             * @description Only when the password changed
             * @example Bearer
             * @enum {string}
             */
            tokenType?: "Bearer";
            /**
             * @description Only when the password changed: how long the new token works
             * @example 12h
             */
            expiresIn?: string;
        };
        StartedPasswordResetResponse: {
            /** @example 3 */
            userId: number;
            /**
             * Format: date-time
             * @description The link stops working then
             * @example 2024-05-01T15:00:00.000Z
             */
            expiresAt: string;
            /**
             * @description The e-mail in GET /notifications/{id} (its body is never shown)
             * @example 12
             */
            notificationId: number;
        };
        CompletePasswordResetDto: {
            /**
             * @description The token of the link in the e-mail the user received
             * @example q8Zt3pK0vYw1sXb6N2mLr5Hc9Ue4Ja7Df0Gi3Bo8Wx4
             */
            token: string;
            /**
             * @description The new password
             * @example un-nouveau-mot-de-passe
             */
            password: string;
        };
        /**
         * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
         * @enum {string}
         */
        Milestone: "met" | "engaged" | "training_completed" | "incorporated" | "operating";
        StageResponse: {
            /**
             * @description The stage row; paths and moves name a stage by its code instead
             * @example 12
             */
            id: number;
            /**
             * @description The program the stage belongs to
             * @example demarrage
             */
            programCode: string;
            /**
             * @description Stable: history and enrollments refer to the stage by it, so it never changes
             * @example accompagnement
             */
            code: string;
            /**
             * @description The label French readers see
             * @example Accompagnement formel
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Formal accompaniment
             */
            labelEn: string;
            /**
             * @description Place in the pipeline: the program's stages are numbered 1 to n
             * @example 2
             */
            position: number;
            /**
             * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
             * @example engaged
             */
            milestone: (null) | components["schemas"]["Milestone"];
            /**
             * @description Days an active project may sit in this stage with no activity before it is flagged to its advisor; null: never flagged
             * @example 90
             */
            staleAfterDays: number | null;
        };
        ProgramResponse: {
            /**
             * @description Stable: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop`
             * @example parcours-coop
             */
            code: string;
            /** @example Parcours COOP */
            nameFr: string;
            /** @example Parcours COOP (co-op start-up training) */
            nameEn: string;
            /**
             * @description true for a cohort program (Parcours): projects enrol in numbered cohorts and figures count per cohort; false for an accompaniment, counted per reporting year
             * @example true
             */
            usesCohorts: boolean;
            /**
             * @description Order of the programs in lists
             * @example 1
             */
            position: number;
            /**
             * @description Days after a cohort ends when its projects still active get a check-in, ascending; [] for none (always [] for a program without cohorts)
             * @example [
             *       30,
             *       90,
             *       180
             *     ]
             */
            checkInOffsets: number[];
            /** @description The pipeline, in order */
            stages: components["schemas"]["StageResponse"][];
        };
        UpdateProgramDto: {
            /**
             * @description Days after a cohort ends when its projects still active get a check-in, in any order (kept ascending); [] for none. A program without cohorts takes only []
             * @example [
             *       30,
             *       90,
             *       180
             *     ]
             */
            checkInOffsets?: number[];
        };
        CreateStageDto: {
            /**
             * @description Lower-case words of letters and digits joined by dashes; unique in the program and never changes. Not `abandoned`, `on_hold` nor `reopen`, which are move targets of their own
             * @example pre-incubation
             */
            code: string;
            /**
             * @description The label French readers see
             * @example Pré-incubation
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Pre-incubation
             */
            labelEn: string;
            /**
             * @description Where the stage goes, from 1 to one past the last stage (422 beyond); the stages from there move one down. Last when omitted
             * @example 1
             */
            position?: number;
            /**
             * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
             * @example null
             */
            milestone?: (null) | components["schemas"]["Milestone"];
            /**
             * @description Days an active project may sit in this stage with no activity before it is flagged to its advisor; null: never flagged
             * @example 90
             */
            staleAfterDays?: number | null;
        };
        ReorderStagesDto: {
            /**
             * @description Every stage code of the program, each once, in the new order (422 naming the missing and unknown)
             * @example [
             *       "premier-contact",
             *       "accompagnement",
             *       "plan-affaires",
             *       "montage-financier",
             *       "constitution",
             *       "en-activite"
             *     ]
             */
            codes: string[];
        };
        UpdateStageDto: {
            /**
             * @description The label French readers see
             * @example Pré-incubation
             */
            labelFr?: string;
            /**
             * @description The label English readers see
             * @example Pre-incubation
             */
            labelEn?: string;
            /**
             * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
             * @example null
             */
            milestone?: (null) | components["schemas"]["Milestone"];
            /**
             * @description Days an active project may sit in this stage with no activity before it is flagged to its advisor; null: never flagged
             * @example 90
             */
            staleAfterDays?: number | null;
        };
        /**
         * @description How the cohort is given: `in_person`, `remote` (at a distance, to all of Québec) or `hybrid`
         * @enum {string}
         */
        DeliveryMode: "in_person" | "remote" | "hybrid";
        CohortResponse: {
            /** @example 1 */
            id: number;
            /**
             * @description The cohort program it belongs to
             * @example parcours-coop
             */
            programCode: string;
            /**
             * @description Unique within the program
             * @example 19
             */
            number: number;
            /** @example Printemps 2023 */
            label: string;
            /**
             * Format: date
             * @description First day of the cohort
             * @example 2023-04-12
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day of the cohort
             * @example 2023-09-13
             */
            endsOn: string;
            /**
             * @description How the cohort is given: `in_person`, `remote` (at a distance, to all of Québec) or `hybrid`
             * @example remote
             */
            deliveryMode: components["schemas"]["DeliveryMode"];
            /**
             * @description How many projects the cohort takes at most; null: no limit
             * @example 12
             */
            capacity: number | null;
            /**
             * Format: date-time
             * @description When the cohort was created
             * @example 2023-03-01T14:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the cohort last changed
             * @example 2023-03-01T14:30:00.000Z
             */
            updatedAt: string;
            /**
             * @description The reporting year the cohort belongs to: the one in which it starts; null for a start date no reporting year can be written for
             * @example 2023-2024
             */
            year: string | null;
            /**
             * @description Projects enrolled in the cohort, including those that left it
             * @example 7
             */
            enrolledCount: number;
        };
        CreateCohortDto: {
            /**
             * @description A cohort program: `parcours-coop` or `parcours-transfertcoop` (422 for another)
             * @example parcours-coop
             */
            programCode: string;
            /**
             * @description Unique within the program (409 when taken)
             * @example 21
             */
            number: number;
            /**
             * @description Trimmed of surrounding spaces
             * @example Printemps 2024
             */
            label: string;
            /**
             * Format: date
             * @description First day of the cohort, a date between 1900-01-01 and 2199-12-31
             * @example 2024-04-10
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day of the cohort, a date between 1900-01-01 and 2199-12-31, not before it starts (422)
             * @example 2024-09-11
             */
            endsOn: string;
            /**
             * @description How the cohort is given: `in_person`, `remote` (at a distance, to all of Québec) or `hybrid`
             * @example remote
             */
            deliveryMode: components["schemas"]["DeliveryMode"];
            /**
             * @description How many projects the cohort takes at most; null: no limit
             * @example 12
             */
            capacity?: number | null;
        };
        UpdateCohortDto: {
            /**
             * @description Unique within the program (409 when taken)
             * @example 21
             */
            number?: number;
            /**
             * @description Trimmed of surrounding spaces
             * @example Printemps 2024
             */
            label?: string;
            /**
             * Format: date
             * @description First day of the cohort, a date between 1900-01-01 and 2199-12-31
             * @example 2024-04-10
             */
            startsOn?: string;
            /**
             * Format: date
             * @description Last day of the cohort, a date between 1900-01-01 and 2199-12-31, not before it starts (422)
             * @example 2024-09-11
             */
            endsOn?: string;
            /**
             * @description How the cohort is given: `in_person`, `remote` (at a distance, to all of Québec) or `hybrid`
             * @example remote
             */
            deliveryMode?: components["schemas"]["DeliveryMode"];
            /**
             * @description How many projects the cohort takes at most; null: no limit; not below the projects already enrolled (422)
             * @example 12
             */
            capacity?: number | null;
        };
        /**
         * @description A start-up or a takeover
         * @enum {string}
         */
        ProjectKind: "startup" | "transfer";
        /**
         * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
         * @enum {string}
         */
        CoopType: "worker" | "producer" | "solidarity";
        /**
         * @description Québec administrative region, 01 to 17
         * @enum {string}
         */
        Region: "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17";
        ContactDto: {
            /** @example Camille Roy */
            name: string;
            /**
             * Format: email
             * @description Stored in lower case
             * @example camille@example.org
             */
            email: string;
            /**
             * @description The language of the e-mail the contact gets
             * @default fr
             */
            language: components["schemas"]["Language"];
            /**
             * @description What the person agreed their information is used for (Law 25)
             * @example Suivi du projet et relances après la cohorte
             */
            consentPurpose?: string | null;
            /**
             * Format: date
             * @description The local date the person gave that consent, between 1900-01-01 and 2199-12-31
             * @example 2026-03-02
             */
            consentOn?: string | null;
        };
        CreateProjectDto: {
            /** @example Coop La Fabrique */
            name: string;
            /** @example ébénisterie */
            sector: string;
            /**
             * @description A start-up or a takeover
             * @example startup
             */
            kind: components["schemas"]["ProjectKind"];
            /**
             * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
             * @example worker
             */
            coopType: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region, 01 to 17
             * @example 06
             */
            region: components["schemas"]["Region"];
            /**
             * @description People starting the co-op
             * @example 3
             */
            entrepreneurCount: number;
            /**
             * @description The program the project is first enrolled in
             * @example parcours-coop
             */
            programCode: string;
            /**
             * @description A cohort of that program, if it has cohorts
             * @example 19
             */
            cohortId?: number;
            /**
             * @description The advisor in charge (an active advisor, coordinator or admin). An advisor creating a project is its advisor: they may leave it out or name themselves
             * @example 3
             */
            advisorId?: number;
            /**
             * @description When the project entered the first stage, if earlier than now: a date (`2024-05-01`: the start of that day in Montréal) or a date-time with its offset (`2024-05-01T14:30:00-04:00`), between 1900-01-01 and 2199-12-31
             * @example 2024-04-10
             */
            enrolledAt?: string;
            /** @description The team, 50 people at most */
            contacts?: components["schemas"]["ContactDto"][];
        };
        PersonResponse: {
            /** @example 3 */
            id: number;
            /** @example Conseillère (démo) */
            name: string;
        };
        ContactResponse: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            projectId: number;
            /** @example Camille Roy */
            name: string;
            /**
             * Format: email
             * @description Stored in lower case
             * @example camille@example.org
             */
            email: string;
            /**
             * @description The language of the e-mail the contact gets
             * @example fr
             */
            language: components["schemas"]["Language"];
            /**
             * @description What the person agreed their information is used for (Law 25); null when not recorded
             * @example Suivi du projet et relances après la cohorte
             */
            consentPurpose: string | null;
            /**
             * Format: date
             * @description The local date the person gave that consent; null when not recorded
             * @example 2026-03-02
             */
            consentOn: string | null;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            createdAt: string;
        };
        EnrollmentCohortResponse: {
            /** @example 19 */
            id: number;
            /**
             * @description The number the program gives the cohort
             * @example 19
             */
            number: number;
            /** @example Printemps 2023 */
            label: string;
        };
        EnrollmentStageResponse: {
            /**
             * @description The stage code, unique within the program
             * @example formation-completee
             */
            code: string;
            /** @example Formation complétée */
            labelFr: string;
            /** @example Training completed */
            labelEn: string;
            /**
             * @description Place in the pipeline, from 1
             * @example 3
             */
            position: number;
            /**
             * @description The milestone the figures count when a project reaches this stage; null for none
             * @example training_completed
             * @enum {string|null}
             */
            milestone: "met" | "engaged" | "training_completed" | "incorporated" | "operating" | null;
        };
        /**
         * @description active on its stage, on_hold (paused) or abandoned; the stage stays where it was left
         * @enum {string}
         */
        EnrollmentStatus: "active" | "on_hold" | "abandoned";
        EnrollmentResponse: {
            /** @example 4 */
            id: number;
            /** @example 1 */
            projectId: number;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description null outside any cohort
             * @example 19
             */
            cohortId: number | null;
            /**
             * @description The cohort, in short; null outside any cohort
             * @example {
             *       "id": 19,
             *       "number": 19,
             *       "label": "Printemps 2023"
             *     }
             */
            cohort: components["schemas"]["EnrollmentCohortResponse"] | (never | null);
            stage: components["schemas"]["EnrollmentStageResponse"];
            /**
             * @description active on its stage, on_hold (paused) or abandoned; the stage stays where it was left
             * @example active
             */
            status: components["schemas"]["EnrollmentStatus"];
            /**
             * @description Why it was abandoned or put on hold; null while active. Not shown to viewers.
             * @example Manque de financement (démo)
             */
            statusReason?: string | null;
            /**
             * @description Bumped by every move and cohort change of this enrollment. Send it back as `If-Match` (or `expectedVersion`) on a move; it is not the project's version
             * @example 4
             */
            version: number;
            /**
             * Format: date-time
             * @description When it entered the first stage
             * @example 2023-03-20T04:00:00.000Z
             */
            enrolledAt: string;
            /**
             * Format: date-time
             * @description When it reached its stage
             * @example 2023-09-13T04:00:00.000Z
             */
            stageEnteredAt: string;
            /**
             * Format: date-time
             * @description When its last move happened
             * @example 2023-09-13T04:00:00.000Z
             */
            lastMovedAt: string;
        };
        ProjectFinancingResponse: {
            /**
             * @description Cents asked over all its requests, whatever their status
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted: the requests granted or paid
             * @example 2000000
             */
            grantedCents: number;
            /**
             * @description How many requests it made
             * @example 2
             */
            requests: number;
        };
        ProjectResponse: {
            /** @example 1 */
            id: number;
            /** @example L'Alouette */
            name: string;
            /** @example traduction */
            sector: string;
            /**
             * @description A start-up or a takeover
             * @example startup
             */
            kind: components["schemas"]["ProjectKind"];
            /**
             * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
             * @example worker
             */
            coopType: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region: components["schemas"]["Region"];
            /**
             * @description People starting the co-op
             * @example 3
             */
            entrepreneurCount: number;
            /**
             * @description null when nobody is in charge
             * @example 3
             */
            advisorId: number | null;
            /**
             * @description The advisor in charge; null when nobody is
             * @example {
             *       "id": 3,
             *       "name": "Conseillère (démo)"
             *     }
             */
            advisor: components["schemas"]["PersonResponse"] | (never | null);
            /**
             * @description A demo stand-in for a project the annual report counts without naming
             * @example false
             */
            fictitious: boolean;
            /**
             * @description The project's version, bumped by every change of its fields (`PATCH /projects/:id`): the ETag of `GET /projects/:id` and what `If-Match` on `PATCH /projects/:id` expects. Moves do not change it: each enrollment has its own `version`
             * @example 2
             */
            version: number;
            /**
             * Format: date-time
             * @description The last move, task or note about the project: what "stale" is measured from
             * @example 2024-01-15T05:00:00.000Z
             */
            lastActivityAt: string;
            /**
             * Format: date
             * @description The stale alert is snoozed until this local date; null when not snoozed
             * @example 2027-01-15
             */
            snoozedUntil: string | null;
            /**
             * @description Why the alert is snoozed; null when not snoozed. Not shown to viewers.
             * @example La banque répond en janvier
             */
            snoozeReason?: string | null;
            /**
             * @description Who snoozed the alert
             * @example 3
             */
            snoozedById: number | null;
            /**
             * Format: date-time
             * @example 2026-11-23T15:30:00.000Z
             */
            snoozedAt: string | null;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            updatedAt: string;
            /** @description The team, oldest first. Only in the answers about this one project (not in lists), and never to viewers (personal information). */
            contacts?: components["schemas"]["ContactResponse"][];
            /** @description One per program, oldest first */
            enrollments: components["schemas"]["EnrollmentResponse"][];
            /** @description The totals of its financial set-up's funding requests (`GET /projects/:id/funding-requests`) */
            financing: components["schemas"]["ProjectFinancingResponse"];
            /**
             * @description The hours recorded for it, every date counted (`GET /time-entries?projectId=` lists them)
             * @example 12.5
             */
            hours: number;
        };
        ProjectPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            /** @description Without contacts */
            items: components["schemas"]["ProjectResponse"][];
            /**
             * @description Projects matching the filters, every page
             * @example 16
             */
            total: number;
        };
        UpdateProjectDto: {
            /** @example Coop La Fabrique */
            name?: string;
            /** @example ébénisterie */
            sector?: string;
            /** @example startup */
            kind?: components["schemas"]["ProjectKind"];
            /** @example worker */
            coopType?: components["schemas"]["CoopType"];
            /** @example 06 */
            region?: components["schemas"]["Region"];
            /** @example 4 */
            entrepreneurCount?: number;
            /**
             * @description The advisor in charge (an active advisor, coordinator or admin), or null for nobody. Only coordinators and admins reassign a project
             * @example 3
             */
            advisorId?: number | null;
        };
        CreateEnrollmentDto: {
            /**
             * @description A program the project is not enrolled in yet
             * @example transfertcoop
             */
            programCode: string;
            /**
             * @description A cohort of that program, if it has cohorts
             * @example 20
             */
            cohortId?: number;
            /**
             * @description When the project entered the program's first stage, if earlier than now: a date (`2024-05-01`: the start of that day in Montréal) or a date-time with its offset (`2024-05-01T14:30:00-04:00`), between 1900-01-01 and 2199-12-31
             * @example 2024-05-01
             */
            enrolledAt?: string;
        };
        UpdateEnrollmentDto: {
            /**
             * @description Another cohort of the same program, or null for none
             * @example 20
             */
            cohortId: number | null;
        };
        TransitionDto: {
            /**
             * @description A stage code of the enrollment's program; or `abandoned` or `on_hold` (both need `reason`), or `reopen` (back to the stage where it was left)
             * @example formation
             */
            to: string;
            /**
             * @description The program whose enrollment moves; needed only when the project is enrolled in more than one
             * @example parcours-coop
             */
            programCode?: string;
            /**
             * @description Why, in a few words; needed to move back to an earlier stage. Viewers never read it
             * @example Première séance faite
             */
            note?: string;
            /**
             * @description When it happened, if earlier than now (not before the enrollment's last move): a date (`2024-05-01`: the start of that day in Montréal) or a date-time with its offset (`2024-05-01T14:30:00-04:00`), between 1900-01-01 and 2199-12-31
             * @example 2024-05-01
             */
            occurredAt?: string;
            /**
             * @description Why the project leaves its path: required for `abandoned` and `on_hold`. Viewers never read it
             * @example Financement refusé
             */
            reason?: string;
            /**
             * @description The version of the enrollment this move expects (the enrollment's ETag or `version`, not the project's); a stale one gets 409. Same as `If-Match`
             * @example 1
             */
            expectedVersion?: number;
            /**
             * @description Only with a move to the incorporated stage: the jobs the project has at incorporation, recorded as jobs created (a start-up) or maintained (a takeover), dated by the move (`GET /projects/:id/jobs`)
             * @example 5
             */
            jobs?: number;
        };
        /**
         * @description enrol: entry into the first stage; move: to another stage; abandon, hold, reopen: status changes
         * @enum {string}
         */
        TransitionKind: "enrol" | "move" | "abandon" | "hold" | "reopen";
        /**
         * @description manual: recorded by someone through the API; system: by the service itself; import: from a file of projects (POST /imports/projects), dated as the file dates it
         * @enum {string}
         */
        TransitionSource: "manual" | "system" | "import";
        HistoryEntryResponse: {
            /** @example 42 */
            id: number;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description enrol: entry into the first stage; move: to another stage; abandon, hold, reopen: status changes
             * @example move
             */
            kind: components["schemas"]["TransitionKind"];
            /**
             * @description The stage left, or the status left (on_hold, abandoned); null for the entry into the program
             * @example formation
             */
            from: string | null;
            /**
             * @description The stage reached, or the status reached (on_hold, abandoned)
             * @example formation-completee
             */
            to: string;
            /**
             * @description The stage the enrollment is at after this line
             * @example formation-completee
             */
            stage: string;
            /** @example active */
            status: components["schemas"]["EnrollmentStatus"];
            /**
             * Format: date-time
             * @description When it happened (a date sent alone is the start of that day in Montréal)
             * @example 2023-09-13T04:00:00.000Z
             */
            occurredAt: string;
            /**
             * Format: date-time
             * @description When it was recorded
             * @example 2023-09-14T13:12:45.000Z
             */
            recordedAt: string;
            /**
             * @description Who recorded it; null when nobody did (the service, or a user since deleted)
             * @example {
             *       "id": 3,
             *       "name": "Conseillère (démo)"
             *     }
             */
            actor: components["schemas"]["PersonResponse"] | (never | null);
            /**
             * @description manual: recorded by someone through the API; system: by the service itself; import: from a file of projects (POST /imports/projects), dated as the file dates it
             * @example manual
             */
            source: components["schemas"]["TransitionSource"];
            /**
             * @description The note sent with the move; null without one. Not shown to viewers.
             * @example Première séance faite
             */
            note?: string | null;
            /**
             * @description Why it was abandoned or put on hold; null for other lines. Not shown to viewers.
             * @example Manque de financement (démo)
             */
            reason?: string | null;
            /**
             * @description Whole Montréal days spent in the stage or status this line left; null for the entry
             * @example 154
             */
            daysInStage: number | null;
        };
        MoveResponse: {
            transition: components["schemas"]["HistoryEntryResponse"];
            enrollment: components["schemas"]["EnrollmentResponse"];
        };
        BulkMoveDto: {
            /**
             * @description A stage code of the enrollment's program; or `abandoned` or `on_hold` (both need `reason`), or `reopen` (back to the stage where it was left)
             * @example formation
             */
            to: string;
            /**
             * @description The program whose enrollment moves; needed only when the project is enrolled in more than one
             * @example parcours-coop
             */
            programCode?: string;
            /**
             * @description Why, in a few words; needed to move back to an earlier stage. Viewers never read it
             * @example Première séance faite
             */
            note?: string;
            /**
             * @description When it happened, if earlier than now (not before the enrollment's last move): a date (`2024-05-01`: the start of that day in Montréal) or a date-time with its offset (`2024-05-01T14:30:00-04:00`), between 1900-01-01 and 2199-12-31
             * @example 2024-05-01
             */
            occurredAt?: string;
            /**
             * @description Why the project leaves its path: required for `abandoned` and `on_hold`. Viewers never read it
             * @example Financement refusé
             */
            reason?: string;
            /**
             * @description The version of the enrollment this move expects (the enrollment's ETag or `version`, not the project's); a stale one gets 409. Same as `If-Match`
             * @example 1
             */
            expectedVersion?: number;
            /**
             * @description Only with a move to the incorporated stage: the jobs the project has at incorporation, recorded as jobs created (a start-up) or maintained (a takeover), dated by the move (`GET /projects/:id/jobs`)
             * @example 5
             */
            jobs?: number;
            /**
             * @description The project to move
             * @example 1
             */
            projectId: number;
        };
        BulkTransitionsDto: {
            /** @description Applied in this order, all or nothing */
            moves: components["schemas"]["BulkMoveDto"][];
        };
        BulkMovesResponse: {
            moves: components["schemas"]["MoveResponse"][];
        };
        RateResponse: {
            /**
             * @description What is counted
             * @example 10
             */
            numerator: number;
            /**
             * @description What it is counted against; never 0
             * @example 16
             */
            denominator: number;
            /**
             * @description numerator / denominator, unrounded
             * @example 0.625
             */
            ratio: number;
            /**
             * @description The ratio as a whole percent, rounded half up (10 / 16 = 62.5 % is 63 %)
             * @example 63
             */
            percent: number;
        };
        CohortStatsResponse: {
            /**
             * @description Projects enrolled, including those that later left (abandoned or on hold)
             * @example 7
             */
            registered: number;
            /**
             * @description Registered projects that have reached the `training_completed` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            completed: number | null;
            /**
             * @description Registered projects that have reached the `incorporated` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            incorporated: number | null;
            /**
             * @description Registered projects that have reached the `operating` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 2
             */
            operating: number | null;
            /**
             * @description Registered projects abandoned now
             * @example 2
             */
            abandoned: number;
            /**
             * @description Registered projects on hold now
             * @example 1
             */
            onHold: number;
            /**
             * @description Entrepreneurs in the registered projects: the sum of their team sizes
             * @example 19
             */
            entrepreneurs: number;
            /**
             * @description The cohort id
             * @example 1
             */
            cohortId: number;
            /**
             * @description The cohort number within its program
             * @example 19
             */
            number: number;
            /** @example Printemps 2023 */
            label: string;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description The reporting year the cohort starts in
             * @example 2023-2024
             */
            year: string;
            /**
             * @description completed / registered; null when no project is registered or the program has no `training_completed` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 7,
             *       "ratio": 0.5714285714285714,
             *       "percent": 57
             *     }
             */
            completionRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The cohort start rate, incorporated / completed; null when no project has completed the training, or the program lacks the `training_completed` or the `incorporated` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 4,
             *       "ratio": 1,
             *       "percent": 100
             *     }
             */
            startRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * Format: date-time
             * @description When these figures were computed: by the last recompute job, or now with `fresh=true`
             * @example 2024-04-02T07:00:00.000Z
             */
            computedAt: string;
            /**
             * @description true when a change (a move, a cohort or stage edit) was recorded that the stored figures do not reflect yet: a recompute is on its way. Figures read with `fresh=true` already reflect every change; for them it says only that the stored ones lag behind
             * @example false
             */
            pending: boolean;
        };
        CohortFiguresResponse: {
            /**
             * @description Projects enrolled, including those that later left (abandoned or on hold)
             * @example 7
             */
            registered: number;
            /**
             * @description Registered projects that have reached the `training_completed` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            completed: number | null;
            /**
             * @description Registered projects that have reached the `incorporated` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            incorporated: number | null;
            /**
             * @description Registered projects that have reached the `operating` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 2
             */
            operating: number | null;
            /**
             * @description Registered projects abandoned now
             * @example 2
             */
            abandoned: number;
            /**
             * @description Registered projects on hold now
             * @example 1
             */
            onHold: number;
            /**
             * @description Entrepreneurs in the registered projects: the sum of their team sizes
             * @example 19
             */
            entrepreneurs: number;
            /**
             * @description The cohort id
             * @example 1
             */
            cohortId: number;
            /**
             * @description The cohort number within its program
             * @example 19
             */
            number: number;
            /** @example Printemps 2023 */
            label: string;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description The reporting year the cohort starts in
             * @example 2023-2024
             */
            year: string;
            /**
             * @description completed / registered; null when no project is registered or the program has no `training_completed` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 7,
             *       "ratio": 0.5714285714285714,
             *       "percent": 57
             *     }
             */
            completionRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The cohort start rate, incorporated / completed; null when no project has completed the training, or the program lacks the `training_completed` or the `incorporated` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 4,
             *       "ratio": 1,
             *       "percent": 100
             *     }
             */
            startRate: components["schemas"]["RateResponse"] | (never | null);
        };
        ProgramStatsResponse: {
            /**
             * @description Projects enrolled, including those that later left (abandoned or on hold)
             * @example 16
             */
            registered: number;
            /**
             * @description Registered projects that have reached the `training_completed` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 10
             */
            completed: number | null;
            /**
             * @description Registered projects that have reached the `incorporated` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 10
             */
            incorporated: number | null;
            /**
             * @description Registered projects that have reached the `operating` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            operating: number | null;
            /**
             * @description Registered projects abandoned now
             * @example 4
             */
            abandoned: number;
            /**
             * @description Registered projects on hold now
             * @example 2
             */
            onHold: number;
            /**
             * @description Entrepreneurs in the registered projects: the sum of their team sizes
             * @example 44
             */
            entrepreneurs: number;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description The reporting year asked for
             * @example 2023-2024
             */
            year: string;
            /**
             * @description completed / registered; null when no project is registered or the program has no `training_completed` milestone (start-up accompaniment has no training)
             * @example {
             *       "numerator": 10,
             *       "denominator": 16,
             *       "ratio": 0.625,
             *       "percent": 63
             *     }
             */
            completionRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The program-year start rate, incorporated / registered (unlike a cohort, whose start rate is incorporated / completed); null when no project is registered or the program has no `incorporated` milestone
             * @example {
             *       "numerator": 10,
             *       "denominator": 16,
             *       "ratio": 0.625,
             *       "percent": 63
             *     }
             */
            startRate: components["schemas"]["RateResponse"] | (never | null);
            /** @description Each cohort that starts in the year, by start date; empty for a program without cohorts */
            cohorts: components["schemas"]["CohortFiguresResponse"][];
            /**
             * Format: date-time
             * @description When these figures were computed: by the last recompute job, or now with `fresh=true`
             * @example 2024-04-02T07:00:00.000Z
             */
            computedAt: string;
            /**
             * @description true when a change (a move, a cohort or stage edit) was recorded that the stored figures do not reflect yet: a recompute is on its way. Figures read with `fresh=true` already reflect every change; for them it says only that the stored ones lag behind
             * @example false
             */
            pending: boolean;
        };
        FunnelStageResponse: {
            /**
             * @description The stage code
             * @example accompagnement
             */
            code: string;
            /** @example Accompagnement formel */
            labelFr: string;
            /** @example Formal accompaniment */
            labelEn: string;
            /**
             * @description Place in the pipeline, from 1
             * @example 2
             */
            position: number;
            /**
             * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
             * @example engaged
             */
            milestone: (null) | components["schemas"]["Milestone"];
            /**
             * @description The year's projects whose history reached this stage or a later one
             * @example 20
             */
            reached: number;
            /**
             * @description The year's projects in this stage now, active or on hold (abandoned ones are left out)
             * @example 0
             */
            current: number;
            /**
             * @description The median days a project spent in this stage while active, before its next move, to one decimal (the mean of the two middle stays when their number is even); null when no stay in it has ended
             * @example 45
             */
            medianDays: number | null;
        };
        FunnelMilestoneResponse: {
            /**
             * @description What reaching the stage means in the figures: `met` (a team met in pre-start), `engaged` (in formal accompaniment), `training_completed`, `incorporated` (the co-op legally exists), `operating`. A milestone marks one stage of a program at most; a stage without one has null
             * @example incorporated
             */
            milestone: components["schemas"]["Milestone"];
            /**
             * @description The code of the stage that carries the milestone
             * @example constitution
             */
            stageCode: string;
            /**
             * @description The year's projects whose history reached the milestone's stage or a later one
             * @example 11
             */
            reached: number;
            /**
             * @description reached / the previous milestone's reached (55 % of the accompanied incorporated); null for the first milestone, or when the previous one was reached by none
             * @example {
             *       "numerator": 11,
             *       "denominator": 20,
             *       "ratio": 0.55,
             *       "percent": 55
             *     }
             */
            fromPrevious: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description reached / the first milestone's reached (26 % of the teams met incorporated); 100 % for the first milestone; null when the first was reached by none
             * @example {
             *       "numerator": 11,
             *       "denominator": 42,
             *       "ratio": 0.2619047619047619,
             *       "percent": 26
             *     }
             */
            fromFirst: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description reached / every project of the funnel (`projects`); null when the funnel holds none
             * @example {
             *       "numerator": 11,
             *       "denominator": 42,
             *       "ratio": 0.2619047619047619,
             *       "percent": 26
             *     }
             */
            ofProjects: components["schemas"]["RateResponse"] | (never | null);
        };
        FunnelResponse: {
            /** @example demarrage */
            programCode: string;
            /**
             * @description The reporting year asked for
             * @example 2023-2024
             */
            year: string;
            /**
             * @description The year's projects: those of the year's cohorts, or those that entered the program that year (all of them reached the first stage)
             * @example 42
             */
            projects: number;
            /** @description Every stage of the program, in pipeline order */
            stages: components["schemas"]["FunnelStageResponse"][];
            /** @description The stages that carry a milestone, in pipeline order */
            milestones: components["schemas"]["FunnelMilestoneResponse"][];
            /**
             * Format: date-time
             * @description When these figures were computed: by the last recompute job, or now with `fresh=true`
             * @example 2024-04-02T07:00:00.000Z
             */
            computedAt: string;
            /**
             * @description true when a change (a move, a cohort or stage edit) was recorded that the stored figures do not reflect yet: a recompute is on its way. Figures read with `fresh=true` already reflect every change; for them it says only that the stored ones lag behind
             * @example false
             */
            pending: boolean;
        };
        /** @enum {string} */
        NotificationStatus: "pending" | "sent" | "failed";
        /** @enum {string} */
        NotificationKind: "digest" | "check_in" | "password_reset";
        NotificationResponse: {
            /** @example 12 */
            id: number;
            /**
             * @description What the e-mail is for, unique: `digest:<advisor id>:<local date>`, `check-in:<project id>:<days after the cohort>:contact:<contact id>`, `password-reset:<user id>:<random>`
             * @example digest:4:2024-05-01
             */
            key: string;
            /**
             * @description `digest`: an advisor's daily follow-ups; `check_in`: news asked of a team after its cohort; `password_reset`: a link to set a new password
             * @example digest
             */
            kind: components["schemas"]["NotificationKind"];
            /**
             * @description `erased` once the contact it went to was erased
             * @example conseillere@demo.coop.example
             */
            recipientEmail: string;
            /**
             * @description `erased` once the contact it went to was erased
             * @example Conseillère (démo)
             */
            recipientName: string;
            /**
             * @description The user it went to (digests, password resets); null for a contact
             * @example 4
             */
            recipientUserId: number | null;
            /**
             * @description The project contact it went to (check-ins); null for a user
             * @example null
             */
            contactId: number | null;
            /**
             * @description The project it is about (check-ins)
             * @example null
             */
            projectId: number | null;
            /**
             * @description The language it was written in
             * @example fr
             */
            language: components["schemas"]["Language"];
            /** @example Vos suivis du mercredi 1 mai 2024 : 2 tâches en retard, 1 tâche aujourd'hui */
            subject: string;
            /**
             * @description The plain text sent. Never shown for `password_reset`, whose body holds the token; empty once the contact it went to was erased
             * @example Bonjour Conseillère (démo),
             *
             *     Voici ce qui demande votre attention aujourd’hui.
             *     …
             */
            body?: string;
            /**
             * @description Where answers go: the project's advisor for a check-in; null for the sender's address
             * @example null
             */
            replyTo: string | null;
            /**
             * @description `pending` until the mail server accepts it; `failed` once every attempt failed (retry it)
             * @example sent
             */
            status: components["schemas"]["NotificationStatus"];
            /**
             * @description Attempts to send it in the current round
             * @example 1
             */
            attempts: number;
            /**
             * @description The mail server's answer to the last failed attempt
             * @example null
             */
            lastError: string | null;
            /**
             * Format: date-time
             * @description When it was recorded
             * @example 2024-05-01T11:00:02.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2024-05-01T11:00:03.000Z
             */
            sentAt: string | null;
            /**
             * @description Its Message-ID, given on the first attempt and kept on every other
             * @example <digest.4.2024-05-01.3f9a1c2b7d4e6f80@federation.coop>
             */
            messageId: string | null;
        };
        NotificationPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["NotificationResponse"][];
            /**
             * @description E-mails that match, on every page
             * @example 1
             */
            total: number;
        };
        FollowUpProjectResponse: {
            /** @example 1 */
            id: number;
            /** @example L'Alouette */
            name: string;
        };
        /**
         * @description task: written by staff; check_in: made by the check-in job, to hear a team's news after its cohort
         * @enum {string}
         */
        FollowUpKind: "task" | "check_in";
        /**
         * @description Where it stands on today's Montréal date: done; otherwise overdue (due before today), due (today) or upcoming
         * @enum {string}
         */
        FollowUpState: "due" | "overdue" | "upcoming" | "done";
        FollowUpResponse: {
            /** @example 12 */
            id: number;
            /** @example 1 */
            projectId: number;
            project: components["schemas"]["FollowUpProjectResponse"];
            /**
             * @description Who does it; null for a check-in made for a project without an advisor
             * @example 3
             */
            assigneeId: number | null;
            /**
             * @description The assignee, in short; null when nobody is assigned
             * @example {
             *       "id": 3,
             *       "name": "Conseillère (démo)"
             *     }
             */
            assignee: components["schemas"]["PersonResponse"] | (never | null);
            /**
             * Format: date
             * @description The local date it is due
             * @example 2026-12-01
             */
            dueOn: string;
            /** @example Relancer l'équipe au sujet du montage financier (réponse de la caisse attendue) */
            note: string;
            /**
             * @description task: written by staff; check_in: made by the check-in job, to hear a team's news after its cohort
             * @example task
             */
            kind: components["schemas"]["FollowUpKind"];
            /**
             * @description Where it stands on today's Montréal date: done; otherwise overdue (due before today), due (today) or upcoming
             * @example due
             */
            state: components["schemas"]["FollowUpState"];
            /**
             * @description For a check-in, `check-in:<project id>:<days after the cohort ended>`, which makes it happen once; null for a task
             * @example null
             */
            sourceKey: string | null;
            /**
             * @description Who wrote it; null for a check-in
             * @example 2
             */
            createdById: number | null;
            /**
             * Format: date-time
             * @description When it was marked done; null while open
             * @example 2026-12-01T15:30:00.000Z
             */
            doneAt: string | null;
            /**
             * @description Who marked it done; null while open
             * @example 3
             */
            doneById: number | null;
            /**
             * @description What came of it; null until someone writes it
             * @example La caisse accepte le prêt ; signature en janvier
             */
            outcome: string | null;
            /**
             * Format: date-time
             * @example 2026-11-23T14:05:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-12-01T15:30:00.000Z
             */
            updatedAt: string;
        };
        FollowUpPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["FollowUpResponse"][];
            /**
             * @description Tasks matching the filters, on every page
             * @example 3
             */
            total: number;
        };
        UpdateFollowUpDto: {
            /**
             * @description true marks it done now (a task already done keeps its first date); false reopens it
             * @example true
             */
            done?: boolean;
            /**
             * Format: date
             * @description Reschedules it: the new local date it is due, between 1900-01-01 and 2199-12-31
             * @example 2026-12-08
             */
            dueOn?: string;
            /**
             * @description Rewrites what to do; trimmed
             * @example Appeler l'équipe au sujet du prêt et de la convention d'associés
             */
            note?: string;
            /**
             * @description What came of it, trimmed; null erases it. Writing one is activity on the project
             * @example La caisse accepte le prêt ; signature en janvier
             */
            outcome?: string | null;
            /**
             * @description Hands it to an active advisor, coordinator or admin (422 otherwise); coordinators and admins only (403)
             * @example 3
             */
            assigneeId?: number;
            /**
             * @description Only when closing a check-in (`done: true`, 422 otherwise): how many people work in the team's co-op now, as the team answered; recorded as a dated count of the project's workers (`GET /projects/:id/jobs`)
             * @example 6
             */
            workers?: number;
        };
        CreateFollowUpDto: {
            /**
             * Format: date
             * @description The local date the task is due, between 1900-01-01 and 2199-12-31
             * @example 2026-12-01
             */
            dueOn: string;
            /**
             * @description What to do; trimmed
             * @example Appeler l'équipe au sujet du prêt
             */
            note: string;
            /**
             * @description Who does it: an active advisor, coordinator or admin (422 otherwise). The project's advisor when omitted (422 when it has none); only coordinators and admins name someone else (403)
             * @example 3
             */
            assigneeId?: number;
        };
        SnoozeDto: {
            /**
             * Format: date
             * @description The local date the stale alert shows again: after today and within a year (422 otherwise)
             * @example 2027-01-15
             */
            until: string;
            /**
             * @description Why the project may wait; trimmed. The project's `snoozeReason`, which viewers never see
             * @example La banque répond en janvier
             */
            reason: string;
        };
        CreateNoteDto: {
            /**
             * @description Trimmed
             * @example La caisse demande des prévisions sur trois ans
             */
            body: string;
        };
        ProjectNoteResponse: {
            /** @example 5 */
            id: number;
            /** @example 1 */
            projectId: number;
            /**
             * @description null once the author is gone
             * @example 3
             */
            authorId: number | null;
            /**
             * @description Who wrote it; null once the author is gone
             * @example {
             *       "id": 3,
             *       "name": "Conseillère (démo)"
             *     }
             */
            author: components["schemas"]["PersonResponse"] | (never | null);
            /** @example La caisse demande des prévisions sur trois ans */
            body: string;
            /**
             * Format: date-time
             * @example 2026-11-23T15:30:00.000Z
             */
            createdAt: string;
        };
        CalendarFeedResponse: {
            /**
             * Format: uri
             * @description The address to subscribe to in a calendar application. It is shown only now (the service keeps a hash of it): keep it private, as anyone who has it reads the calendar.
             * @example https://suivi.federation.example/calendar/q0Zx3uW1c8mB7tYbNf2vKjR5aLhE9sPdGiT4oUyXwCk.ics
             */
            url: string;
        };
        RatingDto: {
            /**
             * @description How the participant rated the program, from 1 to 5 out of 5
             * @example 5
             */
            rating: number;
            /**
             * @description A label of your choice (a form number, initials), trimmed; leave it out to keep the rating anonymous. Kept, never shown in answers
             * @example Formulaire 12
             */
            respondent?: string;
        };
        RecordRatingsDto: {
            /** @description From 1 to 500 ratings, recorded all together or not at all */
            ratings: components["schemas"]["RatingDto"][];
        };
        CohortSatisfactionResponse: {
            /**
             * @description How many participants answered
             * @example 8
             */
            responses: number;
            /**
             * @description Answers that rated the program 4 or 5 out of 5, over every answer; null before any answer
             * @example {
             *       "numerator": 8,
             *       "denominator": 8,
             *       "ratio": 1,
             *       "percent": 100
             *     }
             */
            satisfied: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description Answers that rated the program 5 out of 5, over every answer; null before any answer
             * @example {
             *       "numerator": 2,
             *       "denominator": 8,
             *       "ratio": 0.25,
             *       "percent": 25
             *     }
             */
            verySatisfied: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The cohort id
             * @example 1
             */
            cohortId: number;
        };
        OrganizationResponse: {
            /** @example 1 */
            id: number;
            /**
             * @description The co-op's name
             * @example Coopérative de travail Le Rucher
             */
            name: string;
            /**
             * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
             * @example worker
             */
            coopType: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region: components["schemas"]["Region"];
            /**
             * @description What the co-op does, in a few words
             * @example apiculture
             */
            sector: string;
            /**
             * @description Québec enterprise number (NEQ): ten digits, checked for its form only; one co-op per number (409). null: not known
             * @example 1170000001
             */
            enterpriseNumber: string | null;
            /**
             * Format: date
             * @description The first day the co-op was a member, between 1900-01-01 and 2199-12-31; null: never a member
             * @example 2019-05-14
             */
            memberSince: string | null;
            /**
             * Format: date
             * @description The last day the co-op was a member, between 1900-01-01 and 2199-12-31, not before memberSince and only with it (400); null: still a member (or never one)
             * @example null
             */
            memberUntil: string | null;
            /**
             * @description The project that became this co-op when it incorporated; null for a co-op that grew elsewhere
             * @example 12
             */
            projectId: number | null;
            /**
             * @description true for an invented co-op of the demo data
             * @example false
             */
            demo: boolean;
            /**
             * @description The hours recorded for it, every date counted (`GET /time-entries?organizationId=` lists them)
             * @example 12.5
             */
            hours: number;
            /**
             * Format: date-time
             * @description When the co-op was recorded
             * @example 2024-05-01T14:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the co-op last changed
             * @example 2024-05-01T14:30:00.000Z
             */
            updatedAt: string;
        };
        OrganizationPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            /** @description By name, then id */
            items: components["schemas"]["OrganizationResponse"][];
            /**
             * @description Co-ops matching the filters, every page
             * @example 125
             */
            total: number;
        };
        RegionMembersResponse: {
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region: components["schemas"]["Region"];
            /**
             * @description Member co-ops of the region on the year's last day
             * @example 14
             */
            members: number;
            /**
             * @description true when the region had no member on the previous year's last day
             * @example false
             */
            newThisYear: boolean;
        };
        OrganizationStatsResponse: {
            /** @example 2023-2024 */
            year: string;
            /**
             * Format: date
             * @description The year's first day
             * @example 2023-04-01
             */
            from: string;
            /**
             * Format: date
             * @description The year's last day
             * @example 2024-03-31
             */
            to: string;
            /**
             * @description Co-ops that were members on the year's last day
             * @example 125
             */
            membersAtYearEnd: number;
            /**
             * @description Co-ops whose membership began in the year
             * @example 9
             */
            newMembers: number;
            /**
             * @description Co-ops whose last day as a member fell in the year, before its last day (one that leaves on the year's last day is still a member at year end, and departs the next year)
             * @example 2
             */
            departedMembers: number;
            /** @description Each region with members at year end, by region code */
            byRegion: components["schemas"]["RegionMembersResponse"][];
            /**
             * @description The regions with members at year end and none at the previous year's end
             * @example [
             *       "09",
             *       "10",
             *       "11"
             *     ]
             */
            newRegions: components["schemas"]["Region"][];
        };
        CreateOrganizationDto: {
            /**
             * @description Québec enterprise number (NEQ): ten digits, checked for its form only; one co-op per number (409). null: not known
             * @example 1170000001
             */
            enterpriseNumber?: string | null;
            /**
             * Format: date
             * @description The first day the co-op was a member, between 1900-01-01 and 2199-12-31; null: never a member
             * @example 2019-05-14
             */
            memberSince?: string | null;
            /**
             * Format: date
             * @description The last day the co-op was a member, between 1900-01-01 and 2199-12-31, not before memberSince and only with it (400); null: still a member (or never one)
             * @example null
             */
            memberUntil?: string | null;
            /**
             * @description Trimmed of surrounding spaces
             * @example Coopérative de travail Le Rucher
             */
            name: string;
            /**
             * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
             * @example worker
             */
            coopType: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region: components["schemas"]["Region"];
            /**
             * @description What the co-op does, in a few words
             * @example apiculture
             */
            sector: string;
        };
        UpdateOrganizationDto: {
            /**
             * @description Québec enterprise number (NEQ): ten digits, checked for its form only; one co-op per number (409). null: not known
             * @example 1170000001
             */
            enterpriseNumber?: string | null;
            /**
             * Format: date
             * @description The first day the co-op was a member, between 1900-01-01 and 2199-12-31; null: never a member
             * @example 2019-05-14
             */
            memberSince?: string | null;
            /**
             * Format: date
             * @description The last day the co-op was a member, between 1900-01-01 and 2199-12-31, not before memberSince and only with it (400); null: still a member (or never one)
             * @example null
             */
            memberUntil?: string | null;
            /**
             * @description Trimmed of surrounding spaces
             * @example Coopérative de travail Le Rucher
             */
            name?: string;
            /**
             * @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité
             * @example worker
             */
            coopType?: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region?: components["schemas"]["Region"];
            /**
             * @description What the co-op does, in a few words
             * @example apiculture
             */
            sector?: string;
        };
        OrganizationFromProjectDto: {
            /**
             * @description Québec enterprise number (NEQ): ten digits, checked for its form only; one co-op per number (409). null: not known
             * @example 1170000001
             */
            enterpriseNumber?: string | null;
            /**
             * Format: date
             * @description The first day the co-op was a member, between 1900-01-01 and 2199-12-31; null: never a member
             * @example 2019-05-14
             */
            memberSince?: string | null;
            /**
             * Format: date
             * @description The last day the co-op was a member, between 1900-01-01 and 2199-12-31, not before memberSince and only with it (400); null: still a member (or never one)
             * @example null
             */
            memberUntil?: string | null;
            /**
             * @description The co-op's legal name, when not the project's
             * @example Coopérative de travail Le Rucher
             */
            name?: string;
        };
        JobCountResponse: {
            /** @example 1 */
            id: number;
            /**
             * @example created
             * @enum {string}
             */
            kind: "created" | "maintained" | "workers";
            /** @example 4 */
            jobs: number;
            /**
             * Format: date
             * @description The date the count holds for
             * @example 2024-03-15
             */
            countedOn: string;
            /**
             * @description The move that carried the count, if one did
             * @example 1
             */
            transitionId: number | null;
            /** @description Who recorded it */
            recordedBy: components["schemas"]["PersonResponse"];
            /**
             * Format: date-time
             * @example 2024-03-15T14:02:11.000Z
             */
            recordedAt: string;
        };
        ProjectJobsResponse: {
            /** @example 1 */
            projectId: number;
            /**
             * @description The latest count of jobs created; null when none is recorded (not zero)
             * @example 4
             */
            created: number | null;
            /**
             * @description The latest count of jobs maintained by the takeover; null when none is recorded (not zero)
             * @example null
             */
            maintained: number | null;
            /**
             * @description The latest count of the people working in its co-op, as its team told a check-in; null when none
             * @example 6
             */
            workers: number | null;
            /** @description Every count recorded, latest first */
            counts: components["schemas"]["JobCountResponse"][];
        };
        RecordProjectJobsDto: {
            /**
             * @description `created`: the jobs at incorporation; `maintained`: the jobs a takeover kept (transfer projects)
             * @example created
             * @enum {string}
             */
            kind: "created" | "maintained";
            /**
             * @description How many jobs
             * @example 4
             */
            jobs: number;
            /**
             * Format: date
             * @description The Montréal date the count holds for; today when omitted; never in the future
             * @example 2024-03-15
             */
            countedOn?: string;
        };
        OrganizationJobsResponse: {
            /** @example 1 */
            organizationId: number;
            /**
             * @description The latest count of its workers; null when none is recorded (not zero)
             * @example 12
             */
            workers: number | null;
            /** @description Every count recorded, latest first */
            counts: components["schemas"]["JobCountResponse"][];
        };
        RecordWorkersDto: {
            /**
             * @description How many people work in the co-op
             * @example 12
             */
            workers: number;
            /**
             * Format: date
             * @description The Montréal date the count holds for; today when omitted; never in the future
             * @example 2024-03-15
             */
            countedOn?: string;
        };
        ExportedProgramNameResponse: {
            /** @example Parcours COOP */
            fr: string;
            /** @example Parcours COOP (co-op start-up training) */
            en: string;
        };
        ExportedCohortResponse: {
            /** @example 20 */
            id: number;
            /** @example parcours-coop */
            programCode: string;
            programName: components["schemas"]["ExportedProgramNameResponse"];
            /**
             * @description The cohort number within its program
             * @example 20
             */
            number: number;
            /** @example Automne 2023 */
            label: string;
            /**
             * Format: date
             * @example 2023-10-04
             */
            startsOn: string;
            /**
             * Format: date
             * @example 2024-03-06
             */
            endsOn: string;
            /** @example remote */
            deliveryMode: components["schemas"]["DeliveryMode"];
            /**
             * @description null when not capped
             * @example 12
             */
            capacity: number | null;
            /**
             * @description The reporting year it starts in; null for a start date no reporting year can be written for
             * @example 2023-2024
             */
            year: string | null;
            /**
             * @description Projects enrolled in it
             * @example 9
             */
            enrolledCount: number;
            /**
             * Format: date-time
             * @example 2023-09-01T13:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2023-09-01T13:00:00.000Z
             */
            updatedAt: string;
        };
        ExportedStageResponse: {
            /** @example en-activite */
            code: string;
            /** @example En activité */
            labelFr: string;
            /** @example Operating */
            labelEn: string;
        };
        ExportedContactResponse: {
            /** @example Marie Tremblay */
            name: string;
            /**
             * Format: email
             * @example marie@dimension-physio.example
             */
            email: string;
        };
        ExportedProjectResponse: {
            /** @example 12 */
            id: number;
            /** @example Dimension physio */
            name: string;
            /** @example physiothérapie */
            sector: string;
            /** @example startup */
            kind: components["schemas"]["ProjectKind"];
            /** @example worker */
            coopType: components["schemas"]["CoopType"];
            /**
             * @description Québec administrative region
             * @example 16
             */
            region: components["schemas"]["Region"];
            /**
             * @description People on the team
             * @example 3
             */
            entrepreneurs: number;
            /**
             * @description The advisor's name; null when nobody is in charge
             * @example Conseillère (démo)
             */
            advisor: string | null;
            /**
             * Format: email
             * @description The advisor's e-mail; null when nobody is in charge, and always null for viewers
             * @example conseillere@demo.coop.example
             */
            advisorEmail: string | null;
            /** @description The current stage */
            stage: components["schemas"]["ExportedStageResponse"];
            /** @example active */
            status: components["schemas"]["EnrollmentStatus"];
            /**
             * @description Why the enrollment was abandoned or put on hold; null when active, and always null for viewers, who read no free text
             * @example null
             */
            statusReason: string | null;
            /**
             * Format: date
             * @description The Montréal date on which it was abandoned or put on hold (its last move); null when active
             * @example null
             */
            statusOn: string | null;
            /**
             * Format: date-time
             * @example 2023-10-02T13:00:00.000Z
             */
            enrolledAt: string;
            /**
             * Format: date
             * @description The Montréal date of enrolledAt
             * @example 2023-10-02
             */
            enrolledOn: string;
            /**
             * @description By stage code, one key per stage of the program: the Montréal date on which the project first reached the stage or a later one (the first stage is reached on enrolment); null when it has not
             * @example {
             *       "inscription": "2023-10-02",
             *       "formation": "2023-10-04",
             *       "formation-completee": "2024-03-06",
             *       "constitution": "2024-04-17",
             *       "en-activite": "2024-09-03"
             *     }
             */
            stageDates: {
                [key: string]: string | null;
            };
            /**
             * @description The Montréal date on which the project first reached each milestone of the program (its stage or a later one); null when it has not. One key per milestone the program's stages carry (Parcours COOP: `training_completed`, `incorporated`, `operating`)
             * @example {
             *       "training_completed": "2024-03-06",
             *       "incorporated": "2024-04-17",
             *       "operating": "2024-09-03"
             *     }
             */
            milestones: {
                /**
                 * Format: date
                 * @example null
                 */
                met?: string | null;
                /**
                 * Format: date
                 * @example null
                 */
                engaged?: string | null;
                /**
                 * Format: date
                 * @example 2024-03-06
                 */
                training_completed?: string | null;
                /**
                 * Format: date
                 * @example 2024-04-17
                 */
                incorporated?: string | null;
                /**
                 * Format: date
                 * @example 2024-09-03
                 */
                operating?: string | null;
            };
            /**
             * @description Whole Montréal days from enrolment to the export
             * @example 425
             */
            daysInProgram: number;
            /**
             * @description Cents granted to the project by its funding requests granted or paid (2000000 is 20,000.00 $); 0 when none. CSV and XLSX show it in dollars with two decimals
             * @example 2000000
             */
            financingGrantedCents: number;
            /** @description Only with `includeContacts=true` (coordinators and admins): the people of the team */
            contacts?: components["schemas"]["ExportedContactResponse"][];
        };
        SatisfactionResponse: {
            /**
             * @description How many participants answered
             * @example 8
             */
            responses: number;
            /**
             * @description Answers that rated the program 4 or 5 out of 5, over every answer; null before any answer
             * @example {
             *       "numerator": 8,
             *       "denominator": 8,
             *       "ratio": 1,
             *       "percent": 100
             *     }
             */
            satisfied: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description Answers that rated the program 5 out of 5, over every answer; null before any answer
             * @example {
             *       "numerator": 2,
             *       "denominator": 8,
             *       "ratio": 0.25,
             *       "percent": 25
             *     }
             */
            verySatisfied: components["schemas"]["RateResponse"] | (never | null);
        };
        CohortExportResponse: {
            cohort: components["schemas"]["ExportedCohortResponse"];
            /** @description One per project enrolled, in enrolment order */
            projects: components["schemas"]["ExportedProjectResponse"][];
            /** @description Computed as the export started, as `GET /cohorts/:id/stats?fresh=true` answers them */
            figures: components["schemas"]["CohortStatsResponse"];
            satisfaction: components["schemas"]["SatisfactionResponse"];
        };
        ReportProgramResponse: {
            /** @example parcours-coop */
            code: string;
            /** @example Parcours COOP */
            nameFr: string;
            /** @example Parcours COOP (co-op start-up training) */
            nameEn: string;
        };
        ReportCohortResponse: {
            /**
             * @description Projects enrolled, including those that later left (abandoned or on hold)
             * @example 7
             */
            registered: number;
            /**
             * @description Registered projects that have reached the `training_completed` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            completed: number | null;
            /**
             * @description Registered projects that have reached the `incorporated` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            incorporated: number | null;
            /**
             * @description Registered projects that have reached the `operating` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 2
             */
            operating: number | null;
            /**
             * @description Registered projects abandoned now
             * @example 2
             */
            abandoned: number;
            /**
             * @description Registered projects on hold now
             * @example 1
             */
            onHold: number;
            /**
             * @description Entrepreneurs in the registered projects: the sum of their team sizes
             * @example 19
             */
            entrepreneurs: number;
            /**
             * @description The cohort id
             * @example 1
             */
            cohortId: number;
            /**
             * @description The cohort number within its program
             * @example 19
             */
            number: number;
            /** @example Printemps 2023 */
            label: string;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description The reporting year the cohort starts in
             * @example 2023-2024
             */
            year: string;
            /**
             * @description completed / registered; null when no project is registered or the program has no `training_completed` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 7,
             *       "ratio": 0.5714285714285714,
             *       "percent": 57
             *     }
             */
            completionRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The cohort start rate, incorporated / completed; null when no project has completed the training, or the program lacks the `training_completed` or the `incorporated` milestone
             * @example {
             *       "numerator": 4,
             *       "denominator": 4,
             *       "ratio": 1,
             *       "percent": 100
             *     }
             */
            startRate: components["schemas"]["RateResponse"] | (never | null);
            satisfaction: components["schemas"]["SatisfactionResponse"];
        };
        ReportTotalResponse: {
            /**
             * @description Projects enrolled, including those that later left (abandoned or on hold)
             * @example 16
             */
            registered: number;
            /**
             * @description Registered projects that have reached the `training_completed` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 10
             */
            completed: number | null;
            /**
             * @description Registered projects that have reached the `incorporated` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 10
             */
            incorporated: number | null;
            /**
             * @description Registered projects that have reached the `operating` milestone (its stage or a later one in their history, whenever that happened); null when the program has no stage with that milestone
             * @example 4
             */
            operating: number | null;
            /**
             * @description Registered projects abandoned now
             * @example 4
             */
            abandoned: number;
            /**
             * @description Registered projects on hold now
             * @example 2
             */
            onHold: number;
            /**
             * @description Entrepreneurs in the registered projects: the sum of their team sizes
             * @example 44
             */
            entrepreneurs: number;
            /** @example parcours-coop */
            programCode: string;
            /**
             * @description The reporting year asked for
             * @example 2023-2024
             */
            year: string;
            /**
             * @description completed / registered; null when no project is registered or the program has no `training_completed` milestone (start-up accompaniment has no training)
             * @example {
             *       "numerator": 10,
             *       "denominator": 16,
             *       "ratio": 0.625,
             *       "percent": 63
             *     }
             */
            completionRate: components["schemas"]["RateResponse"] | (never | null);
            /**
             * @description The program-year start rate, incorporated / registered (unlike a cohort, whose start rate is incorporated / completed); null when no project is registered or the program has no `incorporated` milestone
             * @example {
             *       "numerator": 10,
             *       "denominator": 16,
             *       "ratio": 0.625,
             *       "percent": 63
             *     }
             */
            startRate: components["schemas"]["RateResponse"] | (never | null);
            /** @description Over every answer of the cohorts, each counted once */
            satisfaction: components["schemas"]["SatisfactionResponse"];
        };
        ReportTransfersAtStageResponse: {
            /** @example prefaisabilite */
            code: string;
            /** @example Analyse de préfaisabilité, financière et organisationnelle */
            labelFr: string;
            /** @example Pre-feasibility analysis, financial and organisational */
            labelEn: string;
            /**
             * @description Projects in this stage now, active or on hold
             * @example 4
             */
            projects: number;
        };
        ReportJobsResponse: {
            /**
             * @description The sum of the latest counts recorded
             * @example 12
             */
            jobs: number;
            /**
             * @description Projects that should have a count and have none: not counted in `jobs`, never read as zero
             * @example 1
             */
            missing: number;
        };
        ReportWorkResponse: {
            /**
             * @description Hours of the time entries recorded for these projects and dated in the year
             * @example 86.25
             */
            hours: number;
            /**
             * @description These projects whose first move into their incorporated stage (or a later one), in any program, falls in the year
             * @example 10
             */
            incorporated: number;
            /**
             * @description Of `incorporated`, the takeovers
             * @example 0
             */
            takeovers: number;
            /** @description Jobs created: the latest count of each project incorporated in the year; `missing` counts the start-ups without one */
            jobsCreated: components["schemas"]["ReportJobsResponse"];
            /** @description Jobs maintained: the latest count of each takeover incorporated in the year; `missing` counts those without one */
            jobsMaintained: components["schemas"]["ReportJobsResponse"];
        };
        ProgramReportResponse: {
            program: components["schemas"]["ReportProgramResponse"];
            /** @example 2023-2024 */
            year: string;
            /** @description The year's cohorts, by start date */
            cohorts: components["schemas"]["ReportCohortResponse"][];
            /** @description The year over all its cohorts */
            total: components["schemas"]["ReportTotalResponse"];
            /** @description The funnel of each accompaniment program (start-up, transfer) over the same year, computed as the export started */
            funnels: components["schemas"]["FunnelResponse"][];
            /** @description The transfer accompaniment's projects of the year by current stage, in pipeline order */
            transfersByStage: components["schemas"]["ReportTransfersAtStageResponse"][];
            /** @description Hours and jobs of the year's cohort projects */
            work: components["schemas"]["ReportWorkResponse"];
            /**
             * Format: date-time
             * @description When the cohorts' figures were computed: as the export started
             * @example 2024-04-02T13:45:00.000Z
             */
            computedAt: string;
            /**
             * @description Whether the stored figures lag behind a recorded change (these, computed now, do not)
             * @example false
             */
            pending: boolean;
        };
        /**
         * @description cohort: `GET /cohorts/:id/export`; program-report: `GET /programs/:code/report`; advisory-report: `GET /reports/advisory`; funder-report: `GET /reports/funder`; financing-report: `GET /reports/financing`
         * @enum {string}
         */
        ExportKind: "cohort" | "program-report" | "financing-report" | "advisory-report" | "funder-report";
        /** @enum {string} */
        ExportFormat: "csv" | "xlsx" | "json";
        /** @enum {string} */
        ExportLang: "fr" | "en";
        ExportLogEntryResponse: {
            /** @example 41 */
            id: number;
            /**
             * @description Who took it; null if that account cannot be found
             * @example {
             *       "id": 2,
             *       "name": "Coordination (démo)",
             *       "email": "coordination@demo.coop.example"
             *     }
             */
            user: components["schemas"]["ExportLogUserResponse"] | (never | null);
            /**
             * @description cohort: `GET /cohorts/:id/export`; program-report: `GET /programs/:code/report`; advisory-report: `GET /reports/advisory`; funder-report: `GET /reports/funder`; financing-report: `GET /reports/financing`
             * @example cohort
             */
            kind: components["schemas"]["ExportKind"];
            /**
             * @description What was exported: the cohort id, `<program code>:<reporting year>` for a program report, the reporting year for the advisory and funder reports
             * @example 19
             */
            target: string;
            /** @example csv */
            format: components["schemas"]["ExportFormat"];
            /**
             * @description Whether the file held the contacts' names and e-mails
             * @example false
             */
            includeContacts: boolean;
            /** @example fr */
            lang: components["schemas"]["ExportLang"];
            /**
             * Format: date-time
             * @example 2024-04-02T13:45:00.000Z
             */
            createdAt: string;
        };
        ExportLogPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["ExportLogEntryResponse"][];
            /**
             * @description Exports logged, on every page
             * @example 1
             */
            total: number;
        };
        ImportReportResponse: {
            /** @example cohorte-20-parcours-coop.csv */
            filename: string;
            /**
             * @description true: checked only, nothing written
             * @example true
             */
            dryRun: boolean;
            /**
             * @description Rows of projects read
             * @example 9
             */
            rows: number;
            /** @example 1 */
            cohortsCreated: number;
            /**
             * @description Cohorts that exist and that rows name
             * @example 0
             */
            cohortsMatched: number;
            /** @example 9 */
            projectsCreated: number;
            /** @example 0 */
            projectsChanged: number;
            /**
             * @description Projects the file describes as they are
             * @example 0
             */
            projectsUnchanged: number;
            /** @example 9 */
            enrollmentsCreated: number;
            /**
             * @description Moves after enrolment (to a stage, abandoned, on hold), each dated by the file
             * @example 24
             */
            movesCreated: number;
            /** @example 0 */
            contactsCreated: number;
        };
        ImportProblemResponse: {
            /**
             * @description The row in the file; the header is row 1
             * @example 9000
             */
            row: number;
            /**
             * @description The column's header as the file writes it; null for a problem of the whole row
             * @example Date d'inscription
             */
            column: string | null;
            /**
             * @description The cell as the file holds it, cut at 200 characters; null when no cell is at fault
             * @example 2023-02-30
             */
            value: string | null;
            /** @example is not a date that exists */
            problem: string;
        };
        ImportProblemsResponse: {
            /** @description Every problem, by row, at most 1,000 */
            problems: components["schemas"]["ImportProblemResponse"][];
            /**
             * @description Problems past the 1,000 listed
             * @example 0
             */
            problemsNotListed: number;
            /**
             * @description Rows of projects read
             * @example 9000
             */
            rows: number;
        };
        ImportRefusedResponse: {
            /** @example 422 */
            statusCode: number;
            /** @example Unprocessable Entity */
            error: string;
            /** @example grand.csv: 1 problem(s), nothing was imported; each is listed with its row and column */
            message: string;
            details: components["schemas"]["ImportProblemsResponse"];
        };
        ImportLogEntryResponse: {
            /** @example 3 */
            id: number;
            /**
             * @description Who sent it; null if that account cannot be found
             * @example {
             *       "id": 2,
             *       "name": "Coordination (démo)",
             *       "email": "coordination@demo.coop.example"
             *     }
             */
            user: components["schemas"]["ExportLogUserResponse"] | (never | null);
            /** @example cohorte-20-parcours-coop.csv */
            filename: string;
            /** @example false */
            dryRun: boolean;
            /**
             * @description false: the file had problems and nothing was written
             * @example true
             */
            accepted: boolean;
            /** @example 9 */
            rows: number;
            /** @example 0 */
            problems: number;
            /**
             * @description Created, or to be created by a dry run; 0 when refused
             * @example 1
             */
            cohortsCreated: number;
            /** @example 9 */
            projectsCreated: number;
            /** @example 0 */
            projectsChanged: number;
            /** @example 24 */
            movesCreated: number;
            /**
             * Format: date-time
             * @example 2024-04-02T13:45:00.000Z
             */
            createdAt: string;
        };
        ImportLogPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["ImportLogEntryResponse"][];
            /**
             * @description Files logged, on every page
             * @example 1
             */
            total: number;
        };
        PersonAccountResponse: {
            /** @example 5 */
            id: number;
            /** @example Camille Roy */
            name: string;
            /**
             * @description What the user may do (see the roles in the README)
             * @example advisor
             */
            role: components["schemas"]["Role"];
            active: boolean;
            /** @example fr */
            language: components["schemas"]["Language"];
            /**
             * Format: date-time
             * @example 2025-09-01T12:00:00.000Z
             */
            createdAt: string;
        };
        PersonProjectResponse: {
            /** @example 12 */
            id: number;
            /** @example Coop La Fabrique */
            name: string;
        };
        PersonContactResponse: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            projectId: number;
            /** @example Camille Roy */
            name: string;
            /**
             * Format: email
             * @description Stored in lower case
             * @example camille@example.org
             */
            email: string;
            /**
             * @description The language of the e-mail the contact gets
             * @example fr
             */
            language: components["schemas"]["Language"];
            /**
             * @description What the person agreed their information is used for (Law 25); null when not recorded
             * @example Suivi du projet et relances après la cohorte
             */
            consentPurpose: string | null;
            /**
             * Format: date
             * @description The local date the person gave that consent; null when not recorded
             * @example 2026-03-02
             */
            consentOn: string | null;
            /**
             * Format: date-time
             * @example 2023-03-20T14:02:11.000Z
             */
            createdAt: string;
            project: components["schemas"]["PersonProjectResponse"];
        };
        PersonEmailResponse: {
            /** @example 88 */
            id: number;
            /**
             * @description `digest`: an advisor's daily follow-ups; `check_in`: news asked of a team after its cohort; `password_reset`: a link to set a new password
             * @example check_in
             */
            kind: components["schemas"]["NotificationKind"];
            /** @example Des nouvelles de Coop La Fabrique ? */
            subject: string;
            /**
             * @description `pending` until the mail server accepts it; `failed` once every attempt failed (retry it)
             * @example sent
             */
            status: components["schemas"]["NotificationStatus"];
            /**
             * Format: date-time
             * @description When it was recorded
             * @example 2026-04-30T13:00:02.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the mail server took it; null while it is not sent
             * @example 2026-04-30T13:00:03.000Z
             */
            sentAt: string | null;
        };
        PersonExportUserResponse: {
            /** @example 2 */
            id: number;
            /** @example Coordination (démo) */
            name: string;
        };
        PersonExportResponse: {
            /**
             * @description The entry of the export log
             * @example 41
             */
            id: number;
            /** @example 19 */
            cohortId: number;
            /**
             * @description csv, xlsx or json
             * @example csv
             */
            format: string;
            /**
             * @description Who took it; null if that account cannot be found
             * @example {
             *       "id": 2,
             *       "name": "Coordination (démo)"
             *     }
             */
            takenBy: components["schemas"]["PersonExportUserResponse"] | (never | null);
            /**
             * Format: date-time
             * @example 2026-05-02T15:20:00.000Z
             */
            createdAt: string;
        };
        PersonalInformationResponse: {
            /** @description Every contact row with that e-mail */
            contacts: components["schemas"]["PersonContactResponse"][];
            /** @description The e-mails sent (or to send) to that address, or to one of those contacts */
            emails: components["schemas"]["PersonEmailResponse"][];
            /** @description Exports with contacts of a cohort one of the person's projects is enrolled in: the file may hold them */
            exports: components["schemas"]["PersonExportResponse"][];
            /** @description What the audit trail records of those contact rows (their creation, their changes), oldest first */
            changes: components["schemas"]["AuditEntryResponse"][];
            /**
             * @description Their account, when one has that e-mail; null otherwise
             * @example null
             */
            account: components["schemas"]["PersonAccountResponse"] | (never | null);
        };
        ErasePersonDto: {
            /**
             * Format: email
             * @description In any case
             * @example camille@example.org
             */
            email: string;
        };
        ErasureResponse: {
            /**
             * @description Contact rows deleted
             * @example 2
             */
            contacts: number;
            /**
             * @description E-mails of the record whose address, name and message were blanked
             * @example 3
             */
            emails: number;
            /**
             * @description Copies deleted from the development outbox
             * @example 3
             */
            outboxFiles: number;
        };
        FinancingSourceResponse: {
            /**
             * @description Stable: funding requests refer to the source by it, so it never changes
             * @example caisses
             */
            code: string;
            /**
             * @description The label French readers see
             * @example Caisses Desjardins et coopératives de crédit
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Desjardins caisses and credit unions
             */
            labelEn: string;
            /**
             * @description Place in the list: sources are numbered 1 to n
             * @example 1
             */
            position: number;
            /**
             * @description false: retired, kept on the requests that used it, refused for new ones
             * @example true
             */
            active: boolean;
        };
        CreateFinancingSourceDto: {
            /**
             * @description Lower-case words of letters and digits joined by dashes; unique, and never changes
             * @example fonds-regional
             */
            code: string;
            /**
             * @description The label French readers see
             * @example Fonds régional
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Regional fund
             */
            labelEn: string;
            /**
             * @description Where the source goes in the list, from 1 to one past the last (422 beyond); the sources from there move one down. Last when omitted
             * @example 1
             */
            position?: number;
        };
        UpdateFinancingSourceDto: {
            /**
             * @description The label French readers see
             * @example Fonds régional
             */
            labelFr?: string;
            /**
             * @description The label English readers see
             * @example Regional fund
             */
            labelEn?: string;
            /**
             * @description Where the source goes in the list, from 1 to one past the last (422 beyond); the sources from there move one down
             * @example 1
             */
            position?: number;
            /**
             * @description false retires the source: the requests that used it keep it, new requests and changes of source may no longer name it (400); true brings it back
             * @example false
             */
            active?: boolean;
        };
        /**
         * @description loan, patient_loan (capital repaid late, at a low rate), grant, or members_shares
         * @enum {string}
         */
        FundingInstrument: "loan" | "patient_loan" | "grant" | "members_shares";
        /**
         * @description in_preparation, submitted (needs `submittedOn`), granted or refused (need `decidedOn`), paid (needs `paidOn`). Dates of later steps than the status are refused (400)
         * @enum {string}
         */
        FundingStatus: "in_preparation" | "submitted" | "granted" | "refused" | "paid";
        CreateFundingRequestDto: {
            /**
             * @description Amount granted, in cents, at most `requestedCents`: required when the status is granted or paid, null or left out otherwise (400)
             * @example null
             */
            grantedCents?: number | null;
            /**
             * Format: date
             * @description Sent to the source: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example 2024-02-12
             */
            submittedOn?: string | null;
            /**
             * Format: date
             * @description The source answered: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example null
             */
            decidedOn?: string | null;
            /**
             * Format: date
             * @description The money was received: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example null
             */
            paidOn?: string | null;
            /**
             * @description Free text, trimmed; null erases it. Never shown to viewers
             * @example La caisse demande les états financiers prévisionnels sur trois ans
             */
            note?: string | null;
            /**
             * @description An active source of `GET /financing-sources` (400 for an unknown or retired one)
             * @example caisses
             */
            sourceCode: string;
            /**
             * @description loan, patient_loan (capital repaid late, at a low rate), grant, or members_shares
             * @example loan
             */
            instrument: components["schemas"]["FundingInstrument"];
            /**
             * @description Amount asked, in cents (2500000 is 25,000.00 $): a whole number from 0 to 1000000000 (10 million dollars)
             * @example 2500000
             */
            requestedCents: number;
            /**
             * @description in_preparation, submitted (needs `submittedOn`), granted or refused (need `decidedOn`), paid (needs `paidOn`). Dates of later steps than the status are refused (400)
             * @example submitted
             */
            status: components["schemas"]["FundingStatus"];
        };
        FundingRequestResponse: {
            /** @example 4 */
            id: number;
            /**
             * @description The project asking
             * @example 1
             */
            projectId: number;
            /**
             * @description The source asked, a code of `GET /financing-sources`
             * @example caisses
             */
            sourceCode: string;
            /** @example loan */
            instrument: components["schemas"]["FundingInstrument"];
            /**
             * @description Amount asked, in cents
             * @example 2500000
             */
            requestedCents: number;
            /**
             * @description Amount granted, in cents; null unless the status is granted or paid
             * @example 2000000
             */
            grantedCents: number | null;
            /** @example granted */
            status: components["schemas"]["FundingStatus"];
            /**
             * Format: date
             * @description Sent to the source (Montréal date)
             * @example 2024-02-12
             */
            submittedOn: string | null;
            /**
             * Format: date
             * @description The source answered (Montréal date)
             * @example 2024-03-20
             */
            decidedOn: string | null;
            /**
             * Format: date
             * @description The money was received (Montréal date)
             * @example null
             */
            paidOn: string | null;
            /**
             * @description Free text. Not shown to viewers.
             * @example La caisse demande les états financiers prévisionnels sur trois ans
             */
            note?: string | null;
            /**
             * @description Who recorded it; null when their account is gone
             * @example {
             *       "id": 3,
             *       "name": "Conseillère (démo)"
             *     }
             */
            recordedBy: components["schemas"]["PersonResponse"] | (never | null);
            /**
             * @description A demo stand-in: an invented amount for a demo project
             * @example false
             */
            demo: boolean;
            /**
             * Format: date-time
             * @description When it was recorded
             * @example 2024-02-12T15:02:11.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Its last change
             * @example 2024-03-20T14:02:11.000Z
             */
            updatedAt: string;
        };
        ProjectFundingRequestsResponse: {
            items: components["schemas"]["FundingRequestResponse"][];
            financing: components["schemas"]["ProjectFinancingResponse"];
        };
        UpdateFundingRequestDto: {
            /**
             * @description Amount granted, in cents, at most `requestedCents`: required when the status is granted or paid, null or left out otherwise (400)
             * @example null
             */
            grantedCents?: number | null;
            /**
             * Format: date
             * @description Sent to the source: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example 2024-02-12
             */
            submittedOn?: string | null;
            /**
             * Format: date
             * @description The source answered: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example null
             */
            decidedOn?: string | null;
            /**
             * Format: date
             * @description The money was received: a Montréal calendar date, between 1900-01-01 and 2199-12-31, never after today; dates follow one another (submitted, decided, paid)
             * @example null
             */
            paidOn?: string | null;
            /**
             * @description Free text, trimmed; null erases it. Never shown to viewers
             * @example La caisse demande les états financiers prévisionnels sur trois ans
             */
            note?: string | null;
            /**
             * @description An active source of `GET /financing-sources` (400 for an unknown or retired one)
             * @example caisses
             */
            sourceCode?: string;
            /**
             * @description loan, patient_loan (capital repaid late, at a low rate), grant, or members_shares
             * @example loan
             */
            instrument?: components["schemas"]["FundingInstrument"];
            /**
             * @description Amount asked, in cents (2500000 is 25,000.00 $): a whole number from 0 to 1000000000 (10 million dollars)
             * @example 2500000
             */
            requestedCents?: number;
            /**
             * @description in_preparation, submitted (needs `submittedOn`), granted or refused (need `decidedOn`), paid (needs `paidOn`). Dates of later steps than the status are refused (400)
             * @example submitted
             */
            status?: components["schemas"]["FundingStatus"];
        };
        SourceFinancingResponse: {
            /**
             * @description Cents asked by the requests submitted in the year (`submittedOn`)
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted by the granted or paid requests decided in the year (`decidedOn`)
             * @example 2000000
             */
            grantedCents: number;
            /**
             * @description A code of `GET /financing-sources`
             * @example caisses
             */
            code: string;
            /** @example Caisses Desjardins */
            labelFr: string;
            /** @example Desjardins credit unions */
            labelEn: string;
        };
        InstrumentFinancingResponse: {
            /**
             * @description Cents asked by the requests submitted in the year (`submittedOn`)
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted by the granted or paid requests decided in the year (`decidedOn`)
             * @example 2000000
             */
            grantedCents: number;
            /** @example loan */
            instrument: components["schemas"]["FundingInstrument"];
            /** @example Prêt */
            labelFr: string;
            /** @example Loan */
            labelEn: string;
        };
        YearFinancingResponse: {
            /**
             * @description Cents asked by the requests submitted in the year (`submittedOn`)
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted by the granted or paid requests decided in the year (`decidedOn`)
             * @example 2000000
             */
            grantedCents: number;
            /**
             * @description Distinct projects with a grant decided in the year
             * @example 3
             */
            projectsFinanced: number;
        };
        ProgramFinancingResponse: {
            /**
             * @description Cents asked by the requests submitted in the year (`submittedOn`)
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted by the granted or paid requests decided in the year (`decidedOn`)
             * @example 2000000
             */
            grantedCents: number;
            /**
             * @description Distinct projects with a grant decided in the year
             * @example 3
             */
            projectsFinanced: number;
            /** @example parcours-coop */
            code: string;
            /** @example Parcours COOP */
            nameFr: string;
            /** @example Parcours COOP (co-op start-up training) */
            nameEn: string;
        };
        CohortFinancingResponse: {
            /**
             * @description Cents asked by the requests submitted in the year (`submittedOn`)
             * @example 4500000
             */
            requestedCents: number;
            /**
             * @description Cents granted by the granted or paid requests decided in the year (`decidedOn`)
             * @example 2000000
             */
            grantedCents: number;
            /**
             * @description Distinct projects with a grant decided in the year
             * @example 3
             */
            projectsFinanced: number;
            /** @example 19 */
            cohortId: number;
            /** @example parcours-coop */
            programCode: string;
            /** @example 19 */
            number: number;
            /** @example Printemps 2023 */
            label: string;
        };
        FinancingReportResponse: {
            /** @example 2023-2024 */
            year: string;
            /** @description Every source of the list, in its order (retired ones included); they add up to `total` */
            bySource: components["schemas"]["SourceFinancingResponse"][];
            /** @description Every instrument, in the order of the API; they add up to `total` */
            byInstrument: components["schemas"]["InstrumentFinancingResponse"][];
            /** @description The network: every request once, each project financed counted once */
            total: components["schemas"]["YearFinancingResponse"];
            /** @description Every program, by its projects' enrollments: a project enrolled in two programs is in each, so the programs may add up to more than `total` */
            programs: components["schemas"]["ProgramFinancingResponse"][];
            /** @description The cohorts whose projects asked for or were granted money in the year, by program then start date */
            cohorts: components["schemas"]["CohortFinancingResponse"][];
        };
        AdvisoryPreviousYearResponse: {
            /** @example 2022-2023 */
            year: string;
            /** @example 790 */
            hours: number;
            /** @example 44 */
            coops: number;
        };
        AdvisoryChangeResponse: {
            /**
             * @description Hours this year minus the year before
             * @example 94
             */
            hours: number;
            /**
             * @description Co-ops served this year minus the year before (+10)
             * @example 10
             */
            coops: number;
        };
        AdvisoryTypeHoursResponse: {
            /** @example planification-strategique */
            code: string;
            /** @example Planification stratégique */
            labelFr: string;
            /** @example Strategic planning */
            labelEn: string;
            /**
             * @description Hours of the year, 0 for a type no entry used
             * @example 42.5
             */
            hours: number;
        };
        AdvisoryFamilyHoursResponse: {
            /** @example strategie */
            code: string;
            /** @example Stratégie */
            labelFr: string;
            /** @example Strategy */
            labelEn: string;
            /**
             * @description The sum of its types' hours
             * @example 120.75
             */
            hours: number;
            types: components["schemas"]["AdvisoryTypeHoursResponse"][];
        };
        AdvisoryAdvisorHoursResponse: {
            /** @example 4 */
            id: number;
            /** @example Marie Tremblay */
            name: string;
            /** @example 212.25 */
            hours: number;
        };
        AdvisoryRegionHoursResponse: {
            /**
             * @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec)
             * @example 06
             */
            region: components["schemas"]["Region"];
            /** @example 88 */
            hours: number;
            /**
             * @description Distinct co-ops served there
             * @example 6
             */
            coops: number;
        };
        AdvisoryReportResponse: {
            /** @example 2023-2024 */
            year: string;
            /**
             * Format: date
             * @description First day of the year
             * @example 2023-04-01
             */
            from: string;
            /**
             * Format: date
             * @description Last day of the year
             * @example 2024-03-31
             */
            to: string;
            /**
             * @description Hours of every time entry on a co-op dated in the year
             * @example 884
             */
            hours: number;
            /**
             * @description Distinct co-ops with such an entry
             * @example 54
             */
            coops: number;
            previous: components["schemas"]["AdvisoryPreviousYearResponse"];
            change: components["schemas"]["AdvisoryChangeResponse"];
            /** @description By family and type, in the list order */
            byFamily: components["schemas"]["AdvisoryFamilyHoursResponse"][];
            /** @description By advisor, by name: left out for viewers (hours by person are personal) */
            byAdvisor?: components["schemas"]["AdvisoryAdvisorHoursResponse"][];
            /** @description By the co-ops' region, by region code */
            byRegion: components["schemas"]["AdvisoryRegionHoursResponse"][];
        };
        /** @enum {string} */
        FunderRowKey: "startUpInterventions" | "accompanimentInterventions" | "jobsCreated" | "jobsMaintained" | "totalInterventions" | "totalHours";
        FunderRowResponse: {
            /** @example jobsCreated */
            key: components["schemas"]["FunderRowKey"];
            /** @example Emplois créés */
            labelFr: string;
            /** @example Jobs created */
            labelEn: string;
            /**
             * @description A count, or hours (in quarter hours, exact) on the hours row
             * @example 23
             */
            value: number;
            /**
             * @description Jobs rows only: how many of the projects or co-ops behind the value have no count recorded (a gap, not zero)
             * @example 2
             */
            missing?: number;
        };
        FunderReportResponse: {
            /** @example 2022-2023 */
            year: string;
            /**
             * Format: date
             * @description First day of the year
             * @example 2022-04-01
             */
            from: string;
            /**
             * Format: date
             * @description Last day of the year
             * @example 2023-03-31
             */
            to: string;
            /** @description The table's rows, in its order */
            rows: components["schemas"]["FunderRowResponse"][];
        };
        /** @enum {string} */
        ScheduleName: "figures-recompute" | "daily-digest" | "cohort-check-ins" | "contact-retention";
        ScheduleRunResponse: {
            /** @example daily-digest */
            schedule: components["schemas"]["ScheduleName"];
            /**
             * @description The tick's job in the `schedules` queue (see /admin/queues)
             * @example 7
             */
            jobId: string;
        };
        /**
         * @description What its types are recorded for: `organization` (advisory services to a co-op) or `project`
         * @enum {string}
         */
        InterventionTarget: "organization" | "project";
        InterventionTypeResponse: {
            /**
             * @description Stable: time entries refer to the type by it
             * @example analyse-financiere
             */
            code: string;
            /**
             * @description The family it belongs to
             * @example finances
             */
            familyCode: string;
            /**
             * @description The label French readers see
             * @example Analyse financière
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Financial analysis
             */
            labelEn: string;
            /**
             * @description Place within its family, 1 to n
             * @example 1
             */
            position: number;
            /**
             * @description false: retired, kept on past entries and refused on new ones
             * @example true
             */
            active: boolean;
        };
        InterventionFamilyResponse: {
            /**
             * @description Stable: reports group hours by it
             * @example finances
             */
            code: string;
            /**
             * @description The label French readers see
             * @example Finances
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Finance
             */
            labelEn: string;
            /**
             * @description Place in the list, 1 to n
             * @example 2
             */
            position: number;
            /**
             * @description What its types are recorded for: `organization` (advisory services to a co-op) or `project`
             * @example organization
             */
            serves: components["schemas"]["InterventionTarget"];
            /** @description Its types in order, retired ones included */
            types: components["schemas"]["InterventionTypeResponse"][];
        };
        CreateInterventionTypeDto: {
            /**
             * @description Lower-case words of letters and digits joined by dashes; unique, and never changes
             * @example gouvernance
             */
            code: string;
            /**
             * @description The family it belongs to (422 when there is none by that code)
             * @example gestion-collective
             */
            familyCode: string;
            /**
             * @description The label French readers see
             * @example Gouvernance
             */
            labelFr: string;
            /**
             * @description The label English readers see
             * @example Governance
             */
            labelEn: string;
            /**
             * @description Place within its family, from 1 to one past the last type (422 beyond); the types from there move one down. Last when omitted
             * @example 1
             */
            position?: number;
        };
        UpdateInterventionTypeDto: {
            /**
             * @description The label French readers see
             * @example Gouvernance
             */
            labelFr?: string;
            /**
             * @description The label English readers see
             * @example Governance
             */
            labelEn?: string;
            /**
             * @description Moves it within its family (422 past the last type)
             * @example 1
             */
            position?: number;
            /**
             * @description false retires it: past entries keep it, new entries are refused with it; true brings it back
             * @example false
             */
            active?: boolean;
        };
        CreateTimeEntryDto: {
            /**
             * Format: date
             * @description The local date the work was done, between 1900-01-01 and 2199-12-31; not after today in Montréal (400)
             * @example 2026-11-30
             */
            workedOn: string;
            /**
             * @description Hours spent, in quarter hours; with the other entries of the advisor on that date, at most 24 (400 beyond)
             * @example 1.25
             */
            hours: number;
            /**
             * @description An active intervention type (GET /intervention-types) whose family serves the kind of target: a project or a co-op (400 otherwise)
             * @example premieres-rencontres
             */
            interventionType: string;
            /**
             * @description The project worked for: exactly one of projectId and organizationId (400 for both or neither; 404 when it does not exist)
             * @example 1
             */
            projectId?: number;
            /**
             * @description The co-op served: exactly one of projectId and organizationId (400 for both or neither; 404 when it does not exist)
             * @example 4
             */
            organizationId?: number;
            /**
             * @description What was done; trimmed. Viewers never read it
             * @example Rencontre avec le CA sur le plan de relève
             */
            note?: string | null;
            /**
             * @description Whose time it is: an active advisor, coordinator or admin (422 otherwise). Yourself when omitted; only coordinators and admins name someone else (403)
             * @example 3
             */
            advisorId?: number;
        };
        TimeEntryTargetResponse: {
            /** @example 1 */
            id: number;
            /** @example L'Alouette */
            name: string;
        };
        TimeEntryFamilyResponse: {
            /** @example demarrage-transfert */
            code: string;
            /** @example Accompagnement au démarrage et au transfert */
            labelFr: string;
            /** @example Start-up and transfer accompaniment */
            labelEn: string;
            /** @example project */
            serves: components["schemas"]["InterventionTarget"];
        };
        TimeEntryTypeResponse: {
            /** @example premieres-rencontres */
            code: string;
            /** @example Premières rencontres */
            labelFr: string;
            /** @example First meetings */
            labelEn: string;
            /**
             * @description false: retired since the entry was recorded
             * @example true
             */
            active: boolean;
            family: components["schemas"]["TimeEntryFamilyResponse"];
        };
        TimeEntryResponse: {
            /** @example 42 */
            id: number;
            /** @description Whose time it is */
            advisor: components["schemas"]["PersonResponse"];
            /**
             * @description The project worked for; null for a co-op
             * @example {
             *       "id": 1,
             *       "name": "L'Alouette"
             *     }
             */
            project: components["schemas"]["TimeEntryTargetResponse"] | (never | null);
            /**
             * @description The co-op served; null for a project
             * @example null
             */
            organization: components["schemas"]["TimeEntryTargetResponse"] | (never | null);
            /**
             * Format: date
             * @description The local date of the work
             * @example 2026-11-30
             */
            workedOn: string;
            /** @example 1.25 */
            hours: number;
            interventionType: components["schemas"]["TimeEntryTypeResponse"];
            /**
             * @description What was done. Not shown to viewers.
             * @example Rencontre avec le CA sur le plan de relève
             */
            note?: string | null;
            /**
             * @description A demo stand-in, not a real entry
             * @example false
             */
            demo: boolean;
            /**
             * Format: date-time
             * @example 2026-11-30T20:14:03.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-30T20:14:03.000Z
             */
            updatedAt: string;
        };
        TimeEntryPageResponse: {
            /** @example 1 */
            page: number;
            /** @example 50 */
            pageSize: number;
            items: components["schemas"]["TimeEntryResponse"][];
            /**
             * @description Entries the filters match, on every page
             * @example 1
             */
            total: number;
            /**
             * @description Hours of every entry the filters match, not only this page's: a project's or a co-op's total
             * @example 1.25
             */
            totalHours: number;
        };
        UpdateTimeEntryDto: {
            /**
             * Format: date
             * @description The local date the work was done, between 1900-01-01 and 2199-12-31; not after today in Montréal (400)
             * @example 2026-11-30
             */
            workedOn?: string;
            /**
             * @description Hours spent, in quarter hours; with the other entries of the advisor on that date, at most 24 (400 beyond)
             * @example 1.25
             */
            hours?: number;
            /**
             * @description An active intervention type (GET /intervention-types) whose family serves the kind of target: a project or a co-op (400 otherwise)
             * @example premieres-rencontres
             */
            interventionType?: string;
            /**
             * @description The project: exactly one of projectId and organizationId (400 for both or neither; 404 when it does not exist)
             * @example 1
             */
            projectId?: number | null;
            /**
             * @description The co-op: exactly one of projectId and organizationId (400 for both or neither; 404 when it does not exist)
             * @example null
             */
            organizationId?: number | null;
            /**
             * @description What was done; trimmed. Viewers never read it
             * @example Rencontre avec le CA sur le plan de relève
             */
            note?: string | null;
            /**
             * @description Hands the entry to another active advisor, coordinator or admin (coordinators and admins only)
             * @example 3
             */
            advisorId?: number;
        };
        HealthCheckFailedResponse: {
            /**
             * @description Why the check failed
             * @example Counting jobs took longer than 1000 ms
             */
            error: string;
        };
        QueueCountsResponse: {
            /** @example 0 */
            waiting: number;
            /** @example 0 */
            active: number;
            /**
             * @description Kept for a look in /admin/queues
             * @example 0
             */
            failed: number;
            /**
             * @description Waiting for a retry or a later time
             * @example 0
             */
            delayed: number;
        };
        OutboxHealthResponse: {
            /**
             * @description Scopes whose figures wait for a recompute (those failed for good left out: see `figures`)
             * @example 0
             */
            pendingScopes: number;
            /**
             * @description Of those, the ones not handed to the queue yet (Redis away, or the relay behind)
             * @example 0
             */
            notHandedOver: number;
            /**
             * @description How long the oldest not handed over has waited; null when none waits
             * @example null
             */
            oldestNotHandedOverSeconds: number | null;
        };
        /**
         * @description `failed`: no retry will come until the scope changes again (look at its data); `retrying`: a job will try again
         * @enum {string}
         */
        FigureFailureStatus: "failed" | "retrying";
        FigureFailureResponse: {
            /**
             * @description What the figures cover: `cohort:<id>`, `program-year:<code>:<year>` or `program:<code>`
             * @example cohort:19
             */
            scope: string;
            /**
             * @description `failed`: no retry will come until the scope changes again (look at its data); `retrying`: a job will try again
             * @example failed
             */
            status: components["schemas"]["FigureFailureStatus"];
            /**
             * @description The error of the last attempt
             * @example Cohort 19 has no stage to count
             */
            error: string;
            /**
             * Format: date-time
             * @description Since when it fails
             * @example 2024-05-01T11:00:00.000Z
             */
            failingSince: string;
            /**
             * Format: date-time
             * @example 2024-05-01T11:00:07.000Z
             */
            lastFailedAt: string;
            /**
             * @description Attempts that failed
             * @example 3
             */
            attempts: number;
        };
        FiguresHealthResponse: {
            /**
             * @description Scopes failed for good: the status is `degraded`
             * @example 0
             */
            failedScopes: number;
            /**
             * @description Scopes a job will try again
             * @example 0
             */
            retryingScopes: number;
            /** @description The 50 oldest failures; the counts say how many there are in all */
            failures: components["schemas"]["FigureFailureResponse"][];
        };
        MailHealthResponse: {
            /**
             * @description E-mails not sent yet
             * @example 0
             */
            pending: number;
            /**
             * @description E-mails that failed for good: see GET /notifications?status=failed
             * @example 0
             */
            failed: number;
            /**
             * @description How long the oldest pending e-mail has waited; null when none waits
             * @example null
             */
            oldestPendingSeconds: number | null;
        };
        /**
         * @description `down`: the database does not answer (503). `degraded`: Redis is away (moves are recorded, their figures wait in the outbox, sign-in limits are counted per process), or the figures of a scope failed for good
         * @enum {string}
         */
        HealthStatus: "ok" | "degraded" | "down";
        /**
         * @description `down`: GET /health answers 503
         * @enum {string}
         */
        UpDown: "up" | "down";
        DatabaseHealthResponse: {
            /**
             * @description `down`: GET /health answers 503
             * @example up
             */
            status: components["schemas"]["UpDown"];
            /**
             * @description The TypeORM driver
             * @example postgres
             * @enum {string}
             */
            driver: "better-sqlite3" | "postgres";
            /**
             * @description When up: the time `SELECT 1` took
             * @example 1.2
             */
            latencyMs?: number;
            /**
             * @description When down: why
             * @example The database check took longer than 1000 ms
             */
            error?: string;
        };
        RedisHealthResponse: {
            /**
             * @description `down`: the status is `degraded`
             * @example up
             */
            status: components["schemas"]["UpDown"];
            /**
             * @description When up: the time a PING took
             * @example 0.4
             */
            latencyMs?: number;
            /**
             * @description When down: why
             * @example The Redis check took longer than 1000 ms
             */
            error?: string;
        };
        SignInLimitsHealthResponse: {
            /**
             * @description `redis`: shared by every api process; `memory`: this process's own count (see `reason`)
             * @example redis
             * @enum {string}
             */
            store: "redis" | "memory";
            /**
             * @description Sign-in attempts an account may make a minute
             * @example 10
             */
            perAccountPerMinute: number;
            /**
             * @description Sign-in attempts an address may make a minute
             * @example 60
             */
            perAddressPerMinute: number;
            /**
             * @description Only with `memory`: why the count is not in Redis
             * @example Redis is not connected (reconnecting)
             */
            reason?: string;
        };
        HealthResponse: {
            /**
             * @description `down`: the database does not answer (503). `degraded`: Redis is away (moves are recorded, their figures wait in the outbox, sign-in limits are counted per process), or the figures of a scope failed for good
             * @example ok
             */
            status: components["schemas"]["HealthStatus"];
            database: components["schemas"]["DatabaseHealthResponse"];
            redis: components["schemas"]["RedisHealthResponse"];
            /** @description Each queue's jobs by state; null when Redis is down */
            queues: {
                /** @description Recomputing stored figures */
                figures: components["schemas"]["QueueCountsResponse"] | components["schemas"]["HealthCheckFailedResponse"];
                /** @description Ticks of the daily schedules */
                schedules: components["schemas"]["QueueCountsResponse"] | components["schemas"]["HealthCheckFailedResponse"];
                /** @description Building the advisors' digests and the check-ins */
                "follow-ups": components["schemas"]["QueueCountsResponse"] | components["schemas"]["HealthCheckFailedResponse"];
                /** @description Sending recorded e-mails */
                mail: components["schemas"]["QueueCountsResponse"] | components["schemas"]["HealthCheckFailedResponse"];
            } | null;
            /** @description Figure work recorded in the database and not done yet */
            outbox: components["schemas"]["OutboxHealthResponse"] | components["schemas"]["HealthCheckFailedResponse"];
            /** @description Figure scopes whose recompute fails */
            figures: components["schemas"]["FiguresHealthResponse"] | components["schemas"]["HealthCheckFailedResponse"];
            /** @description E-mail waiting to go out, and e-mail that failed for good */
            mail: components["schemas"]["MailHealthResponse"] | components["schemas"]["HealthCheckFailedResponse"];
            /** @description Where this process counts sign-in attempts */
            signInLimits: components["schemas"]["SignInLimitsHealthResponse"];
        };
        LivenessResponse: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        ReadyResponse: {
            /**
             * @example ready
             * @enum {string}
             */
            status: "ready";
        };
        UnreadyResponse: {
            /**
             * @example unready
             * @enum {string}
             */
            status: "unready";
            /**
             * @description What is missing: `migrations have not all run`, or `the database does not answer: <why>`
             * @example migrations have not all run
             */
            reason: string;
        };
        ErrorResponse: {
            /** @example 400 */
            statusCode: number;
            /**
             * @description The reason phrase of the status
             * @example Bad Request
             */
            error: string;
            /** @example Invalid input: enrolledAt must be a date between 1900-01-01 and 2199-12-31 */
            message: string;
            /** @description For invalid input, one entry per field. For a conflict or a refused move, what the service found (the current version, the index of the refused move in a bulk). */
            details?: components["schemas"]["FieldProblemResponse"][] | {
                [key: string]: unknown;
            };
        };
        FieldProblemResponse: {
            /**
             * @description The field, as a path into the request: `contacts.0.email`
             * @example enrolledAt
             */
            field: string;
            /**
             * @example [
             *       "enrolledAt must be a date between 1900-01-01 and 2199-12-31"
             *     ]
             */
            problems: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuditController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                entity?: components["schemas"]["AuditedEntity"];
                /** @description The entity's id (a program's code), with `entity` */
                id?: string;
                /** @description Changes made by this user */
                userId?: number;
                /** @description Changes of this project and of what belongs to it (contacts, tasks, notes, hours...) */
                projectId?: number;
                /** @description From this instant, or from the start of this day in Montréal */
                from?: string;
                /** @description Before this instant, or up to the end of this day in Montréal */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageResponse"];
                };
            };
            /** @description A filter that is not valid, `id` without `entity`, or `from` after `to` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Wrong e-mail or password, or a deactivated account (the same answer for all three) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many attempts for the account or from the address in the last minute, or too many at once from the address */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out: this token now gets 401 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Created, active */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A user with this e-mail already exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the user */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the user */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description The user as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user is the last active admin and would stop being one (role or active): nothing was changed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AccountController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AccountController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOwnAccountDto"];
            };
        };
        responses: {
            /** @description The account as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnAccountResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `currentPassword` is wrong (`details` names it); nothing was changed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many password checks for this account or from this address */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PasswordResetsController_start: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the user */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The e-mail is on its way; no token here */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartedPasswordResetResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The account is deactivated: reactivate it first */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PasswordResetsController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletePasswordResetDto"];
            };
        };
        responses: {
            /** @description The new password is set; sign in with it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The link is unknown, used or expired, or its account deactivated (the same answer for all) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The programs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProgramDto"];
            };
        };
        responses: {
            /** @description The program as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Offsets other than [] for a program without cohorts: it has no cohort ends to check in after */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_stages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program's stages, in order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_addStage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStageDto"];
            };
        };
        responses: {
            /** @description The program's stages, the new one among them, in order */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The program already has a stage with this code. Or: The milestone already belongs to another stage of the program: a milestone marks one stage */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A code that is a move target of its own (`abandoned`, `reopen`), or a position past one after the last stage */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_reorder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReorderStagesDto"];
            };
        };
        responses: {
            /** @description The program's stages in their new order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `codes` does not list every stage of the program exactly once; `details` has `missing` and `unknown` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_deleteStage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
                /** @description The stage code within the program */
                stageCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A project sits in the stage or its history mentions it: relabel it instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description It is the last stage of the program: a program keeps one */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProgramsController_updateStage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program code: `parcours-coop`, `parcours-transfertcoop`, `demarrage` or `transfertcoop` */
                code: string;
                /** @description The stage code within the program */
                stageCode: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateStageDto"];
            };
        };
        responses: {
            /** @description The stage as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The milestone already belongs to another stage of the program: a milestone marks one stage */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CohortsController_list: {
        parameters: {
            query?: {
                /** @description Only this program's cohorts */
                programCode?: string;
                /** @description Only the cohorts that start in this reporting year (April to March by default) */
                year?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cohorts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CohortsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCohortDto"];
            };
        };
        responses: {
            /** @description The new cohort */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The program already has a cohort with this number */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An unknown program, a program not run in cohorts, or a cohort that ends before it starts */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CohortsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cohort */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CohortsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCohortDto"];
            };
        };
        responses: {
            /** @description The cohort as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The program already has a cohort with this number */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A cohort that would end before it starts, or a capacity below the projects already enrolled */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Enrolled in this program */
                programCode?: string;
                /** @description Enrolled in this cohort */
                cohortId?: number;
                /** @description At this stage (a stage code) */
                stage?: string;
                status?: components["schemas"]["EnrollmentStatus"];
                /** @description Assigned to this advisor */
                advisorId?: number;
                region?: components["schemas"]["Region"];
                kind?: components["schemas"]["ProjectKind"];
                /** @description Part of the name, in any case and with or without accents */
                q?: string;
                /** @description true: projects past a stage's stale threshold with no activity, not snoozed */
                stale?: "true" | "false";
                /** @description The order; `-` for descending */
                sort?: "name" | "-name" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "region" | "-region";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            /** @description The project, with its contacts and its enrollment */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor naming another advisor in `advisorId` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An unknown program; a cohort that does not exist, belongs to another program or is full; a `cohortId` for a program without cohorts; an `advisorId` that is not an active advisor, coordinator or admin; an `enrolledAt` in the future */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The project's version, quoted (`"2"`): send it back as `If-Match` on `PATCH /projects/:id`. Not for moves: each enrollment has its own (`GET /projects/:id/enrollments/:programCode`). */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description The project's version as you last read it: the ETag of `GET /projects/:id` or of this operation's last answer (the project's `version`), never an enrollment's. A stale one gets 409 with `details.currentVersion` and changes nothing; without it, the change applies whatever the version. `3`, `"3"` and `W/"3"` are read alike. */
                "If-Match"?: string;
            };
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The project's version, quoted (`"2"`): send it back as `If-Match` on `PATCH /projects/:id`. Not for moves: each enrollment has its own (`GET /projects/:id/enrollments/:programCode`). */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may); an advisor changing `advisorId` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `If-Match` is not the project's current version (`details.currentVersion` has it), or someone changed the project at the same moment; nothing was changed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `advisorId` is not an active advisor, coordinator or admin */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_addEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEnrollmentDto"];
            };
        };
        responses: {
            /** @description The project, with every enrollment */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project is already enrolled in that program */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An unknown program; a cohort that does not exist, belongs to another program or is full; a `cohortId` for a program without cohorts; an `enrolledAt` in the future */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_getEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
                /** @description A program the project is enrolled in */
                programCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The enrollment's version, quoted (`"2"`): send it back as `If-Match` on the move (`POST /projects/:id/transitions`) of this enrollment. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project, or the project is not enrolled in that program */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_changeCohort: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
                /** @description A program the project is enrolled in */
                programCode: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEnrollmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The enrollment's version, quoted (`"2"`): send it back as `If-Match` on the move (`POST /projects/:id/transitions`) of this enrollment. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project, or the project is not enrolled in that program */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The cohort does not exist, belongs to another program or is full */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_history: {
        parameters: {
            query?: {
                /** @description Only the history of the enrollment in this program */
                programCode?: string;
            };
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryEntryResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project, or the project is not enrolled in `programCode` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_move: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version of the enrollment this move applies to, as you last read it: the ETag of `GET /projects/:id/enrollments/:programCode` or of the last move's answer (the enrollment's `version`, also shown in `GET /projects/:id`), never the project's ETag. A stale one gets 409 with `details.currentVersion`, `stage` and `status`, and records nothing; without it (and without `expectedVersion`), the move applies to the enrollment as it is. Same as `expectedVersion` in the body: send one, or both equal. `3`, `"3"` and `W/"3"` are read alike. */
                "If-Match"?: string;
            };
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            /** @description The line of history and the enrollment at its new version */
            201: {
                headers: {
                    /** @description The enrollment's new version, quoted (`"2"`): the `If-Match` of its next move. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoveResponse"];
                };
            };
            /** @description Invalid input, an `If-Match` that is not a version, or `If-Match` and `expectedVersion` that differ */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `If-Match` or `expectedVersion` is not the enrollment's current version (`details` has `currentVersion`, `stage` and `status`), or someone moved it at the same moment; nothing was recorded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rules of the pipeline refuse the move: an unknown stage, the stage it is at, a move back without a note, a stage move of an abandoned or paused enrollment (reopen it first), an `occurredAt` in the future or before the last move; or a `programCode` the project is not enrolled in (or none, when it is in several) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectsController_addContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    BulkTransitionsController_bulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkTransitionsDto"];
            };
        };
        responses: {
            /** @description Every move recorded, in the order sent */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkMovesResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor moving a project assigned to another advisor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A move's `expectedVersion` is not its enrollment's current version, or someone moved one of the enrollments at the same moment; nothing was recorded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A move the rules of the pipeline refuse, or a project that does not exist; nothing was recorded */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FiguresController_cohortStats: {
        parameters: {
            query?: {
                /** @description `true` computes the figures now from the recorded moves, with the aggregate the recompute job uses, instead of reading the stored ones; `false` (the default) reads them */
                fresh?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cohort's figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortStatsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FiguresController_programStats: {
        parameters: {
            query: {
                /** @description `true` computes the figures now from the recorded moves, with the aggregate the recompute job uses, instead of reading the stored ones; `false` (the default) reads them */
                fresh?: "true" | "false";
                /** @description The reporting year, April to March by default, within 1900 to 2199 */
                year: string;
            };
            header?: never;
            path: {
                /** @description The program code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program's figures for the year */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramStatsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FiguresController_programFunnel: {
        parameters: {
            query: {
                /** @description `true` computes the figures now from the recorded moves, with the aggregate the recompute job uses, instead of reading the stored ones; `false` (the default) reads them */
                fresh?: "true" | "false";
                /** @description The reporting year, April to March by default, within 1900 to 2199 */
                year: string;
            };
            header?: never;
            path: {
                /** @description The program code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program's funnel for the year */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FunnelResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    NotificationsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only e-mails in this state */
                status?: components["schemas"]["NotificationStatus"];
                /** @description Only e-mails of this kind */
                kind?: components["schemas"]["NotificationKind"];
                /** @description Only e-mails to this address (in any case) */
                recipient?: string;
                /** @description Only e-mails to this user (digests, password resets) */
                userId?: number;
                /** @description Only e-mails about this project (check-ins) */
                projectId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    NotificationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the e-mail */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    NotificationsController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the e-mail */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The e-mail, pending again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The e-mail is not failed: it is pending or was sent */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FollowUpsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description me, none (unassigned), or a user id up to 2147483647. Advisors see only their own: me by default, 403 for anyone else's; coordinators and admins see everyone's by default */
                assignee?: string;
                /** @description On today's Montréal date: due (today), overdue (before today), upcoming (after today), done, or open (not done: any of the first three). All when omitted */
                state?: "due" | "overdue" | "upcoming" | "done" | "open";
                /** @description Only this project's tasks */
                projectId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor asking for another person's tasks */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FollowUpsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The task id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor asking for another person's task */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No task has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FollowUpsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The task id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFollowUpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor changing another person's task, or handing one to someone else */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No task has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `assigneeId` is not an active advisor, coordinator or admin */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectFollowUpsController_createFollowUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFollowUpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may); an advisor writing a task for someone else */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No project has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project has no advisor and `assigneeId` is left out, or `assigneeId` is not an active advisor, coordinator or admin */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectFollowUpsController_snooze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SnoozeDto"];
            };
        };
        responses: {
            /** @description The project, as `GET /projects/:id` answers it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No project has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `until` is today or earlier, or more than a year away */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectFollowUpsController_unsnooze: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project has no snooze */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No project has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectNotesController_notes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectNoteResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectNotesController_addNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNoteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectNoteResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CalendarFeedController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new address; the one before no longer works */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CalendarFeedController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description You have no calendar address (any more) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CalendarFileController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the address, then `.ics` */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar, `text/calendar; charset=utf-8`, CRLF line ends, lines folded at 75 octets */
            200: {
                headers: {
                    /** @description `private, no-store`: the address is a secret, which no shared cache may keep */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No calendar at this address: never made, replaced by a newer one, revoked, or its user deactivated (the same answer for all) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SatisfactionController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cohort's satisfaction */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortSatisfactionResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SatisfactionController_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordRatingsDto"];
            };
        };
        responses: {
            /** @description The cohort's satisfaction, the new ratings counted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CohortSatisfactionResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only the co-ops that were members on this day (memberSince on or before it, memberUntil not before it) */
                memberOn?: string;
                /** @description Québec administrative region, 01 (Bas-Saint-Laurent) to 17 (Centre-du-Québec) */
                region?: components["schemas"]["Region"];
                /** @description worker: coopérative de travail; producer: de producteurs; solidarity: de solidarité */
                coopType?: components["schemas"]["CoopType"];
                /** @description Part of the name, in any case and with or without accents */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of co-ops */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationDto"];
            };
        };
        responses: {
            /** @description The new co-op */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another co-op has this enterprise number */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_stats: {
        parameters: {
            query: {
                /** @description The reporting year, April to March by default, within 1900 to 2199 */
                year: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts for the year */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationStatsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (co-op) id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The co-op */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such co-op */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (co-op) id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such co-op */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Other records (time entries, jobs) refer to the co-op; nothing was deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OrganizationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (co-op) id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationDto"];
            };
        };
        responses: {
            /** @description The co-op as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such co-op */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another co-op has this enterprise number */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectOrganizationController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The co-op */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project, or it has no co-op yet */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProjectOrganizationController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationFromProjectDto"];
            };
        };
        responses: {
            /** @description The new co-op, linked to the project */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project already has its co-op, or another co-op has this enterprise number */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project has not reached the incorporated milestone */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    JobsController_ofProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectJobsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    JobsController_recordForProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordProjectJobsDto"];
            };
        };
        responses: {
            /** @description The project's jobs with this count */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectJobsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor on another advisor's project */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project has not reached its incorporated milestone, or `maintained` for a start-up project */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    JobsController_ofOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (co-op) id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationJobsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such co-op */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    JobsController_recordForOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (co-op) id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordWorkersDto"];
            };
        };
        responses: {
            /** @description The co-op's workers with this count */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationJobsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such co-op */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_cohort: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json */
                format?: "csv" | "xlsx" | "json";
                /** @description Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps both languages of its labels) */
                lang?: "fr" | "en";
                /** @description CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets in a French locale. The rows are the same, numbers included (a decimal keeps its `.`) */
                delimiter?: "comma" | "semicolon";
                /** @description true adds the contacts' names and e-mails (personal information): coordinators and admins only, 403 for the others, with nothing exported */
                includeContacts?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description The cohort id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cohort's file, as an attachment, streamed. CSV is sent as `text/csv; charset=utf-8`: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed. */
            200: {
                headers: {
                    /** @description attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the extension is the format, the name in the language of `lang` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/json": components["schemas"]["CohortExportResponse"];
                };
            };
            /** @description Invalid input: an id that is not a whole number, `includeContacts` other than true or false, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `includeContacts=true` from an advisor or a viewer: nothing is exported */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No cohort has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_report: {
        parameters: {
            query: {
                /** @description csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json */
                format?: "csv" | "xlsx" | "json";
                /** @description Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps both languages of its labels) */
                lang?: "fr" | "en";
                /** @description CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets in a French locale. The rows are the same, numbers included (a decimal keeps its `.`) */
                delimiter?: "comma" | "semicolon";
                /** @description The reporting year, April to March by default (400 when missing or malformed) */
                year: string;
            };
            header?: never;
            path: {
                /** @description The code of a cohort program */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The year's report, as an attachment, streamed. CSV is sent as `text/csv; charset=utf-8`: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed. */
            200: {
                headers: {
                    /** @description attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the extension is the format, the name in the language of `lang` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/json": components["schemas"]["ProgramReportResponse"];
                };
            };
            /** @description Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No program has this code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The program is not run in cohorts: its funnel is in the report of a cohort program */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportLogPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ImportsController_importProjects: {
        parameters: {
            query?: {
                /** @description true (the default): check the file and answer what it would do, writing nothing; false: apply it */
                dryRun?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV or XLSX file
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description A dry run, with or without problems (`accepted`); or the file applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Advisors and viewers */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A file over 20 MB: nothing was read */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A request that is not multipart/form-data */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A file with problems, in a dry run or not: nothing was written; `details.problems` lists every one as `{row, column, value, problem}` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRefusedResponse"];
                };
            };
        };
    };
    ImportsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportLogPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PrivacyController_personalInformation: {
        parameters: {
            query: {
                /** @description In any case */
                email: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonalInformationResponse"];
                };
            };
            /** @description No e-mail, or not an e-mail */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PrivacyController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasePersonDto"];
            };
        };
        responses: {
            /** @description How much was erased */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureResponse"];
                };
            };
            /** @description No e-mail, or not an e-mail: nothing is erased */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An account has this e-mail: an admin deactivates it or changes its e-mail first (it is the login) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContactErasureController_deleteContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
                /** @description A contact of that project */
                contactId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such project, or no such contact on this project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FinancingSourcesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancingSourceResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FinancingSourcesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFinancingSourceDto"];
            };
        };
        responses: {
            /** @description The new source */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancingSourceResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A source already has this code */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `position` past one after the last source */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FinancingSourcesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The source code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No financing source has this code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Funding requests name it: retire it with `active: false` instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FinancingSourcesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The source code */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFinancingSourceDto"];
            };
        };
        responses: {
            /** @description The source as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FinancingSourceResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No financing source has this code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `position` past one after the last source */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FundingRequestsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectFundingRequestsResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No project has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FundingRequestsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFundingRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingRequestResponse"];
                };
            };
            /** @description A field is bad, or the request as it would be is inconsistent, named in `details`: an amount negative, not whole or above 10 million dollars; an unknown or retired source; an unknown instrument or status; a date the status needs left out, a date of a later step, a date after today or before the previous step; an amount granted missing for granted or paid, present for the other statuses, or above the amount requested */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No project has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FundingRequestsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The funding request */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No funding request has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FundingRequestsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The funding request */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFundingRequestDto"];
            };
        };
        responses: {
            /** @description The request as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingRequestResponse"];
                };
            };
            /** @description A field is bad, or the request as it would be is inconsistent, named in `details`: an amount negative, not whole or above 10 million dollars; an unknown or retired source; an unknown instrument or status; a date the status needs left out, a date of a later step, a date after today or before the previous step; an amount granted missing for granted or paid, present for the other statuses, or above the amount requested */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No funding request has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FinancingReportController_financing: {
        parameters: {
            query: {
                /** @description csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json */
                format?: "csv" | "xlsx" | "json";
                /** @description Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps both languages of its labels) */
                lang?: "fr" | "en";
                /** @description CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets in a French locale. The rows are the same, numbers included (a decimal keeps its `.`) */
                delimiter?: "comma" | "semicolon";
                /** @description The reporting year, April to March by default (400 when missing or malformed) */
                year: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The year's financing, as an attachment, streamed. CSV is sent as `text/csv; charset=utf-8`: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed. */
            200: {
                headers: {
                    /** @description attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the extension is the format, the name in the language of `lang` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/json": components["schemas"]["FinancingReportResponse"];
                };
            };
            /** @description Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An advisor: the report is for coordinators, admins and viewers */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ReportsController_advisoryReport: {
        parameters: {
            query: {
                /** @description csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json */
                format?: "csv" | "xlsx" | "json";
                /** @description Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps both languages of its labels) */
                lang?: "fr" | "en";
                /** @description CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets in a French locale. The rows are the same, numbers included (a decimal keeps its `.`) */
                delimiter?: "comma" | "semicolon";
                /** @description The reporting year, April to March by default (400 when missing or malformed) */
                year: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The advisory services report, as an attachment, streamed. CSV is sent as `text/csv; charset=utf-8`: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed. */
            200: {
                headers: {
                    /** @description attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the extension is the format, the name in the language of `lang` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/json": components["schemas"]["AdvisoryReportResponse"];
                };
            };
            /** @description Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An advisor: the report is for coordinators, admins and viewers */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ReportsController_funderReport: {
        parameters: {
            query: {
                /** @description csv (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), xlsx, or json */
                format?: "csv" | "xlsx" | "json";
                /** @description Language of the headers, labels and rates people read in CSV and XLSX, and of the file name (JSON keeps both languages of its labels) */
                lang?: "fr" | "en";
                /** @description CSV only (400 with format=xlsx or json, even `comma`): what separates cells; semicolon for spreadsheets in a French locale. The rows are the same, numbers included (a decimal keeps its `.`) */
                delimiter?: "comma" | "semicolon";
                /** @description The reporting year, April to March by default (400 when missing or malformed) */
                year: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The funder table, as an attachment, streamed. CSV is sent as `text/csv; charset=utf-8`: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed. */
            200: {
                headers: {
                    /** @description attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the extension is the format, the name in the language of `lang` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/json": components["schemas"]["FunderReportResponse"];
                };
            };
            /** @description Invalid input: `year` missing or malformed, an unknown `format` or `lang`, or `delimiter` with `format=xlsx` or `json`: nothing is exported */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An advisor: the report is for coordinators, admins and viewers */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SchedulesController_run: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: components["schemas"]["ScheduleName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tick is queued; the work follows in a worker */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleRunResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The job queue does not answer (Redis is away): nothing was queued */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InterventionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The families and their types */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterventionFamilyResponse"][];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InterventionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInterventionTypeDto"];
            };
        };
        responses: {
            /** @description The new type */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterventionTypeResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A type with this code already exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No family has `familyCode`, or a position past one after the last */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InterventionsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The intervention type code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; the types after it move up */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No type has this code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Time entries use it: retire it (`active: false`) instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InterventionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The intervention type code */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateInterventionTypeDto"];
            };
        };
        responses: {
            /** @description The type as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterventionTypeResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Your role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No type has this code */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A position past the last type of its family */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TimeEntriesController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description The advisor's entries */
                advisorId?: number;
                /** @description A project's entries */
                projectId?: number;
                /** @description A co-op's entries */
                organizationId?: number;
                /** @description From this date, inclusive */
                from?: string;
                /** @description To this date, inclusive */
                to?: string;
                /** @description Entries of this type */
                interventionType?: string;
                /** @description Entries of the types of this family */
                family?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeEntryPageResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TimeEntriesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTimeEntryDto"];
            };
        };
        responses: {
            /** @description The entry recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeEntryResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor naming someone else, or a date more than 30 days back */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The project or co-op does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `advisorId` is not an active advisor, coordinator or admin */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TimeEntriesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The time entry id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor deleting another person's entry, or one past 30 days */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No entry has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A body was sent (none is needed) and it is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TimeEntriesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The time entry id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTimeEntryDto"];
            };
        };
        responses: {
            /** @description The entry as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeEntryResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No token, or one that is invalid, expired or signed out */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Viewers; an advisor changing another person's entry, or one past 30 days */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No entry has this id, or the project or co-op does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `advisorId` is not an active advisor, coordinator or admin */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `ok` or `degraded` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The database does not answer: `down`, in the same shape (not the error shape) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
        };
    };
    ProbesController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProbesController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready: send it traffic */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyResponse"];
                };
            };
            /** @description Invalid input: the body names each field and its problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not ready: the database does not answer, or a migration has not run. Not the error shape */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadyResponse"];
                };
            };
        };
    };
}
