import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_IMPORT_BYTES } from './import-limits.js';

/**
 * multipart/form-data for the routes that take a file (the import), within the import's limits:
 * one file, a handful of fields, and a file over the limit stops being read at the limit (413).
 */
export async function registerFileUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  });
}
