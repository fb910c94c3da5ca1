import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { startWorkerProbe } from './health/worker-probe.js';
import { Metrics } from './metrics/metrics.js';

async function main() {
  let config;
  try {
    // The role can also be given as an argument: `node dist/main.js worker`.
    const roleArgument = process.argv[2];
    config = loadConfig(roleArgument ? { ...process.env, ROLE: roleArgument } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const where = config.database.kind === 'sqlite' ? `SQLite file ${config.database.path}` : 'PostgreSQL';
  if (config.role === 'worker') {
    const probe = await startWorkerProbe(config.workerHttpPort, {
      registry: app.get(Metrics).registry,
      token: config.metricsToken,
    });
    // Nest's shutdown hooks close the app on SIGTERM; the probe stops answering with it.
    process.once('SIGTERM', () => probe.close());
    new Logger('Main').log(
      `Worker started (no api; liveness at http://localhost:${config.workerHttpPort}/health/live, metrics at /metrics), data in ${where}`,
    );
    return;
  }
  await app.listen({ port: config.port, host: '0.0.0.0' });
  new Logger('Main').log(
    `Listening on http://localhost:${config.port} (web app at /app/, API docs at /docs), role ${config.role}, data in ${where}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
