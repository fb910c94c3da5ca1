import { BuiltService, type ServiceProcess } from './support/built-service.js';
import { createProject } from './support/fixtures.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

// An api process killed (SIGKILL, as a crash or the OOM killer would) in the middle of a burst of
// moves: every move it answered is recorded, none is half-recorded, and the others can be made again.

const PROJECTS = 150;
const KILL_AFTER_ANSWERS = 40;

interface EnrollmentState {
  projectId: number;
  version: number;
  stage: string;
  transitions: number;
}

describe('an api process killed in the middle of a burst of moves', () => {
  const built = new BuiltService();
  let t: TestApp;
  let api: ServiceProcess | undefined;

  beforeAll(async () => {
    built.build();
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await api?.kill();
    await t.close();
    built.cleanUp();
  });

  async function enrollments(): Promise<Map<number, EnrollmentState>> {
    const rows: { project_id: number; version: number; stage_code: string; transitions: number | string }[] = await t.dataSource.query(
      `SELECT e.project_id, e.version, e.stage_code,
              (SELECT COUNT(*) FROM transitions tr WHERE tr.project_id = e.project_id AND tr.program_code = e.program_code) AS transitions
         FROM enrollments e`,
    );
    return new Map(
      rows.map((r) => [
        Number(r.project_id),
        { projectId: Number(r.project_id), version: Number(r.version), stage: r.stage_code, transitions: Number(r.transitions) },
      ]),
    );
  }

  it('keeps every answered move, leaves no move half-made, and lets the rest be made again', async () => {
    const coordinator = await t.tokenFor('coordinator');
    const projects: number[] = [];
    for (let i = 0; i < PROJECTS; i++) projects.push((await createProject(t, coordinator)).id);
    const before = await enrollments();

    api = await built.start(t, { ROLE: 'api' });
    const answered = new Map<number, number>();
    const failed: number[] = [];
    let killing: Promise<void> | undefined;
    const queue = [...projects];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let projectId = queue.shift(); projectId !== undefined; projectId = queue.shift()) {
          try {
            const response = await fetch(`${api!.url}/projects/${projectId}/transitions`, {
              method: 'POST',
              headers: { ...bearer(coordinator), 'content-type': 'application/json' },
              body: JSON.stringify({ to: 'accompagnement' }),
            });
            if (response.status !== 201) throw new Error(`move answered ${response.status}`);
            answered.set(projectId, ((await response.json()) as { transition: { id: number } }).transition.id);
            if (answered.size === KILL_AFTER_ANSWERS) killing = api!.kill('SIGKILL');
          } catch {
            failed.push(projectId);
          }
        }
      }),
    );
    await killing;
    expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);
    expect(failed.length).toBeGreaterThan(0);

    const after = await enrollments();
    for (const projectId of projects) {
      const was = before.get(projectId)!;
      const is = after.get(projectId)!;
      const moved = is.version - was.version;
      // Whole or not at all: one more version, one more transition and the new stage, or none of them.
      expect({ projectId, moved, transitions: is.transitions - was.transitions, stage: is.stage }).toEqual({
        projectId,
        moved: expect.any(Number),
        transitions: moved,
        stage: moved === 1 ? 'accompagnement' : was.stage,
      });
      expect([0, 1]).toContain(moved);
      if (answered.has(projectId)) expect(moved).toBe(1);
    }
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM transitions WHERE id IN (${[...answered.values()].join(',')})`);
    expect(Number(n)).toBe(answered.size);

    // Nothing is left locked: every project the crash interrupted moves now, through another process.
    for (const projectId of projects.filter((id) => after.get(id)!.version === before.get(id)!.version)) {
      await t.http().post(`/projects/${projectId}/transitions`).set(bearer(coordinator)).send({ to: 'accompagnement' }).expect(201);
    }
    const final = await enrollments();
    expect([...final.values()].filter((e) => projects.includes(e.projectId) && e.stage !== 'accompagnement')).toEqual([]);
  }, 180_000);
});
