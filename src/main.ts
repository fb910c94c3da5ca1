import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';

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
    new Logger('Main').log(`Worker started (no HTTP listener), data in ${where}`);
    return;
  }
  await app.listen({ port: config.port, host: '0.0.0.0' });
  new Logger('Main').log(
    `Listening on http://localhost:${config.port} (API docs at /docs), role ${config.role}, data in ${where}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
