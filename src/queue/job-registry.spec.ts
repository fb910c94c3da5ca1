import { JobRegistry } from './job-registry.js';
import { JOBS } from './queue.constants.js';

const everyHandler = (registry: JobRegistry) => {
  for (const [queue, names] of Object.entries(JOBS) as [keyof typeof JOBS, readonly string[]][]) {
    for (const name of names) registry.register(queue, name, async () => undefined);
  }
};

describe('JobRegistry', () => {
  it('lets a worker start when every job name has exactly one handler', () => {
    const registry = new JobRegistry(true);
    everyHandler(registry);
    expect(() => registry.onApplicationBootstrap()).not.toThrow();
  });

  it('refuses to start a worker when a job name has no handler, or two', () => {
    const missing = new JobRegistry(true);
    missing.register('figures', 'recompute-scope', async () => undefined);
    expect(() => missing.onApplicationBootstrap()).toThrow(/job recompute-all on queue figures has 0 handlers/);

    const doubled = new JobRegistry(true);
    everyHandler(doubled);
    doubled.register('figures', 'recompute-all', async () => undefined);
    expect(() => doubled.onApplicationBootstrap()).toThrow(/job recompute-all on queue figures has 2 handlers/);
  });

  it('refuses a handler for a job the queue does not have', () => {
    const registry = new JobRegistry(true);
    everyHandler(registry);
    registry.register('figures', 'send-mail', async () => undefined);
    expect(() => registry.onApplicationBootstrap()).toThrow(
      /send-mail on queue figures, which is not a job of that queue/,
    );
  });

  it('checks nothing in an api-only process, which runs no processor', () => {
    expect(() => new JobRegistry(false).onApplicationBootstrap()).not.toThrow();
  });
});
