import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const where = config.database.kind === 'sqlite' ? `SQLite file ${config.database.path}` : 'PostgreSQL';
  new Logger('Main').log(`Listening on http://localhost:${config.port} (API docs at /docs), data in ${where}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
