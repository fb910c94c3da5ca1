import { readFileSync } from 'node:fs';
import { auditCount, auditOf, trailText, type AuditItem } from './support/audit.js';
import { eventually } from './support/until.js';
import { createCohort, createProject } from './support/fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

// The audit trail of projects, enrollments (their cohort), contacts, cohorts and imports: who
// changed what, read through GET /audit; a refused change leaves nothing.

describe('the audit trail of projects, contacts, cohorts and imports', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  let advisor: string;
  let adminId: number;
  let coordinatorId: number;
  let advisorId: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor('admin');
    coordinator = await t.tokenFor('coordinator');
    advisor = await t.tokenFor('advisor');
    adminId = await t.userIdFor('admin');
    coordinatorId = await t.userIdFor('coordinator');
    advisorId = await t.userIdFor('advisor');
  });
  afterAll(() => t.close());

  /** The entry's who and what, without its id and instant. */
  const gist = ({ user, entity, entityId, projectId, action, before, after }: AuditItem) => ({
    userId: user?.id ?? null,
    entity,
    entityId,
    projectId,
    action,
    before,
    after,
  });
  const historyOf = async (entity: string, id: number) => (await auditOf(t, entity, id)).map(gist);
  /** The entries a user made, oldest first. */
  const madeBy = async (userId: number): Promise<AuditItem[]> => {
    const response = await t.http().get('/audit').query({ userId, pageSize: 500 }).set(bearer(admin)).expect(200);
    return (response.body.items as AuditItem[]).reverse();
  };

  describe('projects', () => {
    it('records a creation with the fields of the project, by its creator; its enrollment is a move, not an entry', async () => {
      const project = await createProject(t, coordinator, {
        name: 'Coop Audit Création',
        sector: 'menuiserie',
        region: '06',
        entrepreneurCount: 4,
        advisorId,
      });
      expect(await historyOf('project', project.id)).toEqual([
        {
          userId: coordinatorId,
          entity: 'project',
          entityId: String(project.id),
          projectId: project.id,
          action: 'create',
          before: null,
          after: {
            name: 'Coop Audit Création',
            sector: 'menuiserie',
            kind: 'startup',
            coopType: 'worker',
            region: '06',
            entrepreneurCount: 4,
            advisorId,
            fictitious: false,
          },
        },
      ]);
      expect(await auditOf(t, 'enrollment', project.enrollments[0].id)).toEqual([]);
    });

    it('records a change with only the fields that changed, before and after', async () => {
      const project = await createProject(t, coordinator, { name: 'Coop Avant', region: '06', sector: 'menuiserie' });
      await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .set('if-match', '"1"')
        .send({ name: 'Coop Après', region: '11', sector: 'menuiserie' })
        .expect(200);
      const [, change] = await historyOf('project', project.id);
      expect(change).toEqual({
        userId: coordinatorId,
        entity: 'project',
        entityId: String(project.id),
        projectId: project.id,
        action: 'change',
        before: { name: 'Coop Avant', region: '06' },
        after: { name: 'Coop Après', region: '11' },
      });
    });

    it('records nothing for a change refused: a stale If-Match (409), an advisor reassigning (403)', async () => {
      const project = await createProject(t, advisor);
      await t.http().patch(`/projects/${project.id}`).set(bearer(advisor)).send({ sector: 'traduction' }).expect(200);
      const before = await auditCount(t);

      await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(coordinator))
        .set('if-match', '"1"')
        .send({ sector: 'jeux vidéo' })
        .expect(409);
      await t
        .http()
        .patch(`/projects/${project.id}`)
        .set(bearer(advisor))
        .send({ sector: 'jeux vidéo', advisorId: coordinatorId })
        .expect(403);
      expect(await auditCount(t)).toBe(before);
      expect((await historyOf('project', project.id)).map((e) => e.action)).toEqual(['create', 'change']);
    });
  });

  describe('enrollments', () => {
    it("records a change of cohort as the enrollment's, with its project", async () => {
      const first = await createCohort(t, coordinator);
      const second = await createCohort(t, coordinator);
      const project = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: first.id });
      const enrollmentId = project.enrollments[0].id as number;

      await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: second.id })
        .expect(200);
      await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: null })
        .expect(200);
      expect(await historyOf('enrollment', enrollmentId)).toEqual([
        {
          userId: coordinatorId,
          entity: 'enrollment',
          entityId: String(enrollmentId),
          projectId: project.id,
          action: 'change',
          before: { cohortId: first.id },
          after: { cohortId: second.id },
        },
        {
          userId: coordinatorId,
          entity: 'enrollment',
          entityId: String(enrollmentId),
          projectId: project.id,
          action: 'change',
          before: { cohortId: second.id },
          after: { cohortId: null },
        },
      ]);
    });

    it('records nothing for a cohort of another program (422)', async () => {
      const mine = await createCohort(t, coordinator);
      const foreign = await createCohort(t, coordinator, { programCode: 'parcours-transfertcoop' });
      const project = await createProject(t, coordinator, { programCode: 'parcours-coop', cohortId: mine.id });
      const before = await auditCount(t);
      await t
        .http()
        .patch(`/projects/${project.id}/enrollments/parcours-coop`)
        .set(bearer(coordinator))
        .send({ cohortId: foreign.id })
        .expect(422);
      expect(await auditCount(t)).toBe(before);
    });
  });

  describe('contacts', () => {
    const NAME = 'Maëlle Bouchard-Tremblay';
    const EMAIL = 'maelle.bouchard@audit.example';

    it('records the contacts a creation and POST /contacts add, on their project', async () => {
      const project = await createProject(t, coordinator, {
        contacts: [{ name: 'Léo Gagnon', email: 'Leo.Gagnon@Audit.example' }],
      });
      const added = await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(coordinator))
        .send({
          name: 'Inès Roy',
          email: 'ines@audit.example',
          language: 'en',
          consentPurpose: 'Suivi',
          consentOn: '2026-01-05',
        })
        .expect(201);

      expect(await historyOf('contact', project.contacts[0].id)).toEqual([
        {
          userId: coordinatorId,
          entity: 'contact',
          entityId: String(project.contacts[0].id),
          projectId: project.id,
          action: 'create',
          before: null,
          after: {
            name: 'Léo Gagnon',
            email: 'leo.gagnon@audit.example',
            language: 'fr',
            consentPurpose: null,
            consentOn: null,
          },
        },
      ]);
      expect(await historyOf('contact', added.body.id)).toEqual([
        {
          userId: coordinatorId,
          entity: 'contact',
          entityId: String(added.body.id),
          projectId: project.id,
          action: 'create',
          before: null,
          after: {
            name: 'Inès Roy',
            email: 'ines@audit.example',
            language: 'en',
            consentPurpose: 'Suivi',
            consentOn: '2026-01-05',
          },
        },
      ]);
    });

    it("records nothing for a contact refused: an advisor on another's project (403), an e-mail that is not one (400)", async () => {
      const project = await createProject(t, coordinator);
      const before = await auditCount(t);
      await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(advisor))
        .send({ name: 'Refusé', email: 'refuse@audit.example' })
        .expect(403);
      await t
        .http()
        .post(`/projects/${project.id}/contacts`)
        .set(bearer(coordinator))
        .send({ name: 'Refusé', email: 'pas-un-courriel' })
        .expect(400);
      expect(await auditCount(t)).toBe(before);
    });

    it('erases a contact (DELETE): its details blanked in every earlier entry, and the erasure recorded', async () => {
      const project = await createProject(t, coordinator, { contacts: [{ name: NAME, email: EMAIL }] });
      const contactId = project.contacts[0].id as number;
      const other = await createProject(t, coordinator);
      const before = await auditCount(t);
      // Refused: not a contact of that project (404), nor an advisor's to erase on another's project (403).
      await t.http().delete(`/projects/${other.id}/contacts/${contactId}`).set(bearer(coordinator)).expect(404);
      await t.http().delete(`/projects/${project.id}/contacts/${contactId}`).set(bearer(advisor)).expect(403);
      expect(await auditCount(t)).toBe(before);

      await t.http().delete(`/projects/${project.id}/contacts/${contactId}`).set(bearer(coordinator)).expect(204);
      const entries = await historyOf('contact', contactId);
      expect(entries).toEqual([
        {
          userId: coordinatorId,
          entity: 'contact',
          entityId: String(contactId),
          projectId: project.id,
          action: 'create',
          before: null,
          after: { name: null, email: null, language: 'fr', consentPurpose: null, consentOn: null },
        },
        {
          userId: coordinatorId,
          entity: 'contact',
          entityId: String(contactId),
          projectId: project.id,
          action: 'erase',
          before: null,
          after: null,
        },
      ]);
      const text = JSON.stringify(await auditOf(t, 'contact', contactId)).toLowerCase();
      expect(text).not.toContain(NAME.toLowerCase());
      expect(text).not.toContain(EMAIL);
    });

    it('erases a person everywhere (POST /privacy/people/erase): every contact of theirs blanked and its erasure recorded', async () => {
      const name = 'Théo Lachance-Pelletier';
      const email = 'theo.lachance@audit.example';
      const first = await createProject(t, coordinator, { contacts: [{ name, email: 'Theo.Lachance@Audit.example' }] });
      const second = await createProject(t, advisor);
      const added = await t
        .http()
        .post(`/projects/${second.id}/contacts`)
        .set(bearer(advisor))
        .send({ name, email })
        .expect(201);
      const contacts = [
        { id: first.contacts[0].id as number, projectId: first.id as number, createdBy: coordinatorId },
        { id: added.body.id as number, projectId: second.id as number, createdBy: advisorId },
      ];
      const before = await auditCount(t);
      await t.http().post('/privacy/people/erase').set(bearer(coordinator)).send({ email }).expect(403);
      expect(await auditCount(t)).toBe(before);

      const erased = await t.http().post('/privacy/people/erase').set(bearer(admin)).send({ email }).expect(200);
      expect(erased.body.contacts).toBe(2);
      for (const { id, projectId, createdBy } of contacts) {
        const entries = await historyOf('contact', id);
        expect(entries).toEqual([
          expect.objectContaining({ userId: createdBy, projectId, action: 'create', before: null }),
          {
            userId: adminId,
            entity: 'contact',
            entityId: String(id),
            projectId,
            action: 'erase',
            before: null,
            after: null,
          },
        ]);
        expect(entries[0].after).toEqual({
          name: null,
          email: null,
          language: 'fr',
          consentPurpose: null,
          consentOn: null,
        });
        const text = JSON.stringify(await auditOf(t, 'contact', id)).toLowerCase();
        expect(text).not.toContain(name.toLowerCase());
        expect(text).not.toContain(email);
      }
      // Nor any entry of the trail, whatever it is about.
      const trail = (await trailText(t)).toLowerCase();
      expect(trail).not.toContain(email);
      expect(trail).not.toContain(name.toLowerCase());
    });

    it('erases the contacts of projects ended long ago (the retention schedule), by no one', async () => {
      const created = await t
        .http()
        .post('/projects')
        .set(bearer(coordinator))
        .send({
          name: 'Coop Audit Abandonnée en 2016',
          sector: 'services',
          kind: 'startup',
          coopType: 'worker',
          region: '06',
          entrepreneurCount: 2,
          programCode: 'demarrage',
          enrolledAt: '2015-03-01',
          contacts: [{ name: 'Ancien Contact', email: 'ancien@audit.example' }],
        })
        .expect(201);
      await t
        .http()
        .post(`/projects/${created.body.id}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'abandoned', occurredAt: '2016-01-10', reason: 'Équipe dispersée' })
        .expect(201);
      const contactId = created.body.contacts[0].id as number;

      await t.http().post('/admin/schedules/contact-retention/run').set(bearer(admin)).expect(201);
      const entries = await eventually(async () => {
        const found = await historyOf('contact', contactId);
        expect(found).toHaveLength(2);
        return found;
      });
      expect(entries[0].after).toEqual({
        name: null,
        email: null,
        language: 'fr',
        consentPurpose: null,
        consentOn: null,
      });
      expect(entries[1]).toEqual({
        userId: null,
        entity: 'contact',
        entityId: String(contactId),
        projectId: created.body.id,
        action: 'erase',
        before: null,
        after: null,
      });
    });
  });

  describe('cohorts', () => {
    it('records a creation and a change, by whom', async () => {
      const cohort = await createCohort(t, coordinator, {
        number: 501,
        label: 'Automne audit',
        startsOn: '2025-09-01',
        endsOn: '2026-01-31',
        deliveryMode: 'hybrid',
        capacity: 12,
      });
      await t
        .http()
        .patch(`/cohorts/${cohort.id}`)
        .set(bearer(admin))
        .send({ label: 'Automne audit (reporté)', endsOn: '2026-02-28', capacity: 12 })
        .expect(200);
      expect(await historyOf('cohort', cohort.id)).toEqual([
        {
          userId: coordinatorId,
          entity: 'cohort',
          entityId: String(cohort.id),
          projectId: null,
          action: 'create',
          before: null,
          after: {
            programCode: 'parcours-coop',
            number: 501,
            label: 'Automne audit',
            startsOn: '2025-09-01',
            endsOn: '2026-01-31',
            deliveryMode: 'hybrid',
            capacity: 12,
          },
        },
        {
          userId: adminId,
          entity: 'cohort',
          entityId: String(cohort.id),
          projectId: null,
          action: 'change',
          before: { label: 'Automne audit', endsOn: '2026-01-31' },
          after: { label: 'Automne audit (reporté)', endsOn: '2026-02-28' },
        },
      ]);
    });

    it('records nothing for a cohort refused: ending before it starts (422), a number taken (409)', async () => {
      const cohort = await createCohort(t, coordinator, { startsOn: '2025-09-01', endsOn: '2026-01-31' });
      const taken = await createCohort(t, coordinator);
      const before = await auditCount(t);
      await t.http().patch(`/cohorts/${cohort.id}`).set(bearer(coordinator)).send({ endsOn: '2025-08-01' }).expect(422);
      await t.http().patch(`/cohorts/${cohort.id}`).set(bearer(coordinator)).send({ number: taken.number }).expect(409);
      await t
        .http()
        .post('/cohorts')
        .set(bearer(coordinator))
        .send({
          programCode: 'parcours-coop',
          number: 9999,
          label: 'À rebours',
          startsOn: '2025-09-01',
          endsOn: '2025-08-01',
          deliveryMode: 'remote',
        })
        .expect(422);
      expect(await auditCount(t)).toBe(before);
    });
  });

  describe('imports', () => {
    const example = readFileSync(new URL('./fixtures/import-example.csv', import.meta.url));
    let importer: string;
    let importerId: number;
    const send = (content: Buffer, query = '') =>
      t.http().post(`/imports/projects${query}`).set(bearer(importer)).attach('file', content, 'projets.csv');

    beforeAll(async () => {
      importer = await t.tokenFor('coordinator', 'importer');
      importerId = await t.userIdFor('coordinator', 'importer');
    });

    it('records nothing for a dry run, nor for a file refused', async () => {
      const before = await auditCount(t);
      await send(example).expect(200);
      const [header, ...rows] = example.toString('utf8').trim().split('\n');
      const refused = [header, ...rows, rows[3].replace(',03,', ',99,')].join('\n');
      await send(Buffer.from(refused), '?dryRun=false').expect(422);
      expect(await auditCount(t)).toBe(before);
    });

    it('records, by the importer, one creation per cohort, project and contact it made, and one change per project it changed', async () => {
      await send(example, '?dryRun=false').expect(200);
      const made = (await madeBy(importerId)).map(gist);
      const created = (entity: string) => made.filter((e) => e.entity === entity && e.action === 'create');
      expect(made.every((e) => e.action === 'create' && e.userId === importerId)).toBe(true);
      expect(made).toHaveLength(1 + 4 + 2);

      const [cohort] = created('cohort');
      expect(cohort).toMatchObject({
        projectId: null,
        before: null,
        after: {
          programCode: 'parcours-coop',
          number: 21,
          label: 'Printemps 2024',
          startsOn: '2024-04-10',
          endsOn: '2024-09-25',
          deliveryMode: 'remote',
          capacity: null,
        },
      });
      const projects = await t
        .http()
        .get('/projects')
        .query({ q: '(exemple)', pageSize: 100 })
        .set(bearer(coordinator))
        .expect(200);
      expect(projects.body.items).toHaveLength(4);
      for (const project of projects.body.items as { id: number; name: string }[]) {
        const entries = await historyOf('project', project.id);
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ userId: importerId, action: 'create', projectId: project.id });
        expect(entries[0].after).toMatchObject({ name: project.name, fictitious: false });
      }
      const quai = (projects.body.items as { id: number; name: string }[]).find((p) => p.name.includes('Quai'))!;
      expect(created('contact').map((e) => [e.projectId, e.after])).toEqual([
        [
          quai.id,
          { name: 'Léa Cormier', email: 'lea@quai.example', language: 'fr', consentPurpose: null, consentOn: null },
        ],
        [
          quai.id,
          { name: 'Noah Arsenault', email: 'noah@quai.example', language: 'fr', consentPurpose: null, consentOn: null },
        ],
      ]);

      // Again, with one project's sector changed: one change, of that field only.
      const [header, ...rows] = example.toString('utf8').trim().split('\n');
      const bakery = rows.findIndex((row) => row.includes('Boulangerie La Levée'));
      const changed = [header, rows[bakery].replace(',boulangerie,', ',pâtisserie,')].join('\n');
      const before = made.length;
      await send(Buffer.from(changed), '?dryRun=false').expect(200);
      const [change, ...more] = (await madeBy(importerId)).map(gist).slice(before);
      expect(more).toEqual([]);
      const bakeryId = (projects.body.items as { id: number; name: string }[]).find((p) =>
        p.name.includes('Boulangerie'),
      )!.id;
      expect(change).toEqual({
        userId: importerId,
        entity: 'project',
        entityId: String(bakeryId),
        projectId: bakeryId,
        action: 'change',
        before: { sector: 'boulangerie' },
        after: { sector: 'pâtisserie' },
      });
    });
  });
});
