import { readFileSync } from 'node:fs';
import { createApiClient } from '../client/index.js';
import { CLIENT_SCHEMA_FILE, clientSchemaText, DOCUMENT_FILE, documentText } from '../src/openapi/contract-files.js';
import { ResponseContract } from './support/response-contract.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
type Operation = {
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};

describe('the published contract', () => {
  let t: TestApp;
  let served: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('commits openapi.json exactly as the app serves it (`npm run openapi` writes it)', () => {
    const committed = readFileSync(DOCUMENT_FILE, 'utf8');
    if (committed !== documentText(served)) {
      throw new Error(`${DOCUMENT_FILE} differs from what the code produces: run \`npm run openapi\` and commit it`);
    }
  });

  it('commits the typed client generated from openapi.json', async () => {
    const expected = await clientSchemaText(readFileSync(DOCUMENT_FILE, 'utf8'));
    if (readFileSync(CLIENT_SCHEMA_FILE, 'utf8') !== expected) {
      throw new Error(`${CLIENT_SCHEMA_FILE} differs from what openapi.json produces: run \`npm run openapi\``);
    }
  });

  it('gives every operation a summary, a tag and a typed body for each success that has one', () => {
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(served.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const operation = item[method];
        const name = `${method.toUpperCase()} ${path}`;
        if (!operation.summary) gaps.push(`${name} has no summary`);
        if (!operation.tags?.length) gaps.push(`${name} has no tag`);
        const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (successes.length === 0) gaps.push(`${name} documents no success`);
        for (const [status, response] of successes) {
          const media = Object.values(response.content ?? {});
          if (status !== '204' && (media.length === 0 || media.some((m) => !m.schema)))
            gaps.push(`${name} ${status} has no typed body`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  describe('the check every test makes of every response', () => {
    let contract: ResponseContract;
    beforeAll(() => {
      contract = new ResponseContract(() => undefined);
      contract.use(served);
    });

    it('passes a response as the app sends it', async () => {
      const me = await t
        .http()
        .get('/users/me')
        .set(bearer(await t.tokenFor('advisor')));
      const problem = contract.check('GET', '/users/me', 200, 'application/json', JSON.stringify(me.body));
      expect(problem).toBeUndefined();
    });

    it('fails a response with a field the document does not name, naming it', async () => {
      const me = await t
        .http()
        .get('/users/me')
        .set(bearer(await t.tokenFor('advisor')));
      const problem = contract.check(
        'GET',
        '/users/me',
        200,
        'application/json',
        JSON.stringify({ ...me.body, passwordHash: 'x' }),
      );
      expect(problem).toContain('undocumented field "passwordHash"');
    });

    it('fails a status the operation does not list, and a field of the wrong type', async () => {
      expect(contract.check('GET', '/users/me', 418, 'application/json', '{}')).toContain('status 418 is not in');
      const me = await t
        .http()
        .get('/users/me')
        .set(bearer(await t.tokenFor('advisor')));
      const problem = contract.check(
        'GET',
        '/users/me',
        200,
        'application/json',
        JSON.stringify({ ...me.body, id: 'a' }),
      );
      expect(problem).toContain('/id must be integer');
    });
  });

  it('lets a typed client sign in, create a project, and move it with the ETag it read', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as { port: number };
    const baseUrl = `http://127.0.0.1:${port}`;
    await t.tokenFor('advisor');
    const email = `advisor-client@test.example`;
    await t
      .http()
      .post('/users')
      .set(bearer(await t.tokenFor('admin')))
      .send({ email, password: 'client-password-123', name: 'Client Typé', role: 'advisor' })
      .expect(201);

    const signIn = await createApiClient(baseUrl).POST('/auth/login', {
      body: { email, password: 'client-password-123' },
    });
    expect(signIn.response.status).toBe(200);
    const client = createApiClient(baseUrl, signIn.data!.accessToken);
    const me = await client.GET('/users/me');
    expect(me.data?.email).toBe(email);
    const created = await client.POST('/projects', {
      body: {
        name: 'Coop typée',
        sector: 'menuiserie',
        kind: 'startup',
        coopType: 'worker',
        region: '06',
        entrepreneurCount: 3,
        programCode: 'demarrage',
      },
    });
    expect(created.response.status).toBe(201);
    const read = await client.GET('/projects/{id}', { params: { path: { id: created.data!.id } } });
    expect(read.data?.name).toBe('Coop typée');
    // The enrollment's ETag, sent back as If-Match, moves it: no spurious 409.
    const path = { id: created.data!.id, programCode: 'demarrage' };
    const enrollment = await client.GET('/projects/{id}/enrollments/{programCode}', { params: { path } });
    const etag = enrollment.response.headers.get('etag')!;
    expect(etag).toBe(`"${enrollment.data!.version}"`);
    const stages = await client.GET('/programs/{code}/stages', { params: { path: { code: 'demarrage' } } });
    const next = stages.data!.find((stage) => stage.position === enrollment.data!.stage.position + 1)!;
    const moved = await client.POST('/projects/{id}/transitions', {
      params: { path: { id: created.data!.id }, header: { 'If-Match': etag } },
      body: { to: next.code, programCode: 'demarrage' },
    });
    expect(moved.response.status).toBe(201);
    expect(moved.data?.enrollment.stage.code).toBe(next.code);
  });
});
