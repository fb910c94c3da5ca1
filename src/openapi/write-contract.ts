import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/app-config.js';
import { CLIENT_SCHEMA_FILE, clientSchemaText, DOCUMENT_FILE, documentText } from './contract-files.js';

/**
 * `npm run openapi`: starts the api on an empty database of its own, reads the document it
 * serves, and writes `openapi.json` and the typed client's schema into the working directory.
 */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'coop-openapi-'));
  const app = await createApp(
    loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      ROLE: 'api',
      DATABASE_URL: `sqlite:${join(dir, 'openapi.sqlite')}`,
      DATABASE_SCHEMA: '',
      DEMO_DATA: 'false',
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    }),
    { logger: ['error'] },
  );
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/docs-json`);
    const document = documentText((await response.json()) as object);
    writeFileSync(DOCUMENT_FILE, document);
    mkdirSync(dirname(CLIENT_SCHEMA_FILE), { recursive: true });
    writeFileSync(CLIENT_SCHEMA_FILE, await clientSchemaText(document));
    console.log(`Wrote ${DOCUMENT_FILE} and ${CLIENT_SCHEMA_FILE}`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
