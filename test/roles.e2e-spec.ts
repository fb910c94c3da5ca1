import type { Role } from '../src/users/user.entity.js';
import { expectRoleOutcome, MANAGERS, ROLES, WRITERS, type Case } from './support/roles.js';
import { bearer, expectErrorShape, startTestApp, type TestApp } from './support/test-app.js';
import { cohortBody, countRows, createCohort, createProject, projectBody } from './support/fixtures.js';

const EVERYONE: Role[] = ROLES;

/** Whose project a row is about: the advisor of the matrix, another advisor, or nobody. */
type Owner = 'this advisor' | 'another advisor' | 'no advisor';

describe('role matrix', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  let otherAdvisorId: number;
  let cohortId: number;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) {
      tokens[role] = await t.tokenFor(role);
      ids[role] = await t.userIdFor(role);
    }
    otherAdvisorId = await t.userIdFor('advisor', 'other-advisor');
    cohortId = (await createCohort(t, tokens.coordinator)).id;
  });
  afterAll(() => t.close());

  const as = (role: Role) => ({
    get: (path: string) => t.http().get(path).set(bearer(tokens[role])),
    post: (path: string, body: object) => t.http().post(path).set(bearer(tokens[role])).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set(bearer(tokens[role])).send(body),
  });
  const read = async (path: string) => (await as('admin').get(path).expect(200)).body;
  const advisorOf = (owner: Owner) =>
    owner === 'this advisor' ? ids.advisor : owner === 'another advisor' ? otherAdvisorId : undefined;
  /** A fresh project in demarrage at premier-contact, created by a coordinator. */
  const projectOf = (owner: Owner) =>
    createProject(t, tokens.coordinator, advisorOf(owner) ? { advisorId: advisorOf(owner) } : {});

  const projectState = async (id: number) => {
    const project = await read(`/projects/${id}`);
    return { name: project.name, sector: project.sector, version: project.version, advisorId: project.advisorId };
  };
  const moveState = async (id: number) => {
    const project = await read(`/projects/${id}`);
    const history = await read(`/projects/${id}/transitions`);
    return {
      stage: project.enrollments[0].stage.code,
      version: project.enrollments[0].version,
      history: history.length,
    };
  };

  const patchProject = (owner: Owner): Case => ({
    action: `PATCH /projects/:id assigned to ${owner}`,
    allowed: owner === 'this advisor' ? WRITERS : MANAGERS,
    okStatus: 200,
    prepare: async (role) => {
      const project = await projectOf(owner);
      return {
        send: () => as(role).patch(`/projects/${project.id}`, { sector: `secteur modifié par ${role}` }),
        state: () => projectState(project.id),
      };
    },
  });
  const moveProject = (owner: Owner): Case => ({
    action: `POST /projects/:id/transitions assigned to ${owner}`,
    allowed: owner === 'this advisor' ? WRITERS : MANAGERS,
    okStatus: 201,
    prepare: async (role) => {
      const project = await projectOf(owner);
      return {
        send: () => as(role).post(`/projects/${project.id}/transitions`, { to: 'accompagnement' }),
        state: () => moveState(project.id),
      };
    },
  });
  const addContact = (owner: Owner): Case => ({
    action: `POST /projects/:id/contacts assigned to ${owner}`,
    allowed: owner === 'this advisor' ? WRITERS : MANAGERS,
    okStatus: 201,
    prepare: async (role) => {
      const project = await projectOf(owner);
      return {
        send: () =>
          as(role).post(`/projects/${project.id}/contacts`, {
            name: `Contact ${role}`,
            email: `${role}@contact.example`,
          }),
        state: async () => (await read(`/projects/${project.id}`)).contacts.length,
      };
    },
  });
  const bulkMove = (owner: Owner): Case => ({
    action: `POST /transitions/bulk on a project assigned to ${owner}`,
    allowed: owner === 'this advisor' ? WRITERS : MANAGERS,
    okStatus: 201,
    prepare: async (role) => {
      const project = await projectOf(owner);
      return {
        send: () => as(role).post('/transitions/bulk', { moves: [{ projectId: project.id, to: 'accompagnement' }] }),
        state: () => moveState(project.id),
      };
    },
  });

  const CASES: Case[] = [
    {
      action: 'POST /users',
      allowed: ['admin'],
      okStatus: 201,
      prepare: async (role) => {
        counter += 1;
        const body = {
          email: `made-by-${role}-${counter}@roles.example`,
          password: 'a-long-password-1',
          name: 'New user',
          role: 'viewer',
        };
        return { send: () => as(role).post('/users', body), state: () => countRows(t, 'users') };
      },
    },
    {
      action: 'PATCH /programs/:code/stages/:stageCode',
      allowed: ['admin'],
      okStatus: 200,
      prepare: async (role) => ({
        send: () =>
          as(role).patch('/programs/demarrage/stages/plan-affaires', { labelEn: `Business plan (set by ${role})` }),
        state: async () =>
          (await read('/programs/demarrage/stages')).find((s: { code: string }) => s.code === 'plan-affaires').labelEn,
      }),
    },
    {
      action: 'POST /cohorts',
      allowed: MANAGERS,
      okStatus: 201,
      prepare: async (role) => ({
        send: () => as(role).post('/cohorts', cohortBody()),
        state: () => countRows(t, 'cohorts'),
      }),
    },
    {
      action: 'PATCH /cohorts/:id',
      allowed: MANAGERS,
      okStatus: 200,
      prepare: async (role) => ({
        send: () => as(role).patch(`/cohorts/${cohortId}`, { label: `Cohorte renommée par ${role}` }),
        state: async () => (await read(`/cohorts/${cohortId}`)).label,
      }),
    },
    {
      action: 'POST /projects',
      allowed: WRITERS,
      okStatus: 201,
      prepare: async (role) => ({
        send: () => as(role).post('/projects', projectBody()),
        state: () => countRows(t, 'projects'),
      }),
    },
    {
      action: 'POST /projects assigned to another advisor',
      allowed: MANAGERS,
      okStatus: 201,
      prepare: async (role) => ({
        send: () => as(role).post('/projects', projectBody({ advisorId: otherAdvisorId })),
        state: () => countRows(t, 'projects'),
      }),
    },
    {
      action: 'POST /projects assigned to the caller',
      allowed: WRITERS,
      okStatus: 201,
      prepare: async (role) => ({
        send: () => as(role).post('/projects', projectBody({ advisorId: ids[role] })),
        state: () => countRows(t, 'projects'),
      }),
    },
    patchProject('another advisor'),
    patchProject('no advisor'),
    patchProject('this advisor'),
    moveProject('another advisor'),
    moveProject('no advisor'),
    moveProject('this advisor'),
    addContact('another advisor'),
    addContact('this advisor'),
    bulkMove('another advisor'),
    bulkMove('this advisor'),
    {
      action: 'GET /projects',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({ send: () => as(role).get('/projects') }),
    },
    {
      action: 'GET /projects/:id',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => {
        const project = await projectOf('another advisor');
        return { send: () => as(role).get(`/projects/${project.id}`) };
      },
    },
    {
      action: 'GET /programs',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({ send: () => as(role).get('/programs') }),
    },
    {
      action: 'GET /cohorts',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({ send: () => as(role).get('/cohorts') }),
    },
    {
      action: 'POST /cohorts/:id/ratings',
      allowed: MANAGERS,
      okStatus: 201,
      prepare: async (role) => ({
        send: () => as(role).post(`/cohorts/${cohortId}/ratings`, { ratings: [{ rating: 5 }] }),
        state: () => countRows(t, 'satisfaction_ratings'),
      }),
    },
    {
      action: 'GET /cohorts/:id/ratings',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({ send: () => as(role).get(`/cohorts/${cohortId}/ratings`) }),
    },
    {
      action: 'GET /cohorts/:id/export',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({
        send: () => as(role).get(`/cohorts/${cohortId}/export`),
        state: () => countRows(t, 'export_log'),
      }),
    },
    {
      action: 'GET /cohorts/:id/export?includeContacts=true',
      allowed: MANAGERS,
      okStatus: 200,
      prepare: async (role) => ({
        send: () => as(role).get(`/cohorts/${cohortId}/export?includeContacts=true`),
        state: () => countRows(t, 'export_log'),
      }),
    },
    {
      action: 'GET /programs/:code/report',
      allowed: EVERYONE,
      okStatus: 200,
      prepare: async (role) => ({
        send: () => as(role).get('/programs/parcours-coop/report?year=2024-2025'),
        state: () => countRows(t, 'export_log'),
      }),
    },
    {
      action: 'GET /exports/log',
      allowed: MANAGERS,
      okStatus: 200,
      prepare: async (role) => ({ send: () => as(role).get('/exports/log') }),
    },
  ];

  for (const c of CASES) {
    describe(c.action, () => {
      for (const role of ROLES) {
        const allowed = c.allowed.includes(role);
        it(`${role}: ${allowed ? c.okStatus : '403, nothing changed'}`, () => expectRoleOutcome(c, role));
      }
    });
  }

  describe('who a new project is assigned to', () => {
    it('an advisor creating a project becomes its advisor', async () => {
      const response = await as('advisor').post('/projects', projectBody()).expect(201);
      expect(response.body).toMatchObject({
        advisorId: ids.advisor,
        advisor: { id: ids.advisor, name: 'Test advisor' },
      });
      // ...and so may change it afterwards.
      await as('advisor').patch(`/projects/${response.body.id}`, { name: 'Renamed by its advisor' }).expect(200);
    });

    it.each(MANAGERS)('a %s assigns it to another advisor', async (role) => {
      const response = await as(role)
        .post('/projects', projectBody({ advisorId: otherAdvisorId }))
        .expect(201);
      expect(response.body.advisorId).toBe(otherAdvisorId);
    });

    it('an advisor cannot hand their project over to another advisor (403), a coordinator can', async () => {
      const project = await projectOf('this advisor');
      const refused = await as('advisor').patch(`/projects/${project.id}`, { advisorId: otherAdvisorId }).expect(403);
      expectErrorShape(refused.body, 403);
      expect(await projectState(project.id)).toMatchObject({ advisorId: ids.advisor, version: 1 });

      const reassigned = await as('coordinator')
        .patch(`/projects/${project.id}`, { advisorId: otherAdvisorId })
        .expect(200);
      expect(reassigned.body.advisorId).toBe(otherAdvisorId);
      // Now it is someone else's: the first advisor can no longer change it.
      const nowRefused = await as('advisor').patch(`/projects/${project.id}`, { name: 'Too late' }).expect(403);
      expectErrorShape(nowRefused.body, 403);
    });
  });

  describe('contacts are shown to staff, not to viewers', () => {
    let projectId: number;
    const contact = { name: 'Camille Roy', email: 'camille.roy@personne.example', language: 'en' };

    beforeAll(async () => {
      projectId = (await createProject(t, tokens.coordinator, { advisorId: otherAdvisorId, contacts: [contact] })).id;
    });

    it.each(['admin', 'coordinator', 'advisor'] as Role[])(
      'GET /projects/:id shows the contacts to a %s',
      async (role) => {
        const response = await as(role).get(`/projects/${projectId}`).expect(200);
        expect(response.body.contacts).toEqual([expect.objectContaining({ ...contact, projectId })]);
      },
    );

    it('GET /projects/:id hides them from a viewer, while showing the rest of the project', async () => {
      const response = await as('viewer').get(`/projects/${projectId}`).expect(200);
      expect(response.body).toMatchObject({
        id: projectId,
        advisorId: otherAdvisorId,
        enrollments: [expect.objectContaining({ programCode: 'demarrage' })],
      });
      expect(response.body).not.toHaveProperty('contacts');
      expect(JSON.stringify(response.body)).not.toContain(contact.email);
      expect(JSON.stringify(response.body)).not.toContain(contact.name);
    });

    it('no list or history shows them to a viewer either', async () => {
      for (const path of ['/projects?pageSize=500', `/projects/${projectId}/transitions`]) {
        const response = await as('viewer').get(path).expect(200);
        expect({ path, leaks: JSON.stringify(response.body).includes(contact.email) }).toEqual({ path, leaks: false });
      }
    });
  });
});
